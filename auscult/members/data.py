"""People's data: every feature that stores something about a member registers how to export
it and how to erase it, so the export and account deletion stay complete as features grow.

    from auscult.members import data
    data.register("ratings", export=export_ratings, erase=erase_ratings)   # in AppConfig.ready()
"""

import uuid
from dataclasses import dataclass

from django.utils import timezone

from auscult.core import delivery

from .models import ANONYMOUS_NAME, Approval, Regulator


@dataclass(frozen=True)
class Section:
    name: str
    export: object = None
    erase: object = None
    # Returns True while something (a legal hold) requires the member's contact details to be kept.
    retains_contact: object = None


_sections: dict[str, Section] = {}


def register(name, *, export=None, erase=None, retains_contact=None):
    _sections[name] = Section(name, export, erase, retains_contact)


def export(member):
    document = {
        "generated_at": timezone.now().isoformat(),
        "notice": "Everything Auscult holds about your account. Other members' data is not included.",
    }
    for section in _sections.values():
        if section.export:
            document[section.name] = section.export(member)
    return document


def erase(member):
    """Run every feature's eraser, then anonymise the account row itself (last, so erasers still see it)."""
    for section in _sections.values():
        if section.erase:
            section.erase(member)
    keep_contact = any(s.retains_contact(member) for s in _sections.values() if s.retains_contact)
    _anonymise(member, keep_contact=keep_contact)
    delivery.changed(delivery.PEOPLE)  # their name leaves every cached comment (the comments' eraser purges)


def erase_retained_contact(member):
    """Erase the contact details a legal hold kept after the account was deleted."""
    member.email = ""
    member.full_name = ""
    member.save(update_fields=["email", "full_name"])


def _anonymise(member, *, keep_contact=False):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=member).delete()
    member.username = f"deleted-{uuid.uuid4().hex[:20]}"
    if not keep_contact:
        member.email = ""
        member.full_name = ""
    member.first_name = member.last_name = ""
    member.display_name = member.display_name_key = ""
    member.profession = ""
    member.regulator = Regulator.OTHER
    member.registration_number = ""
    member.job_title = ""
    member.anonymous = True
    member.profile_public = member.profile_shows_profession = False
    member.approval = Approval.DECLINED
    member.approval_note = ""
    member.is_active = member.is_staff = member.is_superuser = False
    member.deleted_at = timezone.now()
    # A new password hash invalidates every session the member has, on every device.
    member.set_unusable_password()
    member.save()
    member.groups.clear()
    member.user_permissions.clear()
    member.verification_events.update(note="")


def _export_account(member):
    from allauth.account.models import EmailAddress

    return {
        "username": member.username,
        "email": member.email,
        "full_name": member.full_name,
        "display_name": member.display_name,
        "comments_shown_as": ANONYMOUS_NAME if member.anonymous else member.display_name,
        "profession": member.get_profession_display(),
        "regulator": member.get_regulator_display(),
        "registration_number": member.registration_number,
        "job_title": member.job_title,
        "public_profile": member.profile_public,
        "profession_on_public_profile": member.profile_shows_profession,
        "date_joined": member.date_joined.isoformat(),
        "last_login": member.last_login.isoformat() if member.last_login else None,
        "email_confirmed_at": member.email_verified_at.isoformat() if member.email_verified_at else None,
        "approval": member.get_approval_display(),
        "approval_decided_at": member.approval_decided_at.isoformat() if member.approval_decided_at else None,
        "approval_note": member.approval_note,
        "roles": sorted(member.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=member).order_by("pk")
        ],
        "verification_history": [
            {
                "event": event.get_kind_display(),
                "at": event.created_at.isoformat(),
                "by": "staff" if event.actor_id else "you",
                "note": event.note,
            }
            for event in member.verification_events.all()
        ],
    }


register("account", export=_export_account)
