"""Who is calling the API: a signed-in browser (its session, with the CSRF token on every unsafe method), or a
program with a personal API token (`Authorization: Bearer asc_…`), whose scopes limit what it may do.

    @router.post("/…", auth=caller(Scope.WRITE))
    def op(request): request.auth.member …

`request.auth` is a `Caller`. A browser session holds every scope (what it may do is its member's permissions,
which the services check); a token holds the scopes it was made with. Token calls are limited like sign-ins, by
allauth's limiter: per token, and a wrong key per client address (`ACCOUNT_RATE_LIMITS`: api_token,
api_token_failed)."""

from dataclasses import dataclass, field

from allauth.core.internal import ratelimit
from django.conf import settings
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from . import tokens
from .models import ApiToken, Scope
from .problems import InsufficientScope, RateLimited

TOKEN_CALLS = "api_token"  # noqa: S105 - the name of a rate limit, not a secret
TOKEN_FAILURES = "api_token_failed"  # noqa: S105 - the name of a rate limit, not a secret


@dataclass(frozen=True)
class Caller:
    member: object
    token: ApiToken | None = None
    scopes: frozenset = field(default_factory=lambda: frozenset(Scope.values))


def retry_after(action):
    """Seconds to wait once `action`'s limit is reached: the shortest period among its rates."""
    periods = []
    for rate in settings.ACCOUNT_RATE_LIMITS.get(action, "").split(","):
        parts = rate.strip().split("/")
        if len(parts) >= 2:
            periods.append(_seconds(parts[1]))
    return min(periods, default=60)


def _seconds(period):
    """allauth's period ("60s", "10m", "m", "d") in seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    digits = period.rstrip("smhd")
    return int(digits or 1) * units.get(period[len(digits) :] or "s", 1)


def _consume(request, action, key=None):
    """One call counted against `action`'s rates, GETs included (allauth's public `consume` lets every GET pass:
    its limits guard forms); False once over."""
    return bool(ratelimit.consume(request, app="allauth.account", action=action, key=key, limit_get=True))


class TokenAuth(HttpBearer):
    """A personal API token, which must hold `scope`."""

    def __init__(self, scope=Scope.READ):
        self.scope = scope
        super().__init__()

    def __call__(self, request):
        # Only a request that says "Bearer" is this auth's: anything else is left to the session.
        header = request.headers.get("Authorization", "")
        if not header.lower().startswith("bearer "):
            return None
        return super().__call__(request)

    def authenticate(self, request, token):
        found = tokens.authenticate(token)
        if found is None:
            if not _consume(request, TOKEN_FAILURES):
                raise RateLimited(retry_after(TOKEN_FAILURES))
            # A wrong, revoked or expired key is refused, even from a browser that also sends its session: the
            # caller asked to be the token's member, and a revoked key must never quietly work as someone else.
            raise AuthenticationError()
        if not _consume(request, TOKEN_CALLS, key=found.prefix):
            raise RateLimited(retry_after(TOKEN_CALLS))
        if not tokens.grants(found.scopes, self.scope):
            raise InsufficientScope(self.scope)
        # Services and templates read `request.user`: the token's member acts.
        request.user = found.member
        return Caller(member=found.member, token=found, scopes=frozenset(found.scopes))


class BrowserSession(SessionAuth):
    """The site's own session cookie. With it comes the CSRF check on unsafe methods (django-ninja's
    APIKeyCookie), but only when the cookie is there: a call with neither session nor token is a 401, not a
    CSRF failure."""

    def _get_key(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = request.user
        if key is None or not user.is_authenticated or user.is_deleted or not user.is_active:
            return None
        return Caller(member=user)


def caller(scope=Scope.READ):
    """The `auth` of an operation a member makes: a token holding `scope`, or the browser session."""
    return [TokenAuth(scope), BrowserSession(csrf=True)]
