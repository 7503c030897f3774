"""How often a member may make the writes that have no limit of their own: reports and rating changes.

Counted by allauth's cache-backed limiter (already guarding sign-in and sign-up), so the counts live in the
shared cache and hold across workers; the rates sit in ACCOUNT_RATE_LIMITS beside allauth's own. A "user"
rate counts per member, an "ip" rate per client address, which allauth asks the members' adapter for and so
comes from auscult.core.client_ip like every other limit's.
"""

from allauth.core import ratelimit

COMMENT_REPORT = "comment_report"
RATING_CHANGE = "rating_change"


def consume(request, action):
    """Count one attempt at `action` by the signed-in member; False once it would exceed one of the action's
    rates (or the cache is too busy to tell within a second), when the member is to be refused."""
    return ratelimit.consume(request, action=action, user=request.user)
