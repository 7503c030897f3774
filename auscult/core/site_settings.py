"""Site-wide settings that pages read, cached on the site's version (`core.delivery`).

Wagtail's `BaseGenericSetting.load(request)` reads its row once per request; a page that reads four settings pays
four queries for rows that change a few times a year. `SiteSetting.load(request)` takes them from the cache,
keyed on the site's version, which the page reads anyway; saving one gives the site a new version, so every cached
page, fragment and ETag follows the change. Without a request (a service, a task) the row is read afresh."""

from django.core.cache import cache
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.models import Site

from . import delivery

TIMEOUT = 24 * 60 * 60


class SiteSetting(BaseGenericSetting):
    class Meta:
        abstract = True

    @classmethod
    def load(cls, request_or_site=None):
        if request_or_site is None or isinstance(request_or_site, Site):
            return super().load(request_or_site)
        request, attr = request_or_site, cls.get_cache_attr_name()
        if not hasattr(request, attr):
            key = cls.cache_key(request)
            setting = cache.get(key)
            if setting is None:
                setting = cls._get_or_create()
                cache.set(key, setting, TIMEOUT)
            setattr(request, attr, setting)
        return getattr(request, attr)

    @classmethod
    def cache_key(cls, request):
        """Where the setting is cached for `request`'s version of the site."""
        return f"settings:{cls._meta.label_lower}:{delivery.versions(request)[delivery.SITE]}"

    def save(self, *args, **kwargs):
        first = self._state.adding  # made with its defaults on first read: nothing shown has changed
        super().save(*args, **kwargs)
        if not first:
            delivery.changed(delivery.SITE)
