import json
import os
from unittest import mock

import pytest

from auscult.core.chrome_snapshot import chrome_snapshot_load, chrome_snapshot_save

SECTIONS = [{"title": "News", "url": "/news/"}, {"title": "Clinical", "url": "/clinical/"}]


@pytest.fixture
def snapshot_path(settings, tmp_path):
    path = tmp_path / "not" / "yet" / "there" / "chrome.json"
    settings.AUSCULT = {**settings.AUSCULT, "CHROME_SNAPSHOT": path}
    return path


def save(**overrides):
    chrome_snapshot_save(
        **{"site_name": "Auscult", "tagline": "For GPs", "home_url": "/", "sections": SECTIONS, **overrides}
    )


def test_save_creates_the_directory_and_load_reads_it_back(snapshot_path):
    save()

    assert json.loads(snapshot_path.read_text()) == {
        "site_name": "Auscult",
        "tagline": "For GPs",
        "home_url": "/",
        "sections": SECTIONS,
    }
    assert chrome_snapshot_load()["sections"] == SECTIONS
    assert sorted(p.name for p in snapshot_path.parent.iterdir()) == ["chrome.json"]  # no temporary files left


def test_the_same_snapshot_is_written_once_a_changed_one_again(snapshot_path):
    with mock.patch("auscult.core.chrome_snapshot.os.replace", wraps=os.replace) as replace:
        save()
        save()
        save(tagline="A new tagline")

    assert replace.call_count == 2
    assert chrome_snapshot_load()["tagline"] == "A new tagline"


def test_a_write_that_fails_half_way_leaves_the_old_snapshot_whole(snapshot_path):
    save()

    with mock.patch("auscult.core.chrome_snapshot.json.dump", side_effect=OSError("No space left on device")):
        save(tagline="Never written")

    assert chrome_snapshot_load()["tagline"] == "For GPs"
    assert sorted(p.name for p in snapshot_path.parent.iterdir()) == ["chrome.json"]


def test_a_snapshot_that_cannot_be_written_is_logged_not_raised(settings, tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    settings.AUSCULT = {**settings.AUSCULT, "CHROME_SNAPSHOT": blocker / "chrome.json"}

    save()

    assert "Could not save the chrome snapshot" in caplog.text
    assert chrome_snapshot_load() is None


@pytest.mark.parametrize(
    "content",
    [None, "", "{not json", "[]", '{"tagline": "no site name"}', '{"site_name": "A", "sections": [{"title": "x"}]}'],
)
def test_load_gives_none_for_a_missing_or_unusable_snapshot(snapshot_path, content):
    if content is not None:
        snapshot_path.parent.mkdir(parents=True)
        snapshot_path.write_text(content)

    assert chrome_snapshot_load() is None


def test_without_a_configured_path_nothing_is_written_or_read(settings):
    settings.AUSCULT = {k: v for k, v in settings.AUSCULT.items() if k != "CHROME_SNAPSHOT"}

    save()

    assert chrome_snapshot_load() is None
