"""Operational endpoints: health check and robots.txt."""

import logging
import uuid

from django.core.cache import cache
from django.db import Error, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

# Seconds a health check's probe value lives; each check writes its own key, so checks running
# at once in several processes cannot read one another's value.
CACHE_PROBE_SECONDS = 10
# Milliseconds the health check's own query may take on PostgreSQL: a load balancer's check must answer
# within a few seconds, whatever the web requests' statement timeout is.
HEALTHZ_STATEMENT_TIMEOUT_MS = 2000


def cache_state():
    """ "ok" when a value round-trips through the shared cache, "degraded" when it does not or when
    the cache is standing in for an unreachable Redis (`FailSoftRedisCache.degraded`). Never
    raises, and costs at most one bounded Redis timeout."""
    try:
        if getattr(cache, "degraded", False):
            # A read, not a round trip: it lets Redis be tried again once the retry window has
            # passed, without piling up keys to drop when Redis is back.
            cache.get("core:healthz")
        else:
            key = f"core:healthz:{uuid.uuid4().hex}"
            cache.set(key, key, CACHE_PROBE_SECONDS)
            if cache.get(key) != key:
                return "degraded"
        return "degraded" if getattr(cache, "degraded", False) else "ok"
    except Exception:
        logger.exception("Cache health check failed")
        return "degraded"


@never_cache
@require_GET
def healthz(request):
    """200 with a small JSON body when the database answers, 503 when it does not. The cache is
    reported but never fails the check: pages are served from the database without it."""
    cache_status = cache_state()
    if not database_answers():
        return JsonResponse({"status": "error", "database": "unavailable", "cache": cache_status}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_status})


def database_answers():
    """One query, bounded: connecting by DATABASE_CONNECT_TIMEOUT, the query itself on PostgreSQL by
    its own statement timeout. Any database error (InterfaceError too) is a no, never a 500."""
    try:
        if connection.vendor == "postgresql":
            # SET LOCAL needs a transaction; SQLite's would take the write lock (IMMEDIATE), so not there.
            with transaction.atomic(), connection.cursor() as cursor:
                limit = f"{HEALTHZ_STATEMENT_TIMEOUT_MS}ms"
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [limit])
                cursor.execute("SELECT 1")
                cursor.fetchone()
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Error as error:
        logger.warning("Health check: the database did not answer (%s: %s)", type(error).__name__, error)
        return False
    return True


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
