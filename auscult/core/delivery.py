"""The shared-cache contract (ARCHITECTURE, "Page delivery"): what a response may be cached as, the versions
caches key on, and the purges that follow a change.

- **Public or private.** A page that is the same for every visitor past the notice and for crawlers is marked
  with `public(response, etag)`: `s-maxage` and `stale-while-revalidate` for shared caches, `max-age=0` and the
  ETag for browsers, whose copies nobody can purge. `SharedCacheMiddleware`, outermost, has the last word: it
  strips the `Vary: Cookie` that sessions add (and the notice's `Vary: Cookie, User-Agent`) from a public
  response, and makes a response `private` when it sets a cookie (a CSRF token, a session), was made for a
  signed-in member, or came with messages, whatever its view said. Everything else is `private` too.
- **Versions.** `CacheVersion` rows hold a token for the site (navigation, settings, listings), for members'
  public names, and for each page (its comments, ratings, mode). `versions(request, *keys)` reads them once a
  request, in one query; `changed(*keys)` gives them new tokens in the caller's transaction. Fragment caches and
  ETags key on them, so nothing has to be listed to purge them, and a purge lost while the cache was down cannot
  bring back what a change replaced.
- **Purges** go through Wagtail's front-end cache invalidation (`WAGTAILFRONTENDCACHE`: Django's own page cache,
  `core.page_cache`, plus one entry per proxy node or CDN) after commit. `changed(..., pages=[id])` purges in a
  task, coalesced per page: every comment changes every page of its thread in every size and
  order, and purging each at once would send thousands of readers to the origin at the moment they arrive; the
  proxy's cache lock and stale-while-updating carry them over the refill. `at_once=True` (a removal, a
  rejection) purges before the request returns, and again when the window has passed, for a refill that read the
  page before the change committed.
"""

import hashlib
import logging
import uuid
from datetime import timedelta
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django_tasks import default_task_backend, task
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from .models import CacheVersion

logger = logging.getLogger(__name__)

SITE = "site"
PEOPLE = "people"
PENDING_KEY = "delivery:purge-pending:{}"
# Seconds a purge request to a proxy node may take before it is given up (and logged).
PURGE_TIMEOUT = 2


def page_key(page_id):
    return f"page:{page_id}"


# --- Versions ---------------------------------------------------------------------------------------------------


def versions(request, *keys):
    """The tokens of `keys`, as a dict; read from the database once per request, for every key asked for so far
    and the site's, in one query. Without a request (a task, a command) they are read afresh."""
    memo = getattr(request, "_cache_versions", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._cache_versions = memo
    missing = [key for key in {SITE, PEOPLE, *keys} if key not in memo]
    if missing:
        found = dict(CacheVersion.objects.filter(key__in=missing).values_list("key", "token"))
        memo.update({key: found.get(key, "0") for key in missing})
    return {key: memo[key] for key in (SITE, PEOPLE, *keys)}


def etag(request, *keys, extra=()):
    """A strong ETag for a page made from these versions (plus the site's and the members' names), the release
    and `extra` (the page's own options, e.g. which page of the thread)."""
    parts = [settings.AUSCULT["RELEASE"], *versions(request, *keys).values(), *map(str, extra)]
    return '"' + hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest() + '"'


def _bump(key):
    token = uuid.uuid4().hex
    if CacheVersion.objects.filter(key=key).update(token=token):
        return
    try:
        with transaction.atomic():
            CacheVersion.objects.create(key=key, token=token)
    except IntegrityError:  # made by a concurrent change meanwhile
        CacheVersion.objects.filter(key=key).update(token=token)


def changed(*keys, pages=(), urls=(), at_once=False):
    """Give `keys` new versions now, in the caller's transaction; after it commits, purge `urls` and the live
    `pages` (ids: their URLs are read when the purge runs) from every front-end cache. A purge of one page is
    coalesced (one per window, in a task); `at_once` purges before the request returns, and again later."""
    for key in keys:
        _bump(key)
    pages, urls = sorted(set(pages)), list(dict.fromkeys(urls))
    if not pages and not urls:
        return
    if at_once:
        transaction.on_commit(lambda: _purge_now_and_later(pages, urls))
    else:
        transaction.on_commit(lambda: _purge_later(pages, urls))


# --- Purges -----------------------------------------------------------------------------------------------------


def purge_window():
    """Seconds a published change may wait for its purge: the stated bound for it to reach every reader."""
    return settings.AUSCULT["PURGE_WINDOW_SECONDS"]


def _purge_now_and_later(pages, urls):
    purge(pages, urls)
    if purge_window():  # for a refill that read the page before the change committed; with no window there is none
        _enqueue(pages, urls)


def _purge_later(pages, urls):
    # One purge of a page waits at a time; the changes made meanwhile are in it (it purges the whole page).
    one_page = len(pages) == 1 and not urls
    if one_page and not cache.add(PENDING_KEY.format(pages[0]), 1, timeout=max(purge_window() * 4, 60)):
        return
    _enqueue(pages, urls)


def _enqueue(pages, urls):
    job = purge_task
    if purge_window() and default_task_backend.supports_defer:
        job = purge_task.using(run_after=timezone.now() + timedelta(seconds=purge_window()))
    try:
        job.enqueue(pages, urls)
    except Exception:  # the queue is the database: a failure here must not undo a committed change
        logger.exception("Could not queue the purge of pages %s and %s; purging now", pages, urls)
        purge(pages, urls)


@task()
def purge_task(pages, urls):
    if len(pages) == 1:
        cache.delete(PENDING_KEY.format(pages[0]))
    purge(pages, urls)


def purge(pages=(), urls=()):
    """Purge the live `pages` (ids) and `urls` from every configured front-end cache now."""
    from wagtail.models import Page

    found = [page.get_full_url() for page in Page.objects.filter(pk__in=pages, live=True)] if pages else []
    targets = [url for url in [*found, *urls] if url]
    if targets and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(targets)


class ProxyPurgeBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend (nginx's cache purge, Varnish) with a time limit: a proxy node that does not
    answer costs `PURGE_TIMEOUT` seconds and a log line, never a hung request. "Not cached" (404) is success."""

    def __init__(self, params):
        super().__init__(params)
        if self.cache_scheme not in ("http", "https"):
            raise ImproperlyConfigured(f"A purge LOCATION must be an http or https URL, not {self.cache_scheme!r}.")

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            urlopen(request, timeout=PURGE_TIMEOUT)  # noqa: S310  # nosec B310 - http(s) only, checked in __init__
        except HTTPError as error:
            if error.code != 404:
                logger.error("Could not purge %s from %s: HTTP %s", url, self.cache_netloc, error.code)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from %s: %s", url, self.cache_netloc, error)


# --- Response headers -------------------------------------------------------------------------------------------


def public(response, *, etag, shared_seconds=None):
    """Mark a response every visitor may be given from a shared cache (the middleware may still refuse), for
    `shared_seconds` (default: the contract's `S_MAXAGE`) in every shared cache, Django's page cache included."""
    response["ETag"] = etag
    response.auscult_public = True
    response.auscult_shared_seconds = shared_seconds
    return response


def shared_seconds(response):
    """How long a shared cache may keep this public response without a purge."""
    found = getattr(response, "auscult_shared_seconds", None)
    return settings.AUSCULT["SHARED_CACHE"]["S_MAXAGE"] if found is None else found


def private(response):
    patch_cache_control(response, private=True, no_cache=True)
    response.auscult_public = False
    return response


def is_public(response):
    return getattr(response, "auscult_public", False)


def personal_reason(request, response):
    """Why this response must not be shared, or ""."""
    if response.cookies:
        return "it sets a cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # set by every get_token(), {% csrf_token %}
        return "it carries a CSRF token"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "it was made for a signed-in member"
    if CookieStorage.cookie_name in request.COOKIES:
        return "it shows messages"
    return ""


def _without_vary(response, names):
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
    kept = [v for v in vary if v.lower() not in names]
    if kept:
        response["Vary"] = ", ".join(kept)
    elif "Vary" in response:
        del response["Vary"]


class SharedCacheMiddleware:
    """The last word on `Cache-Control`, outermost in the stack (see the module's docstring)."""

    SPLITTING = {"cookie", "user-agent"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_public(response):
            why = personal_reason(request, response)
            if why:
                logger.warning("%s was marked public but %s: sent as private", request.path, why)
                return private(response)
            limits = settings.AUSCULT["SHARED_CACHE"]
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=shared_seconds(response),
                stale_while_revalidate=limits["STALE_WHILE_REVALIDATE"],
                stale_if_error=limits["STALE_IF_ERROR"],
            )
            _without_vary(response, self.SPLITTING)
        elif "Cache-Control" not in response:
            private(response)
        return response
