import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(settings, tmp_path):
    """Each test starts with an empty cache (page chrome, rate limits)."""
    from django.core.cache import cache

    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    cache.clear()
