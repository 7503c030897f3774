from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .services import approval_queue_size


class ApprovalMenuItem(MenuItem):
    """'Registrations' with the number waiting, shown to those who may approve."""

    def is_shown(self, request):
        return request.user.has_perm(admin_views.APPROVE_PERMISSION)

    def render_component(self, request):
        waiting = approval_queue_size()
        self.label = f"Registrations ({waiting})" if waiting else "Registrations"
        return super().render_component(request)


@hooks.register("register_admin_urls")
def member_admin_urls():
    urls = [
        path("", admin_views.approval_queue, name="approvals"),
        path("<int:pk>/decide/", admin_views.approval_decide, name="decide"),
    ]
    return [path("registrations/", include((urls, "members_admin")))]


@hooks.register("register_admin_menu_item")
def approval_menu_item():
    return ApprovalMenuItem("Registrations", reverse("members_admin:approvals"), icon_name="group", order=250)
