from django.apps import AppConfig


class FloorConfig(AppConfig):
    name = "bench.minimal.floor"
    label = "floor"
    default_auto_field = "django.db.models.BigAutoField"
