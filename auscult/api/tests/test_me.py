"""The member's own account over the API (`/me`): each endpoint for each kind of caller, the token's scopes, and
the tokens that must stop working (suspended, deleted, expired, revoked), their last use, and their throttles."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from auscult.api import tokens
from auscult.api.models import ApiToken, Scope
from auscult.comments.models import CommentStatus
from auscult.comments.services import _move
from auscult.comments.tests.factories import make_comments
from auscult.members import services as member_services
from auscult.members.models import Approval
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import SanctionKind
from auscult.moderation.sanctions import member_sanction
from auscult.notifications.models import Digest, Follow, Kind, Notification, Preferences
from auscult.publishing.tests.factories import ArticlePageFactory

from .helpers import assert_problem, bearer, call

pytestmark = pytest.mark.django_db

READ_ONLY = (Scope.READ,)

GETS = ("/me", "/me/comments", "/me/notifications", "/me/preferences", "/me/follows", "/me/export")
CHANGES = (
    ("patch", "/me", {"job_title": "GP"}),
    ("post", "/me/notifications/read", {}),
    (
        "put",
        "/me/preferences",
        {
            "email_replies": False,
            "email_approved": True,
            "email_featured": True,
            "email_recommended": True,
            "digest": "weekly",
            "follow_when_commenting": True,
        },
    ),
    ("put", "/me/follows/{article}", None),
    ("delete", "/me/follows/{article}", None),
)


@pytest.fixture
def member():
    return MemberFactory(display_name="Dr Ana Rahman", job_title="Locum GP", approval=Approval.APPROVED)


@pytest.fixture
def boss():
    user = MemberFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def _reply_to(member, article, *, by=None, status=CommentStatus.PUBLISHED):
    """A comment of `member`'s, another member's reply to it, and the notification of that reply."""
    mine = make_comments(article, 1, author=member)[0]
    reply = make_comments(article, 1, author=by or MemberFactory(), parent=mine, status=status)[0]
    return Notification.objects.create(member=member, kind=Kind.REPLY, comment=reply)


# --- Who may call -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", GETS)
def test_a_visitor_gets_401_from_every_read(client, path):
    assert_problem(call(client, "get", path), 401, "not_authenticated")


@pytest.mark.parametrize(("method", "path", "body"), CHANGES)
def test_a_visitor_gets_401_from_every_change(client, method, path, body):
    article = ArticlePageFactory()
    assert_problem(call(client, method, path.format(article=article.pk), body), 401, "not_authenticated")


@pytest.mark.parametrize("path", GETS)
def test_a_read_only_token_may_read(client, member, path):
    response = call(client, "get", path, **bearer(member, *READ_ONLY))
    assert response.status_code == 200, response.data


@pytest.mark.parametrize(("method", "path", "body"), CHANGES)
def test_a_read_only_token_may_change_nothing(client, member, method, path, body):
    article = ArticlePageFactory()
    Follow.objects.create(member=member, article=article)
    before = (member.job_title, Preferences.objects.count(), Follow.objects.count())

    response = call(client, method, path.format(article=article.pk), body, **bearer(member, *READ_ONLY))

    assert_problem(response, 403, "insufficient_scope")
    member.refresh_from_db()
    assert (member.job_title, Preferences.objects.count(), Follow.objects.count()) == before


def test_a_signed_in_browser_uses_its_session(client, member):
    client.force_login(member)
    response = call(client, "get", "/me")
    assert response.status_code == 200
    assert response.data["id"] == member.pk


# --- Tokens that must not work ----------------------------------------------------------------------------------


def test_a_suspended_members_token_stops_working_at_once(client, member, boss):
    headers = bearer(member)
    assert call(client, "get", "/me", **headers).status_code == 200

    member_sanction(member=member, kind=SanctionKind.SUSPENSION, reason="Cooling off.", by=boss, days=2)

    assert_problem(call(client, "get", "/me", **headers), 401, "not_authenticated")
    assert_problem(call(client, "patch", "/me", {"job_title": "GP"}, **headers), 401)


def test_a_banned_members_token_stops_working(client, member, boss):
    headers = bearer(member)
    member_sanction(member=member, kind=SanctionKind.BAN, reason="Threats.", by=boss)
    assert_problem(call(client, "get", "/me", **headers), 401)


def test_a_deleted_members_token_stops_working(client, member):
    headers = bearer(member)
    member_services.member_delete_account(member=member)
    assert_problem(call(client, "get", "/me", **headers), 401)
    assert_problem(call(client, "get", "/me/export", **headers), 401)


def test_an_expired_token_is_refused(client, member):
    headers = bearer(member)
    ApiToken.objects.filter(member=member).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_problem(call(client, "get", "/me", **headers), 401)


def test_a_revoked_token_is_refused(client, member):
    headers = bearer(member)
    token = ApiToken.objects.get(member=member)
    assert call(client, "get", "/me", **headers).status_code == 200

    tokens.token_revoke(token=token, member=member)

    assert_problem(call(client, "get", "/me", **headers), 401)


def test_a_wrong_key_is_refused(client, member):
    bearer(member)
    assert_problem(call(client, "get", "/me", HTTP_AUTHORIZATION="Bearer asc_00000000_not-the-key"), 401)


def test_last_used_is_written_on_first_use_and_not_again_within_a_minute(client, member):
    headers = bearer(member)
    token = ApiToken.objects.get(member=member)
    assert token.last_used_at is None
    first = timezone.now()

    with mock.patch("django.utils.timezone.now", return_value=first):
        call(client, "get", "/me", **headers)
    token.refresh_from_db()
    assert token.last_used_at == first

    with mock.patch("django.utils.timezone.now", return_value=first + timedelta(seconds=59)):
        call(client, "get", "/me", **headers)
    token.refresh_from_db()
    assert token.last_used_at == first

    later = first + timedelta(seconds=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call(client, "get", "/me", **headers)
    token.refresh_from_db()
    assert token.last_used_at == later


THROTTLED_CALLS = [
    pytest.param("get", "/me", None, id="get"),
    pytest.param("post", "/me/notifications/read", {}, id="post"),
]


@pytest.mark.parametrize(("method", "path", "body"), THROTTLED_CALLS)
def test_a_token_is_throttled_after_its_limit(client, member, settings, method, path, body):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api_token": "3/m/key"}
    headers = bearer(member)
    answers = [call(client, method, path, body, **headers).status_code for _ in range(3)]
    assert answers == [200, 200, 200]

    response = call(client, method, path, body, **headers)

    assert_problem(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
    # Another token of the same member has its own count.
    assert call(client, method, path, body, **bearer(member)).status_code == 200


@pytest.mark.parametrize(("method", "path", "body"), THROTTLED_CALLS)
def test_wrong_keys_from_one_address_are_throttled(client, member, settings, method, path, body):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api_token_failed": "2/m/ip"}
    wrong = {"HTTP_AUTHORIZATION": "Bearer asc_00000000_guessing"}
    assert [call(client, method, path, body, **wrong).status_code for _ in range(2)] == [401, 401]

    response = call(client, method, path, body, **wrong)

    assert_problem(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
    # A right key is still let in: only the guesses are counted.
    assert call(client, method, path, body, **bearer(member)).status_code == 200


def test_retry_after_is_the_period_of_the_limit_reached(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api_token": "1/m/key"}
    headers = bearer(member)
    call(client, "post", "/me/notifications/read", {}, **headers)
    response = call(client, "post", "/me/notifications/read", {}, **headers)
    assert_problem(response, 429, "rate_limited")
    assert response["Retry-After"] == "60"


# --- GET /me, PATCH /me -------------------------------------------------------------------------------------------


def test_my_profile(client, member):
    response = call(client, "get", "/me", **bearer(member, *READ_ONLY))

    assert response.status_code == 200
    data = response.data
    assert data["id"] == member.pk
    assert data["display_name"] == "Dr Ana Rahman" == data["comments_shown_as"]
    assert data["job_title"] == "Locum GP"
    assert data["profession"] == "gp"
    assert data["email"] == member.email
    assert data["standing"] == "verified"
    assert data["may_comment"] == {"allowed": True, "standing": "verified", "reason": ""}
    assert data["may_rate"]["allowed"] is True
    # The private fields are only in the data export.
    assert member.full_name not in response.content.decode()
    assert member.registration_number not in response.content.decode()


def test_an_unconfirmed_member_is_told_why_they_may_not_comment(client):
    member = MemberFactory(email_verified_at=None)
    data = call(client, "get", "/me", **bearer(member)).data
    assert data["standing"] == "unconfirmed"
    assert data["may_comment"]["allowed"] is False
    assert "Confirm your e-mail address" in data["may_comment"]["reason"]


def test_a_suspended_member_signed_in_sees_why(client, member, boss):
    member_sanction(member=member, kind=SanctionKind.SUSPENSION, reason="Cooling off.", by=boss, days=2)
    client.force_login(member)
    data = call(client, "get", "/me").data
    assert data["standing"] == "suspended"
    assert data["may_comment"]["allowed"] is False
    assert "Cooling off." in data["may_comment"]["reason"]


def test_changing_my_profile_changes_only_what_is_sent(client, member):
    response = call(client, "patch", "/me", {"job_title": "Salaried GP", "profile_public": True}, **bearer(member))

    assert response.status_code == 200, response.data
    assert response.data["job_title"] == "Salaried GP"
    assert response.data["has_public_profile"] is True
    member.refresh_from_db()
    assert (member.job_title, member.profile_public, member.display_name) == ("Salaried GP", True, "Dr Ana Rahman")
    assert member.full_name.startswith("Dr Member Number")


def test_going_anonymous(client, member):
    response = call(client, "patch", "/me", {"anonymous": True}, **bearer(member))
    assert response.data["comments_shown_as"] == "Anonymous"
    member.refresh_from_db()
    assert member.anonymous


def test_a_display_name_another_member_uses_is_refused(client, member):
    MemberFactory(display_name="Dr Sam Okafor")

    response = call(client, "patch", "/me", {"display_name": "dr sam okafor", "job_title": "GP"}, **bearer(member))

    body = assert_problem(response, 422, "taken")
    assert body["errors"][0]["field"] == "display_name"
    member.refresh_from_db()
    assert (member.display_name, member.job_title) == ("Dr Ana Rahman", "Locum GP")


def test_a_staff_members_name_is_reserved(client, member, boss):
    response = call(client, "patch", "/me", {"display_name": boss.display_name}, **bearer(member))
    body = assert_problem(response, 422, "reserved")
    assert body["errors"] == [{"field": "display_name", "message": body["detail"]}]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"display_name": "x" * 31}, "display_name"),
        ({"display_name": ""}, "display_name"),
        ({"job_title": "y" * 61}, "job_title"),
    ],
)
def test_what_the_profile_form_refuses_is_refused_with_the_field(client, member, change, field):
    body = assert_problem(call(client, "patch", "/me", change, **bearer(member)), 422)
    assert [error["field"] for error in body["errors"]] == [field]
    member.refresh_from_db()
    assert member.display_name == "Dr Ana Rahman"


@pytest.mark.parametrize(
    "body", [{"full_name": "Someone Else"}, {"email": "x@example.com"}, {"anonymous": "perhaps"}, {"profession": "x"}]
)
def test_what_the_profile_page_does_not_change_is_refused(client, member, body):
    assert_problem(call(client, "patch", "/me", body, **bearer(member)), 422, "invalid")
    member.refresh_from_db()
    assert member.email != "x@example.com" and member.full_name != "Someone Else"


def test_a_profile_change_with_a_session_needs_the_csrf_token(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    assert_problem(call(browser, "patch", "/me", {"job_title": "GP"}), 403, "csrf_failed")


# --- GET /me/comments --------------------------------------------------------------------------------------------


def test_my_comments_in_every_state_newest_first(client, member):
    article = ArticlePageFactory(title="Funding formula")
    start = timezone.now() - timedelta(hours=1)
    made = {}
    for n, status in enumerate(CommentStatus):
        made_as = CommentStatus.PENDING if status == CommentStatus.REJECTED else status
        made[status] = make_comments(article, 1, author=member, status=made_as, start=start + timedelta(minutes=n))[0]
    _move(made[CommentStatus.REJECTED], CommentStatus.REJECTED)
    make_comments(article, 1, author=MemberFactory())  # someone else's

    response = call(client, "get", "/me/comments", **bearer(member, *READ_ONLY))

    assert response.status_code == 200
    items = response.data["items"]
    assert [item["id"] for item in items] == [c.pk for c in reversed(made.values())]
    assert {item["status"] for item in items} == set(CommentStatus.values)
    by_status = {item["status"]: item for item in items}
    assert by_status["pending"]["status_label"] == "Awaiting moderation"
    assert by_status["published"]["url"] == f"/comments/{made[CommentStatus.PUBLISHED].pk}/"
    assert by_status["published"]["in_thread"] is True
    assert by_status["rejected"]["url"] is None and by_status["rejected"]["in_thread"] is False
    assert by_status["pending"]["article"] == {"id": article.pk, "title": "Funding formula", "url": article.url}
    assert response.data["count"] == len(CommentStatus)


def test_my_comments_are_paged(client, member):
    article = ArticlePageFactory()
    make_comments(article, 12, author=member)
    headers = bearer(member)

    first = call(client, "get", "/me/comments?page_size=10", **headers).data
    second = call(client, "get", "/me/comments?page=2&page_size=10", **headers).data

    assert (first["count"], first["num_pages"], len(first["items"]), len(second["items"])) == (12, 2, 10, 2)
    assert first["next"].endswith("/api/v1/me/comments?page=2&page_size=10")
    assert second["next"] is None and second["previous"].endswith("page=1&page_size=10")
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    # Past the last page, the last page (as the HTML lists).
    assert call(client, "get", "/me/comments?page=99&page_size=10", **headers).data["page"] == 2


@pytest.mark.parametrize("query", ["page_size=7", "page=0", "page=" + "9" * 20, "page=abc"])
def test_a_bad_page_is_refused(client, member, query):
    assert_problem(call(client, "get", f"/me/comments?{query}", **bearer(member)), 422, "invalid")


def test_a_comment_on_an_article_no_longer_public_has_no_link_to_it(client, member):
    draft = ArticlePageFactory(title="Pulled")
    restricted = ArticlePageFactory(title="Members only")
    make_comments(draft, 1, author=member)
    make_comments(restricted, 1, author=member)
    draft.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="s3cret")

    items = call(client, "get", "/me/comments", **bearer(member)).data["items"]

    assert [item["article"]["url"] for item in items] == [None, None]


# --- Notifications ------------------------------------------------------------------------------------------------


def test_my_notifications(client, member):
    article = ArticlePageFactory(title="Winter pressures")
    notification = _reply_to(member, article, by=MemberFactory(display_name="Dr Sam Okafor"))
    _reply_to(MemberFactory(), article)  # someone else's

    response = call(client, "get", "/me/notifications", **bearer(member, *READ_ONLY))

    assert response.status_code == 200
    assert response.data["unread"] == 1 and response.data["count"] == 1
    [item] = response.data["items"]
    assert item["id"] == notification.pk
    assert item["kind"] == "reply"
    assert item["headline"] == "Dr Sam Okafor replied to your comment on “Winter pressures”"
    assert item["read_at"] is None
    assert item["comment"]["shown"] is True
    assert item["comment"]["excerpt"] == notification.comment.body
    assert item["comment"]["article"]["url"] == article.url


@pytest.mark.parametrize("status", [CommentStatus.REMOVED, CommentStatus.DELETED, CommentStatus.HIDDEN])
def test_a_notification_of_a_comment_no_longer_shown_says_nothing_of_it(client, member, status):
    article = ArticlePageFactory()
    notification = _reply_to(member, article)
    reply = notification.comment
    reply.body = "Words since taken down"
    reply.save(update_fields=["body"])
    _move(reply, status)

    response = call(client, "get", "/me/notifications", **bearer(member))

    [item] = response.data["items"]
    assert item["comment"]["shown"] is False and item["comment"]["excerpt"] is None
    assert "taken down" not in response.content.decode()


def test_the_unread_filter(client, member):
    article = ArticlePageFactory()
    read, unread = _reply_to(member, article), _reply_to(member, article)
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    headers = bearer(member)

    only_unread = call(client, "get", "/me/notifications?unread=true", **headers).data
    only_read = call(client, "get", "/me/notifications?unread=false", **headers).data

    assert [item["id"] for item in only_unread["items"]] == [unread.pk]
    assert [item["id"] for item in only_read["items"]] == [read.pk]
    assert only_unread["unread"] == 1
    assert_problem(call(client, "get", "/me/notifications?unread=maybe", **headers), 422)


def test_marking_some_notifications_read(client, member):
    article = ArticlePageFactory()
    one, two = _reply_to(member, article), _reply_to(member, article)
    theirs = _reply_to(MemberFactory(), article)

    response = call(client, "post", "/me/notifications/read", {"ids": [one.pk, theirs.pk]}, **bearer(member))

    assert response.status_code == 200
    assert response.data == {"marked": 1, "unread": 1}
    assert Notification.objects.filter(read_at__isnull=False).count() == 1
    one.refresh_from_db(), two.refresh_from_db(), theirs.refresh_from_db()
    assert one.read_at and not two.read_at and not theirs.read_at


def test_marking_all_notifications_read(client, member):
    article = ArticlePageFactory()
    _reply_to(member, article), _reply_to(member, article)
    theirs = _reply_to(MemberFactory(), article)
    headers = bearer(member)
    assert call(client, "get", "/me/notifications", **headers).data["unread"] == 2

    response = call(client, "post", "/me/notifications/read", {}, **headers)

    assert response.data == {"marked": 2, "unread": 0}
    assert call(client, "get", "/me/notifications", **headers).data["unread"] == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("body", [{"ids": [0]}, {"ids": ["x"]}, {"ids": list(range(1, 102))}, {"all": True}])
def test_bad_ids_to_mark_read_are_refused(client, member, body):
    _reply_to(member, ArticlePageFactory())
    assert_problem(call(client, "post", "/me/notifications/read", body, **bearer(member)), 422)
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


# --- E-mail choices -----------------------------------------------------------------------------------------------

CHOICES = {
    "email_replies": False,
    "email_approved": True,
    "email_featured": False,
    "email_recommended": True,
    "digest": "weekly",
    "follow_when_commenting": False,
}


def test_my_email_choices_start_as_the_defaults(client, member):
    data = call(client, "get", "/me/preferences", **bearer(member, *READ_ONLY)).data
    assert data == {
        "email_replies": True,
        "email_approved": True,
        "email_featured": True,
        "email_recommended": True,
        "digest": "daily",
        "follow_when_commenting": True,
    }


def test_setting_my_email_choices(client, member):
    headers = bearer(member)

    response = call(client, "put", "/me/preferences", CHOICES, **headers)

    assert response.status_code == 200 and response.data == CHOICES
    saved = Preferences.objects.get(member=member)
    assert (saved.email_replies, saved.digest, saved.follow_when_commenting) == (False, Digest.WEEKLY, False)
    assert call(client, "get", "/me/preferences", **headers).data == CHOICES


@pytest.mark.parametrize(
    "body",
    [
        {**CHOICES, "digest": "hourly"},
        {key: value for key, value in CHOICES.items() if key != "digest"},
        {**CHOICES, "refused_address": "x@example.com"},
        {**CHOICES, "email_replies": "sometimes"},
    ],
)
def test_bad_email_choices_are_refused(client, member, body):
    assert_problem(call(client, "put", "/me/preferences", body, **bearer(member)), 422)
    assert not Preferences.objects.filter(member=member).exists()


# --- Followed discussions -----------------------------------------------------------------------------------------


def test_following_and_unfollowing_a_discussion(client, member):
    article = ArticlePageFactory(title="Followed")
    headers = bearer(member)

    response = call(client, "put", f"/me/follows/{article.pk}", **headers)
    assert response.data == {"article_id": article.pk, "following": True}
    assert call(client, "put", f"/me/follows/{article.pk}", **headers).status_code == 200  # again: no change
    assert Follow.objects.filter(member=member, article=article).count() == 1
    listed = call(client, "get", "/me/follows", **headers).data["items"]
    assert [item["article"]["title"] for item in listed] == ["Followed"]

    response = call(client, "delete", f"/me/follows/{article.pk}", **headers)

    assert response.data == {"article_id": article.pk, "following": False}
    assert not Follow.objects.filter(member=member).exists()


def test_a_draft_or_restricted_article_cannot_be_followed_and_is_not_listed(client, member):
    draft, restricted = ArticlePageFactory(), ArticlePageFactory()
    Follow.objects.create(member=member, article=draft)
    Follow.objects.create(member=member, article=restricted)
    draft.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="s3cret")
    headers = bearer(member)

    for article in (draft, restricted):
        assert_problem(call(client, "put", f"/me/follows/{article.pk}", **headers), 404, "not_found")
    assert_problem(call(client, "put", "/me/follows/" + "9" * 20, **headers), 404, "not_found")
    assert call(client, "get", "/me/follows", **headers).data["items"] == []


# --- Data export --------------------------------------------------------------------------------------------------


def test_my_data_export_is_what_the_page_downloads(client, member):
    make_comments(ArticlePageFactory(), 1, author=member)
    headers = bearer(member, *READ_ONLY)
    client.force_login(member)
    downloaded = client.get("/account/data/?download=1").json()

    response = call(client, "get", "/me/export", **headers)

    assert response.status_code == 200
    exported = response.data
    assert exported.keys() == downloaded.keys()
    assert exported["account"]["email"] == member.email
    assert exported["account"]["full_name"] == member.full_name
    token = ApiToken.objects.get(member=member)
    assert [t["prefix"] for t in exported["api_tokens"]] == [token.prefix]
    assert token.digest not in response.content.decode()


def test_someone_elses_data_is_not_in_mine(client, member):
    other = MemberFactory()
    make_comments(ArticlePageFactory(), 1, author=other)
    content = call(client, "get", "/me/export", **bearer(member)).content.decode()
    assert other.email not in content and other.full_name not in content


def test_headlines_never_tell_a_gone_replys_author_nor_a_hidden_article(client):
    """As the notifications page and the API list them: a reply removed since is told without its author's name, and
    an article a comment was featured on is named only while readers may see it."""
    from wagtail.models import PageViewRestriction

    from auscult.comments.models import CommentStatus, FeaturedComment
    from auscult.comments.services import comment_set_status
    from auscult.comments.tests.factories import make_comments
    from auscult.notifications.models import Kind, Notification
    from auscult.publishing.tests.factories import ArticlePageFactory

    member = MemberFactory()
    replier = MemberFactory(display_name="Dr Gone Replier")
    article = ArticlePageFactory(title="Open piece")
    [mine] = make_comments(article, 1, author=member)
    [reply] = make_comments(article, 1, author=replier, parent=mine)
    Notification.objects.create(member=member, kind=Kind.REPLY, comment=reply)
    hidden = ArticlePageFactory(title="Embargoed members-only headline")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    FeaturedComment.objects.create(article=hidden, comment=mine)
    Notification.objects.create(member=member, kind=Kind.FEATURED, comment=mine)
    comment_set_status(comment=reply, status=CommentStatus.REMOVED)

    client.force_login(member)
    answers = [
        client.get("/api/v1/me/notifications").content.decode(),
        client.get("/account/notifications/").content.decode(),
    ]
    for answer in answers:
        assert "Dr Gone Replier" not in answer
        assert "Embargoed members-only headline" not in answer
        assert "Open piece" in answer
