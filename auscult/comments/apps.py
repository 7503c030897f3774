from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "auscult.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self):
        from auscult.members import data

        from . import signals
        from .people import erase_comments, export_comments

        data.register("comments", export=export_comments, erase=erase_comments)
        signals.connect()
