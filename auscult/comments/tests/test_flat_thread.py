"""A flat thread reads like a conversation: each reply quotes the first line of what it answers, linked to it,
and a comment names its replies, linked to each."""

import pytest
from lxml import html

from auscult.comments.models import Comment, CommentStatus
from auscult.comments.services import comment_set_status
from auscult.comments.speakers import number_anonymous_commenters
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def reply(article, parent, author, body):
    comment = Comment.objects.create(article_id=article.pk, author=author, parent=parent, body=body)
    return comment_set_status(comment=comment, status=CommentStatus.PUBLISHED)


@pytest.fixture
def conversation():
    article = ArticlePageFactory()
    (opening,) = make_comments(article, 1, author=MemberFactory(display_name="Dr Opening"))
    Comment.objects.filter(pk=opening.pk).update(
        body="Funding has not kept pace with list sizes.\n\nIn our PCN the gap is about 12 per cent."
    )
    make_comments(article, 12, author=MemberFactory(display_name="Dr Filler"))
    first = reply(article, opening, MemberFactory(display_name="Dr Agrees"), "Same here.")
    second = reply(article, opening, MemberFactory(anonymous=True), "Not in ours.")
    number_anonymous_commenters()  # made directly, as the demo makes them: numbered the same way
    return article, opening, first, second


def page(client, url):
    client.cookies["auscult_hp"] = "1"
    return html.fromstring(client.get(url).content)


def test_a_reply_quotes_the_first_line_it_answers(client, conversation):
    article, opening, first, _ = conversation

    doc = page(client, f"{article.url}?page=2")

    quote = doc.get_element_by_id(f"comment-{first.pk}").cssselect(".comment__quote a")[0]
    assert quote.text_content() == "Dr Opening wrote: Funding has not kept pace with list sizes."
    # The opening comment is on page 1: the quote links to its permalink.
    assert quote.get("href") == f"/comments/{opening.pk}/"


def test_a_comment_names_its_replies_and_links_to_each(client, conversation):
    article, opening, first, second = conversation

    doc = page(client, f"{article.url}?page_size=20")

    replies = doc.get_element_by_id(f"comment-{opening.pk}").cssselect(".comment__replies")[0]
    assert " ".join(replies.text_content().split()) == "2 replies: Dr Agrees, Anonymous 1"
    links = [a.get("href") for a in replies.cssselect("a")]
    assert links == [f"#comment-{first.pk}", f"#comment-{second.pk}"]  # on this page at twenty a page
    assert not doc.get_element_by_id(f"comment-{first.pk}").cssselect(".comment__replies")


def test_a_long_first_line_is_shortened(client, conversation):
    article, opening, first, _ = conversation
    Comment.objects.filter(pk=opening.pk).update(body="word " * 60)
    from auscult.publishing import delivery

    delivery.article_changed(article.pk)

    quote = (
        page(client, f"{article.url}?page=2").get_element_by_id(f"comment-{first.pk}").cssselect(".comment__quote a")
    )
    text = quote[0].text_content().removeprefix("Dr Opening wrote: ")
    assert text.endswith("…") and len(text) <= 140
