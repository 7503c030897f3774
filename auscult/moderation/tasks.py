"""E-mails about moderation, sent off the request path."""

from django.urls import reverse
from django_tasks import task

from auscult.core.email import on_site, send_email, site_url


@task()
def notify_author(comment_id, decision, reason=""):
    """Tell a comment's author it was rejected or removed (with the reason) or, if the site asks, approved."""
    from auscult.comments.models import Comment

    from .models import AuditAction, ModerationSettings

    comment = Comment.objects.select_related("author", "article").get(pk=comment_id)
    author = comment.author
    told = (AuditAction.REJECT, AuditAction.REMOVE, AuditAction.APPROVE)
    if decision not in told or not author.email or author.is_deleted:
        return
    if decision == AuditAction.APPROVE and not ModerationSettings.load().email_author_on_approval:
        return
    context = {
        "comment": comment,
        "approved": decision == AuditAction.APPROVE,
        "rejected": decision == AuditAction.REJECT,  # otherwise removed
        "reason": reason,
        "article_url": on_site(comment.article.url),
        "my_comments_url": site_url(reverse("comments:mine")),
    }
    send_email("moderation/email/decision", [author.email], context)


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
    context = {
        "article": article,
        "reason": reason,
        "article_url": on_site(article.url),
        "edit_url": site_url(reverse("wagtailadmin_pages:edit", args=[article.pk])),
    }
    send_email("moderation/email/surge", recipients, context)


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
    context = {"sizes": sizes, "queue_url": site_url(reverse("moderation_admin:queue"))}
    send_email("moderation/email/digest", recipients, context)
