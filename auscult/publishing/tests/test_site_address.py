"""One public address: the Wagtail site follows SITE_URL on every start, and a deploy check fails
while they disagree."""

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from lxml import html
from wagtail.models import Site

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def deploy_errors():
    return [m for m in checks.run_checks(include_deployment_checks=True) if m.id.startswith("auscult.")]


def test_a_start_on_another_port_moves_canonical_links_to_it(client, settings):
    article = ArticlePageFactory(title="Winter pressures")
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    settings.WAGTAIL_SITE_NAME = "GP Weekly"

    call_command("site_address")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("127.0.0.1", 8123, "GP Weekly")
    doc = html.fromstring(client.get(article.url, HTTP_HOST="127.0.0.1:8123").content)
    canonical = doc.cssselect("link[rel=canonical]")[0].get("href")
    assert canonical == f"http://127.0.0.1:8123{article.url}"
    assert doc.cssselect("meta[property='og:url']")[0].get("content") == canonical


def test_https_without_a_port_means_443(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://gp.example.com"

    call_command("site_address")

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("gp.example.com", 443, "https://gp.example.com")
    assert deploy_errors() == []


def test_the_deploy_check_fails_while_the_site_and_site_url_disagree(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    call_command("site_address")
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:9000"

    errors = deploy_errors()

    assert [e.id for e in errors] == ["auscult.E001"]
    assert "127.0.0.1:8123" in errors[0].msg and "http://127.0.0.1:9000" in errors[0].msg


def test_without_a_site_the_command_says_what_to_do():
    Site.objects.all().delete()

    with pytest.raises(CommandError, match="migrate"):
        call_command("site_address")
    assert [e.id for e in deploy_errors()] == ["auscult.E001"]
