"""Every write to comments: post, edit, delete, report, feature, and status moves.

Counters (the article's published count, a parent's published replies) change in the same
transaction as the comment, with the stats row locked, so they stay exact under concurrency.

A post or a report reads each site setting once, the moderation policy it calls included
(`site_setting`): from the request's cached copy when the view passes its request, which is keyed on
the site's version read from the database in that request, so it is never older than the row."""

import math
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.dispatch import Signal
from django.utils import timezone

from auscult.core.errors import Refused
from auscult.members.access import may_comment
from auscult.publishing import delivery

from . import errors, profiles, screening, speakers
from .models import (
    TRANSITIONS,
    ArticleCommentStats,
    Comment,
    CommentRevision,
    CommentSettings,
    CommentStatus,
    FeaturedComment,
    Recommendation,
    Report,
    ReportReason,
)
from .text import clean_body

BAD_PARENT_MESSAGE = (
    "The comment you are replying to is no longer available. Your text is still here: you can post it as a new comment."
)


# While a post or a report runs: the request it came with (or None) and the site settings read so far.
_settings_read = ContextVar("auscult.comments.settings_read", default=None)


@contextmanager
def _reading_settings_once(request):
    token = _settings_read.set((request, {}))
    try:
        yield
    finally:
        _settings_read.reset(token)


def site_setting(cls):
    """The site setting `cls` (a `SiteSetting`) as the post or report in progress reads it: once, from its
    request's cached copy if it came with one, else from the database; outside one, from the database."""
    reading = _settings_read.get()
    if reading is None:
        return cls.load()
    request, read = reading
    if cls not in read:
        read[cls] = cls.load() if request is None else cls.load(request_or_site=request)
    return read[cls]


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
    """Lock the article's stats row until the transaction ends, making it first if the article has none."""
    locked = ArticleCommentStats.objects.select_for_update().filter(article_id=article_id).values_list("pk")
    if locked.first() is None:
        # get_or_create settles a race between two first comments (one inserts, the other reads it).
        ArticleCommentStats.objects.get_or_create(article_id=article_id)
        locked.first()


def _update_stats(article_id, **changes):
    """Apply `changes` (values or F() expressions) to the article's stats row in one UPDATE, which also locks
    it until the transaction ends; the row is made first if the article has none."""
    row = ArticleCommentStats.objects.filter(article_id=article_id)
    if not row.update(**changes):
        ArticleCommentStats.objects.get_or_create(article_id=article_id)
        row.update(**changes)


# Sent, in the transaction, when a comment is published for the first time (posted published, or approved; not
# when restored): apps that tell people about comments queue their work on commit and check the status again
# when it runs.
comment_published = Signal()
# Sent, in the transaction, when a comment gets its first recommendation (its count goes from none to one).
comment_first_recommended = Signal()


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
    was_held = comment.status == CommentStatus.PENDING
    comment.status = status
    comment.status_changed_at = now
    first_published = status == CommentStatus.PUBLISHED and comment.published_at is None
    if first_published:
        comment.published_at = now
    comment.save(update_fields=["status", "status_changed_at", "published_at"])
    # The database has recomputed `listed`; Django 5.2 does not read it back, so drop the old value and
    # let the next read of it fetch the new one.
    comment.__dict__.pop("listed", None)
    delta = int(status == CommentStatus.PUBLISHED) - int(was_published)
    held = int(status == CommentStatus.PENDING) - int(was_held)
    counts = {}
    if delta:
        counts["published_count"] = F("published_count") + delta
    if held:
        # Never below zero: a comment written behind the services' back (a data fix, a fixture) must not make a
        # moderator's decision fail; `manage.py counters` finds and repairs the drift.
        counts["held_count"] = Greatest(F("held_count") + held, Value(0))
    if counts:
        # The caller holds the stats lock (`lock_comment`); the UPDATE would take it otherwise.
        _update_stats(comment.article_id, **counts)
    if delta:
        _shown_change(comment, removed=delta < 0)
        _count_reply(comment, delta)
    if first_published:
        comment_published.send(sender=Comment, comment=comment)
    return comment


def _count_reply(comment, delta):
    if comment.parent_id:
        # A removed or deleted parent stays listed only while this count is above zero (Comment.listed).
        Comment.objects.filter(pk=comment.parent_id).update(published_reply_count=F("published_reply_count") + delta)


def _shown_change(comment, *, removed):
    """A comment joined or left what readers see (or changed its text): its article's cached pages follow, at once
    for a removal, and so do its author's profile and the pages featuring it (a comment published for the first
    time is featured nowhere yet)."""
    delivery.article_changed(comment.article_id, at_once=removed)
    profiles.comment_shown_changed(comment, removed=removed)
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


def comment_post(*, article, author, body, parent=None, submission_key=None, request=None):
    """Post a comment or a reply. Returns the comment (an earlier one for a repeated submission).

    `request`, the one the post came in (if any), only lends its cached copies of the site settings."""
    try:
        with _reading_settings_once(request), transaction.atomic():
            return _comment_post(article, author, body, parent, submission_key)
    except (Refused, IntegrityError):
        # A repeated submission gets what the first one made, whatever would refuse it now; an IntegrityError is
        # a double click whose other request stored it first.
        earlier = _submitted(author, submission_key)
        if earlier is None:
            raise
        return earlier


def reply_parent(parent_id):
    """The comment a reply answers, named by its id (None: no parent, a top-level comment); refused when it names
    none, so a reply whose parent has gone is never posted top-level. Whether it is in the thread is the post's to
    check (`comment_post`)."""
    if parent_id in (None, ""):
        return None
    parent = Comment.objects.filter(pk=parent_id).only("pk", "article_id", "author_id").first() if parent_id else None
    if parent is None:
        raise Refused(errors.BAD_PARENT, BAD_PARENT_MESSAGE)
    return parent


def held_notice(comment):
    """What the author of a comment just posted and held is told (the page's status message, the API's `reason`):
    the screening rule's own words for the author if it had any, else that a moderator will look at it."""
    kind = "reply" if comment.parent_id else "comment"
    return getattr(comment, "author_message", "") or (
        f"Thank you. Your {kind} will appear once a moderator has approved it."
    )


def _submitted(author, submission_key):
    """The member's comment made with this form's key, if any."""
    if not submission_key:
        return None
    return Comment.objects.filter(author_id=author.pk, submission_key=submission_key).first()


def _comment_post(article, author, body, parent, submission_key):
    permission = may_comment(author)
    if not permission.allowed:
        raise Refused(errors.NOT_ALLOWED, permission.reason)
    if not article.live:
        raise Refused(errors.NOT_LIVE, "This article is not published.")
    limits = site_setting(CommentSettings)
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
    get_user_model().objects.select_for_update(no_key=True).filter(pk=author.pk).values_list("pk").first()
    now = timezone.now()
    # Read after the lock, in a statement of its own (a subquery of the locking one would see the rows as
    # they were before it waited).
    last, earlier = _latest_post(author, submission_key)
    if earlier:
        # A double click that waited for the lock above: the first request has made it.
        return Comment.objects.get(pk=earlier)
    interval = limits.min_interval_seconds
    if interval and last and now - last < timedelta(seconds=interval):
        # Whole seconds, rounded up; never more than the interval (another server's clock may be ahead).
        wait = max(1, min(interval, math.ceil(interval - (now - last).total_seconds())))
        raise Refused(
            errors.TOO_FAST,
            f"You posted a moment ago. Please wait {wait} second{'s' if wait != 1 else ''} before posting again; "
            "your text is still here.",
            retry_after=wait,
        )

    # The article's stats row before the comment, the order every writer keeps (`lock_comment`): the time of
    # its latest comment and, when this one publishes at once, one more published, in the UPDATE that locks it.
    # The later of the two times: a post that read the clock first may reach the row second.
    published = verdict.publish
    stats = {"last_comment_at": Greatest(Coalesce("last_comment_at", Value(now)), Value(now))}
    if published:
        stats["published_count"] = F("published_count") + 1
    else:
        stats["held_count"] = F("held_count") + 1
    _update_stats(article.pk, **stats)
    if author.anonymous:
        speakers.label_for(article.pk, author.pk)  # "Anonymous N" here, numbered while the stats row is locked
    # Stored in its final state: a comment that publishes at once is inserted published (what `_move` would
    # make of it: published at the time it was posted), one that waits is inserted pending.
    comment = Comment.objects.create(
        article_id=article.pk,
        author=author,
        parent=parent,
        body=body,
        status=CommentStatus.PUBLISHED if published else CommentStatus.PENDING,
        held_reason=verdict.hold,
        held_detail=verdict.detail,
        created_at=now,
        status_changed_at=now,
        published_at=now if published else None,
        submission_key=submission_key,
    )
    comment.author_message = verdict.author_message
    if published:
        _shown_change(comment, removed=False)
        _count_reply(comment, 1)
        comment_published.send(sender=Comment, comment=comment)
    screening.after_change(article)
    return comment


def _latest_post(author, submission_key):
    """When the member last posted (None if never), and the id of their comment made with `submission_key` (None
    if none): one query."""
    mine = Comment.objects.filter(author_id=author.pk).order_by("-created_at")
    if not submission_key:
        return mine.values_list("created_at", flat=True).first(), None
    with_key = Comment.objects.filter(author_id=author.pk, submission_key=submission_key).values("pk")[:1]
    row = mine.annotate(earlier=Subquery(with_key)).values_list("created_at", "earlier").first()
    return row or (None, None)


def edit_window_open(comment, limits=None, now=None):
    """Whether `comment`'s author may still edit it (`limits`: the CommentSettings, read if not given)."""
    return edit_window_open_at(comment.created_at, limits, now)


def edit_window_open_at(created_at, limits=None, now=None):
    """Whether a comment posted at `created_at` may still be edited by its author, at `now` (default: now)."""
    limits = limits or CommentSettings.load()
    now = now or timezone.now()
    return now - created_at <= timedelta(minutes=limits.edit_window_minutes)


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


def comment_report(*, comment, reporter, reason, note="", request=None):
    """One report per member per comment. Every report reaches the moderators; enough open reports from
    established members (CommentSettings) hide a published comment for review, so that a handful of
    accounts made for the purpose cannot silence anyone. `request`: as for `comment_post`."""
    with _reading_settings_once(request):
        return _comment_report(comment, reporter, reason, note)


def _comment_report(comment, reporter, reason, note):
    if reason not in ReportReason.values:
        raise Refused(errors.BAD_REASON, "Choose a reason for your report.")
    if reason == ReportReason.OTHER and not note.strip():
        raise Refused(errors.BAD_REASON, "Tell us briefly what is wrong with this comment.")
    if comment.author_id == reporter.pk:
        raise Refused(errors.OWN_COMMENT, "You cannot report your own comment.")
    permission = may_comment(reporter)
    if not permission.allowed:
        raise Refused(errors.NOT_ALLOWED, permission.reason)
    # The caller's article (the views load it with the comment), for surge protection: the comment locked below
    # comes without it.
    article = comment.article if Comment.article.is_cached(comment) else None
    try:
        with transaction.atomic():
            comment = lock_comment(comment)
            if article is not None:
                comment.article = article
            if comment.status not in (CommentStatus.PUBLISHED, CommentStatus.HIDDEN):
                raise Refused(errors.CANNOT_CHANGE, "This comment is no longer shown.")
            report = Report.objects.create(comment=comment, reporter=reporter, reason=reason, note=note.strip()[:1000])
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
            comment.report_count += 1  # the row is locked: nothing else has changed it since it was read
            limits = site_setting(CommentSettings)
            threshold = limits.report_threshold
            # Reports that count are some of the comment's reports, all of which `report_count` counts: below the
            # threshold there, none can reach it.
            if threshold and comment.status == CommentStatus.PUBLISHED and comment.report_count >= threshold:
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


OWN_RECOMMENDATION_MESSAGE = "You cannot recommend your own comment."


@transaction.atomic
def comment_recommend(*, comment, member):
    """The member recommends the comment: once (a second time changes nothing), never their own, only a published
    one, and only while they may take part. The count is changed with the row, under the comment's lock, so
    parallel requests by one member make one recommendation and by many an exact count. Returns the comment."""
    permission = may_comment(member)
    if not permission.allowed:
        raise Refused(errors.NOT_ALLOWED, permission.reason)
    comment = lock_comment(comment)
    if comment.author_id == member.pk:
        raise Refused(errors.OWN_COMMENT, OWN_RECOMMENDATION_MESSAGE)
    if comment.status != CommentStatus.PUBLISHED:
        raise Refused(errors.CANNOT_CHANGE, "Only published comments can be recommended.")
    if Recommendation.objects.filter(comment_id=comment.pk, member_id=member.pk).exists():
        return comment
    Recommendation.objects.create(comment_id=comment.pk, member_id=member.pk)
    return _recount_recommendations(comment, 1)


@transaction.atomic
def comment_unrecommend(*, comment, member):
    """The member takes their recommendation back (nothing to do if they gave none). Anyone signed in may, even
    while they may not take part. Returns the comment."""
    comment = lock_comment(comment)
    deleted, _ = Recommendation.objects.filter(comment_id=comment.pk, member_id=member.pk).delete()
    return _recount_recommendations(comment, -1) if deleted else comment


def _recount_recommendations(comment, change):
    Comment.objects.filter(pk=comment.pk).update(recommend_count=F("recommend_count") + change)
    comment.recommend_count += change
    if change > 0 and comment.recommend_count == 1:
        comment_first_recommended.send(sender=Comment, comment=comment)
    if comment.status == CommentStatus.PUBLISHED:
        delivery.article_changed(comment.article_id)  # its count, and its place in "most recommended"
    return comment


def erase_recommendations(member):
    """Account deletion: the member's recommendations go, and each comment's count follows."""
    for recommendation in Recommendation.objects.filter(member_id=member.pk).select_related("comment"):
        with transaction.atomic():
            comment_unrecommend(comment=recommendation.comment, member=member)
