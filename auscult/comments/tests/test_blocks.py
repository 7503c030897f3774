"""Blocking a member: their comments fold away in place for the blocker only (the shared page and its paging
stay everyone's), can be opened, and come back on unblocking; never offered on an anonymous comment or one's
own; in the data export, and gone with the account."""

import json

import pytest
from django.core.cache import cache
from django.test import Client
from lxml import html

from auscult.comments.models import Block
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import PASSWORD, MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def thread():
    article = ArticlePageFactory(title="Rotas")
    rude = MemberFactory(display_name="Dr Rude Q")
    masked = MemberFactory(anonymous=True)
    reader = MemberFactory()
    for author in (rude, masked, reader, rude):
        make_comments(article, 1, author=author, start=None)
    return article, rude, masked, reader


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def comments_of(response):
    doc = html.fromstring(response.content)
    return doc.cssselect("ol.comment-list > li.comment")


def block_forms(item):
    return item.cssselect("form.comment__block")


def test_a_blocked_members_comments_fold_away_for_the_blocker_alone(thread):
    article, rude, masked, reader = thread
    client = signed_in(reader)
    items = comments_of(client.get(article.url))
    # Offered on others' named comments only: not on the anonymous one, not on the reader's own.
    assert [len(block_forms(item)) for item in items] == [1, 0, 0, 1]

    done = client.post(block_forms(items[0])[0].get("action"), follow=True)
    assert "Dr Rude Q is blocked" in done.content.decode()

    items = comments_of(client.get(article.url))
    assert len(items) == 4  # the paging is everyone's: nothing taken out
    folded = [item for item in items if item.cssselect("details.comment__blocked")]
    assert len(folded) == 2 and all("Dr Rude Q" in item.text_content() for item in folded)
    assert "Comment number 1" in folded[0].cssselect("details")[0].text_content()  # still there to open
    assert [f.text_content() for f in block_forms(items[0])] == ["Unblock this member"]

    visitor = Client()
    visitor.cookies["auscult_hp"] = "1"
    assert not html.fromstring(visitor.get(article.url).content).cssselect(
        "details.comment__blocked, form.comment__block"
    )
    other = signed_in(MemberFactory())
    assert not html.fromstring(other.get(article.url).content).cssselect("details.comment__blocked")


def test_the_blocked_list_unblocks(thread):
    article, rude, masked, reader = thread
    client = signed_in(reader)
    client.post(block_forms(comments_of(client.get(article.url))[0])[0].get("action"))

    page = html.fromstring(client.get("/account/blocked/").content)
    (item,) = page.cssselect(".account__links li")
    assert "Dr Rude Q" in item.text_content()
    client.post(item.cssselect("form")[0].get("action"))

    assert not Block.objects.exists()
    assert not html.fromstring(client.get(article.url).content).cssselect("details.comment__blocked")


def test_an_anonymous_member_or_oneself_cannot_be_blocked_even_by_hand(thread):
    article, rude, masked, reader = thread
    client = signed_in(reader)
    masked_comment = article.comments.get(author=masked)
    own = article.comments.get(author=reader)

    for comment in (masked_comment, own):
        refused = client.post(f"/comments/{comment.pk}/block/", follow=True)
        assert refused.status_code == 200
    assert not Block.objects.exists()
    assert client.get(f"/comments/{own.pk}/block/").status_code == 405


def test_blocks_are_in_the_export_and_go_with_either_account(thread):
    article, rude, masked, reader = thread
    client = signed_in(reader)
    client.post(f"/comments/{article.comments.filter(author=rude).first().pk}/block/")

    export = json.loads(client.get("/account/data/?download=1").content)
    assert [b["member"] for b in export["comments"]["members_blocked"]] == ["Dr Rude Q"]

    signed_in(rude).post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert not Block.objects.exists()
