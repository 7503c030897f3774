"""Every page loads the script that reports failed htmx requests, as a file (the CSP forbids inline
scripts) and deferred, after htmx. Its behaviour is proved in the browser: browser_tests/test_request_errors.py."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from lxml import html

pytestmark = pytest.mark.django_db


def test_pages_load_the_request_error_script_deferred_and_no_inline_script(client):
    page = html.fromstring(client.get("/search/").content)

    scripts = page.cssselect("script")
    sources = [s.get("src") for s in scripts if s.get("type") != "application/ld+json"]
    assert "/static/js/request-errors.js" in sources
    assert all(sources), "no inline scripts"
    assert all(s.get("defer") is not None for s in scripts if s.get("src"))
    assert sources.index("/static/js/request-errors.js") > next(i for i, s in enumerate(sources) if "htmx" in s)
    assert "htmx:responseError" in Path(finders.find("js/request-errors.js")).read_text()
