"""Moderators' decisions on comments: approve, reject, remove, restore. One decision per state:
a second moderator acting on what they saw earlier is told who decided first."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from auscult.comments.models import CommentStatus, Report
from auscult.comments.services import comment_set_status, lock_comment
from auscult.core.actors import person, require
from auscult.core.errors import Refused
from auscult.core.text import paragraphs

from . import errors
from .audit import record
from .models import AuditAction, AuditEntry
from .permissions import MODERATE
from .tasks import notify_author


@dataclass(frozen=True)
class Decision:
    action: str
    label: str
    from_statuses: tuple
    to_status: str
    needs_reason: bool
    # (status, words) pairs: what the button says instead of `label` for a comment in that status.
    label_for: tuple = ()


DECISIONS = {
    AuditAction.APPROVE: Decision(
        AuditAction.APPROVE,
        "Approve",
        (CommentStatus.PENDING, CommentStatus.HIDDEN, CommentStatus.PUBLISHED),
        CommentStatus.PUBLISHED,
        False,
        # A reported comment is already published (or hidden only by reports): approving it keeps it.
        label_for=((CommentStatus.PUBLISHED, "Keep"), (CommentStatus.HIDDEN, "Keep")),
    ),
    AuditAction.REJECT: Decision(AuditAction.REJECT, "Reject", (CommentStatus.PENDING,), CommentStatus.REJECTED, True),
    AuditAction.REMOVE: Decision(
        AuditAction.REMOVE, "Remove", (CommentStatus.PUBLISHED, CommentStatus.HIDDEN), CommentStatus.REMOVED, True
    ),
    AuditAction.RESTORE: Decision(
        AuditAction.RESTORE, "Restore", (CommentStatus.REMOVED,), CommentStatus.PUBLISHED, False
    ),
}


@dataclass(frozen=True)
class Choice:
    """A decision as a moderator is offered it: the value the form sends and the button's words."""

    decision: str
    label: str
    needs_reason: bool


def decisions_for(status, *more):
    """The decisions the table allows for a comment in `status` (and in each of `more`, for a bulk decision
    on a queue that holds several), in the table's order, with the words for a comment in `status`."""
    return [
        Choice(name, dict(rule.label_for).get(status, rule.label), rule.needs_reason)
        for name, rule in DECISIONS.items()
        if all(s in rule.from_statuses for s in (status, *more))
    ]


def last_decision(comment):
    return (
        AuditEntry.objects.filter(comment_id=comment.pk)
        .exclude(action=AuditAction.HIDE)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )


def version_of(comment):
    """What a moderator saw: the status and the last edit. A decision on another version is refused."""
    return f"{comment.status}|{comment.edited_at.isoformat() if comment.edited_at else ''}"


@transaction.atomic
def comment_decide(*, comment, moderator, decision, reason="", seen_status=None, seen_version=None):
    """Apply `decision` (a key of DECISIONS: approve, reject, remove, restore) to `comment`.

    `seen_status` is the status the moderator was looking at: if the comment has moved since,
    someone else decided first and this decision is refused, naming them."""
    require(moderator, MODERATE, "Only moderators can decide comments.")
    rule = DECISIONS.get(decision)
    if rule is None:
        raise Refused(errors.UNKNOWN_DECISION, f"Unknown decision “{decision}”.")
    comment = lock_comment(comment)
    moved = (seen_status is not None and comment.status != seen_status) or (
        seen_version is not None and version_of(comment) != seen_version
    )
    keeping_without_reports = (
        decision == AuditAction.APPROVE
        and comment.status == CommentStatus.PUBLISHED
        and not Report.objects.filter(comment_id=comment.pk, resolved_at__isnull=True).exists()
    )
    if moved and comment.status in rule.from_statuses and not keeping_without_reports and seen_version:
        raise Refused(
            errors.EDITED_SINCE,
            f"Comment {comment.pk} was edited by its author after you opened the queue. Read it again before deciding.",
            comment=comment,
        )
    if moved or keeping_without_reports or comment.status not in rule.from_statuses:
        entry = last_decision(comment)
        who = entry.actor.public_name if entry and entry.actor else "someone else"
        what = entry.get_action_display().lower() if entry else f"made it {comment.get_status_display().lower()}"
        raise Refused(
            errors.ALREADY_DECIDED,
            f"Comment {comment.pk} was already decided: {who} {what.replace('a comment', 'it')}"
            + (f" at {timezone.localtime(entry.created_at):%H:%M on %d %b}." if entry else "."),
            comment=comment,
            entry=entry,
        )
    reason = paragraphs(reason)
    if rule.needs_reason and not reason:
        raise Refused(errors.REASON_NEEDED, "Give a reason: it is sent to the author.", comment=comment)
    before = comment.status
    comment_set_status(comment=comment, status=rule.to_status)
    if decision in (AuditAction.REMOVE, AuditAction.APPROVE):
        Report.objects.filter(comment_id=comment.pk, resolved_at__isnull=True).update(resolved_at=timezone.now())
    entry = record(
        rule.action,
        actor=person(moderator),
        comment=comment,
        reason=reason,
        from_status=str(before),
        waited_seconds=int((timezone.now() - comment.created_at).total_seconds()),
    )
    transaction.on_commit(lambda: notify_author.enqueue(comment.pk, decision, reason))
    return entry
