"""The professionals-only notice: once per visitor, never for crawlers, feeds or members."""

import pytest

from auscult.members.notice import COOKIE_NAME
from auscult.publishing.tests.factories import ArticlePageFactory

from .factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory(title="Partners face pension changes")


def test_first_visit_is_sent_to_the_notice_then_back(visitor, article):
    response = visitor.get(article.url)

    assert response.status_code == 302
    assert response["Location"] == f"/notice/?next={article.url.replace('/', '%2F')}"
    assert "no-cache" in response["Cache-Control"]

    notice = visitor.get(response["Location"])
    assert notice.status_code == 200
    content = notice.content.decode()
    assert "This site is intended for health professionals only" in content
    assert "I am a health professional" in content
    assert "<script" not in content.split("<body", 1)[1]  # a plain form: works with JavaScript off

    confirmed = visitor.post("/notice/", {"next": article.url})
    assert confirmed.status_code == 302 and confirmed["Location"] == article.url
    assert confirmed.cookies[COOKIE_NAME].value == "1"
    assert confirmed.cookies[COOKIE_NAME]["max-age"] >= 365 * 24 * 3600

    page = visitor.get(article.url)
    assert page.status_code == 200
    assert b"Partners face pension changes" in page.content


def test_notice_does_not_redirect_off_site(visitor):
    response = visitor.post("/notice/", {"next": "https://evil.example.com/"})

    assert response["Location"] == "/"


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html)",
    ],
)
def test_crawlers_read_without_the_notice(visitor, article, user_agent):
    response = visitor.get(article.url, headers={"user-agent": user_agent})

    assert response.status_code == 200
    # The page readers get: one copy in a shared cache for crawlers and readers alike, split by nothing.
    assert response["Cache-Control"].startswith("public")
    assert "User-Agent" not in response.get("Vary", "") and "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("path", ["/feed/", "/sitemap.xml", "/robots.txt", "/healthz", "/accounts/login/"])
def test_machine_and_sign_in_paths_are_exempt(visitor, article, path):
    assert visitor.get(path).status_code == 200


def test_signed_in_members_never_see_the_notice(visitor, article):
    visitor.force_login(MemberFactory())

    assert visitor.get(article.url).status_code == 200


def test_home_page_also_asks_first(visitor):
    response = visitor.get("/")

    assert response.status_code == 302 and response["Location"].startswith("/notice/")
