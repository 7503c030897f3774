"""Every `datetime` value in the markup is one the HTML validator accepts: a date, or a date and
time to at most milliseconds with a time-zone offset (Django's `date:'c'` printed microseconds)."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import html

from auscult.comments.models import Comment, CommentStatus, FeaturedComment
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# HTML's "valid date string" and "valid global date and time string" (fractions: 1-3 digits).
VALID = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})")
WITH_MICROSECONDS = datetime(2026, 7, 14, 9, 30, 15, 123456, tzinfo=ZoneInfo("UTC"))


@pytest.fixture
def discussion(client):
    article = ArticlePageFactory(title="Summer rotas")
    other = ArticlePageFactory(title="Winter rotas")
    member = MemberFactory(display_name="Dr Jo W")
    published = Comment.objects.create(
        article_id=article.pk, author=member, body="Published", status=CommentStatus.PUBLISHED
    )
    pending = Comment.objects.create(article_id=article.pk, author=member, body="Held", status=CommentStatus.PENDING)
    quoted = Comment.objects.create(article_id=other.pk, author=member, body="Quoted", status=CommentStatus.PUBLISHED)
    Comment.objects.filter(pk__in=[published.pk, pending.pk, quoted.pk]).update(created_at=WITH_MICROSECONDS)
    FeaturedComment.objects.create(article_id=article.pk, comment=quoted)
    client.force_login(member)
    return article


def datetime_values(client, url):
    doc = html.fromstring(client.get(url).content)
    values = [t.get("datetime") for t in doc.cssselect("time[datetime]")]
    values += [m.get("content") for m in doc.cssselect("meta[property$='_time']")]
    return values


@pytest.mark.parametrize("url", ["article", "/", "/account/comments/"])
def test_every_datetime_value_is_valid_html(client, discussion, url):
    values = datetime_values(client, discussion.url if url == "article" else url)

    assert values, "the page shows dates"
    invalid = [v for v in values if not VALID.fullmatch(v)]
    assert invalid == []


def test_comment_times_are_to_the_second_in_uk_time(client, discussion):
    values = datetime_values(client, discussion.url)

    assert "2026-07-14T10:30:15+01:00" in values  # 09:30:15 UTC is 10:30:15 BST
