from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "auscult.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.backends.signals import connection_created
        from django.urls import register_converter

        from . import cache
        from .db_limits import web_limits_apply
        from .params import IdConverter

        # `<id:pk>` for every app's URLs; registered once, before any URLconf is read.
        register_converter(IdConverter, "id")
        # Statement and lock timeouts for connections opened by web requests (db_limits.py).
        connection_created.connect(web_limits_apply, dispatch_uid="auscult-web-db-limits")
        # What a request's cache reads fetched ahead lasts as long as the request (cache.py, "Read-ahead").
        request_started.connect(cache.request_started, dispatch_uid="auscult-cache-read-ahead-start")
        request_finished.connect(cache.request_finished, dispatch_uid="auscult-cache-read-ahead-end")
