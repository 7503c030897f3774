"""One public address: the Wagtail Site (canonical links, OpenGraph, the sitemap, feeds and, later,
cache purges) always carries the host and port of SITE_URL (settings.WAGTAILADMIN_BASE_URL).

`manage.py site_address` writes it on every start (bin/run and the deploy steps run it after
`migrate`); `check --deploy` fails while the two disagree, so a deploy cannot keep an old port."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site


def configured_address():
    """(hostname, port) named by SITE_URL, with the scheme's default port filled in."""
    url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def site_address_sync():
    """Point the default Site at SITE_URL; returns the Site, or None when there is none yet."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = configured_address()
    if (site.hostname, site.port, site.site_name) != (hostname, port, settings.WAGTAIL_SITE_NAME):
        site.hostname, site.port, site.site_name = hostname, port, settings.WAGTAIL_SITE_NAME
        site.save()  # save(), not update(): Wagtail drops its cached site root paths on save
    return site


@checks.register(checks.Tags.urls, deploy=True)
def check_site_address(app_configs=None, **kwargs):
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError as exc:
        return [
            checks.Warning(
                f"Could not compare the Wagtail site's address with SITE_URL: {exc}",
                hint="Run the check after `manage.py migrate`, with the production database reachable.",
                id="auscult.W001",
            )
        ]
    hostname, port = configured_address()
    if site is None or (site.hostname, site.port) != (hostname, port):
        found = f"{site.hostname}:{site.port}" if site else "no default site"
        return [
            checks.Error(
                f"The Wagtail site's address ({found}) differs from SITE_URL ({settings.WAGTAILADMIN_BASE_URL}).",
                hint="Run `manage.py site_address` after every deploy (bin/run does it on every start).",
                id="auscult.E001",
            )
        ]
    return []
