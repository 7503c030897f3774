from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "auscult.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        # site_address registers its deploy check, image_signals its receivers, as they are imported.
        from . import image_signals, signals, site_address  # noqa: F401

        signals.connect()
