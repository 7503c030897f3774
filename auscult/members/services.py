"""Every write to a member goes through here: registration, verification, profile, deletion."""

import copy

from django.contrib.auth import get_user_model
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from auscult.core import delivery
from auscult.core.actors import person, require
from auscult.core.errors import Refused
from auscult.core.text import one_line

from . import data as member_data
from . import errors
from .display_names import display_name_key
from .models import Approval, MembershipSettings, VerificationEvent
from .tasks import send_member_email

User = get_user_model()

# Approve or decline registrations: the membership team holds it.
APPROVE_MEMBER = "members.approve_member"

PROFILE_FIELDS = (
    "full_name",
    "display_name",
    "profession",
    "regulator",
    "registration_number",
    "job_title",
    "anonymous",
)
# Profile fields of free text, stored on one line without invisible characters (core.text).
FREE_TEXT_FIELDS = ("full_name", "job_title")


@transaction.atomic
def member_apply_profile(*, member, data):
    """Store the profile captured at registration (already validated by the form)."""
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(member, field, one_line(data[field]) if field in FREE_TEXT_FIELDS else data[field])
    member.display_name_key = display_name_key(member.display_name)
    member.full_clean(exclude=["password", "username"])
    member.save()
    return member


# Sent, in the transaction, when a member chooses to comment anonymously: apps that name them on pages give them
# what they go by instead (comments: "Anonymous N" on each article where they have commented).
became_anonymous = Signal()
# What others see of the member changed (`PROFILE_SHOWN`, their profession, or their account was deleted): sent
# with `member` as it is now and `before` (a copy as it was), for the app that shows their profile page.
public_profile_changed = Signal()


@transaction.atomic
def member_update_profile(
    *, member, full_name, display_name, job_title, anonymous, profile_public=None, profile_shows_profession=None
):
    """Change what a member may change freely; the registration number needs re-verification. The profile page's
    two choices stay as they are when not given."""
    before = copy.copy(member)
    member.full_name = one_line(full_name)
    member.display_name = display_name
    member.display_name_key = display_name_key(display_name)
    member.job_title = one_line(job_title)
    member.anonymous = anonymous
    if profile_public is not None:
        member.profile_public = profile_public
    if profile_shows_profession is not None:
        member.profile_shows_profession = profile_shows_profession
    member.full_clean(exclude=["password", "username"])
    member.save(update_fields=["full_name", "display_name", "display_name_key", "job_title", *PROFILE_SHOWN])
    if _shown(before) != _shown(member):
        # The name on their comments (and its link to their profile), wherever they are cached.
        delivery.changed(delivery.PEOPLE)
        public_profile_changed.send(sender=type(member), member=member, before=before)
    if anonymous and not before.anonymous:
        became_anonymous.send(sender=type(member), member=member)
    return member


# What others see of a member, beside their comments and on their profile page.
PROFILE_SHOWN = ("display_name", "job_title", "anonymous", "profile_public", "profile_shows_profession")


def _shown(member):
    return tuple(getattr(member, field) for field in PROFILE_SHOWN)


@transaction.atomic
def member_change_registration(*, member, profession, regulator, registration_number):
    """A new number must be approved again (when approval is required) before the member is verified."""
    changed = (member.regulator, member.registration_number) != (regulator, registration_number)
    before = copy.copy(member)
    member.profession = profession
    member.regulator = regulator
    member.registration_number = registration_number
    if changed:
        member.approval = Approval.PENDING
        member.approval_decided_at = None
        member.approval_decided_by = None
        member.approval_note = ""
        VerificationEvent.objects.create(member=member, kind=VerificationEvent.Kind.NUMBER_CHANGED)
    member.full_clean(exclude=["password", "username"])
    member.save()
    if before.profession != profession and member.profile_shows_profession:
        public_profile_changed.send(sender=type(member), member=member, before=before)
    return changed


@transaction.atomic
def member_confirm_email(*, member, email):
    """Record that the member proved they own `email` (they followed the link we sent)."""
    member.email = email
    member.email_verified_at = timezone.now()
    member.save(update_fields=["email", "email_verified_at"])
    VerificationEvent.objects.create(member=member, kind=VerificationEvent.Kind.EMAIL_CONFIRMED, note=email)


@transaction.atomic
def member_decide_approval(*, member, by, approve, reason=""):
    """Approve or decline a registration; a second decision on the same one is refused."""
    require(by, APPROVE_MEMBER, "Only the membership team can approve or decline registrations.")
    member = User.objects.select_for_update().get(pk=member.pk)
    if member.approval != Approval.PENDING:
        decided_by = member.approval_decided_by.public_name if member.approval_decided_by else "someone else"
        raise Refused(
            errors.ALREADY_DECIDED,
            f"{member.public_name} was already {member.get_approval_display().lower()} by {decided_by}.",
            member=member,
        )
    member.approval = Approval.APPROVED if approve else Approval.DECLINED
    member.approval_decided_at = timezone.now()
    member.approval_decided_by = person(by)
    member.approval_note = "" if approve else reason
    member.save(update_fields=["approval", "approval_decided_at", "approval_decided_by", "approval_note"])
    kind = VerificationEvent.Kind.APPROVED if approve else VerificationEvent.Kind.DECLINED
    VerificationEvent.objects.create(member=member, kind=kind, actor=person(by), note=member.approval_note)
    template = "approved" if approve else "declined"
    transaction.on_commit(lambda: send_member_email.enqueue(member.pk, template))
    return member


def members_awaiting_approval():
    """Confirmed members whose registration staff have not yet decided, oldest first (staff need none)."""
    return User.objects.filter(
        approval=Approval.PENDING,
        email_verified_at__isnull=False,
        deleted_at__isnull=True,
        is_active=True,
        is_staff=False,
    ).order_by("email_verified_at", "pk")


def email_taken(email, *, member=None):
    """Whether another live account has this address (compared as the database's constraint does, without case)."""
    others = User.objects.filter(email__iexact=email, deleted_at__isnull=True)
    if member is not None and member.pk:
        others = others.exclude(pk=member.pk)
    return others.exists()


def approval_queue_size():
    if not MembershipSettings.load().require_staff_approval:
        return 0
    return members_awaiting_approval().count()


def member_export(*, member):
    """Everything the platform holds about the member, as JSON-ready data."""
    return member_data.export(member)


@transaction.atomic
def member_delete_account(*, member):
    """Anonymise: the row stays as “Deleted member”, personal data goes, every session ends."""
    member_data.erase(member)
    return member
