from django.core.management.base import BaseCommand

from auscult.moderation.tasks import send_moderator_digest


class Command(BaseCommand):
    help = "E-mail the moderators the sizes of the moderation queues (run it from a timer, e.g. hourly)."

    def handle(self, *args, **options):
        send_moderator_digest.enqueue()
        self.stdout.write("Moderation digest queued.")
