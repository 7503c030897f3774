"""An article under a view restriction (a password, sign-in or groups, on it or on its section) is named
in no listing: not on the home page, its section, its author's page, the feeds, search, another article's
related links or the sitemap. Only its own URL leads to it, past the restriction."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from auscult.publishing.models import RelatedArticle

from .factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

SECRET = "Confidential partnership accounts"
OPEN = "Open letter on access targets"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=["article", "section"])
def world(request):
    """One open and one restricted article by the same author in one section; the restriction is on
    the article itself or on a whole second section."""
    author = AuthorFactory(name="Dr Pat Listing", slug="pat-listing")
    section = SectionPageFactory(title="Practice business", slug="practice-business")
    open_article = ArticlePageFactory(title=OPEN, parent=section, authors=[author])
    if request.param == "article":
        secret = ArticlePageFactory(title=SECRET, parent=section, authors=[author])
        PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    else:
        hidden = SectionPageFactory(title="Partners only", slug="partners-only")
        secret = ArticlePageFactory(title=SECRET, parent=hidden, authors=[author])
        PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    RelatedArticle.objects.create(article=open_article, related=secret, sort_order=0)
    open_article.save_revision().publish()
    return {"section": section, "open": open_article, "secret": secret}


def listings(world):
    section = world["section"]
    return {
        "home": "/",
        "section": section.url,
        "author": "/authors/pat-listing/",
        "authors": "/authors/",
        "feed": "/feed/",
        "section feed": f"/feed/{section.slug}/",
        "search": "/search/?q=partnership+access",
        "related": world["open"].url,
    }


def test_a_restricted_article_is_named_in_no_listing(client, world):
    for name, url in listings(world).items():
        page = client.get(url).content.decode()
        assert SECRET not in page, name
        assert world["secret"].url not in page, name
    assert OPEN in client.get("/").content.decode()
    assert OPEN in client.get("/search/?q=access").content.decode()


def test_the_sitemap_leaves_it_out(client, world):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert world["open"].full_url in sitemap
    assert world["secret"].full_url not in sitemap


def test_its_own_url_still_leads_to_its_restriction_and_no_further(client, world):
    response = client.get(world["secret"].url)

    if response.status_code == 302:  # sign-in restriction
        assert response["Location"].startswith("/accounts/login/")
    else:  # password restriction: Wagtail's password form
        assert response.status_code == 200 and 'name="password"' in response.content.decode()
    assert "Practices across England were told" not in response.content.decode()
