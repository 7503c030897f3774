"""Django's Redis cache, made fail-soft: a Redis outage slows nothing down and breaks nothing.

The cache only ever holds what the database can rebuild (page chrome, typical waits) and the
sign-in rate limits, so when Redis cannot be reached every operation goes to a local-memory cache
in this process instead of raising. Pages keep serving from the database, and rate limits hold per
process: looser than the shared limit, never off, never refusing everyone.

After a failure the process stops asking Redis for `DEGRADED_SECONDS`, so a dead or black-holed
Redis costs one bounded timeout per window, not one per call; then a single caller tries again and
the others keep to memory until it has succeeded. On the way back, the keys this process wrote or
deleted while degraded are dropped from Redis (a section published during the outage must not
leave the old navigation in Redis), and the local copy is emptied so a later outage does not serve
what an earlier one stored.

`degraded` tells the health check which of the two the process is using.

**Read-ahead.** A page reads a dozen entries (its route, fragments, settings), each a round trip to Redis.
`read_ahead(keys)` fetches those a page is about to read in one `get_many`; until the request ends, a `get` of one
of them is answered from what came back (a miss too), and a write or delete of one forgets it, so the request
reads its own writes. Outside a request (a task, a command) it does nothing."""

import contextvars
import itertools
import logging
import re
import threading
import time
from urllib.parse import urlsplit

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)

# Redis cannot serve us now, as opposed to a mistake in the call (a wrong type, a value that
# cannot be pickled), which still raises.
UNAVAILABLE = (
    redis_errors.ConnectionError,  # refused, reset, loading, authentication, pool exhausted
    redis_errors.TimeoutError,
    redis_errors.ReadOnlyError,  # a replica, during a failover
    redis_errors.ClusterDownError,
    redis_errors.OutOfMemoryError,  # full with no eviction: writes refused
)
# Seconds the process keeps to memory after Redis failed before it tries Redis again.
DEGRADED_SECONDS = 10
# Without these redis-py waits for ever on a Redis that accepts connections and never answers.
SOCKET_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
# A Redis that stays down is logged again at most this often, per process.
LOG_EVERY_SECONDS = 60
# Keys remembered for dropping on recovery; past this the rest expire on their own timeouts.
MAX_PENDING_KEYS = 10_000
# Entries the local copy keeps: every sign-in rate limit of a busy outage, plus the chrome.
FALLBACK_MAX_ENTRIES = 10_000


class _Health:
    """Whether one Redis location is usable, shared by every thread of the process (Django gives
    each thread its own cache object)."""

    def __init__(self, location, degraded_seconds):
        self.location = _without_password(location)  # for the log
        self.degraded_seconds = degraded_seconds
        self.lock = threading.Lock()
        self.degraded = False
        self.retry_at = 0.0
        self.since = 0.0
        self.logged_at = 0.0
        self.pending = set()  # made keys written or deleted while degraded

    def should_try(self):
        if not self.degraded:
            return True
        with self.lock:
            now = time.monotonic()
            if now < self.retry_at:
                return False
            # This caller probes; the others keep to memory until it has an answer.
            self.retry_at = now + self.degraded_seconds
            return True

    def failed(self, exc):
        with self.lock:
            now = time.monotonic()
            first = not self.degraded
            if first:
                self.degraded, self.since = True, now
            self.retry_at = now + self.degraded_seconds
            if not first and now - self.logged_at < LOG_EVERY_SECONDS:
                return
            self.logged_at = now
        logger.warning(
            "Redis cache at %s %s (%s: %s); this process caches in its own memory, trying Redis every %s s",
            self.location,
            "unavailable" if first else f"still unavailable after {now - self.since:.0f} s",
            type(exc).__name__,
            exc,
            self.degraded_seconds,
        )

    def remember(self, keys):
        with self.lock:
            room = MAX_PENDING_KEYS - len(self.pending)
            self.pending.update(itertools.islice(keys, max(room, 0)))

    def take_pending(self):
        with self.lock:
            pending, self.pending = self.pending, set()
        return pending

    def recovered(self):
        with self.lock:
            if not self.degraded:
                return
            self.degraded = False
            down_for = time.monotonic() - self.since
        logger.warning("Redis cache at %s is back after %.0f s", self.location, down_for)


def _without_password(location):
    parts = [urlsplit(url) for url in re.split("[;,]", location)]
    return ",".join(p._replace(netloc=p.netloc.rpartition("@")[2]).geturl() for p in parts)


_health = {}
_health_lock = threading.Lock()


def _health_of(location, degraded_seconds):
    with _health_lock:
        health = _health.setdefault(location, _Health(location, degraded_seconds))
        health.degraded_seconds = degraded_seconds
        return health


_read_ahead = contextvars.ContextVar("auscult_cache_read_ahead", default=None)
_MISSING = object()


def request_started(**kwargs):
    _read_ahead.set({})


def request_finished(**kwargs):
    _read_ahead.set(None)


def read_ahead(keys, *, using=DEFAULT_CACHE_ALIAS):
    """Fetch `keys` from the cache `using` in one round trip, for this request's later reads."""
    backend = caches[using]
    if isinstance(backend, ReadAheadMixin):
        backend.read_ahead(keys)


class ReadAheadMixin:
    """A cache backend whose `get` first looks in what `read_ahead` fetched for this request."""

    def read_ahead(self, keys, version=None):
        memo = _read_ahead.get()
        if memo is None:
            return
        wanted = [key for key in dict.fromkeys(keys) if self.make_key(key, version) not in memo]
        if not wanted:
            return
        found = self.get_many(wanted, version=version)
        for key in wanted:
            memo[self.make_key(key, version)] = found.get(key, _MISSING)

    def get(self, key, default=None, version=None):
        memo = _read_ahead.get()
        if memo:
            value = memo.get(self.make_key(key, version), None)
            if value is _MISSING:
                return default
            if value is not None:
                return value
        return super().get(key, default, version)

    def _forget(self, keys, version=None):
        memo = _read_ahead.get()
        if memo:
            for key in keys:
                memo.pop(self.make_key(key, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key], version)
        return super().add(key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key], version)
        return super().set(key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget([key], version)
        return super().touch(key, timeout, version)

    def delete(self, key, version=None):
        self._forget([key], version)
        return super().delete(key, version)

    def incr(self, key, delta=1, version=None):
        self._forget([key], version)
        return super().incr(key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(data, version)
        return super().set_many(data, timeout, version)

    def delete_many(self, keys, version=None):
        self._forget(keys, version)
        return super().delete_many(keys, version)

    def clear(self):
        memo = _read_ahead.get()
        if memo:
            memo.clear()
        return super().clear()


class ReadAheadLocMemCache(ReadAheadMixin, LocMemCache):
    """Django's local-memory cache with `read_ahead` (the tests' cache)."""


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool instead of building one for every call
    (a page makes a dozen cache calls; building the client was a quarter of a cached page's time). `redis.Redis`
    takes a connection from its pool for each command, so one may be shared by the threads of a process."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class FailSoftRedisCacheBase(RedisCache):
    """`RedisCache` that falls back to this process's memory while Redis cannot be reached.

    OPTIONS are redis-py's connection pool arguments, as for `RedisCache`; socket timeouts default
    to `SOCKET_TIMEOUTS`, and `DEGRADED_SECONDS` (ours, not redis-py's) sets the retry window."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        options = {**SOCKET_TIMEOUTS, **self._options}
        degraded_seconds = options.pop("DEGRADED_SECONDS", DEGRADED_SECONDS)
        self._options = options
        location = server if isinstance(server, str) else ",".join(server)
        self._health = _health_of(location, degraded_seconds)
        fallback_params = {
            key: params[key] for key in ("TIMEOUT", "KEY_PREFIX", "VERSION", "KEY_FUNCTION") if key in params
        }
        fallback_params["OPTIONS"] = {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}
        # LocMemCache shares its storage between instances of the same name: one per process.
        self._fallback = LocMemCache(f"auscult-failsoft:{location}", fallback_params)

    @property
    def degraded(self):
        """True while this process keeps to memory because Redis failed."""
        return self._health.degraded

    def _run(self, name, *args, writes=(), version=None):
        """`RedisCache.<name>(*args)`, or the same on the local copy when Redis fails or is being
        left alone; `writes` are the keys the call changes, dropped from Redis on the way back."""
        health = self._health
        if health.should_try():
            try:
                if health.degraded:
                    self._recover()
                return getattr(super(), name)(*args)
            except UNAVAILABLE as exc:
                health.failed(exc)
        if writes:
            health.remember(self.make_and_validate_key(key, version=version) for key in writes)
        return getattr(self._fallback, name)(*args)

    def _recover(self):
        """Drop from Redis what this process changed while degraded, then use Redis again."""
        pending = self._health.take_pending()
        try:
            if pending:
                self._cache.delete_many(list(pending))
            else:
                self._cache.get_client(write=True).ping()
        except UNAVAILABLE:
            self._health.remember(pending)
            raise
        self._fallback.clear()
        self._health.recovered()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("add", key, value, timeout, version, writes=[key], version=version)

    def get(self, key, default=None, version=None):
        return self._run("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("set", key, value, timeout, version, writes=[key], version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("touch", key, timeout, version, writes=[key], version=version)

    def delete(self, key, version=None):
        return self._run("delete", key, version, writes=[key], version=version)

    def get_many(self, keys, version=None):
        return self._run("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._run("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._run("incr", key, delta, version, writes=[key], version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("set_many", data, timeout, version, writes=data, version=version)

    def delete_many(self, keys, version=None):
        return self._run("delete_many", keys, version, writes=keys, version=version)

    def clear(self):
        # A flush missed during an outage is not replayed: nothing in the site clears the cache.
        return self._run("clear")


class FailSoftRedisCache(ReadAheadMixin, FailSoftRedisCacheBase):
    """The site's cache: fail-soft Redis, with `read_ahead`."""
