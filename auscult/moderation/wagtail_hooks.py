from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .audit_views import AuditLogView
from .choosers import member_chooser_viewset
from .models import ReasonTemplate
from .permissions import MODERATE
from .queues import Queue, queue_sizes
from .services import comment_mode_set


@hooks.register("after_create_page")
def store_comment_mode_of_new_article(request, page):
    """New pages have no id when their form is saved; store the chosen mode once they do."""
    mode = getattr(page, "_comment_mode_choice", None)
    if mode:
        comment_mode_set(article=page, mode=mode, by=request.user)


@hooks.register("before_delete_page")
def keep_articles_with_legal_holds(request, page):
    """An article whose comments are under a legal hold cannot be deleted until the holds are lifted."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .models import LegalHold

    holds = LegalHold.objects.active().filter(comment__article_id=page.pk)
    if holds.exists():
        messages.error(
            request,
            f"“{page.title}” has comments under a legal hold ({holds.count()}). Lift the holds before deleting it.",
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


class ReasonTemplateViewSet(SnippetViewSet):
    """The reasons moderators choose from when rejecting or removing; their text goes to the author."""

    model = ReasonTemplate
    icon = "comment"
    menu_label = "Reason templates"
    list_display = ["title", "text", "sort_order"]


register_snippet(ReasonTemplateViewSet)


class ModerationMenuItem(MenuItem):
    """'Moderation' with the queue sizes, for those who moderate."""

    def is_shown(self, request):
        return request.user.has_perm(MODERATE)

    def render_component(self, request):
        sizes = queue_sizes(request)
        self.label = f"Moderation ({sizes[Queue.HELD]} held, {sizes[Queue.REPORTED]} reported)"
        return super().render_component(request)


@hooks.register("register_admin_urls")
def moderation_urls():
    urls = [
        path("", admin_views.queue, name="queue"),
        path("queue/<slug:name>/", admin_views.queue, name="queue_named"),
        path("decide/", admin_views.decide, name="decide"),
        path("members/<id:pk>/", admin_views.MemberView.as_view(), name="member"),
        path("members/<id:pk>/sanction/", admin_views.MemberSanctionView.as_view(), name="member_sanction"),
        path(
            "members/<id:pk>/sanctions/<id:sanction>/lift/",
            admin_views.SanctionLiftView.as_view(),
            name="member_sanction_lift",
        ),
        path(
            "members/<id:pk>/comments/<id:comment>/hold/",
            admin_views.LegalHoldPlaceView.as_view(),
            name="member_hold_place",
        ),
        path("members/<id:pk>/holds/<id:hold>/lift/", admin_views.LegalHoldLiftView.as_view(), name="member_hold_lift"),
        path("timing/", admin_views.timing, name="timing"),
        path("audit/", AuditLogView.as_view(), name="audit"),
        path("audit/results/", AuditLogView.as_view(results_only=True), name="audit_results"),
    ]
    return [path("moderation/", include((urls, "moderation_admin")))]


@hooks.register("register_admin_viewset")
def register_member_chooser():
    return member_chooser_viewset


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem("Moderation", reverse("moderation_admin:queue"), icon_name="comment", order=150)
