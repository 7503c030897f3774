import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(settings, tmp_path):
    """Each test starts with an empty cache (page chrome, rate limits)."""
    from django.core.cache import cache

    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()


@pytest.fixture
def client(client):
    """A reader who has already confirmed the professionals-only notice."""
    from auscult.members.notice import COOKIE_NAME

    client.cookies[COOKIE_NAME] = "1"
    return client


@pytest.fixture
def visitor():
    """A first-time visitor: no cookies at all."""
    from django.test import Client

    return Client()
