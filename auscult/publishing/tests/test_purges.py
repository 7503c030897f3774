"""Purges reach every caching proxy node (a local mock of one, answering PURGE as nginx does), after commit:
coalesced per article for what is published, at once for what is removed; a node that does not answer costs a
bounded wait and a log line, never the moderator's decision."""

import http.server
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

    # At once, and again when the window has passed (the immediate task backend runs that now).
    assert proxy.purges and all(purge == (article.url, "localhost") for purge in proxy.purges)


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
