from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "auscult.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.urls import register_converter

        from .params import IdConverter

        # `<id:pk>` for every app's URLs; registered once, before any URLconf is read.
        register_converter(IdConverter, "id")
