from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "auscult.notifications"
    verbose_name = "Notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auscult.members import data

        from . import signals
        from .people import erase_notifications, export_notifications

        signals.connect()
        data.register("notifications", export=export_notifications, erase=erase_notifications)
