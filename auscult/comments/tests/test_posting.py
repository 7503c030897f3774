"""Posting, replying, editing and deleting comments through the article page's forms."""

import uuid
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from lxml import html

from auscult.comments.models import Comment, CommentSettings, CommentStatus
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import CommentMode
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory(title="Access targets under review")


@pytest.fixture
def member(client):
    member = MemberFactory(display_name="Dr Lina P", job_title="Salaried GP")
    client.force_login(member)
    return member


def post(client, article, body, **extra):
    data = {"body": body, "submission_key": str(uuid.uuid4()), **extra}
    return client.post(f"/articles/{article.pk}/comments/post/", data)


def page(client, url):
    return html.fromstring(client.get(url).content)


def test_member_posts_a_comment_with_paragraphs_and_a_safe_link(client, article, member):
    body = "First paragraph with a link https://example.org/report.\n\nSecond <b>paragraph</b>."

    response = post(client, article, body)

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PUBLISHED
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    doc = page(client, article.url)
    item = doc.get_element_by_id(f"comment-{comment.pk}")
    paragraphs = item.cssselect(".comment__body p")
    assert [p.text_content() for p in paragraphs] == [
        "First paragraph with a link https://example.org/report.",
        "Second <b>paragraph</b>.",
    ]
    link = item.cssselect(".comment__body a")[0]
    assert link.get("href") == "https://example.org/report"
    assert link.get("rel") == "nofollow ugc noopener"
    assert not item.cssselect(".comment__body b")
    header = item.cssselect(".comment__header")[0].text_content()
    assert "Dr Lina P" in header and "Salaried GP" in header
    assert "Unsuitable or offensive? Report this comment" not in item.text_content()  # not on your own
    assert "Readers' comments (1)" in " ".join(doc.cssselect("#comments-heading")[0].text_content().split())


def test_time_is_shown_in_uk_style(client, article, member):
    when = timezone.datetime(2022, 2, 2, 16, 3, tzinfo=timezone.get_fixed_timezone(0))
    with mock.patch("django.utils.timezone.now", return_value=when):
        post(client, article, "Timed comment")

    assert "2 February, 2022 4:03 pm" in client.get(article.url).content.decode()


def test_reply_shows_in_reply_to_with_a_link(client, article, member):
    other = MemberFactory(display_name="Nurse Ola K")
    parent = Comment.objects.create(article_id=article.pk, author=other, body="Parent", status=CommentStatus.PUBLISHED)

    post(client, article, "I agree", parent=parent.pk)

    reply = Comment.objects.get(parent=parent)
    item = page(client, article.url).get_element_by_id(f"comment-{reply.pk}")
    link = item.cssselect(".comment__reply-to a")[0]
    assert "in reply to Nurse Ola K" in item.cssselect(".comment__reply-to")[0].text_content()
    assert link.get("href") == f"#comment-{parent.pk}"


@pytest.mark.parametrize("body", ["", "   \n\t  "])
def test_empty_comments_are_refused(client, article, member, body):
    response = post(client, article, body)

    assert not Comment.objects.exists()
    assert "Your comment is empty" in client.get(response["Location"]).content.decode()


def test_too_long_is_refused_and_the_text_is_kept(client, article, member):
    body = "word " * 1100

    response = post(client, article, body)
    followed = client.get(response["Location"]).content.decode()

    assert not Comment.objects.exists()
    assert "the limit is 5,000" in followed
    assert body.strip()[:200] in followed


def test_form_states_the_length_limit(client, article, member):
    assert "up to 5000 characters" in client.get(article.url).content.decode()


def test_double_submission_creates_one_comment(client, article, member):
    key = str(uuid.uuid4())
    for _ in range(2):
        client.post(f"/articles/{article.pk}/comments/post/", {"body": "Once only", "submission_key": key})

    assert Comment.objects.count() == 1


def test_posting_too_fast_is_refused_with_the_text_kept(client, article, member):
    post(client, article, "First")
    response = post(client, article, "Second thoughts")

    followed = client.get(response["Location"]).content.decode()
    assert Comment.objects.count() == 1
    assert "Please wait" in followed and "Second thoughts" in followed


def _wait_told(client, article, body):
    """Post with htmx; the refusal shown, or "" if the comment was taken."""
    response = client.post(
        f"/articles/{article.pk}/comments/post/",
        {"body": body, "submission_key": str(uuid.uuid4())},
        HTTP_HX_REQUEST="true",
    )
    errors = html.fromstring(response.content).cssselect("#have-your-say .form-errors")
    return errors[0].text_content() if errors else ""


@pytest.mark.parametrize(("interval", "told"), [(0, ""), (30, "Please wait 30 seconds"), (1, "Please wait 1 second ")])
def test_the_wait_is_never_zero_nor_longer_than_the_interval(client, article, member, interval, told):
    # The member's last comment looks a little in the future: another server's clock, or a post that
    # was stored while this one waited for the member's lock.
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": interval})
    Comment.objects.create(
        article_id=article.pk, author=member, body="Just now", created_at=timezone.now() + timedelta(seconds=2.5)
    )

    message = _wait_told(client, article, "A second point")

    assert told in message if told else message == ""
    assert "wait 0 second" not in message


def test_htmx_refusal_returns_the_form_with_the_text(client, article, member):
    response = client.post(
        f"/articles/{article.pk}/comments/post/",
        {"body": "", "submission_key": str(uuid.uuid4())},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    assert "Your comment is empty" in response.content.decode()
    assert response.content.decode().lstrip().startswith("<section")


def test_htmx_post_returns_the_updated_block(client, article, member):
    response = client.post(
        f"/articles/{article.pk}/comments/post/",
        {"body": "Posted in place", "submission_key": str(uuid.uuid4())},
        HTTP_HX_REQUEST="true",
    )

    assert "Posted in place" in response.content.decode()
    assert 'id="comments"' in response.content.decode()


def test_premoderated_comment_is_seen_only_by_its_author(client, article, member, visitor):
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)

    post(client, article, "Held for a moderator")

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.held_reason == "premoderation"
    own = client.get(article.url).content.decode()
    assert "Held for a moderator" in own and "Awaiting moderation" in own
    assert 'Readers\' comments <span class="comments-block__count">(0)</span>' in own
    other = MemberFactory()
    client.force_login(other)
    assert "Held for a moderator" not in client.get(article.url).content.decode()
    visitor.cookies["auscult_hp"] = "1"
    assert "Held for a moderator" not in visitor.get(article.url).content.decode()
    assert client.get(f"/comments/{comment.pk}/").status_code == 404


def test_closed_article_refuses_and_shows_a_notice(client, article, member):
    Comment.objects.create(
        article_id=article.pk, author=MemberFactory(), body="Earlier words", status=CommentStatus.PUBLISHED
    )
    comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)

    post(client, article, "Too late")

    content = client.get(article.url).content.decode()
    assert "Comments are closed on this article." in content
    assert "Earlier words" in content
    assert 'name="body"' not in content
    assert not Comment.objects.filter(body="Too late").exists()


def test_unverified_member_is_told_why(client, article):
    client.force_login(MemberFactory(email_verified_at=None))

    post(client, article, "Let me in")

    assert not Comment.objects.exists()
    assert "Confirm your e-mail address" in client.get(article.url).content.decode()


def test_edit_within_the_window_keeps_history(client, article, member):
    post(client, article, "Original words")
    comment = Comment.objects.get()

    client.post(f"/comments/{comment.pk}/edit/", {"body": "Better words"})

    comment.refresh_from_db()
    assert comment.body == "Better words" and comment.edited_at
    assert list(comment.revisions.values_list("body", flat=True)) == ["Original words"]
    assert "edited" in page(client, article.url).get_element_by_id(f"comment-{comment.pk}").text_content()


def test_edit_after_the_window_is_refused(client, article, member):
    post(client, article, "Original words")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=11))

    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Too late to change"})

    assert "can be edited for 10 minutes" in response.content.decode()
    assert "Too late to change" in response.content.decode()
    comment.refresh_from_db()
    assert comment.body == "Original words"


def test_edit_is_rechecked_and_may_be_held(client, article, member):
    post(client, article, "Original words")
    comment = Comment.objects.get()
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)

    client.post(f"/comments/{comment.pk}/edit/", {"body": "Changed after the switch"})

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_others_cannot_edit_or_delete(client, article, member):
    theirs = Comment.objects.create(
        article_id=article.pk, author=MemberFactory(), body="Not yours", status=CommentStatus.PUBLISHED
    )

    assert client.post(f"/comments/{theirs.pk}/edit/", {"body": "Hijack"}).status_code == 404
    assert client.post(f"/comments/{theirs.pk}/delete/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.body == "Not yours" and theirs.status == CommentStatus.PUBLISHED


def test_delete_own_comment_and_placeholder_keeps_replies_readable(client, article, member):
    post(client, article, "I will regret this")
    comment = Comment.objects.get()
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    other = MemberFactory(display_name="Dr Replier")
    Comment.objects.create(
        article_id=article.pk, author=other, parent=comment, body="A reply", status=CommentStatus.PENDING
    )
    from auscult.comments.services import comment_set_status

    comment_set_status(comment=Comment.objects.get(body="A reply"), status=CommentStatus.PUBLISHED)

    client.post(f"/comments/{comment.pk}/delete/")

    content = client.get(article.url).content.decode()
    assert "This comment was deleted by its author." in content
    assert "I will regret this" not in content
    assert "A reply" in content and "in reply to" in content


def test_deleted_comment_without_replies_leaves_the_list(client, article, member):
    post(client, article, "Gone soon")
    comment = Comment.objects.get()

    client.post(f"/comments/{comment.pk}/delete/")

    content = client.get(article.url).content.decode()
    assert "Gone soon" not in content and "deleted by its author" not in content
    assert "(0)" in content
