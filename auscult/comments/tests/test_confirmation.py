"""After a post, a reply, an edit or a deletion the member lands where their comment is, in the thread as they
were reading it, and is told what happened: without JavaScript by the redirect and its message, with htmx by the
block for that page, the article page's status region filled and the comment named for discussion.js."""

import json
import uuid

import pytest
from lxml import html

from auscult.comments.models import Comment, CommentSettings, CommentStatus
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# Matches the patient-data guard (an NHS number that passes its check digit).
PATIENT_DATA = "My patient, NHS number 943 476 5919, was sent home twice."


@pytest.fixture
def article():
    article = ArticlePageFactory(title="Winter pressures")
    make_comments(article, 25, author=MemberFactory(display_name="Dr Earlier"))
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    return article


@pytest.fixture
def member(client):
    member = MemberFactory(display_name="Dr Lina P")
    client.force_login(member)
    return member


def post(client, article, body, htmx=False, **extra):
    data = {"body": body, "submission_key": str(uuid.uuid4()), **extra}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(f"/articles/{article.pk}/comments/post/", data, **headers)


def test_the_article_page_holds_an_empty_status_region_for_everyone(client, article):
    client.cookies["auscult_hp"] = "1"

    doc = html.fromstring(client.get(article.url).content)

    region = doc.get_element_by_id("comment-status")
    assert region.get("role") == "status" and region.text_content() == ""
    # Outside the block htmx swaps, so it is the same element when it is filled.
    assert not region.xpath("ancestor::*[@id='comments']")


def test_a_post_lands_on_the_page_that_holds_it_at_the_page_size_read(client, article, member):
    response = post(client, article, "At twenty a page this is on page two.", page_size="20")

    comment = Comment.objects.get(author=member)
    assert response["Location"] == f"{article.url}?page=2&page_size=20#comment-{comment.pk}"
    doc = html.fromstring(client.get(response["Location"]).content)
    assert doc.get_element_by_id(f"comment-{comment.pk}").get("tabindex") == "-1"  # focusable: the anchor focuses it
    assert "Your comment has been published." in doc.cssselect(".messages[role=status]")[0].text_content()


def test_newest_first_the_post_is_on_page_one(client, article, member):
    response = post(client, article, "Newest first, this is the first.", page_size="10", order="newest")

    comment = Comment.objects.get(author=member)
    assert response["Location"] == f"{article.url}?page=1&order=newest#comment-{comment.pk}"


def test_a_reply_says_it_is_a_reply(client, article, member):
    parent = Comment.objects.filter(article_id=article.pk).order_by("pk").first()

    response = post(client, article, "Replying to the first.", parent=parent.pk)

    reply = Comment.objects.get(author=member)
    assert response["Location"] == f"{article.url}?page=3#comment-{reply.pk}"
    assert "Your reply has been published." in client.get(response["Location"]).content.decode()


def test_htmx_post_fills_the_status_region_and_names_the_comment(client, article, member):
    response = post(client, article, "Posted in place, at twenty a page.", htmx=True, page_size="20")

    comment = Comment.objects.get(author=member)
    doc = html.fragment_fromstring(response.content.decode(), create_parent="div")
    status = doc.get_element_by_id("comment-status")
    assert status.get("hx-swap-oob") == "innerHTML" and status.text_content() == "Your comment has been published."
    # The block is the page of the thread that holds the comment, at the size the member was reading.
    assert doc.get_element_by_id(f"comment-{comment.pk}") is not None
    assert doc.cssselect("#comments-page-size option[selected]")[0].get("value") == "20"
    shown = json.loads(response["HX-Trigger-After-Settle"])
    assert shown == {"comment-shown": {"id": comment.pk, "target": "body"}}


def test_htmx_post_held_by_the_patient_data_guard_says_why(client, article, member):
    response = post(client, article, PATIENT_DATA, htmx=True)

    comment = Comment.objects.get(author=member)
    assert comment.status == CommentStatus.PENDING
    doc = html.fragment_fromstring(response.content.decode(), create_parent="div")
    status = doc.get_element_by_id("comment-status").text_content()
    assert "held for a moderator because it may identify a patient" in status
    # Brought into view where its author sees it, under "Have your say".
    held = doc.get_element_by_id(f"comment-{comment.pk}")
    assert held.xpath("ancestor::*[@id='your-comments']") and held.get("tabindex") == "-1"
    assert json.loads(response["HX-Trigger-After-Settle"])["comment-shown"]["id"] == comment.pk


def test_without_javascript_a_held_post_lands_on_it_with_the_reason(client, article, member):
    response = post(client, article, PATIENT_DATA)

    comment = Comment.objects.get(author=member)
    assert response["Location"] == f"{article.url}#comment-{comment.pk}"
    content = client.get(response["Location"]).content.decode()
    assert "held for a moderator because it may identify a patient" in content


def test_a_comments_permalink_keeps_the_page_size_the_reader_chose(client, article):
    client.cookies["auscult_hp"] = "1"
    doc = html.fromstring(client.get(f"{article.url}?page=2&page_size=20").content)
    last = Comment.objects.filter(article_id=article.pk).order_by("-pk").first()

    link = doc.get_element_by_id(f"comment-{last.pk}").cssselect("a.comment__time")[0].get("href")

    assert link == f"/comments/{last.pk}/?page_size=20"
    assert client.get(link)["Location"] == f"{article.url}?page=2&page_size=20#comment-{last.pk}"
    # At the default size the link stays the plain permalink.
    doc = html.fromstring(client.get(f"{article.url}?page=3").content)
    assert doc.get_element_by_id(f"comment-{last.pk}").cssselect("a.comment__time")[0].get("href") == (
        f"/comments/{last.pk}/"
    )


def test_deleting_lands_where_the_comment_was(client, article, member):
    post(client, article, "Gone soon.")
    comment = Comment.objects.get(author=member)

    response = client.post(f"/comments/{comment.pk}/delete/")

    assert response["Location"] == f"{article.url}?page=3#comments-heading"
    doc = html.fromstring(client.get(response["Location"]).content)
    assert doc.get_element_by_id("comments-heading").get("tabindex") == "-1"
    assert "Your comment has been deleted." in doc.cssselect(".messages[role=status]")[0].text_content()


def test_the_edit_form_does_not_call_the_comment_optional(client, article, member):
    post(client, article, "To be edited.")
    comment = Comment.objects.get(author=member)

    doc = html.fromstring(client.get(f"/comments/{comment.pk}/edit/").content)

    label = doc.cssselect("form label[for=id_body]")[0].text_content()
    assert label.strip() == "Your comment"


def test_the_report_page_asks_its_question_in_a_fieldset(client, article, member):
    target = Comment.objects.filter(article_id=article.pk).first()

    doc = html.fromstring(client.get(f"/comments/{target.pk}/report/").content)

    group = doc.cssselect("form.report-form fieldset.field--radioselect")[0]
    assert group.cssselect("legend")[0].text_content().strip() == "What is wrong with it?"
    assert not doc.cssselect('label[for=""]')
    radios = group.cssselect("input[type=radio][name=reason]")
    assert radios and all(doc.cssselect(f"label[for={r.get('id')}]") for r in radios)
