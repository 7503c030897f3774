"""The chrome the error pages show: the 4xx pages take it from the usual context, the 500 and 503
pages from the snapshot that every page view keeps on disk."""

import json
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from auscult.publishing.tests.factories import SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("auscult.core.tests.error_urls")]


def snapshot(settings):
    return json.loads(Path(settings.AUSCULT["CHROME_SNAPSHOT"]).read_text())


def test_a_page_view_saves_the_chrome_snapshot(client, settings):
    SectionPageFactory(title="Clinical", slug="clinical")

    assert client.get("/").status_code == 200

    assert snapshot(settings) == {
        "site_name": "Auscult",
        "tagline": "News, opinion and debate for general practice",
        "home_url": "/",
        "sections": [{"title": "Clinical", "url": "/clinical/"}],
    }


def test_a_new_section_reaches_the_snapshot_on_the_next_page_view(client, settings):
    SectionPageFactory(title="Clinical", slug="clinical")
    client.get("/")

    SectionPageFactory(title="Opinion", slug="opinion")
    client.get("/")

    assert [s["title"] for s in snapshot(settings)["sections"]] == ["Clinical", "Opinion"]


def test_a_machine_that_finds_the_chrome_already_cached_still_saves_its_snapshot(client, settings, tmp_path):
    SectionPageFactory(title="Clinical", slug="clinical")
    client.get("/")  # the shared cache now holds the chrome
    settings.AUSCULT = {**settings.AUSCULT, "CHROME_SNAPSHOT": tmp_path / "other-machine" / "chrome.json"}

    client.get("/")

    assert snapshot(settings)["sections"] == [{"title": "Clinical", "url": "/clinical/"}]


def test_a_snapshot_that_cannot_be_written_does_not_break_the_page(client, settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    settings.AUSCULT = {**settings.AUSCULT, "CHROME_SNAPSHOT": tmp_path / "a-file" / "chrome.json"}

    assert client.get("/").status_code == 200


def test_the_404_page_carries_the_section_navigation(client):
    SectionPageFactory(title="Clinical", slug="clinical")

    response = client.get("/clinical/no-such-article/")

    assert response.status_code == 404
    assert '<a href="/clinical/" aria-current="true">Clinical</a>' in response.content.decode()


def test_the_500_page_shows_the_sections_readers_last_saw_when_the_database_is_down(client):
    SectionPageFactory(title="Clinical", slug="clinical")
    client.get("/")
    client.raise_request_exception = False

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")) as connect:
        response = client.get("/test-errors/broken/")

    assert response.status_code == 500
    assert '<li><a href="/clinical/">Clinical</a></li>' in response.content.decode()
    assert connect.call_count == 0
