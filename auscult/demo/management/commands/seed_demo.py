from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from auscult.demo.accounts import existing_accounts
from auscult.demo.progress import progress_bar
from auscult.demo.seed import AlreadySeeded, SeedOptions, is_seeded, seed


class Command(BaseCommand):
    help = "Fill an empty database with a generated demo magazine and print the demo accounts."

    def add_arguments(self, parser):
        defaults = SeedOptions()
        parser.add_argument("--seed", type=int, default=defaults.seed, help="Same seed, same magazine.")
        parser.add_argument("--articles", type=int, default=defaults.articles)
        parser.add_argument("--authors", type=int, default=defaults.authors)
        parser.add_argument("--issues", type=int, default=defaults.issues, help="Monthly print issues.")
        parser.add_argument("--members", type=int, default=defaults.members, help="Demo members who can sign in.")
        parser.add_argument(
            "--readers", type=int, default=defaults.readers, help="Members who take part in the demo discussion."
        )
        parser.add_argument("--no-index", action="store_true", help="Skip rebuilding the search index.")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing (successfully) when content already exists."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even under production settings, creating staff accounts with the printed passwords.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and is_seeded():
            self.stdout.write("The database already has content; not seeding.")
            self.print_accounts(existing_accounts())
            return
        if settings.AUSCULT.get("PRODUCTION") and not options["allow_production"]:
            raise CommandError(
                "These are production settings: seed_demo would create an administrator and other staff "
                "accounts whose passwords are fixed and printed. Seed a local or staging database instead, "
                "or pass --allow-production if this deployment really is a demo."
            )
        if options["authors"] < 1 and options["articles"] > 0:
            raise CommandError("Articles need at least one author.")
        seed_options = SeedOptions(
            seed=options["seed"],
            articles=options["articles"],
            authors=options["authors"],
            issues=options["issues"],
            members=options["members"],
            readers=options["readers"],
            index=not options["no_index"],
        )
        bar = progress_bar(
            total=seed_options.articles, unit="article", desc="Articles", disable=options["verbosity"] < 1
        )
        try:
            accounts = seed(seed_options, progress=bar.update)
        except AlreadySeeded as exc:
            raise CommandError(str(exc)) from exc
        finally:
            bar.close()
        self.stdout.write(self.style.SUCCESS(f"Seeded {seed_options.articles} articles."))
        self.print_accounts(accounts)

    def print_accounts(self, accounts):
        if not accounts:
            return
        self.stdout.write("Demo accounts: sign in on the site with the e-mail address, in /admin/ with the username.")
        self.stdout.write(f"  {'role':<10} {'username':<10} {'e-mail':<28} {'password':<20} display name")
        for a in accounts:
            note = f"  ({a.note})" if a.note else ""
            self.stdout.write(f"  {a.role:<10} {a.username:<10} {a.email:<28} {a.password:<20} {a.display_name}{note}")
