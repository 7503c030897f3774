"""Make, check and revoke personal API tokens (`models.ApiToken`): the one place their rules live.

A token is `asc_<prefix>_<secret>`; the member sees it once. It carries scopes (read, write, moderate), always
expires, and stops working at once when it is revoked or its member is suspended, banned, deactivated or deleted
(checked on every call, not when the token was made). A moderate-scope token can only be made by a moderator who
signed in (or confirmed their password) in the last few minutes: the view asks allauth for that."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from auscult.core import actors
from auscult.core.errors import NotPermitted, Refused
from auscult.members import access
from auscult.moderation.permissions import MODERATE

from .models import ApiToken, Scope

PREFIX = "asc_"
EXPIRY_DAYS = (7, 30, 90, 365)
# A moderator's key reaches other people's words and accounts: it lives a month at most.
MODERATE_MAX_DAYS = 30
MAX_TOKENS = 20
# How stale `last_used_at` may be: written at most once a minute, not on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)

BAD_NAME = "bad_name"
BAD_SCOPES = "bad_scopes"
BAD_EXPIRY = "bad_expiry"
TOO_MANY = "too_many_tokens"


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    key: str  # shown once, never stored


def digest_of(key):
    return hashlib.sha256(key.encode()).hexdigest()


def grants(scopes, needed):
    """Whether a token holding `scopes` may make a call that needs `needed`: write and moderate each include
    reading (the member's own data, or the moderation workspace)."""
    held = set(scopes)
    if needed in held:
        return True
    return needed == Scope.READ and bool(held & {Scope.WRITE, Scope.MODERATE})


@transaction.atomic
def token_create(*, member, name, scopes, days):
    """A new token for `member`; `Refused` with a message for each thing wrong with the request."""
    name = (name or "").strip()
    if not name or len(name) > 60:
        raise Refused(BAD_NAME, "Give the token a name of up to 60 characters, so you know what it is for.")
    scopes = sorted(set(scopes or ()))
    if not scopes or any(scope not in Scope.values for scope in scopes):
        raise Refused(BAD_SCOPES, "Choose what the token may do: read, write or moderate.")
    if days not in EXPIRY_DAYS:
        raise Refused(BAD_EXPIRY, f"Choose when the token expires: in {', '.join(map(str, EXPIRY_DAYS))} days.")
    if Scope.MODERATE in scopes:
        actors.require(member, MODERATE, "Only moderators can make a token that moderates.")
        if days > MODERATE_MAX_DAYS:
            raise Refused(BAD_EXPIRY, f"A token that moderates expires within {MODERATE_MAX_DAYS} days.")
    if not member.is_authenticated or member.is_deleted:
        raise NotPermitted()
    # Locking the member serialises two clicks on "Create" around the count.
    get_user_model().objects.select_for_update().filter(pk=member.pk).values_list("pk").first()
    if ApiToken.objects.usable().filter(member=member).count() >= MAX_TOKENS:
        raise Refused(TOO_MANY, f"You have {MAX_TOKENS} tokens in use. Revoke one you no longer need first.")
    prefix = secrets.token_hex(4)
    key = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        member=member,
        name=name,
        prefix=prefix,
        digest=digest_of(key),
        scopes=scopes,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return Issued(token, key)


def token_revoke(*, token, member):
    """Revoke one of the member's own tokens (revoking a revoked one changes nothing)."""
    if token.member_id != member.pk:
        raise NotPermitted("This is not your token.")
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def revoke_all(member):
    """Every token of `member`, revoked: their password was changed, reset or set (`signals`)."""
    ApiToken.objects.filter(member=member, revoked_at__isnull=True).update(revoked_at=timezone.now())


def authenticate(key):
    """The usable token for `key`, with its member, or None: wrong, revoked or expired keys, and the keys of a
    member who may not act now (inactive, deleted, or under a ban or suspension, or one that cannot be told)."""
    if not isinstance(key, str) or not key.startswith(PREFIX) or len(key) > 100:
        return None
    now = timezone.now()
    token = ApiToken.objects.usable(now).select_related("member").filter(digest=digest_of(key)).first()
    if token is None:
        return None
    member = token.member
    if not member.is_active or member.is_deleted:
        return None
    if access.active_sanction(member) is not None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
