"""A request's cache reads fetched ahead in one round trip (auscult/core/cache.py, "Read-ahead"): answered from what
came back, misses too, never stale after the request's own write, and forgotten when the request ends."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from auscult.core.cache import read_ahead

pytestmark = pytest.mark.django_db  # a request's start and end also see to the database connection


def in_request(work):
    request_started.send(sender=None)
    try:
        return work()
    finally:
        request_finished.send(sender=None)


def test_reads_fetched_ahead_are_answered_from_the_request_then_forgotten():
    cache.set("fragment", "cached")

    def work():
        read_ahead(["fragment", "absent"])
        # Emptied behind the backend's back: only what was fetched ahead can answer now.
        cache._cache.clear()
        cache._expire_info.clear()
        return cache.get("fragment"), cache.get("absent", "default")

    assert in_request(work) == ("cached", "default")
    assert cache.get("fragment") is None  # the request has ended: the store answers again


def test_a_request_reads_its_own_writes_and_deletes():
    cache.set("thread", "old")
    cache.set("rating", "old")

    def work():
        read_ahead(["thread", "rating", "missing"])
        cache.set("thread", "new")
        cache.delete("rating")
        cache.add("missing", "added")
        return cache.get("thread"), cache.get("rating"), cache.get("missing")

    assert in_request(work) == ("new", None, "added")


def test_outside_a_request_nothing_is_kept():
    cache.set("setting", "one")
    read_ahead(["setting"])
    cache.set("setting", "two")

    assert cache.get("setting") == "two"
