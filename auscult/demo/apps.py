from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "auscult.demo"
    label = "demo"
    verbose_name = "Demo content"
