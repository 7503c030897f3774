"""Comments over the API: the thread everyone reads, one comment, and the member's writes, each for every kind of
caller that matters, and the leak promise (nothing held, rejected, removed or deleted reaches anyone who may not
see it, nor a comment of a draft or view-restricted article)."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from auscult.api.models import Scope
from auscult.comments.models import Comment, CommentSettings, CommentStatus, Recommendation, Report
from auscult.comments.services import comment_set_status
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation import patient_data
from auscult.moderation.models import CommentMode, Sanction, SanctionKind
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory, AuthorFactory
from auscult.publishing.tests.privacy import PASSWORD, restrict

from .helpers import assert_problem, bearer, call

pytestmark = pytest.mark.django_db

TWENTY_DIGITS = "12345678901234567890"


@pytest.fixture(autouse=True)
def no_interval():
    """Posts in a row are not refused as too fast, except where a test asks for the interval."""
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})


@pytest.fixture
def article():
    return ArticlePageFactory(title="Access targets under review")


@pytest.fixture
def member(client):
    member = MemberFactory(display_name="Dr Lina P", job_title="Salaried GP")
    client.force_login(member)
    return member


@pytest.fixture
def other():
    return MemberFactory(display_name="Nurse Ola K")


def published(article, author, body="Words of the thread", **fields):
    comment = make_comments(article, 1, author=author, **fields)[0]
    Comment.objects.filter(pk=comment.pk).update(body=body)
    comment.refresh_from_db()
    return comment


def in_state(article, author, status):
    """A comment that has come to `status` by the moves comments make (rejected: held, then rejected)."""
    if status != CommentStatus.REJECTED:
        return make_comments(article, 1, author=author, status=status)[0]
    comment = make_comments(article, 1, author=author, status=CommentStatus.PENDING)[0]
    return comment_set_status(comment=comment, status=status)


def suspend(member):
    return Sanction.objects.create(
        member=member,
        kind=SanctionKind.SUSPENSION,
        reason="Personal attacks",
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(days=7),
    )


def post(client, article, body, django_capture_on_commit_callbacks, h=None, **fields):
    """POST a comment (`fields`: parent_id, submission_key) with the headers `h`, running its on-commit work."""
    with django_capture_on_commit_callbacks(execute=True):
        return call(client, "post", f"/articles/{article.pk}/comments", {"body": body, **fields}, **(h or {}))


def thread(article, query=""):
    response = call(Client(), "get", f"/articles/{article.pk}/comments{query}")
    assert response.status_code == 200, response.content
    return response.data


def ids(listing):
    return [item["id"] for item in listing["items"]]


# ----------------------------------------------------------------------------------------------- the thread


def test_a_visitor_reads_a_page_of_the_thread_with_its_paging(article, other):
    comments = make_comments(article, 23, author=other)

    first = thread(article, "?page_size=10")
    last = thread(article, "?page=3&page_size=10&order=oldest")

    assert ids(first) == [c.pk for c in comments[:10]]
    assert (first["count"], first["num_pages"], first["page"], first["page_size"]) == (23, 3, 1, 10)
    assert first["previous"] is None
    assert first["next"] == f"/api/v1/articles/{article.pk}/comments?page=2&page_size=10&order=oldest"
    assert ids(last) == [c.pk for c in comments[20:]] and last["next"] is None
    assert last["previous"] == f"/api/v1/articles/{article.pk}/comments?page=2&page_size=10&order=oldest"
    assert first["published_count"] == 23 and first["comment_mode"] == CommentMode.OPEN
    assert ids(thread(article, "?order=newest&page_size=50")) == [c.pk for c in reversed(comments)]
    # A page past the last is the last, as on the article page.
    assert thread(article, "?page=99&page_size=20")["page"] == 2


def test_a_comment_in_the_thread_says_who_wrote_what_when_with_its_links(article, other):
    comment = published(article, other, "First line.\n\nSee https://example.org/report.")

    item = thread(article)["items"][0]

    assert item["speaker"] == {
        "name": "Nurse Ola K",
        "job_title": other.job_title or None,
        "badge": None,
        "badge_label": None,
        "profile_url": None,
    }
    assert item["body"] == "First line.\n\nSee https://example.org/report."
    assert item["body_html"].startswith("<p>First line.</p>")
    assert 'href="https://example.org/report" rel="nofollow ugc noopener"' in item["body_html"]
    assert item["status"] == "published" and item["placeholder"] is False
    assert item["permalink"] == f"/comments/{comment.pk}/" and item["url"] == f"/api/v1/comments/{comment.pk}"
    assert item["edited"] is False and item["edited_at"] is None
    assert item["recommend_count"] == 0 and item["reply_to"] is None and item["replies"] == []


def test_the_most_recommended_come_first_when_asked(article, other):
    quiet, liked = make_comments(article, 2, author=other)
    Comment.objects.filter(pk=liked.pk).update(recommend_count=4)

    assert ids(thread(article, "?order=recommended")) == [liked.pk, quiet.pk]


def test_a_reply_links_to_its_parent_and_the_parent_to_its_replies(
    client, article, member, other, django_capture_on_commit_callbacks
):
    parent = published(article, other, "The parent")

    response = post(client, article, "I agree", django_capture_on_commit_callbacks, parent_id=parent.pk)

    assert response.status_code == 201, response.data
    reply = response.data
    assert reply["parent_id"] == parent.pk
    assert reply["reply_to"] == {
        "id": parent.pk,
        "url": f"/api/v1/comments/{parent.pk}",
        "permalink": f"/comments/{parent.pk}/",
        "speaker_name": "Nurse Ola K",
    }
    items = {item["id"]: item for item in thread(article)["items"]}
    assert items[parent.pk]["reply_count"] == 1
    assert items[parent.pk]["replies"] == [
        {
            "id": reply["id"],
            "url": f"/api/v1/comments/{reply['id']}",
            "permalink": f"/comments/{reply['id']}/",
            "speaker_name": "Dr Lina P",
        }
    ]
    assert items[reply["id"]]["reply_to"]["id"] == parent.pk
    assert call(Client(), "get", reply["reply_to"]["url"].removeprefix("/api/v1")).data["body"] == "The parent"


def test_anonymous_members_staff_and_the_articles_author_are_named_as_the_thread_names_them(
    client, django_capture_on_commit_callbacks
):
    writer = MemberFactory(display_name="Dr Columnist", profile_public=True)
    article = ArticlePageFactory(authors=[AuthorFactory(member=writer)])
    moderator = MemberFactory(display_name="Mod Erator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    hidden = MemberFactory(anonymous=True, profile_public=True)
    for author, body in ((writer, "From the author"), (moderator, "From the moderators"), (hidden, "Off the record")):
        client.force_login(author)
        assert post(client, article, body, django_capture_on_commit_callbacks).status_code == 201

    speakers = [item["speaker"] for item in thread(article)["items"]]

    assert [(s["name"], s["badge"], s["badge_label"]) for s in speakers] == [
        ("Dr Columnist", "author", "Article's author"),
        ("Mod Erator", "staff", "Magazine staff"),
        ("Anonymous 1", None, None),
    ]
    # A profile is linked only where the thread links one: never for an anonymous member.
    assert speakers[0]["profile_url"] == f"/members/{writer.pk}-dr-columnist/"
    assert speakers[1]["profile_url"] is None and speakers[2]["profile_url"] is None


def test_nothing_held_rejected_removed_hidden_or_deleted_is_in_the_thread_or_its_counts(article, other):
    shown = published(article, other, "Shown to all")
    for status in (
        CommentStatus.PENDING,
        CommentStatus.REJECTED,
        CommentStatus.REMOVED,
        CommentStatus.HIDDEN,
        CommentStatus.DELETED,
    ):
        in_state(article, other, status)

    listing = thread(article)

    assert ids(listing) == [shown.pk]
    assert listing["count"] == 1 and listing["published_count"] == 1 and listing["num_pages"] == 1


def test_a_removed_comment_with_replies_is_a_placeholder_without_its_words_or_author(article, other, member):
    parent = published(article, other, "Words a moderator took down")
    reply = make_comments(article, 1, author=member, parent=parent)[0]
    comment_set_status(comment=parent, status=CommentStatus.REMOVED)

    items = {item["id"]: item for item in thread(article)["items"]}
    held = items[parent.pk]
    assert held["placeholder"] is True and held["status"] == "removed"
    assert held["placeholder_text"] == "This comment was removed by a moderator."
    assert held["body"] is None and held["body_html"] is None and held["speaker"] is None
    assert held["recommend_count"] is None
    assert "Words a moderator took down" not in str(thread(article)) and "Nurse Ola K" not in str(held)
    assert items[reply.pk]["reply_to"]["speaker_name"] is None  # as the thread says "an earlier comment"
    detail = call(Client(), "get", f"/comments/{parent.pk}")
    assert detail.status_code == 200 and detail.data["body"] is None and detail.data["speaker"] is None


@pytest.mark.parametrize("page_size", ["30", "0", "100", "ten"])
def test_a_page_size_other_than_10_20_or_50_is_422(article, page_size):
    response = call(Client(), "get", f"/articles/{article.pk}/comments?page_size={page_size}")

    body = assert_problem(response, 422, "invalid")
    assert body["errors"][0]["field"] == "page_size"


@pytest.mark.parametrize("query", ["?order=best", "?page=0", "?page=" + TWENTY_DIGITS])
def test_a_bad_order_or_page_is_422(article, query):
    assert_problem(call(Client(), "get", f"/articles/{article.pk}/comments{query}"), 422, "invalid")


def test_the_comments_of_a_draft_a_restricted_or_no_article_are_404(other):
    draft = ArticlePageFactory(live=False)
    restricted = ArticlePageFactory()
    make_comments(restricted, 1, author=other)
    restrict(restricted, PageViewRestriction.PASSWORD, password=PASSWORD)
    signed_in = ArticlePageFactory()
    restrict(signed_in, PageViewRestriction.LOGIN)
    browser = Client()
    browser.force_login(MemberFactory())

    for article_id in (draft.pk, restricted.pk, TWENTY_DIGITS, 0):
        assert_problem(call(Client(), "get", f"/articles/{article_id}/comments"), 404, "not_found")
    # A signed-in browser has passed a sign-in restriction on the site, but the API asks for no restriction at all.
    assert_problem(call(browser, "get", f"/articles/{signed_in.pk}/comments"), 404, "not_found")


def test_a_list_answers_304_to_its_etag(article, other):
    make_comments(article, 2, author=other)
    first = call(Client(), "get", f"/articles/{article.pk}/comments")

    again = Client().get(f"/api/v1/articles/{article.pk}/comments", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


# ----------------------------------------------------------------------------------------------- one comment


def test_anyone_reads_a_published_comment(article, other):
    comment = published(article, other, "Open to all")

    response = call(Client(), "get", f"/comments/{comment.pk}")

    assert response.status_code == 200 and response.data["body"] == "Open to all"
    assert response.data["speaker"]["name"] == "Nurse Ola K"


@pytest.mark.parametrize(
    "status",
    [CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.HIDDEN, CommentStatus.REMOVED, CommentStatus.DELETED],
)
def test_a_comment_out_of_the_thread_is_404_to_everyone_but_its_author(client, article, member, other, status):
    comment = in_state(article, member, status)
    stranger = Client()
    stranger.force_login(other)

    assert_problem(call(Client(), "get", f"/comments/{comment.pk}"), 404, "not_found")
    assert_problem(call(stranger, "get", f"/comments/{comment.pk}"), 404, "not_found")
    assert_problem(call(Client(), "get", f"/comments/{comment.pk}", **bearer(other, Scope.READ)), 404)
    own = call(client, "get", f"/comments/{comment.pk}")
    assert own.status_code == 200 and own.data["status"] == status and own.data["body"] == "Comment number 1"
    by_token = call(Client(), "get", f"/comments/{comment.pk}", **bearer(member, Scope.READ))
    assert by_token.status_code == 200 and by_token.data["status"] == status


def test_a_wrong_token_is_refused_even_where_a_visitor_may_read(article, member, other, client):
    theirs = published(article, other)
    wrong = {"HTTP_AUTHORIZATION": "Bearer asc_00000000_nope"}

    assert_problem(call(Client(), "get", f"/comments/{theirs.pk}", **wrong), 401, "not_authenticated")
    assert call(Client(), "get", f"/comments/{theirs.pk}").status_code == 200
    # Nor does a browser's session stand in for a revoked key it also sends.
    client.force_login(member)
    assert_problem(call(client, "get", "/me", **wrong), 401, "not_authenticated")


def test_a_comment_of_a_draft_or_restricted_article_is_404_even_to_its_author(client, member):
    restricted = ArticlePageFactory()
    on_restricted = published(restricted, member)
    restrict(restricted, PageViewRestriction.PASSWORD, password=PASSWORD)
    unpublished = ArticlePageFactory()
    on_draft = published(unpublished, member)
    unpublished.unpublish()

    for comment in (on_restricted, on_draft):
        assert_problem(call(Client(), "get", f"/comments/{comment.pk}"), 404, "not_found")
        assert_problem(call(client, "get", f"/comments/{comment.pk}"), 404, "not_found")


@pytest.mark.parametrize("comment_id", [TWENTY_DIGITS, "0", "-1", "abc"])
def test_an_id_that_names_nothing_is_404(comment_id):
    assert_problem(call(Client(), "get", f"/comments/{comment_id}"), 404, "not_found")


# ----------------------------------------------------------------------------------------------- posting


def test_a_member_with_a_session_posts_and_gets_201_with_the_comment(
    client, article, member, django_capture_on_commit_callbacks
):
    response = post(client, article, "Our practice saw the same thing.", django_capture_on_commit_callbacks)

    assert response.status_code == 201
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PUBLISHED and comment.author == member
    assert response.data["id"] == comment.pk and response.data["status"] == "published"
    assert response.data["reason"] is None
    assert response.data["speaker"]["name"] == "Dr Lina P"
    assert ids(thread(article)) == [comment.pk]


def test_a_write_token_posts_and_a_read_token_may_not(article, member, django_capture_on_commit_callbacks):
    anonymous = Client()

    refused = post(anonymous, article, "Read only", django_capture_on_commit_callbacks, h=bearer(member, Scope.READ))
    made = post(anonymous, article, "With write", django_capture_on_commit_callbacks, h=bearer(member, Scope.WRITE))

    assert_problem(refused, 403, "insufficient_scope")
    assert made.status_code == 201 and made.data["body"] == "With write"
    assert list(Comment.objects.values_list("body", flat=True)) == ["With write"]


def test_a_visitor_may_not_post(article, django_capture_on_commit_callbacks):
    response = post(Client(), article, "Who am I", django_capture_on_commit_callbacks)

    assert_problem(response, 401, "not_authenticated")
    assert not Comment.objects.exists()


def test_a_session_must_send_its_csrf_token(article, member, django_capture_on_commit_callbacks):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    secret = "a" * 32
    browser.cookies[settings.CSRF_COOKIE_NAME] = secret

    refused = post(browser, article, "No token", django_capture_on_commit_callbacks)
    made = post(browser, article, "With token", django_capture_on_commit_callbacks, h={"HTTP_X_CSRFTOKEN": secret})

    assert_problem(refused, 403, "csrf_failed")
    assert made.status_code == 201
    assert list(Comment.objects.values_list("body", flat=True)) == ["With token"]


def test_on_a_premoderated_article_a_post_is_202_pending_with_the_reason(
    client, article, member, other, django_capture_on_commit_callbacks
):
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)

    response = post(client, article, "Held for a moderator", django_capture_on_commit_callbacks)

    assert response.status_code == 202
    assert response.data["status"] == "pending"
    assert response.data["reason"] == "Thank you. Your comment will appear once a moderator has approved it."
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and response.data["id"] == comment.pk
    listing = thread(article)
    assert listing["items"] == [] and listing["count"] == 0 and listing["published_count"] == 0
    assert listing["comment_mode"] == "premoderated"
    assert call(client, "get", f"/comments/{comment.pk}").data["status"] == "pending"
    assert_problem(call(Client(), "get", f"/comments/{comment.pk}"), 404)


def test_a_held_reply_says_reply(client, article, member, other, django_capture_on_commit_callbacks):
    parent = published(article, other)
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)

    response = post(client, article, "A held reply", django_capture_on_commit_callbacks, parent_id=parent.pk)

    assert response.status_code == 202
    assert response.data["reason"] == "Thank you. Your reply will appear once a moderator has approved it."


def test_a_rule_that_holds_gives_the_reason_the_author_may_see(
    client, article, member, django_capture_on_commit_callbacks
):
    # The patient-data guard: a valid NHS number (modulus-11 check digit).
    response = post(
        client, article, "My patient, NHS number 943 476 5919, waited weeks.", django_capture_on_commit_callbacks
    )

    assert response.status_code == 202
    assert response.data["status"] == "pending"
    assert response.data["reason"] == patient_data.AUTHOR_MESSAGE
    assert Comment.objects.get().status == CommentStatus.PENDING and thread(article)["items"] == []


def test_the_openapi_links_chain_post_to_edit_and_delete():
    schema = call(Client(), "get", "/openapi.json").data
    responses = schema["paths"]["/api/v1/articles/{article_id}/comments"]["post"]["responses"]

    for status in ("201", "202"):
        links = responses[status]["links"]
        assert links["comment_edit"] == {
            "operationId": "comment_edit",
            "parameters": {"comment_id": "$response.body#/id"},
            "description": links["comment_edit"]["description"],
        }
        assert links["comment_delete"]["operationId"] == "comment_delete"
        assert links["comment_delete"]["parameters"] == {"comment_id": "$response.body#/id"}


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "empty"), ("   \n ", "empty"), ("x" * 5001, "too_long")],
)
def test_an_empty_or_too_long_comment_is_refused_for_its_body(
    client, article, member, body, code, django_capture_on_commit_callbacks
):
    response = post(client, article, body, django_capture_on_commit_callbacks)

    problem = assert_problem(response, 422, code)
    assert problem["errors"] == [{"field": "body", "message": problem["detail"]}]
    assert not Comment.objects.exists()


def test_a_nul_in_the_body_is_400(client, article, member, django_capture_on_commit_callbacks):
    assert_problem(post(client, article, "bad\x00byte", django_capture_on_commit_callbacks), 400, "bad_request")
    assert not Comment.objects.exists()


def test_posting_again_too_soon_is_429_with_retry_after(client, article, member, django_capture_on_commit_callbacks):
    CommentSettings.objects.update(min_interval_seconds=30)
    assert post(client, article, "First", django_capture_on_commit_callbacks).status_code == 201

    response = post(client, article, "Second", django_capture_on_commit_callbacks)

    assert_problem(response, 429, "too_fast")
    assert 1 <= int(response["Retry-After"]) <= 30
    assert Comment.objects.count() == 1


def test_the_same_submission_key_twice_makes_one_comment(client, article, member, django_capture_on_commit_callbacks):
    key = str(uuid.uuid4())

    first = post(client, article, "Once", django_capture_on_commit_callbacks, submission_key=key)
    again = post(client, article, "Once", django_capture_on_commit_callbacks, submission_key=key)

    assert first.status_code == again.status_code == 201
    assert first.data["id"] == again.data["id"] and Comment.objects.count() == 1


def test_comments_closed_is_409(client, article, member, django_capture_on_commit_callbacks):
    comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)

    assert_problem(post(client, article, "Too late", django_capture_on_commit_callbacks), 409, "closed")
    assert not Comment.objects.exists()


def test_an_unverified_member_is_403_with_the_reason(client, article, django_capture_on_commit_callbacks):
    client.force_login(MemberFactory(email_verified_at=None))

    response = post(client, article, "Let me in", django_capture_on_commit_callbacks)

    problem = assert_problem(response, 403, "not_allowed")
    assert problem["detail"].startswith("Confirm your e-mail address")
    assert not Comment.objects.exists()


def test_a_suspended_member_is_403_with_the_reason_and_their_tokens_stop_working(
    client, article, member, django_capture_on_commit_callbacks
):
    token = bearer(member, Scope.WRITE)
    suspend(member)

    by_session = post(client, article, "Still here", django_capture_on_commit_callbacks)
    by_token = post(Client(), article, "Still here", django_capture_on_commit_callbacks, h=token)

    problem = assert_problem(by_session, 403, "not_allowed")
    assert problem["detail"].startswith("You are suspended until") and "Personal attacks" in problem["detail"]
    assert_problem(by_token, 401, "not_authenticated")
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_not_in_the_thread_is_refused(
    client, article, member, other, django_capture_on_commit_callbacks
):
    held = make_comments(article, 1, author=other, status=CommentStatus.PENDING)[0]
    elsewhere = published(ArticlePageFactory(), other)

    for parent_id in (held.pk, elsewhere.pk, 987654321):
        response = post(client, article, "A reply", django_capture_on_commit_callbacks, parent_id=parent_id)
        problem = assert_problem(response, 422, "bad_parent")
        assert problem["errors"][0]["field"] == "parent_id"
    assert not Comment.objects.filter(author=member).exists()


def test_posting_on_a_draft_or_restricted_article_is_404(client, member, django_capture_on_commit_callbacks):
    draft = ArticlePageFactory(live=False)
    restricted = ArticlePageFactory()
    restrict(restricted, PageViewRestriction.PASSWORD, password=PASSWORD)

    for article in (draft, restricted):
        assert_problem(post(client, article, "Hello", django_capture_on_commit_callbacks), 404, "not_found")
    assert not Comment.objects.exists()


def test_a_body_that_is_not_a_string_or_missing_is_422(client, article, member):
    for body in ({"body": 5}, {}, {"body": "ok", "parent_id": TWENTY_DIGITS}, {"body": "ok", "submission_key": "x"}):
        assert_problem(call(client, "post", f"/articles/{article.pk}/comments", body), 422, "invalid")
    assert not Comment.objects.exists()


# ----------------------------------------------------------------------------------------------- editing and deleting


def test_the_author_edits_within_the_window(client, article, member, django_capture_on_commit_callbacks):
    made = post(client, article, "Original words", django_capture_on_commit_callbacks).data

    response = call(client, "patch", f"/comments/{made['id']}", {"body": "Better words"})

    assert response.status_code == 200
    assert response.data["body"] == "Better words" and response.data["edited"] is True
    assert response.data["status"] == "published"
    comment = Comment.objects.get()
    assert list(comment.revisions.values_list("body", flat=True)) == ["Original words"]
    assert thread(article)["items"][0]["body"] == "Better words"


def test_an_edit_on_a_premoderated_article_goes_back_to_pending(
    client, article, member, django_capture_on_commit_callbacks
):
    made = post(client, article, "Original words", django_capture_on_commit_callbacks).data
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)

    response = call(client, "patch", f"/comments/{made['id']}", {"body": "Changed after the switch"})

    assert response.status_code == 200 and response.data["status"] == "pending"
    assert thread(article)["items"] == [] and thread(article)["published_count"] == 0


def test_after_the_edit_window_an_edit_is_409(client, article, member, django_capture_on_commit_callbacks):
    made = post(client, article, "Original words", django_capture_on_commit_callbacks).data
    Comment.objects.filter(pk=made["id"]).update(created_at=timezone.now() - timedelta(minutes=11))

    response = call(client, "patch", f"/comments/{made['id']}", {"body": "Too late to change"})

    assert_problem(response, 409, "edit_window")
    assert Comment.objects.get().body == "Original words"


def test_someone_elses_comment_is_403_to_edit_or_delete_and_a_held_one_404(client, article, member, other):
    theirs = published(article, other, "Not yours")
    held = make_comments(article, 1, author=other, status=CommentStatus.PENDING)[0]

    assert_problem(call(client, "patch", f"/comments/{theirs.pk}", {"body": "Hijack"}), 403, "not_yours")
    assert_problem(call(client, "delete", f"/comments/{theirs.pk}"), 403, "not_yours")
    assert_problem(call(client, "patch", f"/comments/{held.pk}", {"body": "Hijack"}), 404, "not_found")
    assert_problem(call(client, "delete", f"/comments/{held.pk}"), 404, "not_found")
    assert Comment.objects.get(pk=theirs.pk).body == "Not yours"
    assert Comment.objects.get(pk=held.pk).status == CommentStatus.PENDING


def test_edits_and_deletes_need_write_and_credentials(article, member):
    comment = published(article, member)
    reader = bearer(member, Scope.READ)

    assert_problem(
        call(Client(), "patch", f"/comments/{comment.pk}", {"body": "x"}, **reader), 403, "insufficient_scope"
    )
    assert_problem(call(Client(), "delete", f"/comments/{comment.pk}", **reader), 403, "insufficient_scope")
    assert_problem(call(Client(), "patch", f"/comments/{comment.pk}", {"body": "x"}), 401, "not_authenticated")
    assert_problem(call(Client(), "delete", f"/comments/{comment.pk}"), 401, "not_authenticated")
    assert Comment.objects.get().status == CommentStatus.PUBLISHED


def test_an_edit_with_a_nul_is_400_and_an_empty_one_422(client, article, member):
    comment = make_comments(article, 1, author=member, start=timezone.now())[0]

    assert_problem(call(client, "patch", f"/comments/{comment.pk}", {"body": "a\x00b"}), 400, "bad_request")
    assert_problem(call(client, "patch", f"/comments/{comment.pk}", {"body": " "}), 422, "empty")
    assert Comment.objects.get().body == "Comment number 1"


def test_the_author_deletes_and_the_comment_leaves_the_thread_for_everyone_else(
    client, article, member, django_capture_on_commit_callbacks
):
    made = post(client, article, "Regretted", django_capture_on_commit_callbacks).data

    response = call(client, "delete", f"/comments/{made['id']}")

    assert response.status_code == 204 and response.content == b""
    assert Comment.objects.get().status == CommentStatus.DELETED
    listing = thread(article)
    assert listing["items"] == [] and listing["count"] == 0 and listing["published_count"] == 0
    assert_problem(call(Client(), "get", f"/comments/{made['id']}"), 404)
    assert call(client, "get", f"/comments/{made['id']}").data["status"] == "deleted"
    # Deleting it again: it can no longer be.
    assert_problem(call(client, "delete", f"/comments/{made['id']}"), 409, "cannot_change")


def test_a_deleted_comment_with_a_reply_stays_as_a_placeholder(client, article, member, other):
    comment = published(article, member, "Deleted words")
    make_comments(article, 1, author=other, parent=comment)

    assert call(client, "delete", f"/comments/{comment.pk}").status_code == 204

    placeholder = thread(article)["items"][0]
    assert (
        placeholder["id"] == comment.pk and placeholder["placeholder_text"] == "This comment was deleted by its author."
    )
    assert placeholder["body"] is None and placeholder["speaker"] is None


# ----------------------------------------------------------------------------------------------- reports


def test_a_member_reports_a_comment_once(client, article, member, other):
    comment = published(article, other)

    first = call(client, "post", f"/comments/{comment.pk}/reports", {"reason": "personal_attack"})
    again = call(client, "post", f"/comments/{comment.pk}/reports", {"reason": "spam"})

    assert first.status_code == 201 and first.data == {"reported": True}
    assert_problem(again, 409, "already_reported")
    report = Report.objects.get()
    assert (report.comment, report.reporter, report.reason) == (comment, member, "personal_attack")


def test_reports_are_refused_for_ones_own_a_bad_reason_or_other_without_a_note(client, article, member, other):
    own = published(article, member)
    theirs = published(article, other)

    assert_problem(call(client, "post", f"/comments/{own.pk}/reports", {"reason": "spam"}), 403, "own_comment")
    assert_problem(call(client, "post", f"/comments/{theirs.pk}/reports", {"reason": "rude"}), 422, "invalid")
    problem = assert_problem(
        call(client, "post", f"/comments/{theirs.pk}/reports", {"reason": "other"}), 422, "bad_reason"
    )
    assert problem["errors"][0]["field"] == "note"
    assert not Report.objects.exists()
    made = call(client, "post", f"/comments/{theirs.pk}/reports", {"reason": "other", "note": "Names a colleague."})
    assert made.status_code == 201 and Report.objects.get().note == "Names a colleague."


def test_too_many_reports_are_429_with_retry_after(client, article, member, other, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "comment_report": "1/10m/user"}
    first, second = make_comments(article, 2, author=other)

    assert call(client, "post", f"/comments/{first.pk}/reports", {"reason": "spam"}).status_code == 201
    response = call(client, "post", f"/comments/{second.pk}/reports", {"reason": "spam"})

    assert_problem(response, 429, "rate_limited")
    assert response["Retry-After"] == "600"
    assert Report.objects.count() == 1


def test_reporting_needs_write_a_member_who_may_take_part_and_a_comment_in_the_thread(client, article, other):
    comment = published(article, other)
    held = make_comments(article, 1, author=other, status=CommentStatus.PENDING)[0]
    reader = MemberFactory()
    unverified = MemberFactory(email_verified_at=None)
    client.force_login(unverified)

    assert_problem(call(Client(), "post", f"/comments/{comment.pk}/reports", {"reason": "spam"}), 401)
    assert_problem(
        call(Client(), "post", f"/comments/{comment.pk}/reports", {"reason": "spam"}, **bearer(reader, Scope.READ)),
        403,
        "insufficient_scope",
    )
    problem = assert_problem(
        call(client, "post", f"/comments/{comment.pk}/reports", {"reason": "spam"}), 403, "not_allowed"
    )
    assert problem["detail"].startswith("Confirm your e-mail address")
    by_token = bearer(reader, Scope.WRITE)
    assert_problem(call(Client(), "post", f"/comments/{held.pk}/reports", {"reason": "spam"}, **by_token), 404)
    assert not Report.objects.exists()


# ----------------------------------------------------------------------------------------------- recommendations


def test_a_member_recommends_once_and_takes_it_back(client, article, member, other):
    comment = published(article, other)

    first = call(client, "put", f"/comments/{comment.pk}/recommendation")
    again = call(client, "put", f"/comments/{comment.pk}/recommendation")

    assert first.status_code == again.status_code == 200
    assert again.data == {"recommended": True, "recommend_count": 1}
    assert thread(article)["items"][0]["recommend_count"] == 1
    taken = call(client, "delete", f"/comments/{comment.pk}/recommendation")
    assert taken.status_code == 200 and taken.data == {"recommended": False, "recommend_count": 0}
    assert not Recommendation.objects.exists()
    assert call(client, "delete", f"/comments/{comment.pk}/recommendation").data["recommend_count"] == 0


def test_recommending_ones_own_a_held_comment_or_without_write_is_refused(client, article, member, other):
    own = published(article, member)
    held = make_comments(article, 1, author=other, status=CommentStatus.PENDING)[0]
    theirs = published(article, other)

    assert_problem(call(client, "put", f"/comments/{own.pk}/recommendation"), 403, "own_comment")
    assert_problem(call(client, "put", f"/comments/{held.pk}/recommendation"), 404, "not_found")
    assert_problem(
        call(Client(), "put", f"/comments/{theirs.pk}/recommendation", **bearer(member, Scope.READ)),
        403,
        "insufficient_scope",
    )
    assert_problem(call(Client(), "put", f"/comments/{theirs.pk}/recommendation"), 401, "not_authenticated")
    assert not Recommendation.objects.exists()


def test_a_suspended_member_may_not_recommend_but_may_take_a_recommendation_back(client, article, member, other):
    comment = published(article, other)
    assert call(client, "put", f"/comments/{comment.pk}/recommendation").status_code == 200
    suspend(member)

    refused = call(client, "put", f"/comments/{published(article, other).pk}/recommendation")
    taken = call(client, "delete", f"/comments/{comment.pk}/recommendation")

    assert assert_problem(refused, 403, "not_allowed")["detail"].startswith("You are suspended")
    assert taken.status_code == 200 and taken.data == {"recommended": False, "recommend_count": 0}


def test_a_token_with_write_recommends(article, member, other):
    comment = published(article, other)

    response = call(Client(), "put", f"/comments/{comment.pk}/recommendation", **bearer(member, Scope.WRITE))

    assert response.status_code == 200 and response.data["recommend_count"] == 1
    assert Recommendation.objects.get().member == member
