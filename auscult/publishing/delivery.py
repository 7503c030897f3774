"""Publishing's half of the shared-cache contract (`auscult.core.delivery`): which pages are shared, what their
ETags and fragments key on, what a change purges, and the route cache that spares a page its tree walk.

- `SharedPageMixin.serve` marks a page public for a visitor (no session, no messages, not signed in): one page
  for every visitor past the notice and for crawlers, answered with 304 when the browser's ETag still matches.
  A member's page is `private`: the same template with their own parts rendered in, from the same fragment
  caches (docs/decisions.md, "Issue 12").
- `article_changed(article)` is what the apps above call when an article's comments, ratings, featured comments
  or mode change: a new version for the article in the same transaction, a coalesced purge of its URL after
  commit (`at_once` for a removal).
- Publishing, unpublishing, moving or deleting a page, and the magazine's settings, change the site's version and
  purge the page with every page that lists it (home, its section, the feeds, its authors' pages).
"""

import time
import uuid
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import Exists
from django.urls import reverse
from django.utils.cache import get_conditional_response
from wagtail.models import Page, PageViewRestriction, Site

from auscult.core import delivery
from auscult.core.cache import read_ahead
from auscult.core.delivery import SITE, page_key

from . import engagement
from .chrome import CHROME_CACHE_KEY

AUTHORS = "authors"
ROUTE_KEY = "publishing:route:v3:{}"
# Seconds a route stays cached; a stale one costs nothing but a walk (`cached_route` checks it against the page).
ROUTE_TIMEOUT = 15 * 60
# The query parameters that change a page; any other is the same page to a shared cache.
PAGE_PARAMS = ("page", "page_size", "order")


def may_share(request):
    """Whether `request` gets the page every visitor gets: a visitor reading, without a session (a restricted page
    is only ever passed in one) or messages."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def respond(request, render, *, keys=(AUTHORS,), extra=(), lists_articles=False):
    """`render()`'s response, shared with every visitor when `may_share(request)` (public, with an ETag made from
    the versions of `keys` and `extra`; a 304 when the browser's copy is current), else private. A page that
    `lists_articles` shows their counts, so its ETag also changes with `counts_bucket`."""
    if not may_share(request):
        return delivery.private(render())
    params = [request.GET.get(name, "")[:20] for name in PAGE_PARAMS]
    rolling = [counts_bucket()] if lists_articles else []
    etag = delivery.etag(request, *keys, extra=[request.path, *rolling, *extra, *params])
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return delivery.public(not_modified, etag=etag)
    response = render()
    if response.status_code != 200:
        return response
    return delivery.public(response, etag=etag)


def shared_view(*keys, lists_articles=False):
    """`respond` for a plain view (author pages, feeds): its page depends on the site's version and `keys`'."""

    def decorator(view):
        @wraps(view)
        def shared(request, *args, **kwargs):
            return respond(request, lambda: view(request, *args, **kwargs), keys=keys, lists_articles=lists_articles)

        return shared

    return decorator


class SharedPageMixin:
    """For page models whose visitor page is shared (see the module's docstring)."""

    # Whether the page lists articles with their comment counts and ratings (`respond`).
    lists_articles = False

    def cache_keys(self):
        """The versions (besides the site's and the members' names) the page's content depends on."""
        return (AUTHORS,)

    def serve(self, request, *args, **kwargs):
        return respond(
            request,
            lambda: super(SharedPageMixin, self).serve(request, *args, **kwargs),
            keys=self.cache_keys(),
            lists_articles=self.lists_articles,
        )

    def get_view_restrictions(self):
        """The restrictions on this page and those above it, in one query (Wagtail's walks the ancestors first),
        or none at all when the page was loaded knowing it has none (`cached_route`). Alias pages keep Wagtail's,
        which resolves them to their source."""
        if self.alias_of_id:
            return super().get_view_restrictions()
        if getattr(self, "unrestricted", False):
            return PageViewRestriction.objects.none()
        return restrictions_on(self.path)


def restrictions_on(path):
    """The view restrictions on the page at `path` and on every page above it."""
    steps = range(Page.steplen, len(path) + 1, Page.steplen)
    return PageViewRestriction.objects.filter(page__path__in=[path[:n] for n in steps])


def fragment_versions(request, *keys):
    """The versions a fragment keys on, as one string: the site's, the members' names' and those of `keys`."""
    return ".".join(delivery.versions(request, *keys).values())


# Seconds a page fragment is kept; versions in its key make it unreachable long before, when anything changes.
FRAGMENT_TIMEOUT = 24 * 60 * 60


def fragment_context(request, page, revision):
    """What a page's `{% cache fragment_timeout NAME fragment_key %}` blocks need: a key made of the page's
    `revision` and the site's and authors' versions, a `state_key` with the page's own version for what its
    comments and mode change (surge protection's note), and a timeout. A preview is never cached: it is a draft."""
    if getattr(request, "is_preview", False):
        return {"fragment_timeout": 0, "fragment_key": f"preview-{uuid.uuid4().hex}", "state_key": ""}
    found = delivery.versions(request, AUTHORS, page_key(page.pk))
    return {
        "fragment_timeout": FRAGMENT_TIMEOUT,
        "fragment_key": ".".join([revision, found[SITE], found[delivery.PEOPLE], found[AUTHORS]]),
        "state_key": found[page_key(page.pk)],
        "counts_bucket": counts_bucket(),
    }


# Listings show each article's comment count and rating, which change with every comment: a listing kept on the
# site's versions would keep them for a day, so it is also kept for this long at most (and its ETag changes).
COUNTS_REFRESH_SECONDS = 300


def counts_bucket():
    """The current span of `COUNTS_REFRESH_SECONDS`, part of a listing's cache key and of its ETag."""
    return str(int(time.time() // COUNTS_REFRESH_SECONDS))


def fragment_keys(context, names, *, with_state=()):
    """The cache keys of the page's `{% cache %}` fragments `names` (keyed on `fragment_key`) and `with_state`
    (on `fragment_key` and `state_key`), to be fetched together (`read_ahead`); none for a preview."""
    if not context["fragment_timeout"]:
        return []
    key, state = context["fragment_key"], context["state_key"]
    # The tag names a fragment by its token as written: a quoted string.
    return [make_template_fragment_key(f'"{name}"', [key]) for name in names] + [
        make_template_fragment_key(f'"{name}"', [key, state]) for name in with_state
    ]


# --- Routes -----------------------------------------------------------------------------------------------------


def cached_route(request, path):
    """Prime Wagtail's route for `path` from the cache, with no tree walk. The entry names the site and keeps the
    page as it was read, with the site's version at the time: any page published, unpublished, moved or
    restricted gives the site a new one, and only then is the page read again (with whether any view restriction
    is on it or above it, and only taken when it is still live at the same place in the tree). The site's version
    is read with those the page's ETag and fragments need, in one query."""
    key = ROUTE_KEY.format(path)
    # With what every page reads next: the masthead.
    read_ahead([key, CHROME_CACHE_KEY])
    entry = cache.get(key)
    if entry is None:
        return False
    site, model, pk, url_path, path_in_tree, snapshot = entry
    keys = model(pk=pk).cache_keys() if issubclass(model, SharedPageMixin) else ()
    # Read before the page, so that a page kept is never older than the version it is kept with.
    current = delivery.versions(request, *keys, page_key(pk))[SITE]
    if snapshot is not None and snapshot[0] == current:
        page = snapshot[1]
    else:
        page = (
            model.objects.filter(pk=pk, live=True, url_path=url_path, path=path_in_tree)
            .annotate(unrestricted=~Exists(restrictions_on(path_in_tree)))
            .first()
        )
        if page is None:
            return False
        cache.set(key, (site, model, pk, url_path, path_in_tree, (current, page)), ROUTE_TIMEOUT)
    from wagtail.url_routing import RouteResult

    request._wagtail_site = site
    request._wagtail_route_for_request = RouteResult(page)
    return True


def walk_and_remember_route(request, path):
    """Wagtail's route for `path`, found by walking the tree, kept for the next request with the page as read
    (before it is rendered, which would leave its own state on it)."""
    current = delivery.versions(request)[SITE]  # before the walk, as in `cached_route`
    route = Page.route_for_request(request, path)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None or route.args or route.kwargs:
        return
    page = route.page
    if not page.alias_of_id:
        page.unrestricted = not restrictions_on(page.path).exists()
    entry = (site, type(page), page.pk, page.url_path, page.path, (current, page))
    cache.set(ROUTE_KEY.format(path), entry, ROUTE_TIMEOUT)


def serve(request, path):
    """Wagtail's page view, with the route cached (urls.py)."""
    from wagtail.views import serve as wagtail_serve

    if request.method in ("GET", "HEAD") and not cached_route(request, path):
        walk_and_remember_route(request, path)
    return wagtail_serve(request, path)


# --- What a change purges ---------------------------------------------------------------------------------------


def article_changed(article_id, *, at_once=False):
    """The article's comments, ratings, featured comments or mode changed: a new version now, a purge of its
    page after commit (every page of its thread, in every size and order), coalesced unless `at_once`."""
    delivery.changed(page_key(article_id), pages=[article_id], at_once=at_once)


def listing_urls(page, *, old_url_path=None):
    """Every URL that shows `page` or a teaser of it (and its old address after a move)."""
    from .models import ArticleAuthor, ArticlePage, Author, RelatedArticle

    site = page.get_site() or Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return []
    root = site.root_url
    urls = [page.get_full_url(), site.root_page.get_full_url(), root + reverse("feed")]
    if old_url_path and old_url_path.startswith(site.root_page.url_path):
        urls.append(root + "/" + old_url_path[len(site.root_page.url_path) :])
    if issubclass(page.specific_class or Page, ArticlePage):
        parent = page.get_parent()
        if parent is not None:
            urls += [parent.get_full_url(), root + reverse("section_feed", args=[parent.slug])]
        authors = Author.objects.filter(pk__in=ArticleAuthor.objects.filter(article_id=page.pk).values("author_id"))
        urls += [root + author.get_absolute_url() for author in authors]
        urls.append(root + reverse("publishing:authors"))
        linking = RelatedArticle.objects.filter(related_id=page.pk).values("article_id")
        urls += [linked.get_full_url() for linked in ArticlePage.objects.live().filter(pk__in=linking)]
        urls += engagement.shown_at(page.pk)
    return [url for url in urls if url]


def page_changed(page, *, at_once=False, old_url_path=None):
    """A page was published, unpublished, moved or deleted: new versions for the site and the page, and a purge
    of every page that lists it (at once when it has gone)."""
    urls = listing_urls(page, old_url_path=old_url_path)
    delivery.changed(SITE, page_key(page.pk), urls=urls, at_once=at_once)


def site_changed():
    """The navigation, the latest issue or a setting every page shows changed: a new site version (ETags and
    fragments follow at once), the home page and the feeds purged; other cached pages follow within the shared
    cache's lifetime (`SHARED_CACHE["S_MAXAGE"]`)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    urls = [site.root_page.get_full_url(), site.root_url + reverse("feed")] if site else []
    delivery.changed(SITE, urls=urls)


def authors_changed():
    """An author's name, photo or bio changed: bylines everywhere follow (new versions; no page is purged)."""
    delivery.changed(AUTHORS, SITE)
