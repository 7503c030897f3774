"""`publishing.access.may_see`: whether a caller may see an article and its engagement. Comments and ratings
test it through their own endpoints; these are the cases no browser reaches (a caller with no request)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from auscult.members.tests.factories import MemberFactory
from auscult.publishing.access import article_or_404, may_see

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def request_by(user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = {}
    return request


def test_an_unrestricted_live_article_is_seen_by_anyone_and_without_a_request():
    article = ArticlePageFactory()

    assert may_see(article, request_by(AnonymousUser()))
    assert may_see(article)
    assert article_or_404(article.pk) == article


def test_a_draft_is_seen_by_nobody():
    article = ArticlePageFactory(live=False)

    assert not may_see(article, request_by(MemberFactory()))
    with pytest.raises(Http404):
        article_or_404(article.pk, request_by(MemberFactory()))


@pytest.mark.parametrize("kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_without_a_request_nothing_has_been_passed_so_a_restricted_article_is_refused(kind):
    article = ArticlePageFactory()
    PageViewRestriction.objects.create(page=article.get_parent(), restriction_type=kind, password="x")

    assert not may_see(article)
    assert may_see(article, request_by(MemberFactory())) is (kind == PageViewRestriction.LOGIN)
    with pytest.raises(Http404):
        article_or_404(article.pk)
