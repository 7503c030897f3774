from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "auscult.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.urls import register_converter

        from .db_limits import web_limits_apply
        from .params import IdConverter

        # `<id:pk>` for every app's URLs; registered once, before any URLconf is read.
        register_converter(IdConverter, "id")
        # Statement and lock timeouts for connections opened by web requests (db_limits.py).
        connection_created.connect(web_limits_apply, dispatch_uid="auscult-web-db-limits")
