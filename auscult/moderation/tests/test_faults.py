"""The fault suite: what a member is told, and what is stored, when the database or Redis fails under
a real server. The site runs as it does in production, under gunicorn in its own process (auscult.wsgi,
so with the web requests' database limits), talking to PostgreSQL and Redis through links this suite
can cut (faults.py); members are real HTTP clients with sessions and CSRF tokens (live_http.py).

- PostgreSQL refuses connections: a post is answered 503 at once with the text kept, nothing is stored,
  and once the database is back the same form posts, without restarting anything;
- PostgreSQL accepts and never answers: the health check and a post answer 503 within the connect timeout;
- a row lock held elsewhere (the article's comment stats, or the member): the post answers 503 with the
  text kept within the lock timeout while /healthz stays fast, and posts once the lock is released;
- Redis down: posts are stored and the health check says the cache is degraded;
- an error raised after the comment's insert: nothing of the post is stored and the counters equal a
  recount; a refusal is answered without a 5xx, a database error with the 503 that keeps the text;
- a worker SIGKILLed mid-post (waiting for a lock, its insert made) leaves nothing behind; killed among
  posts in flight, every acknowledged post is stored, and each unanswered one, sent again, is stored once.

The backup and restore drill is test_backup_drill.py. PostgreSQL only (DATABASE_URL=postgres://…), but
for the error after the insert, which runs in this process on either database."""

import http.client
import os
import threading
import time
import uuid
from unittest import mock

import psycopg
import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection

from auscult.comments import errors, screening
from auscult.comments.models import ArticleCommentStats, Comment, CommentSettings, ReportReason
from auscult.comments.services import comment_post, comment_report
from auscult.core.errors import Refused
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

from .faults import SiteProcess, faulty_link, postgres_conninfo, postgres_url
from .invariants import assert_counters_exact
from .live_http import Site, serving

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="faults of a database server: run with DATABASE_URL=postgres://…"
)

TEXT = "Our practice stopped the extended hours in May.\n\nNobody asked the patients."
# What the site process is given (seconds): libpq's least connect timeout, and the web limits' defaults.
CONNECT_TIMEOUT = 2
LOCK_TIMEOUT = settings.AUSCULT["WEB_LOCK_TIMEOUT"]
# The Redis database the site process caches in (test_cache_outage.py uses 13).
REDIS_DB = 14
# How much later than its bound an answer may come on a busy two-core machine.
SLACK = 2.5


# The site process and its links ------------------------------------------------------------------


@pytest.fixture(scope="module")
def links(django_db_setup):
    """(database, redis): the links the site process reaches PostgreSQL and Redis through."""
    if connection.vendor != "postgresql":
        pytest.skip("faults of a database server: run with DATABASE_URL=postgres://…")
    db = connection.settings_dict
    with (
        faulty_link(db["HOST"] or "127.0.0.1", db["PORT"] or 5432) as database,
        faulty_link("127.0.0.1", 6379) as redis_link,
    ):
        yield database, redis_link


@pytest.fixture(scope="module")
def site_process(links, site_cache_prefix, tmp_path_factory):
    database, redis_link = links
    var = tmp_path_factory.mktemp("fault-site")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "PYTEST"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "auscult.moderation.tests.fault_settings",
        "DATABASE_URL": postgres_url(connection.settings_dict["NAME"], port=database.port),
        "DATABASE_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
        "REDIS_URL": f"redis://127.0.0.1:{redis_link.port}/{REDIS_DB}",
        "CACHE_KEY_PREFIX": site_cache_prefix,
        "AUSCULT_VAR_DIR": str(var),
    }
    site = SiteProcess(env, var / "gunicorn.log")
    try:
        site.wait_until_healthy()
        yield site
    finally:
        site.stop()


@pytest.fixture(scope="module")
def site_cache_prefix():
    prefix = f"faults-{uuid.uuid4().hex}"
    yield prefix
    site_cache_clear(prefix)


def site_cache_clear(prefix):
    client = redis.Redis(port=6379, db=REDIS_DB)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def site(site_process, site_cache_prefix, links):
    """The site process as live_http's Site, its cache emptied (the database is emptied after every test, as
    the test process's cache is, conftest.py); every link forwards again after the test."""
    site_cache_clear(site_cache_prefix)
    yield Site("127.0.0.1", site_process.port)
    for link in links:
        link.forward()


@pytest.fixture
def article():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    return ArticlePageFactory(title="Extended hours")


@pytest.fixture
def member():
    return MemberFactory(display_name=f"Member {uuid.uuid4().hex[:12]}")


def post_url(article):
    return f"/articles/{article.pk}/comments/post/"


def comment_form(browser, article):
    page = browser.get(article.url)
    assert page.status == 200, page.status
    return page.form_fields("form.comment-form")


def kept_form(answer):
    """The fields of the form a 503 gave back, its text included."""
    (form,) = answer.tree().cssselect("form.comment-form")
    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    return {**fields, "body": form.cssselect("textarea[name=body]")[0].text_content()}


def timed(call, *args, **kwargs):
    started = time.monotonic()
    result = call(*args, **kwargs)
    return result, time.monotonic() - started


def assert_text_kept(answer, fields):
    assert answer.status == 503, (answer.status, answer.text[:300])
    assert "Our database is not answering" in answer.text
    kept = kept_form(answer)
    assert kept["body"] == TEXT and kept["submission_key"] == fields["submission_key"]
    return kept


def stored_posts(member):
    return list(Comment.objects.filter(author=member).values_list("body", flat=True))


class Holder:
    """Another connection holding a row lock, as a long transaction elsewhere would."""

    def __init__(self):
        self.connection = psycopg.connect(postgres_conninfo())

    def lock(self, table, column, value):
        self.connection.execute(f'SELECT 1 FROM "{table}" WHERE "{column}" = %s FOR UPDATE', [value]).fetchone()

    def release(self):
        self.connection.rollback()

    def close(self):
        self.connection.close()


@pytest.fixture
def holder():
    holder = Holder()
    yield holder
    holder.close()


def observe(sql, params=()):
    with psycopg.connect(postgres_conninfo(), autocommit=True) as observer:
        return observer.execute(sql, params).fetchall()


def wait_for(predicate, *, timeout=15, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def backends_waiting_for_a_lock(*, holding_insert_on=None):
    """Pids of the site's backends waiting for a lock (and holding an insert's lock on a table, if given)."""
    sql = """
        SELECT a.pid FROM pg_stat_activity a
        WHERE a.datname = current_database() AND a.wait_event_type = 'Lock' AND a.pid <> pg_backend_pid()
    """
    params = []
    if holding_insert_on:
        sql += """ AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted
                   AND l.mode = 'RowExclusiveLock' AND l.relation = %s::regclass)"""
        params.append(holding_insert_on)
    return [pid for (pid,) in observe(sql, params)]


def site_backends_busy():
    """Backends of the site's (not idle, other than the observer's), e.g. a killed worker's not yet gone."""
    return observe(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' "
        "AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'"
    )


# The database refuses, or never answers -----------------------------------------------------------


@postgresql_only
def test_a_refused_database_gets_a_503_that_keeps_the_text_and_the_site_comes_back_by_itself(
    site, site_process, links, member, article
):
    database, _ = links
    browser = site.signed_in(member)
    fields = comment_form(browser, article)

    database.refuse()
    answer, seconds = timed(browser.post, post_url(article), {**fields, "body": TEXT})

    kept = assert_text_kept(answer, fields)
    assert seconds < SLACK
    page = browser.get(article.url)
    assert page.status == 503 and "unavailable just now" in page.text and page.headers["Retry-After"]
    status, seconds, body = site_process.health()
    assert (status, body["database"]) == (503, "unavailable") and seconds < SLACK
    assert stored_posts(member) == []

    database.forward()
    answer = browser.post(post_url(article), kept)
    assert answer.status == 302 and "#comment-" in answer.location, answer.status
    assert stored_posts(member) == [TEXT]
    assert site_process.health()[0] == 200
    assert_counters_exact()


@postgresql_only
def test_a_database_that_never_answers_gets_a_503_within_the_connect_timeout(
    site, site_process, links, member, article
):
    database, _ = links
    browser = site.signed_in(member)
    fields = comment_form(browser, article)

    database.black_hole()
    status, seconds, body = site_process.health()
    assert (status, body["database"]) == (503, "unavailable")
    assert seconds < CONNECT_TIMEOUT + SLACK
    answer, seconds = timed(browser.post, post_url(article), {**fields, "body": TEXT})
    kept = assert_text_kept(answer, fields)
    assert seconds < CONNECT_TIMEOUT + SLACK
    page, seconds = timed(browser.get, article.url)
    assert page.status == 503 and seconds < CONNECT_TIMEOUT + SLACK

    database.forward()
    assert browser.post(post_url(article), kept).status == 302
    assert stored_posts(member) == [TEXT]


# A row lock held elsewhere -------------------------------------------------------------------------


@postgresql_only
@pytest.mark.parametrize("locked", ["article's comment stats", "member"])
def test_a_held_row_lock_gets_a_503_within_the_lock_timeout_and_healthz_stays_fast(
    site, site_process, holder, member, article, locked
):
    ArticleCommentStats.objects.get_or_create(article_id=article.pk)
    browser = site.signed_in(member)
    fields = comment_form(browser, article)
    if locked == "member":
        holder.lock(get_user_model()._meta.db_table, "id", member.pk)
    else:
        holder.lock(ArticleCommentStats._meta.db_table, "article_id", article.pk)

    answers = []
    poster = threading.Thread(
        target=lambda: answers.append(timed(browser.post, post_url(article), {**fields, "body": TEXT}))
    )
    poster.start()
    wait_for(backends_waiting_for_a_lock, what="the post to wait for the lock")
    status, seconds, _ = site_process.health()
    assert status == 200 and seconds < 1, (status, seconds)
    poster.join(timeout=LOCK_TIMEOUT + 30)

    ((answer, seconds),) = answers
    kept = assert_text_kept(answer, fields)
    assert LOCK_TIMEOUT - 0.5 < seconds < LOCK_TIMEOUT + SLACK
    assert stored_posts(member) == []

    holder.release()
    assert browser.post(post_url(article), kept).status == 302
    assert stored_posts(member) == [TEXT]
    assert_counters_exact()


# An error after the insert, in the same transaction ---------------------------------------------


@pytest.mark.parametrize(
    "failure",
    [
        Refused(errors.CLOSED, "Comments have just been closed on this article."),
        OperationalError("server closed the connection unexpectedly"),
    ],
    ids=["refusal", "database error"],
)
def test_an_error_after_the_insert_leaves_nothing_of_the_post_behind(member, article, failure):
    # In this process (the patch must reach the server), through the WSGI application and real HTTP.
    comment_report(
        comment=comment_post(article=article, author=MemberFactory(), body="Before."),
        reporter=MemberFactory(),
        reason=ReportReason.SPAM,
    )
    with serving() as site:
        browser = site.signed_in(member)
        fields = comment_form(browser, article)

        # Surge protection's check is the post's last step: the comment is inserted, published and counted by then.
        with mock.patch.object(screening.after_change, "implementation", side_effect=failure) as last_step:
            answer = browser.post(post_url(article), {**fields, "body": TEXT})

        assert last_step.called
        assert stored_posts(member) == []
        assert ArticleCommentStats.objects.get(article_id=article.pk).published_count == 1
        assert_counters_exact()
        if isinstance(failure, Refused):
            assert answer.status == 302 and answer.location.endswith("#have-your-say")
            page = browser.follow(answer)
            assert page.status == 200 and failure.message in page.text
            retry = {**page.form_fields("form.comment-form"), "body": TEXT}
            assert TEXT in page.text  # the draft, back in the form
            assert site.server_errors() == []
        else:
            retry = assert_text_kept(answer, fields)

        assert browser.post(post_url(article), retry).status == 302
        browser.close()  # or its server thread waits for the next request until it times out
        assert stored_posts(member) == [TEXT]
        assert_counters_exact()


# A worker killed -------------------------------------------------------------------------------


@postgresql_only
def test_a_worker_killed_mid_post_leaves_nothing_behind(site, site_process, holder, member, article):
    from auscult.core.delivery import page_key
    from auscult.core.models import CacheVersion

    ArticleCommentStats.objects.get_or_create(article_id=article.pk)
    CacheVersion.objects.get_or_create(key=page_key(article.pk), defaults={"token": "before"})
    browser = site.signed_in(member)
    fields = comment_form(browser, article)
    # The last row a post writes: by then it has counted the comment in the stats and inserted it.
    holder.lock(CacheVersion._meta.db_table, "key", page_key(article.pk))

    outcome = []

    def send():
        try:
            outcome.append(browser.post(post_url(article), {**fields, "body": TEXT}))
        except (http.client.HTTPException, ConnectionError) as lost:
            outcome.append(lost)

    poster = threading.Thread(target=send)
    poster.start()
    # The worker's transaction has inserted the comment and waits for the article's version.
    (backend,) = wait_for(
        lambda: backends_waiting_for_a_lock(holding_insert_on=Comment._meta.db_table), what="the post's insert"
    )
    killed = site_process.kill_worker()
    poster.join(timeout=30)
    holder.release()

    assert isinstance(outcome[0], (http.client.HTTPException, ConnectionError)), outcome
    # PostgreSQL rolls the transaction back once it finds the connection gone (COMMIT never came).
    wait_for(lambda: not observe("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]), what="the backend")
    assert stored_posts(member) == []
    assert_counters_exact()

    site_process.wait_until_healthy(after_pid=killed)
    answer = browser.tab().post(post_url(article), {**fields, "body": TEXT})
    assert answer.status == 302, (answer.status, site_process.log_tail())
    assert stored_posts(member) == [TEXT]
    assert_counters_exact()


@postgresql_only
def test_a_worker_killed_among_posts_in_flight_loses_no_acknowledged_post(site, site_process, article):
    members = [MemberFactory(display_name=f"Member {uuid.uuid4().hex[:12]}") for _ in range(3)]
    browsers = [site.signed_in(m) for m in members]
    forms = [comment_form(b, article) for b in browsers]
    acknowledged, unanswered, refused = [], [], []  # (member index, fields); statuses
    stop = threading.Event()

    def poster(n):
        for i in range(200):
            if stop.is_set():
                return
            fields = {**forms[n], "submission_key": str(uuid.uuid4()), "body": f"Member {n}, post {i}."}
            try:
                answer = browsers[n].post(post_url(article), fields)
            except (http.client.HTTPException, ConnectionError):
                unanswered.append((n, fields))
                return
            if answer.status != 302:
                refused.append(answer.status)
                return
            acknowledged.append((n, fields))

    threads = [threading.Thread(target=poster, args=(n,)) for n in range(len(members))]
    for thread in threads:
        thread.start()
    wait_for(lambda: len(acknowledged) >= 6, what="some posts to be acknowledged")
    killed = site_process.kill_worker()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    wait_for(lambda: not site_backends_busy(), what="the killed worker's transactions to end")
    assert refused == []
    assert unanswered, "the kill should have cut posts in flight"

    def keys(posts):
        return {(members[n].pk, uuid.UUID(fields["submission_key"])) for n, fields in posts}

    stored = set(Comment.objects.filter(article_id=article.pk).values_list("author_id", "submission_key"))
    assert keys(acknowledged) <= stored <= keys(acknowledged + unanswered)
    assert_counters_exact()

    # An answer lost with the worker: sent again with its key, it is stored once, whether it had been or not.
    site_process.wait_until_healthy(after_pid=killed)
    for n, fields in unanswered:
        assert browsers[n].tab().post(post_url(article), fields).status == 302
    bodies = list(Comment.objects.filter(article_id=article.pk).values_list("body", flat=True))
    assert sorted(bodies) == sorted(fields["body"] for _, fields in acknowledged + unanswered)
    assert_counters_exact()


# Redis down (last: the worker then caches in its own memory for a while) -------------------------


@postgresql_only
def test_with_redis_down_posts_are_stored_and_healthz_says_the_cache_is_degraded(
    site, site_process, links, member, article
):
    _, redis_link = links
    browser = site.signed_in(member)
    fields = comment_form(browser, article)

    redis_link.refuse()
    status, seconds, body = site_process.health()
    assert (status, body) == (200, {"status": "ok", "database": "ok", "cache": "degraded"})
    answer, seconds = timed(browser.post, post_url(article), {**fields, "body": TEXT})

    assert answer.status == 302 and seconds < SLACK
    assert browser.follow(answer).status == 200
    assert stored_posts(member) == [TEXT]
    assert site.server_errors() == []
