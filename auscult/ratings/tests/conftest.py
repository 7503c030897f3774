import pytest

from auscult.publishing.tests.factories import ArticlePageFactory

from .helpers import new_member


@pytest.fixture
def article():
    return ArticlePageFactory()


@pytest.fixture
def member(client):
    """A verified member, signed in on `client`."""
    member = new_member()
    client.force_login(member)
    return member
