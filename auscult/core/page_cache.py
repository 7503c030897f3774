"""Django's own shared page cache: the origin's copy of every public page (`delivery.public`), for a deployment
without a caching proxy and behind one (a proxy's miss is then two cache reads and no query).

It answers GET and HEAD requests without a session or messages cookie, not made by htmx (a history restore, which
wants the whole page, excepted), once they have passed the professionals-only notice: it sits after that
middleware, so the notice and its one crawler rule stay where they are. An entry is keyed on the path and the
query parameters that change a page (`KEY_PARAMS`); any other query string is the same entry.

Each path has a generation token in the cache, read before the page is rendered. Wagtail's front-end cache
invalidation purges a URL through `PageCacheBackend`, which deletes the token, so every entry of that path (every
page of a thread, in every size and order) is unreachable at once; a render that began before the purge is stored
under the token it read, never under the new one. While the cache is the fail-soft Redis cache's local fallback
(`core.cache`), each process would keep copies a purge in another process cannot reach, so the page cache stands
aside until Redis is back.

`AUSCULT["PAGE_CACHE_SECONDS"]` is how long an entry lives without a purge; 0 turns the cache off (the tests'
default: pages they change are read back at once, and their transactions never commit to run a purge)."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from .delivery import is_public, personal_reason, shared_seconds

KEY_PARAMS = ("page", "page_size", "order")
# Longest value of a key parameter that is kept (a longer one is cut): no request can make an unbounded key.
PARAM_LENGTH = 20
GENERATION_KEY = "pagecache:path:{}"
ENTRY_KEY = "pagecache:{}:{}|{}"
# A generation outlives its entries, so one never comes back under the same token.
GENERATION_TIMEOUT = 7 * 24 * 60 * 60
HIT_HEADER = "X-Page-Cache"


def _timeout():
    return settings.AUSCULT["PAGE_CACHE_SECONDS"]


def _eligible(request):
    if request.method not in ("GET", "HEAD") or getattr(cache, "degraded", False):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES:
        return False
    if "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers:
        return False
    return "preview" not in request.GET


def _generation_key(path):
    return GENERATION_KEY.format(path)


def _generation(path):
    key = _generation_key(path)
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, GENERATION_TIMEOUT)
        token = cache.get(key)
    return token


def _entry_key(generation, request):
    params = "&".join(f"{name}={request.GET.get(name, '')[:PARAM_LENGTH]}" for name in KEY_PARAMS)
    return ENTRY_KEY.format(generation, request.path, params)


def _storable(request, response):
    return (
        is_public(response)
        and response.status_code == 200
        and not response.streaming
        and not personal_reason(request, response)
    )


def _replay(request, entry):
    status, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status, headers=headers)
    not_modified = get_conditional_response(request, etag=headers.get("ETag"), response=response)
    response = not_modified or response
    response[HIT_HEADER] = "hit"
    response.auscult_public = True
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _timeout() or not _eligible(request):
            return self.get_response(request)
        generation = _generation(request.path)
        key = _entry_key(generation, request) if generation else None
        entry = cache.get(key) if key else None
        if entry is not None:
            return _replay(request, entry)
        response = self.get_response(request)
        if key and _storable(request, response):
            headers = {name: value for name, value in response.items() if name.lower() != "content-length"}
            lifetime = min(_timeout(), shared_seconds(response))  # a short-lived answer is short-lived here too
            cache.set(key, (response.status_code, headers, response.content), lifetime)
            response[HIT_HEADER] = "miss"
        return response


def forget(path):
    """Drop every cached entry of `path`."""
    cache.delete(_generation_key(path))


class PageCacheBackend(BaseBackend):
    """Wagtail front-end cache backend for the page cache above (`WAGTAILFRONTENDCACHE`)."""

    def purge(self, url):
        forget(urlsplit(url).path)
