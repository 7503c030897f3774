"""Purges reach every caching proxy node (a local mock of one, answering PURGE as nginx does), after commit:
coalesced per article for what is published, at once for what is removed; a node that does not answer costs a
bounded wait and a log line, never the moderator's decision."""

import http.server
import json
import threading
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import default_task_backend

from auscult.comments.models import CommentStatus
from auscult.comments.services import comment_set_status
from auscult.comments.tests.factories import make_comments
from auscult.core import delivery
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.models import RelatedArticle

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


class Proxy(http.server.ThreadingHTTPServer):
    """Records each PURGE (path and Host header); `silent` makes it accept and never answer."""

    def __init__(self, *, silent=False):
        self.purges, self.silent, self.release = [], silent, threading.Event()
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def location(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        if self.server.silent:
            self.server.release.wait(10)
            return
        self.server.purges.append((self.path, self.headers["Host"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy(settings):
    server = Proxy()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "auscult.core.delivery.ProxyPurgeBackend", "LOCATION": server.location}
    }
    yield server
    server.shutdown()


@pytest.fixture
def article():
    return ArticlePageFactory(title="Out-of-hours cover", slug="out-of-hours-cover")


def test_a_removal_is_purged_from_the_proxy_before_the_decision_returns(
    proxy, article, django_capture_on_commit_callbacks
):
    comment, _ = make_comments(article, 2, author=MemberFactory())

    with django_capture_on_commit_callbacks(execute=True):
        comment_set_status(comment=comment, status=CommentStatus.REMOVED)

    # At once; with no window there is no refill of the page before the change to purge again.
    assert proxy.purges == [(article.url, "localhost")]


def test_a_removal_is_purged_again_when_the_window_has_passed(
    proxy, article, settings, django_capture_on_commit_callbacks
):
    settings.AUSCULT = {**settings.AUSCULT, "PURGE_WINDOW_SECONDS": 10}
    comment, _ = make_comments(article, 2, author=MemberFactory())

    with django_capture_on_commit_callbacks(execute=True):
        comment_set_status(comment=comment, status=CommentStatus.REMOVED)

    # The second, for a refill that read the page before the removal committed, is a task (run now, inline).
    assert proxy.purges == [(article.url, "localhost")] * 2


def test_nothing_is_purged_before_the_change_commits(proxy, article):
    comment, _ = make_comments(article, 2, author=MemberFactory())

    comment_set_status(comment=comment, status=CommentStatus.REMOVED)  # the test's transaction never commits

    assert proxy.purges == []


def test_publishing_purges_the_article_and_every_page_listing_it(proxy, article, django_capture_on_commit_callbacks):
    section = article.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        new = ArticlePageFactory(parent=section, title="Practice mergers", authors=article.authors)

    purged = {path for path, _ in proxy.purges}
    assert {new.url, section.url, "/", "/feed/", f"/feed/{section.slug}/", "/authors/"} <= purged
    assert article.authors[0].get_absolute_url() in purged
    assert article.url not in purged


def test_comments_published_in_one_window_are_purged_once_in_a_task(
    settings, article, django_capture_on_commit_callbacks
):
    settings.AUSCULT = {**settings.AUSCULT, "PURGE_WINDOW_SECONDS": 10}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    author = MemberFactory()

    with django_capture_on_commit_callbacks(execute=True):
        make_comments(article, 1, author=author)
    with django_capture_on_commit_callbacks(execute=True):
        make_comments(article, 1, author=author)

    (queued,) = [r for r in default_task_backend.results if r.task.func is delivery.purge_task.func]
    assert queued.args == [[article.pk], []]
    assert timezone.now() + timedelta(seconds=5) < queued.task.run_after <= timezone.now() + timedelta(seconds=10)


def test_a_proxy_that_never_answers_costs_a_bounded_wait_not_the_decision(
    settings, monkeypatch, article, django_capture_on_commit_callbacks, caplog
):
    silent = Proxy(silent=True)
    threading.Thread(target=silent.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "auscult.core.delivery.ProxyPurgeBackend", "LOCATION": silent.location}
    }
    monkeypatch.setattr(delivery, "PURGE_TIMEOUT", 0.3)
    comment, _ = make_comments(article, 2, author=MemberFactory())
    try:
        with django_capture_on_commit_callbacks(execute=True):
            comment_set_status(comment=comment, status=CommentStatus.REMOVED)
    finally:
        silent.release.set()
        silent.shutdown()

    comment.refresh_from_db()
    assert comment.status == CommentStatus.REMOVED
    assert "Could not purge" in caplog.text


# --- A CDN in front: Cloudflare's purge API, against a local mock of it -----------------------------------------


class CloudflareAPI(http.server.ThreadingHTTPServer):
    """Answers POST /client/v4/zones/<zone>/purge_cache as Cloudflare does, recording each call."""

    def __init__(self, *, fail=False):
        self.calls, self.fail = [], fail
        super().__init__(("127.0.0.1", 0), _CloudflareHandler)


class _CloudflareHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the HTTP method's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.calls.append((self.path, self.headers["Authorization"], body["files"]))
        answer = {"success": not self.server.fail, "errors": [{"message": "zone locked"}] if self.server.fail else []}
        payload = json.dumps(answer).encode()
        self.send_response(400 if self.server.fail else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def cloudflare(monkeypatch, *, fail=False):
    """Settings as CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN make them, with Wagtail's backend sent to the mock
    (its API host is written into it)."""
    from django.test import override_settings
    from wagtail.contrib.frontend_cache.backends import cloudflare as backend

    server = CloudflareAPI(fail=fail)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    post = backend.requests.post
    monkeypatch.setattr(
        backend.requests, "post", lambda url, **kw: post(url.replace("https://api.cloudflare.com", base), **kw)
    )
    config = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "purge-token",
        }
    }
    return server, override_settings(WAGTAILFRONTENDCACHE=config)


def test_publishing_purges_every_listing_from_the_cdn_in_chunks_it_accepts(
    monkeypatch, article, django_capture_on_commit_callbacks
):
    server, configured = cloudflare(monkeypatch)
    linking = []
    for number in range(35):  # 35 articles listing this one as related: more than one call's worth of URLs
        page = ArticlePageFactory(parent=article.get_parent(), slug=f"related-{number}")
        page.related_links = [RelatedArticle(related=article, sort_order=0)]
        page.save_revision().publish()
        linking.append(page)

    with configured, django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    server.shutdown()

    purged = [url for _, _, files in server.calls for url in files]
    assert {path for path, _, _ in server.calls} == {"/client/v4/zones/zone-1/purge_cache"}
    assert {auth for _, auth, _ in server.calls} == {"Bearer purge-token"}
    assert all(len(files) <= 30 for _, _, files in server.calls) and len(server.calls) >= 2
    assert article.get_full_url() in purged and "http://localhost/" in purged
    assert {page.get_full_url() for page in linking} <= set(purged)


def test_a_cdn_refusing_a_purge_is_logged_and_the_publication_stands(
    monkeypatch, article, caplog, django_capture_on_commit_callbacks
):
    server, configured = cloudflare(monkeypatch, fail=True)

    with configured, django_capture_on_commit_callbacks(execute=True):
        article.title = "Out-of-hours cover: the new rota"
        article.save_revision().publish()
    server.shutdown()

    article.refresh_from_db()
    assert article.title == "Out-of-hours cover: the new rota" and server.calls
    assert "zone locked" in caplog.text
