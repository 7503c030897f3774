from django.core.management.base import BaseCommand, CommandError

from auscult.moderation.counters import counter_drift, recount

# Drift lines printed before the rest are summed up in one line.
SHOWN = 50


class Command(BaseCommand):
    help = (
        "Compare every stored counter (comment counts, reply and report counts, rating totals) with a recount "
        "of the rows; exit 1 if any differs. With --repair, rewrite them from the rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Rewrite every stored counter from the rows.")

    def handle(self, *args, **options):
        drift = counter_drift()
        self.report(drift)
        if not drift:
            return
        if not options["repair"]:
            raise CommandError(
                f"{len(drift)} stored counter(s) differ from their recount; `manage.py counters --repair` "
                "rewrites them.",
                returncode=1,
            )
        changed = recount()
        self.stdout.write(f"Recounted: {changed} row(s) rewritten.")
        left = counter_drift()
        if left:
            self.report(left)
            raise CommandError(f"{len(left)} counter(s) still differ after the recount.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Every stored counter now equals its recount."))

    def report(self, drift):
        if not drift:
            self.stdout.write(self.style.SUCCESS("Every stored counter equals its recount."))
            return
        for line in drift[:SHOWN]:
            self.stdout.write(line)
        if len(drift) > SHOWN:
            self.stdout.write(f"… and {len(drift) - SHOWN} more.")
