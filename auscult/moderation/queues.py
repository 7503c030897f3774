"""The moderation queues: held comments, reported comments, recent decisions. Oldest first, but for
the reported queue's first place (`reported`)."""

from datetime import timedelta

from django.db import models
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from auscult.comments.models import ArticleCommentStats, Comment, CommentStatus, Report

from .models import AuditAction, AuditEntry, Sanction


class Queue(models.TextChoices):
    """The workspace's tabs, named in its URLs (`queue/<name>/`)."""

    HELD = "held", "Held"
    REPORTED = "reported", "Reported"
    DECIDED = "decided", "Recently decided"


# A trusted member: this many comments published and never suspended or banned (a sanction, even lifted).
TRUSTED_AUTHOR_COMMENTS = 20
DECIDED_WINDOW = timedelta(days=7)
DECISION_ACTIONS = [AuditAction.APPROVE, AuditAction.REJECT, AuditAction.REMOVE, AuditAction.RESTORE]
# What the comments in each queue may be: waiting for a moderator, or shown (or hidden by reports) and reported.
HELD_STATUSES = (CommentStatus.PENDING,)
REPORTED_STATUSES = (CommentStatus.PUBLISHED, CommentStatus.HIDDEN)


def unresolved_reports():
    return Report.objects.filter(comment_id=OuterRef("pk"), resolved_at__isnull=True)


def held():
    """Comments waiting for a moderator (pre-moderation and rule hits), oldest first."""
    return Comment.objects.filter(status__in=HELD_STATUSES).order_by("created_at", "id")


def reported():
    """Shown (or hidden by reports) comments with reports no moderator has dealt with yet, oldest first; but
    those that reports hid while their author is a trusted member come first: a few reports have silenced
    someone with a long clean record, perhaps by a pile-on, and they should not wait behind the rest."""
    published = (
        Comment.objects.filter(author_id=OuterRef("author_id"), status=CommentStatus.PUBLISHED)
        .order_by()
        .values("author_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    sanctioned = Sanction.objects.filter(member_id=OuterRef("author_id"))
    trusted_and_hidden = Q(status=CommentStatus.HIDDEN, author_published__gte=TRUSTED_AUTHOR_COMMENTS) & ~Exists(
        sanctioned
    )
    return (
        Comment.objects.filter(status__in=REPORTED_STATUSES)
        .filter(Exists(unresolved_reports()))
        .annotate(author_published=Coalesce(Subquery(published), 0))
        .annotate(first=ExpressionWrapper(trusted_and_hidden, output_field=BooleanField()))
        .order_by("-first", "created_at", "id")
    )


def queue_sizes(request=None):
    """How many comments wait in each queue; read once per request when given one (the admin menu, the queue's
    tabs and the pages of a queue shown whole all use them). The held queue's is the articles' stored held
    counts summed: a count of the queue would cost as much as the queue is long."""
    sizes = getattr(request, "_moderation_queue_sizes", None)
    if sizes is None:
        waiting = ArticleCommentStats.objects.aggregate(n=Sum("held_count"))["n"] or 0
        sizes = {Queue.HELD: waiting, Queue.REPORTED: reported().count()}
        if request is not None:
            request._moderation_queue_sizes = sizes
    return sizes


def with_context(queryset):
    """Everything a moderator sees beside a comment, in a fixed number of queries (in the queue's order)."""
    return queryset.select_related("author", "article", "parent", "parent__author").prefetch_related(
        Prefetch("reports", queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"))
    )


def member_summaries(author_ids):
    """Per member: their comments, past rejections and removals, and reports against them (three grouped
    queries, whatever the number of members)."""
    author_ids = set(author_ids)
    decisions = dict(
        AuditEntry.objects.filter(member_id__in=author_ids, action__in=[AuditAction.REJECT, AuditAction.REMOVE])
        .values_list("member_id")
        .annotate(n=Count("id"))
    )
    reports = dict(
        Report.objects.filter(comment__author_id__in=author_ids)
        .values_list("comment__author_id")
        .annotate(n=Count("id"))
    )
    comments_by = dict(
        Comment.objects.filter(author_id__in=author_ids).values_list("author_id").annotate(n=Count("id"))
    )
    return {
        author_id: {
            "rejections_and_removals": decisions.get(author_id, 0),
            "reports_against": reports.get(author_id, 0),
            "comments": comments_by.get(author_id, 0),
        }
        for author_id in author_ids
    }


def recently_decided():
    """Decisions on comments of the last seven days, newest first, with the comment they were about."""
    return (
        AuditEntry.objects.filter(action__in=DECISION_ACTIONS, created_at__gte=timezone.now() - DECIDED_WINDOW)
        .select_related("actor", "comment", "comment__author", "comment__article")
        .order_by("-created_at", "-id")
    )
