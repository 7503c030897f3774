"""bench/run.py's requests straight into the site's WSGI application, in its own process: query counts, the
moderation queue's timings and the profiles of "Where the time goes" (bench/README.md)."""

import cProfile
import io
import os
import pstats
import secrets
import statistics
import time
import urllib.parse
from wsgiref.util import setup_testing_defaults

from bench._servers import REPO

NOTICE = "auscult_hp=1"


# Empty at the start of each request, as bench/_settings_cold.py makes the cold server's.
COLD_CACHES = {"default": {"BACKEND": "bench._cold_cache.EmptyEachRequestCache", "LOCATION": "bench-cold"}}


class InProcess:
    """Requests straight into the site's WSGI application (auscult.wsgi, what gunicorn serves), in this process,
    on one database connection throughout, as a worker keeps one (CONN_MAX_AGE), so every query of a request is
    counted on it; any host is allowed, and Django's page cache is off (each request renders)."""

    def __init__(self):
        from django.conf import settings
        from django.core.signals import request_finished, request_started
        from django.db import close_old_connections

        from auscult.wsgi import application

        settings.ALLOWED_HOSTS = ["*"]
        settings.AUSCULT = {**settings.AUSCULT, "PAGE_CACHE_SECONDS": 0}
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.application = application

    def get(self, path, cookie=NOTICE, *, method="GET", fields=None):
        route, _, query = path.partition("?")
        body = urllib.parse.urlencode(fields or {}).encode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": route,
            "QUERY_STRING": query,
            "HTTP_HOST": "127.0.0.1",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_COOKIE": cookie,
            "HTTP_USER_AGENT": "bench",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        }
        setup_testing_defaults(environ)
        status = []
        chunks = self.application(environ, lambda s, h, exc_info=None: status.append((s, h)))
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
        return int(status[0][0].split()[0]), dict(status[0][1]), body

    def queries(self, path, cookie=NOTICE, **kwargs):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            status, _, _ = self.get(path, cookie, **kwargs)
        return len(ctx.captured_queries), status

    def median_ms(self, path, cookie=NOTICE, repeat=5):
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            self.get(path, cookie)
            samples.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(samples), 2)


def queue_timings(inproc, *, hold, moderator, repeat, log):
    """The held queue's first page as a moderator sees it, with 100 held and with 100,000 (`hold(n)` holds up to n),
    as bench/moderation_queue.py times it."""
    from bench._measure import summary_ms

    queue = {}
    for held in (100, 100_000):
        hold(held)
        status, _, _ = inproc.get("/admin/moderation/", moderator)
        if status != 200:
            raise RuntimeError(f"the queue answered {status}")
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            inproc.get("/admin/moderation/", moderator)
            samples.append((time.perf_counter() - started) * 1000)
        queries, _ = inproc.queries("/admin/moderation/", moderator)
        row = {**summary_ms(samples), "queries": queries, "load": [round(x, 2) for x in os.getloadavg()]}
        log(f"    {held:>7,} held: median {row['median_ms']} ms, p99 {row['p99_ms']} ms, {queries} queries")
        queue[str(held)] = row
    return queue


def page_queries(inproc, pages, cold_pages):
    """{label: {queries, ms}} for each (label, path, cookie): warm (the fragments filled by a first request), and
    for `cold_pages` with every cache empty."""
    from django.test.utils import override_settings

    counts = {}
    for label, path, cookie in pages:
        inproc.get(path, cookie)
        counts[label] = {"queries": inproc.queries(path, cookie)[0], "ms": inproc.median_ms(path, cookie)}
    with override_settings(CACHES=COLD_CACHES):
        for label, path, cookie in cold_pages:
            counts[label] = {"queries": inproc.queries(path, cookie)[0], "ms": inproc.median_ms(path, cookie)}
    return counts


def write_queries(inproc, *, session, article):
    """Queries and time of one comment post, rating and report on `article` by a member (`session`) who has not
    written yet."""
    from auscult.comments.models import Comment, CommentStatus

    secret = secrets.token_hex(16)  # a CSRF secret of Django's length, sent as cookie and field
    cookie = f"{NOTICE}; sessionid={session}; csrftoken={secret}"
    comment = Comment.objects.filter(article_id=article, status=CommentStatus.PUBLISHED).order_by("pk").first()
    posts = {
        "comment post": (f"/articles/{article}/comments/post/", {"body": "One more post from the bench."}),
        "rating": (f"/articles/{article}/rating/", {"stars": "4"}),
        "report": (f"/comments/{comment.pk}/report/", {"reason": "spam"}),
    }
    counts = {}
    for label, (path, fields) in posts.items():
        started = time.perf_counter()
        queries, status = inproc.queries(path, cookie, method="POST", fields={"csrfmiddlewaretoken": secret, **fields})
        took = (time.perf_counter() - started) * 1000
        if status != 302:
            raise RuntimeError(f"{label}: {path} answered {status}, not the redirect back")
        counts[label] = {"queries": queries, "ms": round(took, 2)}
    return counts


def profiles(inproc, path, *, visitor, member, renders):
    """`profile` of the uncached page for a visitor and a member (fragments warm), and for a visitor with every
    cache empty."""
    from django.test.utils import override_settings

    found = {
        "visitor, uncached (warm fragments)": profile(inproc, path, visitor, renders=renders),
        "member (warm fragments)": profile(inproc, path, member, renders=renders),
    }
    with override_settings(CACHES=COLD_CACHES):
        found["visitor, every cache empty"] = profile(inproc, path, visitor, renders=renders)
    return found


def profile(inproc, path, cookie, *, renders):
    """cProfile over `renders` requests; the time per request and where it went."""
    inproc.get(path, cookie)
    started = time.perf_counter()
    for _ in range(renders):
        inproc.get(path, cookie)
    unprofiled = (time.perf_counter() - started) / renders * 1000
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(renders):
        inproc.get(path, cookie)
    profiler.disable()
    wall = (time.perf_counter() - started) / renders * 1000
    stats = pstats.Stats(profiler)
    total = sum(tt for (_, _, tt, _, _) in stats.stats.values())

    def cumulative(*needles):
        """Cumulative ms per request of the functions matching (file fragment, function name), outermost calls
        only: a call from another matching function is inside that one's time already."""
        keys = {k for k in stats.stats if any(f in k[0] and k[2] == fn for f, fn in needles)}
        own = 0.0
        for key in keys:
            _, _, _, ct, callers = stats.stats[key]
            inner = sum(v[3] for caller, v in callers.items() if caller in keys and caller != key)
            own += ct - inner
        return round(own / renders * 1000, 2)

    whole = cumulative(("django/core/handlers/base.py", "get_response"))
    view_and_render = cumulative(("django/core/handlers/base.py", "_get_response"))
    categories = {
        "middleware (the handler outside _get_response)": round(whole - view_and_render, 2),
        "the view: Wagtail's serve (routing, get_context, building the response)": cumulative(
            ("wagtail/views.py", "serve")
        ),
        "template rendering (TemplateResponse.render, with the lazy reads it makes)": cumulative(
            ("django/template/response.py", "render")
        ),
        "of which SQL (cursor execute, all of the request)": cumulative(("django/db/backends/utils.py", "_execute")),
        "of which Redis commands (all of the request)": cumulative(("redis/client.py", "execute_command")),
        "of which Wagtail routing (find_for_request, Page.route, the cached route)": cumulative(
            ("wagtail/models/sites.py", "find_for_request"),
            ("wagtail/models/pages.py", "route"),
            ("auscult/publishing/delivery.py", "cached_route"),
        ),
        "of which session and user (SessionStore.load, auth.get_user)": cumulative(
            ("django/contrib/sessions/backends/db.py", "load"), ("django/contrib/auth/__init__.py", "get_user")
        ),
    }
    hot_spots = {name: cumulative(*needles) for name, needles in HOT_SPOTS.items()}

    def listed(order):
        rows = []
        for key, (_, calls, tt, ct, _) in sorted(stats.stats.items(), key=lambda kv: -kv[1][order])[:40]:
            rows.append(
                {
                    "function": f"{key[0].replace(str(REPO) + '/', '').split('site-packages/')[-1]}:{key[1]}:{key[2]}",
                    "calls_per_request": round(calls / renders, 1),
                    "cumulative_ms": round(ct / renders * 1000, 2),
                    "own_ms": round(tt / renders * 1000, 2),
                }
            )
        return rows

    return {
        "path": path,
        "renders": renders,
        "ms_per_request_unprofiled": round(unprofiled, 2),
        "ms_per_request_profiled": round(wall, 2),
        "profiled_ms_per_request": round(total / renders * 1000, 2),
        "handler_ms": whole,
        "categories_ms": categories,
        "hot_spots_ms": hot_spots,
        "top_cumulative": listed(3),
        "top_own": listed(2),
    }


# Parts of a render worth naming, each (file fragment, function name): ms per request under the profiler.
HOT_SPOTS = {
    "the thread's comments rendered (comments.rendering._render_thread)": [
        ("auscult/comments/rendering.py", "_render_thread")
    ],
    "the comments block (comments.wagtail_hooks.comments_block)": [
        ("auscult/comments/wagtail_hooks.py", "comments_block")
    ],
    "the rating block (ratings.wagtail_hooks.rating_block)": [("auscult/ratings/wagtail_hooks.py", "rating_block")],
    "masthead and navigation (publishing.chrome.get_chrome)": [("auscult/publishing/chrome.py", "get_chrome")],
    "related articles (ArticlePage._related)": [("auscult/publishing/models/pages.py", "_related")],
    "byline with portraits (ArticlePage._authors_with_portraits)": [
        ("auscult/publishing/models/pages.py", "_authors_with_portraits")
    ],
    "NewsArticle JSON-LD (ArticlePage.structured_data)": [("auscult/publishing/models/pages.py", "structured_data")],
    "the article body (StreamField include_block)": [("wagtail/templatetags/wagtailcore_tags.py", "render")],
    "the member's standing (members.access.permissions_for)": [("auscult/members/access.py", "permissions_for")],
    "{% cache %} fragments (reads, and renders on a miss)": [("django/templatetags/cache.py", "render")],
    "a redis.Redis() built for each cache call (RedisCacheClient.get_client)": [
        ("django/core/cache/backends/redis.py", "get_client")
    ],
    "URL reversing (django.urls.reverse)": [("django/urls/base.py", "reverse")],
    "number formatting (django.utils.formats.localize)": [("django/utils/formats.py", "localize")],
}
