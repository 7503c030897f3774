from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "auscult.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self):
        from auscult.members import data

        from .legal_holds import has_active_hold
        from .people import export_moderation
        from .rules import connect as connect_rules

        connect_rules()

        # Reporters are not named; who reported a comment is not the author's data.
        data.register("moderation", export=export_moderation, retains_contact=has_active_hold)
