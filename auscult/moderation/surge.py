"""Surge protection: when an open article's discussion spikes (comments, reports or the share
held by rules, within a window), it switches itself to pre-moderation, shows a note above the
article and tells the editors, who can switch it back. Stored outside page revisions."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from auscult.comments.services import site_setting
from auscult.core.actors import SURGE_PROTECTION

from .models import CommentMode, CommentPolicy, ModerationSettings
from .policy import mode_of
from .rules import PREMODERATION
from .selectors import forget_policy, policy_for
from .services import comment_mode_set
from .tasks import notify_editors_of_surge

SURGE_NOTE = (
    "Comments on this article are now pre-moderated because of an unusually busy discussion. "
    "They will appear once a moderator has approved them."
)
MIN_SAMPLE_FOR_SHARE = 10


def _reason(article, settings, policy):
    since = timezone.now() - timedelta(minutes=settings.surge_window_minutes)
    if policy is not None and policy.changed_by_id and policy.changed_at > since:
        since = policy.changed_at  # an editor's decision starts the count again
    count, held, reports = _recent_activity(article, since)
    if count > settings.surge_comments:
        return f"{count} comments in {settings.surge_window_minutes} minutes (more than {settings.surge_comments})"
    if reports > settings.surge_reports:
        return f"{reports} reports in {settings.surge_window_minutes} minutes (more than {settings.surge_reports})"
    if count >= MIN_SAMPLE_FOR_SHARE and held * 100 > settings.surge_held_percent * count:
        return f"{held} of {count} recent comments held by rules (more than {settings.surge_held_percent}%)"
    return ""


def _recent_activity(article, since):
    """The article's comments since `since`, those of them held by rules (pending, not for pre-moderation) and
    the reports made on its comments since then: what every post and report asks, in two queries."""
    from auscult.comments.models import Comment, CommentStatus, Report

    held = Q(status=CommentStatus.PENDING) & ~Q(held_reason=PREMODERATION)
    comments = Comment.objects.filter(article_id=article.pk, created_at__gte=since).aggregate(
        count=Count("pk"), held=Count("pk", filter=held)
    )
    reports = Report.objects.filter(comment__article_id=article.pk, created_at__gte=since).count()
    return comments["count"], comments["held"], reports


def check(article):
    """Called after each comment and report: switch the article if its discussion has surged."""
    settings = site_setting(ModerationSettings)
    if not settings.surge_enabled or mode_of(article) != CommentMode.OPEN:
        return False
    reason = _reason(article, settings, policy_for(article))
    if not reason:
        return False
    with transaction.atomic():
        forget_policy(article)
        comment_mode_set(
            article=article, mode=CommentMode.PREMODERATED, by=SURGE_PROTECTION, reason=f"Surge protection: {reason}"
        )
        CommentPolicy.objects.filter(article_id=article.pk).update(
            surge_triggered_at=timezone.now(), surge_reason=reason[:200]
        )
        transaction.on_commit(lambda: notify_editors_of_surge.enqueue(article.pk, reason))
    return True


def surge_note_for(article):
    """The note shown above the article while surge protection holds it."""
    policy = policy_for(article)
    active = policy is not None and policy.surge_triggered_at and policy.mode == CommentMode.PREMODERATED
    return SURGE_NOTE if active else ""
