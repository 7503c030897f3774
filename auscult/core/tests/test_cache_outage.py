"""A Redis outage through the public surface: pages, sign-in, comments, ratings and /healthz keep
working on `FailSoftRedisCache`, rate limits still bite, a black-holed Redis slows nothing down,
and a Redis that comes back is used again."""

import logging
import socket
import time
import uuid
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.urls import reverse

from auscult.comments.models import Comment
from auscult.core import cache as failsoft
from auscult.members.tests.factories import PASSWORD, MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.models import Rating

pytestmark = pytest.mark.django_db

BACKEND = "auscult.core.cache.FailSoftRedisCache"
# Nothing listens on port 1: every connection is refused at once.
CLOSED = "redis://127.0.0.1:1/0"
REAL = "redis://127.0.0.1:6379/13"
HTMX = {"HX-Request": "true"}


def use_redis(settings, location, **options):
    """Point the default cache at `location`, starting from a process that has never seen it
    (the settings fixture puts the test cache back, and resets `caches`, afterwards)."""
    failsoft._health.pop(location, None)
    settings.CACHES = {
        "default": {
            "BACKEND": BACKEND,
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, **options},
        }
    }


@pytest.fixture
def redis_down(settings):
    use_redis(settings, CLOSED)
    cache.clear()  # also what conftest does around every test: it must not raise either
    assert cache.degraded
    yield
    failsoft._health.pop(CLOSED, None)


@pytest.fixture
def black_hole():
    """A port that accepts connections (the kernel completes them) and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield f"redis://127.0.0.1:{sock.getsockname()[1]}/0"


@pytest.fixture
def real_redis(settings):
    client = redis.Redis.from_url(REAL, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    use_redis(settings, REAL)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    yield client
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    failsoft._health.pop(REAL, None)


@pytest.fixture
def article():
    return ArticlePageFactory(title="Practices brace for winter pressures")


def sign_in(client, member, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": member.email, "password": password})


def signed_in(client):
    return "_auth_user_id" in client.session


def test_pages_serve_from_the_database_while_redis_is_down(client, redis_down, article):
    for url in ["/", article.url, article.get_parent().url, "/feed/", reverse("account_login")]:
        assert client.get(url).status_code == 200, url

    member = MemberFactory()
    client.force_login(member)
    assert client.get("/account/").status_code == 200


def test_healthz_says_degraded_while_redis_is_down(client, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "degraded"}


def test_a_member_signs_in_while_redis_is_down(client, redis_down):
    member = MemberFactory()

    response = sign_in(client, member)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_failed_sign_ins_are_still_limited_per_process_while_redis_is_down(client, settings, redis_down, visitor):
    # "5/300s/key": five failures for one address, then even the right password is refused.
    assert "5/300s/key" in settings.ACCOUNT_RATE_LIMITS["login_failed"]
    member = MemberFactory()
    for _ in range(5):
        response = sign_in(client, member, password="wrong-password-1")
        assert response.status_code == 200 and not signed_in(client)

    response = sign_in(client, member)

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not signed_in(client)
    # The limit is on that address only: nobody else is locked out.
    other = MemberFactory()
    assert sign_in(visitor, other).status_code == 302 and signed_in(visitor)


def test_an_htmx_comment_post_answers_and_is_stored_while_redis_is_down(client, redis_down, article):
    client.force_login(MemberFactory())
    data = {"body": "Our practice saw the same this week.", "submission_key": str(uuid.uuid4())}

    response = client.post(reverse("comments:post", args=[article.pk]), data, headers=HTMX)

    assert response.status_code == 200
    assert Comment.objects.get(article_id=article.pk).body == data["body"]
    assert data["body"] in response.content.decode()


def test_an_htmx_rating_answers_and_is_stored_while_redis_is_down(client, redis_down, article):
    client.force_login(MemberFactory())

    response = client.post(reverse("ratings:set", args=[article.pk]), {"stars": "4"}, headers=HTMX)

    assert response.status_code == 200
    assert "your rating of 4 stars is saved" in response.content.decode()
    assert Rating.objects.get().stars == 4


def test_a_black_holed_redis_costs_one_timeout_per_window_not_one_per_call(client, settings, black_hole, article):
    urls = ["/healthz", "/", article.url, "/", article.url, "/healthz"]
    use_redis(settings, black_hole, socket_connect_timeout=0.3, socket_timeout=0.3)
    timings = []
    for url in urls:
        started = time.monotonic()
        response = client.get(url)
        timings.append(time.monotonic() - started)
        assert response.status_code == 200, url

    assert client.get("/healthz").json()["cache"] == "degraded"
    # Each request makes several cache calls; at 0.3 s a call the six would take seconds.
    assert max(timings) < 3 and sum(timings) < 3, timings
    # Only the first call waited for Redis; the rest were served from memory at once.
    assert timings[0] >= 0.3 and sum(timings[1:]) < 1.5, timings
    failsoft._health.pop(black_hole, None)


def test_the_outage_is_logged_once_per_window_and_redis_is_tried_once_per_window(settings, caplog):
    use_redis(settings, CLOSED)
    connect = mock.patch.object(
        redis.connection.Connection, "connect", side_effect=redis.exceptions.ConnectionError("refused")
    )
    with caplog.at_level(logging.WARNING, logger="auscult.core.cache"), connect as attempts:
        for n in range(50):
            cache.set(f"k{n}", n)
            assert cache.get(f"k{n}") == n  # from this process's memory

    assert attempts.call_count == 1
    assert [r.getMessage() for r in caplog.records if r.name == "auscult.core.cache"] == [
        "Redis cache at redis://127.0.0.1:1/0 unavailable (ConnectionError: refused); "
        "this process caches in its own memory, trying Redis every 10 s"
    ]
    failsoft._health.pop(CLOSED, None)


def test_the_log_never_shows_the_redis_password(settings, caplog):
    location = "redis://:s3cret@127.0.0.1:1/0"
    use_redis(settings, location)
    with caplog.at_level(logging.WARNING, logger="auscult.core.cache"):
        cache.get("anything")

    assert "redis://127.0.0.1:1/0 unavailable" in caplog.text and "s3cret" not in caplog.text
    failsoft._health.pop(location, None)


def test_healthz_says_ok_and_values_round_trip_through_a_real_redis(client, real_redis):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    cache.set("round-trip", {"stars": 4})
    assert cache.get("round-trip") == {"stars": 4}
    assert real_redis.exists(cache.make_key("round-trip"))  # in Redis, not in memory
    assert not cache.degraded


def test_redis_is_used_again_when_it_is_back_without_what_changed_meanwhile(client, settings, real_redis, caplog):
    use_redis(settings, REAL, DEGRADED_SECONDS=0.2)
    cache.set("chrome", "old navigation")
    outage = mock.patch.object(redis.Redis, "execute_command", side_effect=redis.exceptions.ConnectionError("refused"))
    with caplog.at_level(logging.WARNING, logger="auscult.core.cache"):
        with outage:
            cache.delete("chrome")  # a section published during the outage
            assert client.get("/healthz").json()["cache"] == "degraded"
        assert real_redis.get(cache.make_key("chrome")) is not None  # Redis still holds the old one

        time.sleep(0.3)
        assert cache.get("chrome") is None  # not the old navigation
        assert not cache.degraded
        assert client.get("/healthz").json()["cache"] == "ok"

    assert real_redis.get(cache.make_key("chrome")) is None
    messages = [r.getMessage() for r in caplog.records if r.name == "auscult.core.cache"]
    assert len(messages) == 2 and messages[1].startswith("Redis cache at redis://127.0.0.1:6379/13 is back after")


def test_a_mistake_in_the_call_is_not_taken_for_an_outage(settings, real_redis):
    cache.set("count", "not a number")

    with pytest.raises(redis.exceptions.ResponseError):
        cache.incr("count")
    assert not cache.degraded


def test_healthz_says_degraded_when_the_cache_raises(client):
    with mock.patch("django.core.cache.backends.locmem.LocMemCache.set", side_effect=RuntimeError("disk")):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["cache"] == "degraded"
