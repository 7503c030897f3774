"""The client's address: the one place that decides it, for every limiter (allauth's through the members'
adapter) and anything else that keys on who is asking.

Behind `TRUSTED_PROXY_COUNT` reverse proxies of our own, each appends the address it was connected from to
X-Forwarded-For, so the Nth entry from the right is the one our outermost proxy saw: the client. Everything
left of it came from the client and is never read. With no trusted proxy (the default) the header is ignored
and the address is the connection's own (REMOTE_ADDR).
"""

import ipaddress

from django.conf import settings


def _address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address in canonical form, or None when the request carries none that parses."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = header.split(",") if header else []
    if len(forwarded) < hops:
        # The request did not come through every proxy (e.g. a health check straight to the app server).
        return remote
    # An entry our own proxy wrote always parses; one that does not means a misconfigured proxy count, and
    # falling back to the proxy's address makes everyone share a limit rather than letting a client pick one.
    return _address(forwarded[-hops]) or remote
