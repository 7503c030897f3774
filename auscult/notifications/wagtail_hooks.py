from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

from auscult.members.activity import ACCOUNT_ACTIVITY_HOOK, ActivityLink
from auscult.publishing.engagement import ARTICLE_ENGAGEMENT_HOOK, MASTHEAD_ACCOUNT_HOOK

from . import services


@hooks.register(MASTHEAD_ACCOUNT_HOOK)
def notifications_item(request):
    unread = services.unread_count(request.user)
    label = f"Notifications ({unread})" if unread else "Notifications"
    return format_html(
        '<li><a href="{}" class="account-nav__notifications{}">{}<span class="visually-hidden">{}</span></a></li>',
        reverse("notifications:list"),
        " account-nav__notifications--unread" if unread else "",
        label,
        " unread" if unread else "",
    )


@hooks.register(ACCOUNT_ACTIVITY_HOOK, order=30)
def notifications_link(request):
    unread = services.unread_count(request.user)
    return ActivityLink(reverse("notifications:list"), "Notifications", f"{unread} unread" if unread else "")


@hooks.register(ACCOUNT_ACTIVITY_HOOK, order=31)
def email_choices_link(request):
    return ActivityLink(
        reverse("notifications:preferences"), "E-mail choices", "replies to your comments, discussions you follow"
    )


@hooks.register(ARTICLE_ENGAGEMENT_HOOK, order=15)
def follow_button(request, article):
    """Follow the discussion: for a signed-in member only (their page is theirs; a visitor's copy is everyone's)."""
    if not request.user.is_authenticated:
        return ""
    context = {
        "article": article,
        "following": services.is_following(request.user, article),
        "csrf_token": get_token(request),
    }
    return render_to_string("notifications/follow.html", context, request=request)
