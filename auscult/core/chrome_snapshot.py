"""A copy on disk of the masthead every page shows (site name, tagline, home and section links), so
the 500 and 503 pages can show the magazine's navigation when neither the database nor the cache
answers. Publishing saves it whenever it has the chrome in hand; the error pages load it.

Both sides are written never to raise: a snapshot that cannot be written costs a warning in the
log, one that cannot be read gives a plain masthead instead."""

import json
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

# The last (path, snapshot) this process wrote or tried to write: each process writes once when it
# starts serving and again only when the chrome changes, not on every page view.
_last_saved = None


def _snapshot_path():
    path = settings.AUSCULT.get("CHROME_SNAPSHOT")
    return Path(path) if path else None


def chrome_snapshot_save(*, site_name, tagline, home_url, sections):
    """Write the snapshot atomically (a temporary file renamed over the old one) unless this process
    already wrote the same one. `sections` is a list of {"title", "url"}."""
    global _last_saved
    try:
        path = _snapshot_path()
        if path is None:
            return
        snapshot = {
            "site_name": str(site_name),
            "tagline": str(tagline or ""),
            "home_url": str(home_url or "/"),
            "sections": [{"title": str(s["title"]), "url": str(s["url"])} for s in sections],
        }
        if _last_saved == (path, snapshot):
            return
        # Remembered before writing: a directory that cannot be written is reported once, not per page.
        _last_saved = (path, snapshot)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:
                json.dump(snapshot, file, ensure_ascii=False)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except Exception:
        logger.warning("Could not save the chrome snapshot for the error pages", exc_info=True)


def chrome_snapshot_load():
    """The saved snapshot, or None when there is none or it cannot be read or understood."""
    try:
        path = _snapshot_path()
        if path is None:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            "site_name": str(data["site_name"]),
            "tagline": str(data.get("tagline") or ""),
            "home_url": str(data.get("home_url") or "/"),
            "sections": [{"title": str(s["title"]), "url": str(s["url"])} for s in data.get("sections") or ()],
        }
    except Exception:
        return None
