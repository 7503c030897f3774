from django.core.management.base import BaseCommand, CommandError
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from auscult.publishing.images import PLACES, generate_renditions, places_in_use


class Command(BaseCommand):
    help = (
        "Make every missing rendition of every image the site shows, for the places it is shown in (after a deploy "
        "that adds a width, a format or a place, or on a site that had none). Pages never make them themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--place",
            action="append",
            choices=sorted(PLACES),
            help="Only this place (repeatable), for every image in use there.",
        )

    def handle(self, *args, **options):
        uses = places_in_use()
        if options["place"]:
            chosen = {PLACES[name] for name in options["place"]}
            uses = {image_id: places & chosen for image_id, places in uses.items() if places & chosen}
        images = get_image_model().objects.filter(pk__in=uses).order_by("pk")
        total, made, failed = images.count(), 0, 0
        verbose = options["verbosity"] > 0
        for n, image in enumerate(images.iterator(), start=1):
            places = sorted(uses[image.pk], key=lambda place: place.name)
            try:
                count = len(generate_renditions(image, places))
            # A missing or unreadable file (Willow's and Wagtail's errors are OSErrors and ValueErrors): say so, go on.
            except (SourceImageIOError, OSError, ValueError) as exc:
                failed += 1
                self.stderr.write(f"[{n}/{total}] {image.title} (image {image.pk}): {exc}")
                continue
            made += count
            if verbose:
                where = ", ".join(place.name for place in places)
                self.stdout.write(f"[{n}/{total}] {image.title} (image {image.pk}, {where}): {count} made")
        if verbose:
            self.stdout.write(self.style.SUCCESS(f"{made} renditions made for {total} images."))
        if failed:
            raise CommandError(f"{failed} of {total} images could not be read; their renditions are missing.")
