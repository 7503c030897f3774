from django.core.management.base import BaseCommand, CommandError

from auscult.publishing.site_address import site_address_sync


class Command(BaseCommand):
    help = "Point the Wagtail site at SITE_URL's host and port (run after migrate, on every start)."

    def handle(self, *args, **options):
        site = site_address_sync()
        if site is None:
            raise CommandError("There is no default Wagtail site: run `manage.py migrate` first.")
        if options["verbosity"] > 1:
            self.stdout.write(f"The site is at {site.root_url}.")
