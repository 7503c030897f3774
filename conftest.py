import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(settings, tmp_path):
    """Each test starts with an empty cache (page chrome, rate limits) and its own files."""
    from django.core.cache import cache

    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AUSCULT = {
        **settings.AUSCULT,
        "CHROME_SNAPSHOT": tmp_path / "var" / "chrome.json",
        "MAINTENANCE_FILE": tmp_path / "var" / "maintenance",
    }
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


@pytest.fixture
def moderator(client):
    """A signed-in member of the Moderators group."""
    from django.contrib.auth.models import Group

    from auscult.members.tests.factories import MemberFactory

    user = MemberFactory(display_name="Mod Ruth", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return user
