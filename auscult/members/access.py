"""What a member may do, decided in one place: views, the API and templates ask here."""

from dataclasses import dataclass

from auscult.core.seams import Seam

from .models import Approval, MemberLevel, MembershipSettings


class Standing:
    """Where a person stands with the site, for reading rules and explaining refusals."""

    ANONYMOUS = "anonymous"
    UNCONFIRMED = "unconfirmed"
    AWAITING_APPROVAL = "awaiting_approval"
    DECLINED = "declined"
    SUSPENDED = "suspended"
    BANNED = "banned"
    UNKNOWN = "unknown"  # nothing can tell whether a sanction is in force
    VERIFIED = "verified"


REASONS = {
    Standing.ANONYMOUS: "Sign in or register to take part.",
    Standing.UNCONFIRMED: "Confirm your e-mail address to take part: follow the link we sent you.",
    Standing.AWAITING_APPROVAL: "Your registration is waiting for approval by our membership team.",
    Standing.DECLINED: "Your registration was not approved. Contact the membership team if you think this is wrong.",
    Standing.UNKNOWN: "Taking part is paused for a moment. Please try again later.",
}

# Sanctions live in moderation, above this app, which fills these seams (auscult/core/seams.py).
_STANDING_UNKNOWN = object()
active_sanction = Seam("members.access.active_sanction", when_empty=lambda member: _STANDING_UNKNOWN)
"""The ban or suspension in force for the member, or None. Empty: nobody may take part."""
is_banned_identity = Seam("members.access.is_banned_identity", when_empty=lambda **identity: False)
"""Whether an e-mail address or registration number was banned. Empty: none is, since an account
registered meanwhile still cannot take part while `active_sanction` is empty."""


@dataclass(frozen=True)
class Permission:
    allowed: bool
    standing: str
    reason: str = ""

    @property
    def must_sign_in(self):
        """Signed out (or the account is gone): the page offers signing in and registering."""
        return self.standing == Standing.ANONYMOUS

    @property
    def must_confirm_email(self):
        """Signed in but the e-mail address is not confirmed: the page offers the e-mail again."""
        return self.standing == Standing.UNCONFIRMED


def standing_of(user, membership=None):
    """The user's standing: anonymous, unconfirmed, awaiting approval, declined or verified."""
    return _standing(user, membership)[0]


def _standing(user, membership):
    """`standing_of`, with the membership settings as read for it: None when the answer did not need them (an
    approved member or staff is verified whether or not the site asks for approval), so a write by one costs
    no read of them."""
    if not user.is_authenticated or getattr(user, "is_deleted", False):
        return Standing.ANONYMOUS, membership
    if not user.email_confirmed:
        return Standing.UNCONFIRMED, membership
    if user.approval == Approval.APPROVED or user.is_staff:
        return Standing.VERIFIED, membership
    membership = membership or MembershipSettings.load()
    if membership.require_staff_approval:
        return (Standing.DECLINED if user.approval == Approval.DECLINED else Standing.AWAITING_APPROVAL), membership
    return Standing.VERIFIED, membership


def sanction_reason(sanction):
    """What a sanctioned member is told instead of the comment form."""
    from auscult.core.templatetags.auscult import uk_datetime

    if sanction.ends_at is None:
        return f"You are banned from taking part. Reason: {sanction.reason}"
    return f"You are suspended until {uk_datetime(sanction.ends_at)}. Reason: {sanction.reason}"


_UNREAD = object()
LEVELS = ("comment", "rate")


def _permission(user, level, *, sanction=_UNREAD, membership=None):
    if not user.is_authenticated or getattr(user, "is_deleted", False):
        return Permission(False, Standing.ANONYMOUS, REASONS[Standing.ANONYMOUS])
    if sanction is _UNREAD:
        sanction = active_sanction(user)
    if sanction is _STANDING_UNKNOWN:
        return Permission(False, Standing.UNKNOWN, REASONS[Standing.UNKNOWN])
    if sanction is not None:
        standing = Standing.BANNED if sanction.ends_at is None else Standing.SUSPENDED
        return Permission(False, standing, sanction_reason(sanction))
    standing, membership = _standing(user, membership)
    if standing == Standing.VERIFIED:
        return Permission(True, standing)
    if standing in (Standing.AWAITING_APPROVAL, Standing.DECLINED):  # `_standing` read the settings for these
        needed = membership.may_comment if level == "comment" else membership.may_rate
        if needed == MemberLevel.CONFIRMED:
            return Permission(True, standing)
    return Permission(False, standing, REASONS[standing])


def may_comment(user):
    """Whether the user may comment now, and if not, why (to show instead of the form)."""
    return _permission(user, "comment")


def may_rate(user):
    return _permission(user, "rate")


def permissions_for(request):
    """`may_comment` and `may_rate` for the request's user, as {"comment": …, "rate": …}, reading the
    sanction and the membership settings once per request: an article page asks for both (its comments and
    its rating block). Pages only; a service asks `may_comment`/`may_rate` afresh, inside its transaction."""
    cached = getattr(request, "_auscult_permissions", None)
    if cached is None:
        user = request.user
        signed_in = user.is_authenticated and not getattr(user, "is_deleted", False)
        sanction = active_sanction(user) if signed_in else None
        membership = MembershipSettings.load(request_or_site=request) if signed_in else None
        cached = {level: _permission(user, level, sanction=sanction, membership=membership) for level in LEVELS}
        request._auscult_permissions = cached
    return cached
