"""A member whose session ended while they typed loses nothing: the post, reply, edit or report keeps what they
wrote (auscult/core/drafts.py), they are sent to sign in, and they come back to the form filled in, to send with
one click. No GET of a POST-only address is ever where signing in lands."""

import time
import uuid
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html

from auscult.comments.models import Comment, CommentSettings, CommentStatus, Report
from auscult.comments.tests.factories import make_comments
from auscult.core import drafts
from auscult.members.tests.factories import PASSWORD, MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

LONG_TEXT = ("I have written this carefully over twenty minutes, between patients. " * 20).strip()


@pytest.fixture
def article():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    return ArticlePageFactory(title="Continuity of care")


@pytest.fixture
def member():
    return MemberFactory(display_name="Dr Sam T")


def post(client, article, body, htmx=False, **extra):
    data = {"body": body, "submission_key": str(uuid.uuid4()), **extra}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(f"/articles/{article.pk}/comments/post/", data, **headers)


def next_of(location):
    url = urlsplit(location)
    assert url.path == "/accounts/login/"
    return parse_qs(url.query)["next"][0]


def textarea(doc, name):
    """A textarea's value as a browser reads it (the newline Django writes after the tag is not part of it)."""
    return doc.cssselect(f"textarea[name={name}]")[0].text_content().removeprefix("\n")


def form_of(client, url):
    doc = html.fromstring(client.get(url).content)
    return doc.cssselect("form.comment-form")[0]


def test_a_post_from_an_ended_session_is_kept_and_sent_after_signing_in(client, article, member):
    client.cookies["auscult_hp"] = "1"

    response = post(client, article, LONG_TEXT)

    assert response.status_code == 302
    back = next_of(response["Location"])
    assert back == f"/articles/{article.pk}/comments/?to=have-your-say"
    # The thread's address names no article; once signed in it leads to the article's form.
    assert not Comment.objects.exists()
    # Only this POST made a session: the visitor's reading never did.
    assert "sessionid" in response.cookies
    client.force_login(member)
    assert client.get(back)["Location"] == f"{article.url}#have-your-say"
    form = form_of(client, article.url)
    assert form.cssselect("textarea[name=body]")[0].text_content() == LONG_TEXT
    assert "You were signed out, so this was not sent" in form.cssselect(".form-note[role=status]")[0].text_content()
    assert not form.cssselect("[role=alert]")

    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}
    client.post(form.get("action"), {**fields, "body": LONG_TEXT})

    assert Comment.objects.get().body == LONG_TEXT
    # Taken once: the next page has an empty form.
    assert form_of(client, article.url).cssselect("textarea[name=body]")[0].text_content() == ""


def test_a_reply_from_an_ended_session_comes_back_as_the_reply(client, article, member):
    parent = make_comments(article, 1, author=MemberFactory(display_name="Dr Parent"))[0]

    post(client, article, "A reply typed slowly.", parent=parent.pk)
    client.force_login(member)

    form = form_of(client, article.url)
    assert form.cssselect("input[name=parent]")[0].get("value") == str(parent.pk)
    assert form.cssselect("textarea[name=body]")[0].text_content() == "A reply typed slowly."
    assert "Your reply to Dr Parent" in form.cssselect("label")[0].text_content()


def test_htmx_is_sent_to_sign_in_and_never_given_a_page_to_swap_in(client, article):
    response = post(client, article, "Typed with htmx.", htmx=True)

    assert response.status_code == 200 and response.content == b""
    assert next_of(response["HX-Redirect"]) == f"/articles/{article.pk}/comments/?to=have-your-say"


def test_a_draft_is_bounded_in_size_and_time(client, article, member):
    post(client, article, "x" * (drafts.MAX_CHARS + 500))
    client.force_login(member)
    assert len(form_of(client, article.url).cssselect("textarea[name=body]")[0].text_content()) == drafts.MAX_CHARS

    client.logout()
    post(client, article, "Kept too long ago.")
    client.force_login(member)
    later = time.time() + drafts.KEPT_FOR + 60
    with mock.patch("auscult.core.drafts.time.time", return_value=later):
        body = form_of(client, article.url).cssselect("textarea[name=body]")[0].text_content()
    assert body == ""


def test_an_edit_from_an_ended_session_is_kept_for_the_edit_page(client, article, member):
    comment = make_comments(article, 1, author=member)[0]

    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "My corrected wording."})

    assert next_of(response["Location"]) == f"/comments/{comment.pk}/edit/"
    client.force_login(member)
    doc = html.fromstring(client.get(f"/comments/{comment.pk}/edit/").content)
    assert textarea(doc, "body") == "My corrected wording."
    assert doc.cssselect(".form-note[role=status]")
    comment.refresh_from_db()
    assert comment.body != "My corrected wording."


def test_a_report_from_an_ended_session_is_kept_for_the_report_page(client, article, member):
    target = make_comments(article, 1, author=MemberFactory())[0]

    response = client.post(f"/comments/{target.pk}/report/", {"reason": "other", "note": "Names a colleague."})

    assert next_of(response["Location"]) == f"/comments/{target.pk}/report/"
    assert not Report.objects.exists()
    client.force_login(member)
    doc = html.fromstring(client.get(f"/comments/{target.pk}/report/").content)
    assert doc.cssselect("input[name=reason][value=other]")[0].get("checked") is not None
    assert textarea(doc, "note") == "Names a colleague."


@pytest.mark.parametrize(
    "destination", ["/articles/{article}/comments/post/", "/articles/{article}/rating/", "/admin/moderation/decide/"]
)
def test_signing_in_never_lands_on_a_post_only_address(client, article, member, destination):
    next_url = destination.format(article=article.pk)
    client.get("/accounts/login/")

    response = client.post(
        f"/accounts/login/?next={next_url}", {"login": member.email, "password": PASSWORD, "next": next_url}
    )

    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(article.url).status_code == 200


def test_signing_in_still_returns_to_a_page(client, article, member):
    client.get("/accounts/login/")

    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD, "next": article.url})

    assert response["Location"] == article.url


def test_published_after_signing_in_says_so(client, article, member):
    post(client, article, "Sent after all.")
    client.force_login(member)
    form = form_of(client, article.url)
    fields = {i.get("name"): i.get("value") for i in form.cssselect("input[type=hidden]")}

    response = client.post(form.get("action"), {**fields, "body": "Sent after all."})

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PUBLISHED
    assert response["Location"].endswith(f"#comment-{comment.pk}")
