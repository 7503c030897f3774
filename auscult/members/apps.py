from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class MembersConfig(AppConfig):
    name = "auscult.members"
    label = "members"
    verbose_name = "Members"
    default = True

    def ready(self):
        from . import signals

        signals.connect()


class MemberUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with the member-aware forms of admin_users."""

    user_viewset = "auscult.members.admin_users.MemberUserViewSet"
