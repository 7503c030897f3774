"""Suspending and banning members, and lifting either; all logged. A ban keeps the member's
e-mail address and registration number only as keyed hashes, so they cannot simply register again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from auscult.core.actors import person, require
from auscult.core.errors import Refused
from auscult.core.text import paragraphs

from . import errors
from .audit import record
from .models import AuditAction, BannedIdentity, Sanction, SanctionKind
from .permissions import MODERATE

HASH_SALT = "auscult.moderation.banned-identity"


def identity_digest(kind, value):
    """Keyed (SECRET_KEY) hash of a normalised identity; the value itself is never stored."""
    return salted_hmac(HASH_SALT, f"{kind}:{value.strip().casefold()}", algorithm="sha256").hexdigest()


def is_banned_identity(*, email="", regulator="", number=""):
    digests = []
    if email:
        digests.append((BannedIdentity.Kind.EMAIL, identity_digest("email", email)))
    if number:
        digests.append((BannedIdentity.Kind.REGISTRATION, identity_digest("registration", f"{regulator}:{number}")))
    return any(BannedIdentity.objects.filter(kind=k, digest=d).exists() for k, d in digests)


def active_sanction(member):
    """The sanction in force for the member, the ban first, else the suspension ending last."""
    if not getattr(member, "pk", None):
        return None
    sanctions = list(Sanction.objects.active().filter(member_id=member.pk))
    bans = [s for s in sanctions if s.kind == SanctionKind.BAN]
    if bans:
        return bans[0]
    return max(sanctions, key=lambda s: s.ends_at, default=None)


@transaction.atomic
def member_sanction(*, member, kind, reason, by, days=None):
    require(by, MODERATE, "Only moderators can suspend or ban members.")
    kind = SanctionKind(kind)
    reason = paragraphs(reason)
    if not reason:
        raise Refused(errors.REASON_NEEDED, "A sanction needs a reason; the member is shown it.")
    now = timezone.now()
    ends_at = None
    if kind == SanctionKind.SUSPENSION:
        if not days or days < 1:
            raise Refused(errors.DAYS_NEEDED, "A suspension needs a length in days.")
        ends_at = now + timedelta(days=days)
    sanction = Sanction.objects.create(
        member=member, kind=kind, reason=reason, starts_at=now, ends_at=ends_at, created_by=person(by)
    )
    if kind == SanctionKind.BAN:
        identities = []
        if member.email:
            identities.append((BannedIdentity.Kind.EMAIL, identity_digest("email", member.email)))
        if member.registration_number:
            value = f"{member.regulator}:{member.registration_number}"
            identities.append((BannedIdentity.Kind.REGISTRATION, identity_digest("registration", value)))
        for identity_kind, digest in identities:
            BannedIdentity.objects.get_or_create(kind=identity_kind, digest=digest, defaults={"sanction": sanction})
    action = AuditAction.BAN if kind == SanctionKind.BAN else AuditAction.SUSPEND
    record(action, actor=person(by), member=member, reason=reason, until=ends_at.isoformat() if ends_at else "")
    return sanction


@transaction.atomic
def sanction_lift(*, sanction, by, reason=""):
    require(by, MODERATE, "Only moderators can lift a suspension or a ban.")
    sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
    if sanction.lifted_at:
        return sanction
    sanction.lifted_at = timezone.now()
    sanction.lifted_by = person(by)
    sanction.lift_reason = paragraphs(reason)
    sanction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    sanction.banned_identities.all().delete()
    record(AuditAction.LIFT, actor=person(by), member=sanction.member, reason=sanction.lift_reason, kind=sanction.kind)
    return sanction
