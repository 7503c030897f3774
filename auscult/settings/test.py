"""Test settings: fast hashing, local-memory cache, tasks run inline."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - signs nothing outside the test run
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A replica mirroring the test database, read only by the tests that turn REPLICA_READS on
# (auscult/core/tests/test_db_router.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
CACHES = {"default": {"BACKEND": "auscult.core.cache.ReadAheadLocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Static files are served by the test client's finders, not from a collected directory.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Django's page cache is off: a test reads back at once what it changed, and its transaction never commits to run
# the purge. The tests of the cache itself turn it on (auscult/core/tests/test_shared_cache.py).
AUSCULT = {**AUSCULT, "PAGE_CACHE_SECONDS": 0, "PURGE_WINDOW_SECONDS": 0}  # noqa: F405
