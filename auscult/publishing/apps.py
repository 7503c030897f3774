from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "auscult.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        from . import signals, site_address  # noqa: F401 (site_address registers its deploy check)

        signals.connect()
