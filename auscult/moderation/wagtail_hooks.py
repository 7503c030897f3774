from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .audit_views import AuditLogView
from .queues import queue_sizes
from .services import comment_mode_set


@hooks.register("after_create_page")
def store_comment_mode_of_new_article(request, page):
    """New pages have no id when their form is saved; store the chosen mode once they do."""
    mode = getattr(page, "_comment_mode_choice", None)
    if mode:
        comment_mode_set(article=page, mode=mode, by=request.user)


class ModerationMenuItem(MenuItem):
    """'Moderation' with the queue sizes, for those who moderate."""

    def is_shown(self, request):
        return request.user.has_perm(admin_views.MODERATE)

    def render_component(self, request):
        sizes = queue_sizes()
        self.label = f"Moderation ({sizes['held']} held, {sizes['reported']} reported)"
        return super().render_component(request)


@hooks.register("register_admin_urls")
def moderation_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("queue/<slug:name>/", admin_views.queue, name="queue_named"),
        path("decide/", admin_views.decide, name="decide"),
        path("members/<int:pk>/", admin_views.member, name="member"),
        path("timing/", admin_views.timing, name="timing"),
        path("audit/", AuditLogView.as_view(), name="audit"),
        path("audit/results/", AuditLogView.as_view(results_only=True), name="audit_results"),
    ]
    return [path("moderation/", include((urls, "moderation_admin")))]


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem("Moderation", reverse("moderation_admin:queue"), icon_name="comment", order=150)
