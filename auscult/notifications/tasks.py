"""Telling members, off the request path: `notify_published` (queued when a comment is first published) records a
notification for each person it concerns and queues its e-mail; `send_notification_email` sends one, checking
again that it should, and tries again later (with a growing wait) when the mail server fails for a while.
django-tasks retries nothing itself."""

import logging
import smtplib
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend, task

from auscult.core.email import build_email, on_site, site_url

from . import services
from .models import Kind, Notification
from .tokens import unsubscribe_link

logger = logging.getLogger(__name__)

# Tries of one e-mail before it is given up, and the wait before the second (doubled each time after).
MAX_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=2)


@task()
def notify_published(comment_id):
    from auscult.comments.models import Comment, CommentStatus

    comment = (
        Comment.objects.select_related("author", "article", "parent", "parent__author").filter(pk=comment_id).first()
    )
    if comment is None or comment.status != CommentStatus.PUBLISHED:
        return 0  # held, rejected, removed or deleted since it was queued: nobody is told
    told = []
    if services.was_held(comment) and services.author_may_be_told(comment):
        _tell(comment.author, Kind.APPROVED, comment)
    for member, kind in services.recipients(comment):
        _tell(member, kind, comment)
        told.append(member.pk)  # told of it as a reply: not again in their digest
    services.follow_on_commenting(comment)
    return services.queue_for_followers(comment, told=told)


@task()
def notify_author(comment_id, kind):
    """Tell a comment's author it was first recommended or featured, if it is still published."""
    from auscult.comments.models import Comment, CommentStatus

    comment = Comment.objects.select_related("author", "article").filter(pk=comment_id).first()
    if comment is None or comment.status != CommentStatus.PUBLISHED or not services.author_may_be_told(comment):
        return 0
    return int(_tell(comment.author, Kind(kind), comment))


def _tell(member, kind, comment):
    notification = services.notify(member, kind, comment)
    if notification is None:
        return False
    if services.may_email(member, kind) and not _site_emails_it(kind):
        send_notification_email.enqueue(notification.pk)
    return True


def _site_emails_it(kind):
    """Whether moderation already e-mails this (the site's "e-mail authors on approval"): not twice."""
    from auscult.moderation.models import ModerationSettings

    return kind == Kind.APPROVED and ModerationSettings.load().email_author_on_approval


@task()
def send_notification_email(notification_id, attempt=1):
    from auscult.comments.models import CommentStatus

    notification = (
        Notification.objects.select_related("member", "comment__article", "comment__author")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.emailed_at is not None:
        return "gone or sent"
    comment, member = notification.comment, notification.member
    # Checked again now, not only when it was queued.
    if comment.status != CommentStatus.PUBLISHED or not services.may_email(member, notification.kind):
        return "not sent"
    if not services.claim_email(notification):
        return "sent by another worker"
    period = services.claim_period(member, notification.kind)
    if period is None:
        # One e-mail of a kind per member per period: the rest wait in their notifications, which the next e-mail
        # counts. Not a flood when a thread turns on them.
        services.release_email(notification)
        return "held back: one a period"
    message = notification_email(notification)
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused:
        logger.warning("The mail server refused the address of member %s: nothing more is sent to it", member.pk)
        services.mark_refused(member)
        return "refused"
    except (smtplib.SMTPException, OSError):
        services.release_email(notification)
        period.delete()  # the retry may send within the same period: nothing was sent in it
        if attempt >= MAX_ATTEMPTS or not default_task_backend.supports_defer:
            logger.exception("Could not send notification %s (attempt %s); giving up", notification.pk, attempt)
            return "failed"
        wait = FIRST_RETRY * 2 ** (attempt - 1)
        logger.warning(
            "Could not send notification %s (attempt %s); trying again in %s", notification.pk, attempt, wait
        )
        send_notification_email.using(run_after=timezone.now() + wait).enqueue(notification.pk, attempt + 1)
        return "retrying"
    return "sent"


def notification_email(notification):
    """The e-mail for one notification, with its one-click unsubscribe (RFC 8058) for its kind."""
    from auscult.comments.speakers import name_in

    comment, member = notification.comment, notification.member
    unsubscribe, headers = unsubscribe_link(member.pk, notification.kind)
    context = {
        "member": member,
        "comment": comment,
        "kind": notification.kind,
        "headline": headline(notification),
        "speaker": name_in(comment.article_id, comment.author),
        "article_title": comment.article.title,
        "permalink": site_url(comment.get_absolute_url()),
        "article_url": on_site(comment.article.url),
        "preferences_url": site_url(reverse("notifications:preferences")),
        "unsubscribe_url": unsubscribe,
        "kind_label": Kind(notification.kind).label.lower(),
        "unread_others": max(0, services.unread_count(member) - (0 if notification.read_at else 1)),
        "notifications_url": site_url(reverse("notifications:list")),
    }
    template = "reply" if notification.kind == Kind.REPLY else "about_my_comment"
    return build_email(f"notifications/email/{template}", [member.email], context, headers=headers)


def headline(notification, speaker=None):
    """What the notification says, in a line (the e-mail's subject, the site's list)."""
    from auscult.comments.models import CommentStatus, FeaturedComment
    from auscult.comments.speakers import name_in
    from auscult.publishing.models import ArticlePage

    comment = notification.comment
    title = comment.article.title
    kind = Kind(notification.kind)
    if kind == Kind.REPLY:
        if comment.status != CommentStatus.PUBLISHED:
            # A reply gone since: nothing of it is told, not even who wrote it.
            return f"Someone replied to your comment on “{title}”"
        speaker = speaker or name_in(comment.article_id, comment.author)
        return f"{speaker} replied to your comment on “{title}”"
    if kind == Kind.APPROVED:
        return f"Your comment on “{title}” is published"
    if kind == Kind.RECOMMENDED:
        return f"A reader recommended your comment on “{title}”"
    # Only an article readers may see is named: a restricted or unpublished one is not told, even to the author.
    featured = (
        FeaturedComment.objects.filter(comment_id=comment.pk, article__in=ArticlePage.objects.listable().values("pk"))
        .select_related("article")
        .order_by("-pk")
        .first()
    )
    where = f" on “{featured.article.title}”" if featured else ""
    return f"The editors featured your comment on “{title}”{where}"
