"""Send the digests of followed discussions that are due (run every few minutes by a timer)."""

from django.core.management.base import BaseCommand

from auscult.notifications.digests import prune_claims, send_digests


class Command(BaseCommand):
    help = "Send the digests of new comments in followed discussions that are due now (safe to run on two machines)."

    def handle(self, *args, **options):
        sent = send_digests()
        pruned = prune_claims()
        summary = ", ".join(f"{frequency}: {n}" for frequency, n in sent.items())
        self.stdout.write(f"Digests sent: {summary}; old claims pruned: {pruned}")
