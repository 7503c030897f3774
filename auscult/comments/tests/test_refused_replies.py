"""Every refused reply, posted as a member would (plain form and htmx), answers with the reason and
the member's text, and the article page still loads afterwards. Each of these was once an HTTP 500."""

import uuid

import pytest
from lxml import html

from auscult.comments.models import Comment, CommentSettings, CommentStatus
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import ModerationRules
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

REPLY = "I disagree with the second point, and here is why."


@pytest.fixture
def article():
    return ArticlePageFactory(title="Extended access hubs")


@pytest.fixture
def member(client):
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    member = MemberFactory(display_name="Dr Ana R")
    client.force_login(member)
    return member


@pytest.fixture
def parent(article):
    return Comment.objects.create(
        article_id=article.pk,
        author=MemberFactory(display_name="Nurse Kit L"),
        body="Parent",
        status=CommentStatus.PUBLISHED,
    )


def too_long(article, member, parent):
    CommentSettings.objects.update_or_create(defaults={"max_length": 20, "min_interval_seconds": 0})
    return {"body": REPLY, "parent": parent.pk}, "the limit is 20"


def too_fast(article, member, parent):
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 600})
    Comment.objects.create(article_id=article.pk, author=member, body="Earlier", status=CommentStatus.PUBLISHED)
    return {"body": REPLY, "parent": parent.pk}, "Please wait"


def banned_word(article, member, parent):
    ModerationRules.objects.update_or_create(defaults={"banned_words": "halfwit"})
    return {"body": f"{REPLY} Only a halfwit would say so.", "parent": parent.pk}, "halfwit"


def parent_removed(article, member, parent):
    Comment.objects.filter(pk=parent.pk).update(status=CommentStatus.REMOVED)
    return {"body": REPLY, "parent": parent.pk}, "no longer available"


def parent_never_existed(article, member, parent):
    return {"body": REPLY, "parent": parent.pk + 1000}, "no longer available"


def parent_on_another_article(article, member, parent):
    elsewhere = ArticlePageFactory(title="Another piece")
    other = Comment.objects.create(
        article_id=elsewhere.pk, author=parent.author, body="Elsewhere", status=CommentStatus.PUBLISHED
    )
    return {"body": REPLY, "parent": other.pk}, "no longer available"


REFUSALS = [too_long, too_fast, banned_word, parent_removed, parent_never_existed, parent_on_another_article]


def _post(client, article, data, **headers):
    return client.post(
        f"/articles/{article.pk}/comments/post/", {**data, "submission_key": str(uuid.uuid4())}, **headers
    )


def _form(doc):
    return doc.cssselect("#have-your-say form.comment-form")[0]


def _assert_text_kept(doc, data, reason):
    form = _form(doc)
    assert form.cssselect("textarea[name=body]")[0].text_content() == data["body"]
    assert reason in form.cssselect(".form-errors")[0].text_content()


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda f: f.__name__)
def test_a_refused_reply_on_the_plain_form_keeps_the_text_and_the_page_loads(client, article, member, parent, refusal):
    data, reason = refusal(article, member, parent)
    before = Comment.objects.count()

    response = _post(client, article, data)

    assert response.status_code == 302 and response["Location"].endswith("#have-your-say")
    assert Comment.objects.count() == before
    page = client.get(article.url)
    assert page.status_code == 200
    _assert_text_kept(html.fromstring(page.content), data, reason)
    # The draft is shown once; the next load is an ordinary page, not an error.
    again = client.get(article.url)
    assert again.status_code == 200
    assert _form(html.fromstring(again.content)).cssselect("textarea[name=body]")[0].text_content() == ""


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda f: f.__name__)
def test_a_refused_reply_with_htmx_keeps_the_text_and_the_page_loads(client, article, member, parent, refusal):
    data, reason = refusal(article, member, parent)
    before = Comment.objects.count()

    response = _post(client, article, data, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert Comment.objects.count() == before
    _assert_text_kept(html.fromstring(response.content), data, reason)
    assert client.get(article.url).status_code == 200


def test_a_refused_reply_still_answers_the_same_comment(client, article, member, parent):
    data, _ = too_long(article, member, parent)

    response = _post(client, article, data, HTTP_HX_REQUEST="true")

    form = _form(html.fromstring(response.content))
    assert form.cssselect("input[name=parent]")[0].get("value") == str(parent.pk)
    assert "Your reply to Nurse Kit L" in form.cssselect("label")[0].text_content()


def test_a_reply_to_a_gone_comment_is_offered_as_a_new_comment(client, article, member, parent):
    data, _ = parent_removed(article, member, parent)

    response = _post(client, article, data, HTTP_HX_REQUEST="true")

    form = _form(html.fromstring(response.content))
    assert not form.cssselect("input[name=parent]")
    assert "Post comment" in form.text_content()
    _post(client, article, {"body": data["body"]})
    assert Comment.objects.get(body=data["body"]).parent is None


@pytest.mark.parametrize("value", ["²", "٣", "1e3", "-1", "99999999999999999999999"])
def test_odd_reply_to_values_are_ignored(client, article, member, parent, value):
    assert client.get(article.url, {"reply_to": value}).status_code == 200
    thread = client.get(f"/articles/{article.pk}/comments/", {"reply_to": value}, HTTP_HX_REQUEST="true")
    assert thread.status_code == 200
