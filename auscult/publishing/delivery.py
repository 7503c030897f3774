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

import uuid
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models import Exists
from django.urls import reverse
from django.utils.cache import get_conditional_response
from wagtail.models import Page, PageViewRestriction, Site

from auscult.core import delivery
from auscult.core.delivery import SITE, page_key

AUTHORS = "authors"
ROUTE_KEY = "publishing:route:v2:{}"
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


def respond(request, render, *, keys=(AUTHORS,), extra=()):
    """`render()`'s response, shared with every visitor when `may_share(request)` (public, with an ETag made from
    the versions of `keys` and `extra`; a 304 when the browser's copy is current), else private."""
    if not may_share(request):
        return delivery.private(render())
    params = [request.GET.get(name, "")[:20] for name in PAGE_PARAMS]
    etag = delivery.etag(request, *keys, extra=[request.path, *extra, *params])
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return delivery.public(not_modified, etag=etag)
    response = render()
    if response.status_code != 200:
        return response
    return delivery.public(response, etag=etag)


def shared_view(*keys):
    """`respond` for a plain view (author pages, feeds): its page depends on the site's version and `keys`'."""

    def decorator(view):
        @wraps(view)
        def shared(request, *args, **kwargs):
            return respond(request, lambda: view(request, *args, **kwargs), keys=keys)

        return shared

    return decorator


class SharedPageMixin:
    """For page models whose visitor page is shared (see the module's docstring)."""

    def cache_keys(self):
        """The versions (besides the site's and the members' names) the page's content depends on."""
        return (AUTHORS,)

    def serve(self, request, *args, **kwargs):
        return respond(
            request, lambda: super(SharedPageMixin, self).serve(request, *args, **kwargs), keys=self.cache_keys()
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
    delivery.versions(request, AUTHORS, page_key(page.pk))  # read together, in one query
    return {
        "fragment_timeout": FRAGMENT_TIMEOUT,
        "fragment_key": f"{revision}.{fragment_versions(request, AUTHORS)}",
        "state_key": delivery.versions(request, page_key(page.pk))[page_key(page.pk)],
    }


# --- Routes -----------------------------------------------------------------------------------------------------


def cached_route(request, path):
    """Prime Wagtail's route for `path` from the cache: the site, the page and whether any view restriction is on
    it or above it, in one query, with no tree walk. The cached route is only taken when the page is still live at
    the same place in the tree."""
    entry = cache.get(ROUTE_KEY.format(path))
    if entry is None:
        return False
    site, model, pk, url_path, path_in_tree = entry
    page = (
        model.objects.filter(pk=pk, live=True, url_path=url_path, path=path_in_tree)
        .annotate(unrestricted=~Exists(restrictions_on(path_in_tree)))
        .first()
    )
    if page is None:
        return False
    from wagtail.url_routing import RouteResult

    request._wagtail_site = site
    request._wagtail_route_for_request = RouteResult(page)
    return True


def remember_route(request, path):
    route = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if route is None or site is None or route.args or route.kwargs:
        return
    page = route.page
    cache.set(ROUTE_KEY.format(path), (site, type(page), page.pk, page.url_path, page.path), ROUTE_TIMEOUT)


def serve(request, path):
    """Wagtail's page view, with the route cached (urls.py)."""
    from wagtail.views import serve as wagtail_serve

    primed = request.method in ("GET", "HEAD") and cached_route(request, path)
    response = wagtail_serve(request, path)
    if not primed and response.status_code == 200:
        remember_route(request, path)
    return response


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
