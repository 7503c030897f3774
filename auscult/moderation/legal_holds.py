"""Legal holds: a comment under a hold (e.g. a defamation complaint) and its author's contact
details survive account deletion until the hold is lifted. Placing and lifting are logged."""

from django.db import transaction
from django.utils import timezone

from auscult.core.actors import person, require
from auscult.core.errors import Refused
from auscult.core.text import paragraphs

from . import errors
from .audit import record
from .models import AuditAction, LegalHold
from .permissions import MODERATE


def has_active_hold(member):
    return LegalHold.objects.active().filter(comment__author=member).exists()


def held_comment_ids(member):
    return set(LegalHold.objects.active().filter(comment__author=member).values_list("comment_id", flat=True))


@transaction.atomic
def legal_hold_place(*, comment, by, reason):
    require(by, MODERATE, "Only moderators can place a legal hold.")
    reason = paragraphs(reason)
    if not reason:
        raise Refused(errors.REASON_NEEDED, "A legal hold needs a reason.")
    hold = LegalHold.objects.create(comment=comment, reason=reason, placed_by=person(by))
    record(AuditAction.LEGAL_HOLD, actor=person(by), comment=comment, reason=reason)
    return hold


@transaction.atomic
def legal_hold_lift(*, hold, by, reason=""):
    require(by, MODERATE, "Only moderators can lift a legal hold.")
    hold = LegalHold.objects.select_for_update(of=("self",)).select_related("comment__author").get(pk=hold.pk)
    if hold.lifted_at:
        return hold
    hold.lifted_at = timezone.now()
    hold.lifted_by = person(by)
    hold.lift_reason = paragraphs(reason)
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    record(AuditAction.LEGAL_HOLD_LIFT, actor=person(by), comment=hold.comment, reason=hold.lift_reason)
    author = hold.comment.author
    if author.is_deleted:
        # The account was deleted while the hold kept this comment: apply the deletion to it now.
        from auscult.comments.people import erase_comments

        erase_comments(author)
        if not has_active_hold(author):
            from auscult.members.data import erase_retained_contact

            erase_retained_contact(author)
    return hold
