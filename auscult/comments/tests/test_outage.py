"""A database that does not answer a post or an edit (unreachable, or a statement or lock timeout):
the member gets a 503 with their form back, filled in, the same submission key and a message that
says so, rendered without the database; sending it again once the database answers posts it once."""

import uuid
from unittest import mock

import pytest
from django.db import OperationalError
from lxml import html

from auscult.comments.models import Comment
from auscult.comments.services import comment_post
from auscult.comments.views import EDIT_OUTAGE_MESSAGE, OUTAGE_MESSAGE
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

TEXT = "Our list closed in March.\n\nThe waiting room tells the rest of the story."
HTMX = {"HX-Request": "true"}
LOCK_TIMEOUT = OperationalError("canceling statement due to lock timeout")


@pytest.fixture
def article():
    return ArticlePageFactory(title="Closed lists")


@pytest.fixture
def member(client):
    member = MemberFactory()
    client.force_login(member)
    return member


def database_gone():
    """Every query fails, as when the server is unreachable: the session cannot even be read."""
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("gone"))


def kept_form(response):
    doc = html.fromstring(response.content)
    (form,) = doc.cssselect("form.comment-form")
    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    return form, fields, form.cssselect("textarea[name=body]")[0].text_content()


def test_a_post_the_database_does_not_answer_comes_back_with_the_text_kept(client, article, member):
    parent = comment_post(article=article, author=MemberFactory(), body="Ours too.")
    key = str(uuid.uuid4())

    with mock.patch("auscult.comments.services.comment_post", side_effect=LOCK_TIMEOUT):
        response = client.post(
            f"/articles/{article.pk}/comments/post/", {"body": TEXT, "submission_key": key, "parent": parent.pk}
        )

    assert response.status_code == 503
    assert response["Retry-After"] and "no-cache" in response["Cache-Control"]
    page = response.content.decode()
    assert "<h1" in page and "Our database is not answering" in page
    form, fields, body = kept_form(response)
    assert body == TEXT
    assert fields["submission_key"] == key and fields["parent"] == str(parent.pk)
    assert fields["csrfmiddlewaretoken"]
    assert form.get("action") == f"/articles/{article.pk}/comments/post/"
    assert OUTAGE_MESSAGE in form.cssselect("[role=alert]")[0].text_content()
    assert list(Comment.objects.values_list("pk", flat=True)) == [parent.pk]


def test_an_htmx_post_gets_the_form_alone(client, article, member):
    with mock.patch("auscult.comments.services.comment_post", side_effect=LOCK_TIMEOUT):
        response = client.post(
            f"/articles/{article.pk}/comments/post/", {"body": TEXT, "submission_key": str(uuid.uuid4())}, headers=HTMX
        )

    assert response.status_code == 503 and response["Retry-After"]
    assert "<html" not in response.content.decode()
    assert kept_form(response)[2] == TEXT


def test_with_no_database_at_all_the_text_still_comes_back_and_posts_once_it_answers(client, article, member):
    with database_gone():
        response = client.post(f"/articles/{article.pk}/comments/post/", {"body": TEXT})

    assert response.status_code == 503
    _, fields, body = kept_form(response)
    assert body == TEXT and uuid.UUID(fields["submission_key"])  # a key of its own, kept from now on

    again = {**fields, "body": body}
    assert client.post(f"/articles/{article.pk}/comments/post/", again).status_code == 302
    assert client.post(f"/articles/{article.pk}/comments/post/", again).status_code == 302
    assert list(Comment.objects.values_list("body", flat=True)) == [TEXT]


def test_an_edit_the_database_does_not_answer_comes_back_with_the_new_text(client, article, member):
    comment = comment_post(article=article, author=member, body="First thoughts.")

    with mock.patch("auscult.comments.services.comment_edit", side_effect=LOCK_TIMEOUT):
        response = client.post(f"/comments/{comment.pk}/edit/", {"body": TEXT})

    assert response.status_code == 503
    (form,) = html.fromstring(response.content).cssselect(f"form[action='/comments/{comment.pk}/edit/']")
    # Django writes a newline after <textarea>, which browsers drop.
    assert form.cssselect("textarea[name=body]")[0].text_content().removeprefix("\n") == TEXT
    assert EDIT_OUTAGE_MESSAGE in form.text_content()
    comment.refresh_from_db()
    assert comment.body == "First thoughts."


def test_pages_that_only_read_get_the_outage_page(client, article, member):
    comment = comment_post(article=article, author=member, body="First thoughts.")

    with database_gone():
        response = client.get(f"/comments/{comment.pk}/edit/")

    assert response.status_code == 503
    assert "unavailable just now" in response.content.decode()
    assert b'<form class="form"' not in response.content
