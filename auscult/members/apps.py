from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "auscult.members"
    label = "members"
    verbose_name = "Members"
