"""Operational endpoints: health check and robots.txt."""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

# Seconds a health check's probe value lives; each check writes its own key, so checks running
# at once in several processes cannot read one another's value.
CACHE_PROBE_SECONDS = 10


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
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable", "cache": cache_status}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_status})


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
