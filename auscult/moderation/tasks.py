"""E-mails about moderation, sent off the request path."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task


@task()
def notify_author(comment_id, decision, reason=""):
    """Tell a comment's author it was rejected or removed (with the reason) or, if the site asks, approved."""
    from auscult.comments.models import Comment

    from .models import ModerationSettings

    comment = Comment.objects.select_related("author", "article").get(pk=comment_id)
    author = comment.author
    if decision not in ("reject", "remove", "approve") or not author.email or author.is_deleted:
        return
    if decision == "approve" and not ModerationSettings.load().email_author_on_approval:
        return
    context = {
        "comment": comment,
        "decision": decision,
        "reason": reason,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "article_url": settings.WAGTAILADMIN_BASE_URL + comment.article.url,
    }
    subject = render_to_string("moderation/email/decision_subject.txt", context).strip()
    body = render_to_string("moderation/email/decision_body.txt", context)
    send_mail(subject, body, None, [author.email])


@task()
def notify_editors_of_surge(article_id, reason):
    """Tell every editor that an article switched itself to pre-moderation, and how to undo it."""
    from django.contrib.auth import get_user_model

    from auscult.publishing.models import ArticlePage

    article = ArticlePage.objects.get(pk=article_id)
    editors = get_user_model().objects.filter(groups__name="Editors", is_active=True).exclude(email="")
    recipients = sorted({e.email for e in editors})
    if not recipients:
        return
    base = settings.WAGTAILADMIN_BASE_URL
    body = (
        f"Comments on “{article.title}” switched to pre-moderation automatically.\n\n"
        f"Why: {reason}\n\nArticle: {base}{article.url}\n"
        "To switch it back, set the comment mode on the article's Comments tab:\n"
        f"{base}/admin/pages/{article.pk}/edit/\n"
    )
    send_mail(f"{settings.WAGTAIL_SITE_NAME}: surge protection on “{article.title}”", body, None, recipients)


@task()
def send_moderator_digest():
    """Queue sizes, e-mailed to every moderator with an address."""
    from django.contrib.auth import get_user_model

    from .queues import queue_sizes

    sizes = queue_sizes()
    moderators = get_user_model().objects.filter(groups__name="Moderators", is_active=True).exclude(email="")
    recipients = sorted({m.email for m in moderators})
    if not recipients:
        return
    body = (
        f"Held comments waiting: {sizes['held']}\nReported comments waiting: {sizes['reported']}\n\n"
        f"{settings.WAGTAILADMIN_BASE_URL}/admin/moderation/\n"
    )
    send_mail(f"{settings.WAGTAIL_SITE_NAME}: moderation queues", body, None, recipients)
