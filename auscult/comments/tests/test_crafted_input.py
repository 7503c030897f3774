"""Crafted ids in comment URLs and forms answer 404 or a refusal that keeps the member's text; never a 500.
(Odd ?reply_to= values: test_refused_replies.py.)"""

import uuid

import pytest
from lxml import html

from auscult.comments.models import Comment, CommentSettings, CommentStatus
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

TOO_BIG = "9" * 30  # past a 64-bit integer: SQLite cannot even bind it
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.fixture
def article():
    return ArticlePageFactory(title="Winter pressures")


@pytest.fixture
def member(client):
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    member = MemberFactory(display_name="Dr Ana R")
    client.force_login(member)
    client.raise_request_exception = False
    return member


@pytest.fixture
def parent(article):
    return Comment.objects.create(
        article_id=article.pk,
        author=MemberFactory(display_name="Nurse Kit L"),
        body="Parent",
        status=CommentStatus.PUBLISHED,
    )


@pytest.mark.parametrize("kind", ["superscript", "arabic_indic", "too_big", "nul", "negative", "zero"])
def test_a_reply_to_an_odd_parent_is_refused_and_keeps_the_text(client, article, member, parent, kind):
    value = {
        "superscript": "²",
        "arabic_indic": str(parent.pk).translate(ARABIC_INDIC),  # int() reads it as the parent's id
        "too_big": TOO_BIG,
        "nul": "\x00",
        "negative": "-1",
        "zero": "0",
    }[kind]
    body = "I disagree with the second point."
    data = {"body": body, "parent": value, "submission_key": str(uuid.uuid4())}

    response = client.post(f"/articles/{article.pk}/comments/post/", data, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    form = html.fromstring(response.content).cssselect("#have-your-say form.comment-form")[0]
    assert form.cssselect("textarea[name=body]")[0].text_content() == body
    assert "no longer available" in form.cssselect(".form-errors")[0].text_content()
    assert not Comment.objects.filter(author=member).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/articles/{big}/comments/"),
        ("post", "/articles/{big}/comments/post/"),
        ("post", "/articles/{big}/rating/"),
        ("post", "/articles/{big}/rating/withdraw/"),
        ("get", "/comments/{big}/"),
        ("get", "/comments/{big}/reply/"),
        ("get", "/comments/{big}/report/"),
        ("get", "/comments/{big}/edit/"),
        ("get", "/comments/{big}/delete/"),
        ("get", "/comments/0/"),
    ],
)
def test_ids_too_big_for_the_database_are_not_found(client, member, method, path):
    response = getattr(client, method)(path.format(big=TOO_BIG), HTTP_HX_REQUEST="true")

    assert response.status_code == 404
