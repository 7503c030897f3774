"""Counts where readers choose what to read: each teaser shows its comment count and rating from the stored
counters, in the listing's own query; the article's JSON-LD counts them; the front page lists the week's most
discussed and best rated. Nothing held, rejected or removed is counted."""

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html

from auscult.comments.models import CommentStatus
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory, SectionPageFactory
from auscult.ratings.services import rating_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(client):
    client.cookies["auscult_hp"] = "1"
    return client


def rate(article, *stars):
    for n in stars:
        rating_set(article=article, member=MemberFactory(), stars=n)


def teaser_meta(doc, article):
    link = doc.xpath(f"//article[contains(@class, 'teaser')]//a[text()={json.dumps(article.title)}]")[0]
    meta = link.xpath("ancestor::article[contains(@class, 'teaser')]//p[contains(@class, 'teaser__meta')]")[0]
    return " ".join(meta.text_content().split())


def test_a_teaser_shows_its_comments_and_rating(visitor):
    section = SectionPageFactory(title="News", slug="news")
    article = ArticlePageFactory(parent=section, title="Indemnity gaps")
    author = MemberFactory()
    make_comments(article, 3, author=author)
    make_comments(article, 1, author=author, status=CommentStatus.PENDING)
    make_comments(article, 1, author=author, status=CommentStatus.REMOVED)
    rate(article, 4, 5, 4)
    quiet = ArticlePageFactory(parent=section, title="Quiet piece")

    doc = html.fromstring(visitor.get(section.url).content)

    assert teaser_meta(doc, article).endswith("· 3 comments · Rated 4.3 out of 5 by 3 readers")
    assert "comment" not in teaser_meta(doc, quiet) and "Rated" not in teaser_meta(doc, quiet)


def test_counts_cost_no_query_per_teaser(visitor):
    section = SectionPageFactory(title="News", slug="news")

    def listing_queries():
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert visitor.get(section.url).status_code == 200
        return len(ctx.captured_queries)

    for n in range(2):
        article = ArticlePageFactory(parent=section, title=f"Article {n}")
        make_comments(article, 2, author=MemberFactory())
        rate(article, 3)
    listing_queries()  # the first request makes the site's settings rows
    few = listing_queries()
    for n in range(2, 12):
        article = ArticlePageFactory(parent=section, title=f"Article {n}")
        make_comments(article, 2, author=MemberFactory())
        rate(article, 3)
    assert listing_queries() == few


def test_the_articles_json_ld_counts_comments_and_ratings_and_follows_them(visitor):
    article = ArticlePageFactory(title="Counted")
    make_comments(article, 2, author=MemberFactory())
    rate(article, 5, 4)

    def structured():
        doc = html.fromstring(visitor.get(article.url).content)
        return json.loads(doc.xpath("//script[@type='application/ld+json']")[0].text)

    data = structured()
    assert data["commentCount"] == 2
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": 4.5,
        "ratingCount": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    from auscult.comments.services import comment_post

    comment_post(article=article, author=MemberFactory(), body="One more.")
    assert structured()["commentCount"] == 3  # the meta fragment is kept on the page's own version too


def test_the_front_page_lists_the_weeks_most_discussed_and_best_rated(visitor):
    section = SectionPageFactory(title="News", slug="news")
    busy = ArticlePageFactory(parent=section, title="Busy thread")
    quieter = ArticlePageFactory(parent=section, title="Quieter thread")
    old = ArticlePageFactory(parent=section, title="Old news", publication_date=timezone.now() - timedelta(days=9))
    held_only = ArticlePageFactory(parent=section, title="Only held")
    author = MemberFactory()
    make_comments(busy, 5, author=author)
    make_comments(quieter, 2, author=author)
    make_comments(old, 9, author=author)
    make_comments(held_only, 4, author=author, status=CommentStatus.PENDING)
    rate(quieter, 5, 5, 4)
    rate(busy, 3, 3, 3)
    rate(old, 5, 5, 5)
    rate(held_only, 5, 5)  # too few ratings to rank

    doc = html.fromstring(visitor.get("/").content)

    def listed(heading_id):
        section = doc.get_element_by_id(heading_id).getparent()
        return [" ".join(li.text_content().split()) for li in section.cssselect("li")]

    assert listed("most-discussed") == ["Busy thread 5 comments", "Quieter thread 2 comments"]
    assert listed("best-rated") == [
        "Quieter thread 4.7 out of 5 from 3 ratings",
        "Busy thread 3.0 out of 5 from 3 ratings",
    ]


def test_listing_counts_follow_within_minutes_and_an_articles_etag_does_not_roll(visitor, monkeypatch):
    """A listing's counts are at most `COUNTS_REFRESH_SECONDS` behind: its page and ETag roll over with the span.
    An article's page follows its own comments, so its ETag stays while nothing on it changes."""
    from auscult.publishing import delivery

    section = SectionPageFactory(title="News", slug="news")
    article = ArticlePageFactory(parent=section, title="Indemnity gaps")
    span = ["1"]
    monkeypatch.setattr(delivery, "counts_bucket", lambda: span[0])
    first = visitor.get(section.url)
    make_comments(article, 2, author=MemberFactory())
    span[0] = "2"
    later = visitor.get(section.url)

    assert first["ETag"] != later["ETag"]
    assert teaser_meta(html.fromstring(later.content), article).endswith("· 2 comments")
    settled = visitor.get(article.url)["ETag"]
    span[0] = "3"
    assert visitor.get(article.url, HTTP_IF_NONE_MATCH=settled).status_code == 304
    assert visitor.get(section.url, HTTP_IF_NONE_MATCH=later["ETag"]).status_code == 200
