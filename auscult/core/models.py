"""What the core keeps in the database: the versions shared and fragment caches key on."""

from django.db import models


class CacheVersion(models.Model):
    """A version of something pages show: `site` (navigation, settings, listings), `people` (members' public
    names) or `page:<id>` (one page with its comments and ratings). A new random token on every change, written
    in the same transaction as the change, so a cache keyed on it can never serve what the change replaced, even
    when a purge was lost or the cache was restored from an old copy (a counter could come round again)."""

    key = models.CharField(max_length=40, primary_key=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "cache version"

    def __str__(self):
        return f"{self.key}: {self.token}"
