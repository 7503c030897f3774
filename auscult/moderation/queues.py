"""The moderation queues: held comments, reported comments, recent decisions. Oldest first, but for
the reported queue's first place (`reported`)."""

from datetime import timedelta

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from auscult.comments.models import Comment, CommentStatus, Report
from auscult.core.params import positive_id, query_text

from .models import AuditAction, AuditEntry, Sanction

QUEUES = ("held", "reported", "decided")
# A trusted member: this many comments published and never suspended or banned (a sanction, even lifted).
TRUSTED_AUTHOR_COMMENTS = 20
DECIDED_WINDOW = timedelta(days=7)
DECISION_ACTIONS = [AuditAction.APPROVE, AuditAction.REJECT, AuditAction.REMOVE, AuditAction.RESTORE]
# As long as Comment.held_reason can be.
RULE_MAX_LENGTH = 40


def unresolved_reports():
    return Report.objects.filter(comment_id=OuterRef("pk"), resolved_at__isnull=True)


def held():
    """Comments waiting for a moderator (pre-moderation and rule hits), oldest first."""
    return Comment.objects.filter(status=CommentStatus.PENDING).order_by("created_at", "id")


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
        Comment.objects.filter(status__in=[CommentStatus.PUBLISHED, CommentStatus.HIDDEN])
        .filter(Exists(unresolved_reports()))
        .annotate(author_published=Coalesce(Subquery(published), 0))
        .annotate(first=ExpressionWrapper(trusted_and_hidden, output_field=BooleanField()))
        .order_by("-first", "created_at", "id")
    )


def queue_sizes():
    return {"held": held().count(), "reported": reported().count()}


def filtered(queryset, params):
    """Filter by section (parent page id), article, member and rule; a value that is not one is ignored."""
    if section_id := positive_id(params.get("section")):
        from wagtail.models import Page

        section = Page.objects.filter(pk=section_id).first()
        if section:
            queryset = queryset.filter(article__path__startswith=section.path)
    if article_id := positive_id(params.get("article")):
        queryset = queryset.filter(article_id=article_id)
    if member_id := positive_id(params.get("member")):
        queryset = queryset.filter(author_id=member_id)
    if rule := query_text(params.get("rule"), max_length=RULE_MAX_LENGTH):
        queryset = queryset.filter(held_reason=rule)
    return queryset


def with_context(queryset):
    """Everything a moderator sees beside a comment, in a fixed number of queries (in the queue's order)."""
    return queryset.select_related("author", "article", "parent", "parent__author").prefetch_related(
        Prefetch("reports", queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"))
    )


def member_summaries(comments):
    """Per author: past decisions and reports against them (two grouped queries)."""
    author_ids = {c.author_id for c in comments}
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


def recently_decided(params):
    entries = AuditEntry.objects.filter(
        action__in=DECISION_ACTIONS, created_at__gte=timezone.now() - DECIDED_WINDOW
    ).select_related("actor", "comment", "comment__author", "comment__article")
    if member_id := positive_id(params.get("member")):
        entries = entries.filter(member_id=member_id)
    if article_id := positive_id(params.get("article")):
        entries = entries.filter(article_id=article_id)
    return entries.order_by("-created_at")
