"""Settings for the site process the fault suite starts (faults.SiteProcess): the test settings, but
with the cache the environment names, as production chooses it (Redis, through the suite's link)."""

from auscult.settings.base import CACHES as ENVIRONMENT_CACHES
from auscult.settings.test import *  # noqa: F403

CACHES = ENVIRONMENT_CACHES
