"""Every write to comments: post, edit, delete, report, feature, and status moves.

Counters (the article's published count, a parent's published replies) change in the same
transaction as the comment, with the stats row locked, so they stay exact under concurrency."""

import math
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from auscult.core.errors import Refused
from auscult.members.access import may_comment
from auscult.publishing import delivery

from . import errors, screening
from .models import (
    TRANSITIONS,
    ArticleCommentStats,
    Comment,
    CommentRevision,
    CommentSettings,
    CommentStatus,
    FeaturedComment,
    Report,
    ReportReason,
)
from .text import clean_body

BAD_PARENT_MESSAGE = (
    "The comment you are replying to is no longer available. Your text is still here: you can post it as a new comment."
)


def _check_body(body, limits):
    body = clean_body(body)
    if not body:
        raise Refused(errors.EMPTY, "Your comment is empty. Write something before posting.")
    if len(body) > limits.max_length:
        raise Refused(
            errors.TOO_LONG,
            f"Your comment is {len(body):,} characters long; the limit is {limits.max_length:,}. "
            "Please shorten it: your text is still here.",
        )
    return body


def _lock_stats(article_id):
    ArticleCommentStats.objects.get_or_create(article_id=article_id)
    return ArticleCommentStats.objects.select_for_update().get(article_id=article_id)


def _move(comment, status, *, now=None):
    """Change status, keeping counters exact. The caller holds a transaction."""
    status = CommentStatus(status)
    if status == comment.status:
        return comment
    if status not in TRANSITIONS[CommentStatus(comment.status)]:
        raise Refused(
            errors.CANNOT_CHANGE,
            f"A comment that is {comment.get_status_display().lower()} cannot become {status.label.lower()}.",
        )
    now = now or timezone.now()
    was_published = comment.status == CommentStatus.PUBLISHED
    comment.status = status
    comment.status_changed_at = now
    if status == CommentStatus.PUBLISHED and comment.published_at is None:
        comment.published_at = now
    comment.save(update_fields=["status", "status_changed_at", "published_at"])
    # The database has recomputed `listed`; Django 5.2 does not read it back, so drop the old value and
    # let the next read of it fetch the new one.
    comment.__dict__.pop("listed", None)
    delta = int(status == CommentStatus.PUBLISHED) - int(was_published)
    if delta:
        _shown_change(comment, removed=delta < 0)
        stats = _lock_stats(comment.article_id)
        stats.published_count = F("published_count") + delta
        stats.save(update_fields=["published_count"])
        if comment.parent_id:
            # A removed or deleted parent stays listed only while this count is above zero (Comment.listed).
            Comment.objects.filter(pk=comment.parent_id).update(
                published_reply_count=F("published_reply_count") + delta
            )
    return comment


def _shown_change(comment, *, removed):
    """A comment joined or left what readers see: its article's cached pages follow, at once for a removal, and so
    do the pages featuring it (a comment published for the first time is featured nowhere yet)."""
    delivery.article_changed(comment.article_id, at_once=removed)
    if removed or comment.published_at != comment.status_changed_at:
        for article_id in FeaturedComment.objects.filter(comment_id=comment.pk).values_list("article_id", flat=True):
            delivery.article_changed(article_id, at_once=removed)


def lock_comment(comment):
    """Lock the article's stats row, then the comment: the one order every writer uses, so a reply
    being posted and a decision on its parent cannot deadlock."""
    _lock_stats(comment.article_id)
    return Comment.objects.select_for_update(of=("self",)).select_related("author").get(pk=comment.pk)


@transaction.atomic
def comment_set_status(*, comment, status):
    """Move a comment to `status` (moderation decisions call this); counters follow."""
    return _move(lock_comment(comment), status)


def comment_post(*, article, author, body, parent=None, submission_key=None):
    """Post a comment or a reply. Returns the comment (an earlier one for a repeated submission)."""
    if submission_key:
        earlier = Comment.objects.filter(author_id=author.pk, submission_key=submission_key).first()
        if earlier:
            return earlier
    try:
        with transaction.atomic():
            return _comment_post(article, author, body, parent, submission_key)
    except IntegrityError:
        # A double click: the other request stored it first.
        earlier = Comment.objects.filter(author_id=author.pk, submission_key=submission_key).first()
        if earlier is None:
            raise
        return earlier


def _comment_post(article, author, body, parent, submission_key):
    permission = may_comment(author)
    if not permission.allowed:
        raise Refused(errors.NOT_ALLOWED, permission.reason)
    if not article.live:
        raise Refused(errors.NOT_LIVE, "This article is not published.")
    limits = CommentSettings.load()
    body = _check_body(body, limits)
    if parent is not None:
        in_thread = Comment.objects.in_thread().filter(pk=parent.pk, article_id=article.pk).exists()
        if not in_thread:
            raise Refused(errors.BAD_PARENT, BAD_PARENT_MESSAGE)
    verdict = screening.assess(article=article, author=author, body=body)
    if verdict.refuse:
        raise Refused(verdict.refuse_code or errors.REFUSED_BY_RULE, verdict.refuse)

    # Serialise one member's posts so the interval check cannot be raced; the time is read once the
    # lock is held, or a post that waited for it would look older than the one it waited for.
    # NO KEY UPDATE, not UPDATE: a plain FOR UPDATE also blocks the key-share lock every insert naming
    # this member takes (a moderator's audit entry, made while holding the stats lock this post is
    # about to wait for), which deadlocked posting against decisions on PostgreSQL.
    get_user_model().objects.select_for_update(no_key=True).filter(pk=author.pk).first()
    now = timezone.now()
    if submission_key:
        # A double click that waited for the lock above: the first request has made it.
        earlier = Comment.objects.filter(author_id=author.pk, submission_key=submission_key).first()
        if earlier:
            return earlier
    last = Comment.objects.filter(author_id=author.pk).order_by("-created_at").values_list("created_at", flat=True)
    last = last.first()
    interval = limits.min_interval_seconds
    if interval and last and now - last < timedelta(seconds=interval):
        # Whole seconds, rounded up; never more than the interval (another server's clock may be ahead).
        wait = max(1, min(interval, math.ceil(interval - (now - last).total_seconds())))
        raise Refused(
            errors.TOO_FAST,
            f"You posted a moment ago. Please wait {wait} second{'s' if wait != 1 else ''} before posting again; "
            "your text is still here.",
        )

    comment = Comment.objects.create(
        article_id=article.pk,
        author=author,
        parent=parent,
        body=body,
        status=CommentStatus.PENDING,
        held_reason=verdict.hold,
        held_detail=verdict.detail,
        created_at=now,
        status_changed_at=now,
        submission_key=submission_key,
    )
    comment.author_message = verdict.author_message
    stats = _lock_stats(article.pk)
    stats.last_comment_at = now
    stats.save(update_fields=["last_comment_at"])
    if verdict.publish:
        _move(comment, CommentStatus.PUBLISHED, now=now)
    screening.after_change(article)
    return comment


def edit_window_open(comment, limits=None, now=None):
    limits = limits or CommentSettings.load()
    now = now or timezone.now()
    return now - comment.created_at <= timedelta(minutes=limits.edit_window_minutes)


@transaction.atomic
def comment_edit(*, comment, author, body):
    """The author changes their text within the window; the old text is kept; the new one is re-checked."""
    comment = lock_comment(comment)
    if comment.author_id != author.pk:
        raise Refused(errors.NOT_YOURS, "You can only edit your own comments.")
    permission = may_comment(author)
    if not permission.allowed:
        raise Refused(errors.NOT_ALLOWED, permission.reason)
    if comment.status not in (CommentStatus.PUBLISHED, CommentStatus.PENDING):
        raise Refused(errors.CANNOT_CHANGE, "This comment can no longer be edited.")
    limits = CommentSettings.load()
    if not edit_window_open(comment, limits):
        raise Refused(
            errors.EDIT_WINDOW, f"Comments can be edited for {limits.edit_window_minutes} minutes after posting."
        )
    body = _check_body(body, limits)
    if body == comment.body:
        return comment
    article = comment.article
    verdict = screening.assess(article=article, author=author, body=body, editing=True)
    if verdict.refuse:
        raise Refused(verdict.refuse_code or errors.REFUSED_BY_RULE, verdict.refuse)
    CommentRevision.objects.create(
        comment=comment, body=comment.body, created_at=comment.edited_at or comment.created_at
    )
    comment.body = body
    comment.edited_at = timezone.now()
    comment.held_reason = verdict.hold or comment.held_reason
    comment.held_detail = verdict.detail
    comment.save(update_fields=["body", "edited_at", "held_reason", "held_detail"])
    if verdict.hold and comment.status == CommentStatus.PUBLISHED:
        _move(comment, CommentStatus.PENDING)
    elif comment.status == CommentStatus.PUBLISHED:
        _shown_change(comment, removed=False)
    return comment


@transaction.atomic
def comment_delete(*, comment, author):
    comment = lock_comment(comment)
    if comment.author_id != author.pk:
        raise Refused(errors.NOT_YOURS, "You can only delete your own comments.")
    if comment.status not in (CommentStatus.PUBLISHED, CommentStatus.PENDING):
        raise Refused(errors.CANNOT_CHANGE, "This comment can no longer be deleted.")
    return _move(comment, CommentStatus.DELETED)


def comment_report(*, comment, reporter, reason, note=""):
    """One report per member per comment. Every report reaches the moderators; enough open reports from
    established members (CommentSettings) hide a published comment for review, so that a handful of
    accounts made for the purpose cannot silence anyone."""
    if reason not in ReportReason.values:
        raise Refused(errors.BAD_REASON, "Choose a reason for your report.")
    if reason == ReportReason.OTHER and not note.strip():
        raise Refused(errors.BAD_REASON, "Tell us briefly what is wrong with this comment.")
    if comment.author_id == reporter.pk:
        raise Refused(errors.OWN_COMMENT, "You cannot report your own comment.")
    permission = may_comment(reporter)
    if not permission.allowed:
        raise Refused(errors.NOT_ALLOWED, permission.reason)
    try:
        with transaction.atomic():
            comment = lock_comment(comment)
            if comment.status not in (CommentStatus.PUBLISHED, CommentStatus.HIDDEN):
                raise Refused(errors.CANNOT_CHANGE, "This comment is no longer shown.")
            report = Report.objects.create(comment=comment, reporter=reporter, reason=reason, note=note.strip()[:1000])
            comment.report_count = F("report_count") + 1
            comment.save(update_fields=["report_count"])
            comment.refresh_from_db(fields=["report_count"])
            limits = CommentSettings.load()
            threshold = limits.report_threshold
            if threshold and comment.status == CommentStatus.PUBLISHED:
                # Reports a moderator has already dealt with ("keep") do not count again.
                counted = (
                    Report.objects.filter(comment_id=comment.pk)
                    .unresolved()
                    .from_established_members(
                        min_days=limits.trusted_reporter_days, min_published=limits.trusted_reporter_comments
                    )
                    .count()
                )
                if counted >= threshold:
                    _move(comment, CommentStatus.HIDDEN)
                    vetted = limits.trusted_reporter_days or limits.trusted_reporter_comments
                    reporters = "reports from established members" if vetted else "reports"
                    screening.hidden_by_reports(comment, f"{counted} {reporters} (the threshold is {threshold})")
            screening.after_change(comment.article)
            return report
    except IntegrityError as exc:
        raise Refused(errors.ALREADY_REPORTED, "You have already reported this comment. Thank you.") from exc


@transaction.atomic
def comment_feature(*, article, comment, by=None):
    """Show a published comment from another article on `article`."""
    if comment.article_id == article.pk:
        raise Refused(errors.BAD_PARENT, "Choose a comment from another article.")
    if comment.status != CommentStatus.PUBLISHED:
        raise Refused(errors.CANNOT_CHANGE, "Only published comments can be featured.")
    featured, made = FeaturedComment.objects.get_or_create(
        article_id=article.pk, comment=comment, defaults={"featured_by": by}
    )
    if made:
        delivery.article_changed(article.pk)
    return featured
