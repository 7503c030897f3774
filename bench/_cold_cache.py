"""A cache that is empty at the start of every request: the "cold" page of bench/run.py.

Each request begins as if Redis had just been flushed (every fragment, setting, route and version read misses and
goes to the database), and within the request what it stores is kept, as it would be in Redis: Wagtail reads the
site's root paths many times a request, and a real cold request pays for them once. Process-local memory
(Django's LocMemCache), emptied on `request_started`; nothing is shared with the bench's other servers."""

from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_started


class EmptyEachRequestCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        # One receiver per process: every instance with this location shares the same storage.
        request_started.connect(_empty, dispatch_uid=f"bench-cold-cache-{name}", weak=False)


def _empty(**kwargs):
    from django.core.cache import caches

    cache = caches["default"]
    if isinstance(cache, EmptyEachRequestCache):  # not once the settings name another cache (tests' overrides)
        cache.clear()
