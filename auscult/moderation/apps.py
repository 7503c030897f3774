from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "auscult.moderation"
    label = "moderation"
    verbose_name = "Moderation"
