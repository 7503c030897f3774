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
