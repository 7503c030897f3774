"""A member's comments and reports in their data export, and what account deletion does to them."""

from django.db import transaction

from auscult.publishing import delivery

from . import profiles, screening
from .blocks import erase_blocks
from .models import (
    Block,
    Comment,
    CommentRevision,
    CommentSettings,
    CommentStatus,
    OnAccountDeletion,
    Recommendation,
    Report,
)
from .services import _move, erase_recommendations


def export_comments(member):
    comments = Comment.objects.filter(author=member).select_related("article").prefetch_related("revisions")
    return {
        "comments": [
            {
                "id": c.pk,
                "article": c.article.title,
                "article_url": c.article.full_url,
                "in_reply_to": c.parent_id,
                "status": c.get_status_display(),
                "text": c.body,
                "posted_at": c.created_at.isoformat(),
                "edited_at": c.edited_at.isoformat() if c.edited_at else None,
                "earlier_versions": [
                    {"text": r.body, "written_at": r.created_at.isoformat()} for r in c.revisions.all()
                ],
            }
            for c in comments.order_by("created_at")
        ],
        "reports_made": [
            {
                "comment": r.comment_id,
                "reason": r.get_reason_display(),
                "note": r.note,
                "reported_at": r.created_at.isoformat(),
            }
            for r in Report.objects.filter(reporter=member).order_by("created_at")
        ],
        "members_blocked": [
            {"member": b.blocked.public_name, "since": b.created_at.isoformat()}
            for b in Block.objects.filter(member=member).select_related("blocked").order_by("created_at", "pk")
        ],
        "recommendations_made": [
            {"comment": r.comment_id, "recommended_at": r.created_at.isoformat()}
            for r in Recommendation.objects.filter(member=member).order_by("created_at", "pk")
        ],
    }


@transaction.atomic
def erase_comments(member):
    """Keep or remove the member's comments, as the site's setting says. Kept comments show as
    "Deleted member" once the account row is anonymised; removed ones lose their text."""
    # Either way their name leaves the cached pages that show their comments before the erasure returns.
    shown = Comment.objects.filter(author=member, listed=True).values_list("article_id", flat=True).distinct()
    for article_id in shown:
        delivery.article_changed(article_id, at_once=True)
    if member.has_public_profile:
        profiles.profile_changed(member)  # their profile page goes too, wherever it is cached
    # What they recommended is theirs too: it goes, and each count follows; and so do their blocks, both ways.
    erase_recommendations(member)
    erase_blocks(member)
    if CommentSettings.load().on_account_deletion != OnAccountDeletion.REMOVE:
        return
    kept = screening.held_comment_ids(member)  # under a legal hold: text and history survive
    if kept is None:
        return  # nothing can tell which are held, so every comment is kept
    mine = Comment.objects.filter(author=member).exclude(pk__in=kept)
    for comment in mine.select_for_update().exclude(
        status__in=[CommentStatus.DELETED, CommentStatus.REJECTED, CommentStatus.REMOVED]
    ):
        target = CommentStatus.REMOVED if comment.status == CommentStatus.HIDDEN else CommentStatus.DELETED
        _move(comment, target)
    mine.update(body="")
    CommentRevision.objects.filter(comment__author=member).exclude(comment_id__in=kept).delete()
