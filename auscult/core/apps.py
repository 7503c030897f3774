from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "auscult.core"
    label = "core"
    verbose_name = "Core"
