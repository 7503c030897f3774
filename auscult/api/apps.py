from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "auscult.api"
    label = "api"
    verbose_name = "Public API"

    def ready(self):
        from auscult.members import data

        from . import people, signals

        data.register("api_tokens", export=people.export, erase=people.erase)
        signals.connect()
