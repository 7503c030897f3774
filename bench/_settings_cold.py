"""Production settings with every Django-side cache empty at the start of each request: the "cold" page of
bench/run.py (bench/_cold_cache.py says how), without flushing Redis for the other servers. Used only by the bench's
own gunicorn (DJANGO_SETTINGS_MODULE=bench._settings_cold, the checkout on PYTHONPATH)."""

from auscult.settings.production import *  # noqa: F403

COLD_CACHE = {"default": {"BACKEND": "bench._cold_cache.EmptyEachRequestCache", "LOCATION": "bench-cold"}}
CACHES = COLD_CACHE
