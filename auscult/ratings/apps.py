from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "auscult.ratings"
    label = "ratings"
    verbose_name = "Ratings"

    def ready(self):
        from auscult.members import data as member_data

        from .people import erase_ratings, export_ratings

        member_data.register("ratings", export=export_ratings, erase=erase_ratings)
