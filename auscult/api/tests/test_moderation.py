"""The moderation workspace through the API: who may use it (a moderator's session, or their token with the
`moderate` scope; nobody else, not even editors), the queues and their filters, decisions and their conflicts,
sanctions that stop a token at once, legal holds, and the audit log that records each of them."""

from datetime import timedelta

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from auscult.api.models import Scope
from auscult.comments.models import Comment, CommentStatus, ReportReason
from auscult.comments.services import comment_report
from auscult.comments.tests.factories import established_member, make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.decisions import version_of
from auscult.moderation.legal_holds import legal_hold_place
from auscult.moderation.models import AuditAction, AuditEntry, LegalHold, Sanction, SanctionKind
from auscult.moderation.sanctions import member_sanction
from auscult.publishing.tests.factories import ArticlePageFactory

from .helpers import BASE, assert_problem, bearer, call

pytestmark = pytest.mark.django_db

TWENTY_DIGITS = "12345678901234567890"


@pytest.fixture
def article(db):
    return ArticlePageFactory(title="Funding formula row")


@pytest.fixture
def author(db):
    return MemberFactory(display_name="Dr Held Author")


@pytest.fixture
def held(article, author):
    return make_comments(article, 1, author=author, status=CommentStatus.PENDING)[0]


@pytest.fixture
def published(article, author):
    return make_comments(article, 1, author=author)[0]


@pytest.fixture
def token(moderator):
    """The signed-in moderator's token with the moderate scope (the client's session is theirs too)."""
    return bearer(moderator, Scope.MODERATE)


def a_moderator(**kwargs):
    return MemberFactory(groups=["Moderators"], **kwargs)


def every_operation(held, published, author):
    """(method, path, body) for each operation, with ids that exist and bodies that would be done."""
    sanction = member_sanction(member=MemberFactory(), kind=SanctionKind.BAN, reason="Threats", by=a_moderator())
    hold = legal_hold_place(comment=published, by=a_moderator(), reason="Solicitor's letter")
    return [
        ("get", "/moderation/queues", None),
        ("get", "/moderation/queues/held", None),
        ("get", "/moderation/queues/reported", None),
        ("get", "/moderation/queues/decided", None),
        ("post", f"/moderation/comments/{held.pk}/decisions", {"decision": "approve", "seen_status": "pending"}),
        ("get", "/moderation/sanctions", None),
        ("post", f"/moderation/members/{author.pk}/sanctions", {"kind": "suspension", "reason": "Rude", "days": 3}),
        ("delete", f"/moderation/sanctions/{sanction.pk}", None),
        ("get", "/moderation/legal-holds", None),
        ("post", f"/moderation/comments/{published.pk}/legal-holds", {"reason": "A complaint"}),
        ("delete", f"/moderation/legal-holds/{hold.pk}", None),
        ("get", "/moderation/audit", None),
    ]


def answers(client, operations, **headers):
    return {
        f"{method.upper()} {path}": (response.status_code, (response.data or {}).get("code"))
        for method, path, body in operations
        for response in [call(client, method, path, body, **headers)]
    }


def unchanged(held, author):
    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING
    assert not Sanction.objects.filter(member=author).exists()


# ---------------------------------------------------------------------------------------------------------------
# Who may


def test_a_visitor_is_asked_to_sign_in_everywhere(held, published, author):
    operations = every_operation(held, published, author)
    got = answers(Client(), operations)
    assert got == dict.fromkeys(got, (401, "not_authenticated"))
    unchanged(held, author)


@pytest.mark.parametrize("role", ["member", "unverified", "suspended", "editor"])
def test_members_and_editors_with_a_session_are_refused_everywhere(client, role, held, published, author):
    """Editors read the audit log (as in the admin) and nothing else of the workspace."""
    person = MemberFactory(email_verified_at=None) if role == "unverified" else MemberFactory()
    if role == "suspended":
        member_sanction(member=person, kind=SanctionKind.SUSPENSION, reason="Rude", by=a_moderator(), days=3)
    if role == "editor":
        person = MemberFactory(groups=["Editors"])
    client.force_login(person)
    operations = every_operation(held, published, author)

    got = answers(client, operations)

    expected = dict.fromkeys(got, (403, "not_permitted"))
    if role == "editor":
        expected["GET /moderation/audit"] = (200, None)
    assert got == expected
    unchanged(held, author)
    assert LegalHold.objects.active().count() == 1 and Sanction.objects.active().exclude(member=person).count() == 1


def test_a_member_token_without_the_moderate_scope_is_refused_for_its_scope(held, published, author):
    member = MemberFactory()
    operations = every_operation(held, published, author)
    got = answers(Client(), operations, **bearer(member, Scope.READ, Scope.WRITE))
    assert got == dict.fromkeys(got, (403, "insufficient_scope"))


def test_a_moderators_read_and_write_token_is_refused_for_its_scope(client, moderator, held, published, author):
    operations = every_operation(held, published, author)
    for scopes in [(Scope.READ,), (Scope.WRITE,), (Scope.READ, Scope.WRITE)]:
        response = call(Client(), "get", "/moderation/queues", **bearer(moderator, *scopes))
        body = assert_problem(response, 403, "insufficient_scope")
        assert "moderate" in body["detail"] and 'scope="moderate"' in response["WWW-Authenticate"]
    got = answers(Client(), operations, **bearer(moderator, Scope.READ, Scope.WRITE))
    assert got == dict.fromkeys(got, (403, "insufficient_scope"))
    unchanged(held, author)


@pytest.mark.parametrize("via", ["token", "session"])
def test_a_moderator_may_do_everything_with_a_moderate_token_or_a_session(
    client, moderator, via, held, published, author
):
    operations = every_operation(held, published, author)
    caller, headers = (Client(), bearer(moderator, Scope.MODERATE)) if via == "token" else (client, {})

    got = answers(caller, operations, **headers)

    assert {where: status for where, (status, _) in got.items()} == {
        where: 201 if where.startswith("POST") and "decisions" not in where else 200 for where in got
    }
    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED
    assert AuditEntry.objects.filter(actor=moderator).count() == 5  # approve, suspend, lift, hold, lift


def test_a_moderator_token_of_a_member_who_lost_the_permission_is_refused(held):
    former = a_moderator()
    headers = bearer(former, Scope.MODERATE)
    assert call(Client(), "get", "/moderation/queues", **headers).status_code == 200
    former.groups.clear()

    assert_problem(call(Client(), "get", "/moderation/queues", **headers), 403, "not_permitted")
    response = call(Client(), "post", f"/moderation/comments/{held.pk}/decisions", {"decision": "approve"}, **headers)
    assert_problem(response, 403, "not_permitted")
    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING


def test_an_id_that_names_nothing_is_not_found_only_for_a_moderator(client, moderator, token):
    """A non-moderator is refused before anything is looked up, so they cannot tell which ids exist."""
    decision = {"decision": "approve"}
    assert_problem(call(Client(), "post", "/moderation/comments/99999/decisions", decision, **token), 404, "not_found")
    member = MemberFactory()
    client.force_login(member)
    assert_problem(call(client, "post", "/moderation/comments/99999/decisions", decision), 403, "not_permitted")


def test_csrf_a_session_post_without_the_token_is_refused(moderator, held):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    decision = {"decision": "approve", "seen_status": "pending"}

    response = call(browser, "post", f"/moderation/comments/{held.pk}/decisions", decision)
    assert_problem(response, 403, "csrf_failed")
    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING
    assert_problem(call(browser, "delete", "/moderation/sanctions/1"), 403, "csrf_failed")

    secret = _get_new_csrf_string()
    browser.cookies["csrftoken"] = secret
    response = call(browser, "post", f"/moderation/comments/{held.pk}/decisions", decision, HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 200, response.data
    # Reads need no CSRF token.
    assert call(Client(enforce_csrf_checks=True), "get", "/moderation/queues").status_code == 401
    assert call(browser, "get", "/moderation/queues").status_code == 200


# ---------------------------------------------------------------------------------------------------------------
# Queues


def test_the_held_queue_lists_held_comments_oldest_first_with_what_a_moderator_needs(
    client, moderator, token, article, author, published
):
    first, second = make_comments(article, 2, author=author, status=CommentStatus.PENDING)
    Comment.objects.filter(pk=first.pk).update(held_reason="premoderation", held_detail="The article is pre-moderated")
    make_comments(article, 1, author=author, status=CommentStatus.REMOVED)

    response = call(Client(), "get", "/moderation/queues/held", **token)

    assert response.status_code == 200, response.data
    data = response.data
    assert data["queue"] == "held" and data["count"] == 2 and data["num_pages"] == 1
    assert [item["id"] for item in data["items"]] == [first.pk, second.pk]
    item = data["items"][0]
    first.refresh_from_db()
    assert item["body"] == first.body and item["status"] == "pending"
    assert item["held_reason"] == "premoderation" and item["held_reason_label"] == "Pre-moderated article"
    assert item["held_detail"] == "The article is pre-moderated"
    assert item["article"] == {"id": article.pk, "title": "Funding formula row"}
    assert item["author"]["id"] == author.pk and item["author"]["display_name"] == "Dr Held Author"
    assert item["author"]["comments"] == 4 and item["author"]["rejections_and_removals"] == 0
    assert item["version"] == version_of(first) and item["report_count"] == 0 and item["reports"] == []
    assert [d["decision"] for d in item["decisions"]] == ["approve", "reject"]
    assert data["items"][1]["held_reason"] is None
    # The session gives the same.
    assert call(client, "get", "/moderation/queues/held").data["items"] == data["items"]


def test_the_reported_queue_lists_reports_with_their_reasons(token, published, held):
    reporter = established_member(display_name="Dr Reporter")
    comment_report(comment=published, reporter=reporter, reason=ReportReason.SPAM, note="Selling something")

    data = call(Client(), "get", "/moderation/queues/reported", **token).data

    assert [item["id"] for item in data["items"]] == [published.pk] and data["count"] == 1
    item = data["items"][0]
    assert item["report_count"] == 1
    assert item["reports"][0]["reason"] == "spam" and item["reports"][0]["note"] == "Selling something"
    assert item["reports"][0]["reporter"]["display_name"] == "Dr Reporter"
    assert [d["decision"] for d in item["decisions"]] == ["approve", "remove"]
    assert [d["label"] for d in item["decisions"]] == ["Keep", "Remove"]
    assert call(Client(), "get", "/moderation/queues", **token).data == {"held": 1, "reported": 1}


def test_the_queues_filter_as_the_admin_does(token, article, author, held):
    other_article = ArticlePageFactory()
    other_author = MemberFactory()
    elsewhere = make_comments(other_article, 1, author=author, status=CommentStatus.PENDING)[0]
    by_other = make_comments(article, 1, author=other_author, status=CommentStatus.PENDING)[0]
    Comment.objects.filter(pk=by_other.pk).update(held_reason="links")

    def ids(**query):
        response = call(
            Client(), "get", "/moderation/queues/held?" + "&".join(f"{k}={v}" for k, v in query.items()), **token
        )
        assert response.status_code == 200, response.data
        return [item["id"] for item in response.data["items"]], response.data["count"]

    assert ids() == ([held.pk, elsewhere.pk, by_other.pk], 3)
    assert ids(article=article.pk) == ([held.pk, by_other.pk], 2)
    assert ids(member=author.pk) == ([held.pk, elsewhere.pk], 2)
    assert ids(article=article.pk, member=author.pk) == ([held.pk], 1)
    assert ids(rule="links") == ([by_other.pk], 1)
    assert ids(section=article.get_parent().pk) == ([held.pk, by_other.pk], 2)


def test_the_queues_paginate(token, article, author):
    comments = make_comments(article, 5, author=author, status=CommentStatus.PENDING)

    data = call(Client(), "get", "/moderation/queues/held?page=2&page_size=2", **token).data

    assert [item["id"] for item in data["items"]] == [c.pk for c in comments[2:4]]
    assert (data["page"], data["page_size"], data["count"], data["num_pages"]) == (2, 2, 5, 3)
    assert data["next"] == f"http://testserver{BASE}/moderation/queues/held?page=3&page_size=2"
    assert data["previous"] == f"http://testserver{BASE}/moderation/queues/held?page=1&page_size=2"
    last = call(Client(), "get", "/moderation/queues/held?page=3&page_size=2", **token).data
    assert len(last["items"]) == 1 and last["next"] is None
    assert_problem(call(Client(), "get", "/moderation/queues/held?page=4&page_size=2", **token), 404, "not_found")


def test_an_empty_queue_is_an_empty_first_page(token):
    data = call(Client(), "get", "/moderation/queues/reported", **token).data
    assert data["items"] == [] and data["count"] == 0 and data["page"] == 1 and data["next"] is None


@pytest.mark.parametrize(
    "path, status",
    [
        ("/moderation/queues/held?page=0", 422),
        ("/moderation/queues/held?page=-1", 422),
        ("/moderation/queues/held?page=abc", 422),
        (f"/moderation/queues/held?page={TWENTY_DIGITS}", 422),
        ("/moderation/queues/held?page_size=0", 422),
        ("/moderation/queues/held?page_size=101", 422),
        (f"/moderation/queues/held?article={TWENTY_DIGITS}", 422),
        ("/moderation/queues/held?article=99999", 422),  # names nothing
        ("/moderation/queues/held?member=99999", 422),
        ("/moderation/queues/held?section=99999", 422),
        ("/moderation/queues/held?rule=banned_word", 422),  # refuses, so holds nothing
        ("/moderation/queues/held?rule=nonsense", 422),
        ("/moderation/queues/reported?rule=links", 422),  # the reported queue has no rule filter
        ("/moderation/queues/decided?member=99999", 422),
        ("/moderation/queues/nonsense", 404),
        ("/moderation/queues/HELD", 404),
        ("/moderation/sanctions?kind=warning", 422),
        ("/moderation/sanctions?page=0", 422),
        ("/moderation/legal-holds?page_size=1000", 422),
        ("/moderation/audit?action=nonsense", 422),
        ("/moderation/audit?actor=99999", 422),
        ("/moderation/audit?date_from=2026-13-01", 422),
        (f"/moderation/audit?comment={TWENTY_DIGITS}", 422),
        ("/moderation/audit?page=0", 422),
        ("/moderation/audit?member=%00", 400),
    ],
)
def test_bad_queries_are_problems_never_errors(token, path, status):
    response = call(Client(), "get", path, **token)
    body = assert_problem(response, status)
    if status == 422:
        assert body["code"] == "invalid" and body["errors"][0]["field"] in path


def test_the_recently_decided_queue_offers_the_undo_of_a_removal(client, token, moderator, published, held):
    call(client, "post", f"/moderation/comments/{held.pk}/decisions", {"decision": "approve"})
    call(client, "post", f"/moderation/comments/{published.pk}/decisions", {"decision": "remove", "reason": "Rude"})
    old = AuditEntry.objects.create(action=AuditAction.APPROVE, actor=moderator, comment=held)
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))

    data = call(Client(), "get", "/moderation/queues/decided", **token).data

    assert [(item["decision"], item["comment"]["id"]) for item in data["items"]] == [
        ("remove", published.pk),
        ("approve", held.pk),
    ]
    removal = data["items"][0]
    assert removal["reason"] == "Rude" and removal["actor"]["display_name"] == "Mod Ruth"
    assert removal["comment"]["status"] == "removed" and removal["undo"]["decision"] == "restore"
    assert data["items"][1]["undo"] is None
    filtered = call(Client(), "get", f"/moderation/queues/decided?member={published.author_id}", **token).data
    assert filtered["count"] == 2
    assert (
        call(Client(), "get", f"/moderation/queues/decided?article={ArticlePageFactory().pk}", **token).data["items"]
        == []
    )


# ---------------------------------------------------------------------------------------------------------------
# Decisions


def decide(client, comment, decision, headers=None, **extra):
    return call(
        client,
        "post",
        f"/moderation/comments/{comment.pk}/decisions",
        {"decision": decision, **extra},
        **(headers or {}),
    )


def test_approve_publishes_a_held_comment_and_is_logged(token, moderator, held, django_capture_on_commit_callbacks):
    assert not Comment.objects.in_thread().filter(pk=held.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(Client(), held, "approve", token, seen_status="pending", seen_version=version_of(held))

    assert response.status_code == 200, response.data
    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED and Comment.objects.in_thread().filter(pk=held.pk).exists()
    entry = AuditEntry.objects.get(comment=held)
    assert entry.action == AuditAction.APPROVE and entry.actor == moderator
    assert response.data == {
        "id": held.pk,
        "status": "published",
        "version": version_of(held),
        "decision": "approve",
        "audit_entry_id": entry.pk,
        "decisions": [
            {"decision": "approve", "label": "Keep", "needs_reason": False},
            {"decision": "remove", "label": "Remove", "needs_reason": True},
        ],
    }
    log = call(Client(), "get", f"/moderation/audit?comment={held.pk}", **token).data["items"]
    assert [(e["action"], e["actor"]["id"], e["comment_id"]) for e in log] == [("approve", moderator.pk, held.pk)]


def test_reject_needs_a_reason_and_hides_the_comment_for_good(token, held):
    body = assert_problem(decide(Client(), held, "reject", token, seen_status="pending"), 422, "reason_needed")
    assert "reason" in body["detail"]
    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING

    response = decide(Client(), held, "reject", token, seen_status="pending", reason="Off topic")

    assert response.status_code == 200 and response.data["status"] == "rejected" and response.data["decisions"] == []
    held.refresh_from_db()
    assert held.status == CommentStatus.REJECTED
    assert AuditEntry.objects.get(comment=held, action=AuditAction.REJECT).reason == "Off topic"


def test_remove_hides_a_published_comment_and_restore_brings_it_back(client, token, moderator, published):
    response = decide(Client(), published, "remove", token, seen_status="published", reason="A personal attack")

    assert response.status_code == 200 and response.data["status"] == "removed"
    assert [d["decision"] for d in response.data["decisions"]] == ["restore"]
    assert not Comment.objects.in_thread().filter(pk=published.pk).exists()

    response = decide(client, published, "restore", seen_status="removed", seen_version=response.data["version"])

    assert response.status_code == 200 and response.data["status"] == "published"
    assert Comment.objects.in_thread().filter(pk=published.pk).exists()
    log = call(Client(), "get", f"/moderation/audit?comment={published.pk}", **token).data["items"]
    assert [(e["action"], e["reason"]) for e in log] == [("restore", ""), ("remove", "A personal attack")]
    assert all(e["actor"]["display_name"] == "Mod Ruth" for e in log)


def test_a_decision_on_what_has_changed_since_it_was_seen_is_a_conflict(token, held):
    second = a_moderator(display_name="Mod Second")
    assert decide(Client(), held, "approve", bearer(second, Scope.MODERATE), seen_status="pending").status_code == 200

    body = assert_problem(decide(Client(), held, "reject", token, seen_status="pending", reason="No"), 409)

    assert body["code"] == "already_decided" and "Mod Second" in body["detail"]
    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED
    assert AuditEntry.objects.filter(comment=held).count() == 1


def test_a_decision_on_a_comment_edited_since_it_was_seen_is_a_conflict(token, published):
    seen = version_of(published)
    Comment.objects.filter(pk=published.pk).update(edited_at=timezone.now(), body="Edited to say something else")

    response = decide(Client(), published, "remove", token, seen_status="published", seen_version=seen, reason="Rude")

    assert_problem(response, 409, "edited_since")
    published.refresh_from_db()
    assert published.status == CommentStatus.PUBLISHED


def test_a_decision_the_state_does_not_allow_is_refused(token, published):
    # Restoring a comment that was never removed: nobody decided it, but it is not in a state to be restored.
    response = decide(Client(), published, "restore", token)
    assert_problem(response, 409, "already_decided")
    published.refresh_from_db()
    assert published.status == CommentStatus.PUBLISHED


@pytest.mark.parametrize(
    "path, body, status",
    [
        ("{held}", {"decision": "nonsense"}, 422),
        ("{held}", {"decision": "hide"}, 422),  # logged by the system, never decided
        ("{held}", {}, 422),
        ("{held}", {"decision": "approve", "seen_status": "nonsense"}, 422),
        ("{held}", {"decision": "approve", "seen_version": "x" * 101}, 422),
        ("{held}", {"decision": "approve", "reason": 5}, 422),
        ("{held}", {"decision": "approve", "reason": "x" * 10_001}, 422),
        ("{held}", ["approve"], 422),
        (TWENTY_DIGITS, {"decision": "approve"}, 404),
        ("0", {"decision": "approve"}, 404),
        ("-1", {"decision": "approve"}, 404),
        ("abc", {"decision": "approve"}, 404),
        ("99999", {"decision": "approve"}, 404),
    ],
)
def test_bad_decisions_are_problems(token, held, path, body, status):
    response = call(Client(), "post", f"/moderation/comments/{path.format(held=held.pk)}/decisions", body, **token)
    assert_problem(response, status)
    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING and not AuditEntry.objects.exists()


def test_a_body_that_is_not_json_is_a_400(token, held):
    response = Client().post(
        f"{BASE}/moderation/comments/{held.pk}/decisions", data="{nope", content_type="application/json", **token
    )
    assert_problem(response, 400, "bad_request")


# ---------------------------------------------------------------------------------------------------------------
# Sanctions


def test_a_suspension_stops_the_members_token_at_once(token, moderator):
    colleague = a_moderator(display_name="Mod Colleague")
    theirs = bearer(colleague, Scope.MODERATE)
    assert call(Client(), "get", "/moderation/queues", **theirs).status_code == 200

    response = call(
        Client(),
        "post",
        f"/moderation/members/{colleague.pk}/sanctions",
        {"kind": "suspension", "reason": "Deciding their friends' comments", "days": 7},
        **token,
    )

    assert response.status_code == 201, response.data
    data = response.data
    sanction = Sanction.objects.get(member=colleague)
    assert data["id"] == sanction.pk and data["kind"] == "suspension" and data["member"]["id"] == colleague.pk
    assert data["reason"] == "Deciding their friends' comments" and data["created_by"]["id"] == moderator.pk
    assert data["ends_at"] and data["lifted_at"] is None
    assert_problem(call(Client(), "get", "/moderation/queues", **theirs), 401, "not_authenticated")
    assert AuditEntry.objects.filter(action=AuditAction.SUSPEND, member=colleague, actor=moderator).exists()


def test_a_ban_stops_a_members_token_at_once(token):
    member = MemberFactory()
    theirs = bearer(member, Scope.READ)
    # Their token works (it is only short of the scope) …
    assert_problem(call(Client(), "get", "/moderation/queues", **theirs), 403, "insufficient_scope")

    response = call(
        Client(), "post", f"/moderation/members/{member.pk}/sanctions", {"kind": "ban", "reason": "Threats"}, **token
    )

    assert response.status_code == 201 and response.data["kind"] == "ban" and response.data["ends_at"] is None
    # … and then does not.
    assert_problem(call(Client(), "get", "/moderation/queues", **theirs), 401, "not_authenticated")


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"kind": "suspension", "reason": "Rude"}, 422, "days_needed"),
        ({"kind": "suspension", "reason": "   ", "days": 3}, 422, "reason_needed"),
        ({"kind": "suspension", "reason": "\u200b", "days": 3}, 422, "reason_needed"),
        ({"kind": "ban"}, 422, "invalid"),
        ({"kind": "warning", "reason": "Rude"}, 422, "invalid"),
        ({"kind": "suspension", "reason": "Rude", "days": 0}, 422, "invalid"),
        ({"kind": "suspension", "reason": "Rude", "days": 3651}, 422, "invalid"),
        ({"kind": "suspension", "reason": "Rude", "days": int(TWENTY_DIGITS)}, 422, "invalid"),
        ({"kind": "suspension", "reason": "Rude\u0000", "days": 3}, 400, "bad_request"),
    ],
)
def test_bad_sanctions_are_problems(token, author, body, status, code):
    response = call(Client(), "post", f"/moderation/members/{author.pk}/sanctions", body, **token)
    assert_problem(response, status, code)
    assert not Sanction.objects.exists()


def test_a_sanction_on_nobody_is_not_found(token):
    body = {"kind": "ban", "reason": "Threats"}
    for member_id in ("99999", TWENTY_DIGITS, "0"):
        assert_problem(call(Client(), "post", f"/moderation/members/{member_id}/sanctions", body, **token), 404)


def test_the_sanctions_list_shows_those_in_force_and_lifting_ends_one(client, token, moderator):
    suspended, banned, forgiven = MemberFactory(), MemberFactory(), MemberFactory()
    by = a_moderator()
    suspension = member_sanction(member=suspended, kind=SanctionKind.SUSPENSION, reason="Rude", by=by, days=3)
    ban = member_sanction(member=banned, kind=SanctionKind.BAN, reason="Threats", by=by)
    lifted = member_sanction(member=forgiven, kind=SanctionKind.SUSPENSION, reason="Rude", by=by, days=3)
    ended = member_sanction(member=forgiven, kind=SanctionKind.SUSPENSION, reason="Old", by=by, days=1)
    Sanction.objects.filter(pk=ended.pk).update(ends_at=timezone.now() - timedelta(hours=1))
    theirs = bearer(suspended, Scope.READ)

    response = call(Client(), "delete", f"/moderation/sanctions/{lifted.pk}?reason=Apologised", **token)
    assert response.status_code == 200 and response.data["lifted_by"]["id"] == moderator.pk
    assert response.data["lift_reason"] == "Apologised" and response.data["lifted_at"]

    data = call(Client(), "get", "/moderation/sanctions", **token).data
    assert [item["id"] for item in data["items"]] == [ban.pk, suspension.pk] and data["count"] == 2
    assert call(Client(), "get", "/moderation/sanctions?kind=ban", **token).data["count"] == 1
    assert [
        i["id"] for i in call(Client(), "get", f"/moderation/sanctions?member={suspended.pk}", **token).data["items"]
    ] == [suspension.pk]

    # The reason in a body, from a session with its CSRF token.
    assert_problem(call(Client(), "get", "/moderation/queues", **theirs), 401)
    response = call(client, "delete", f"/moderation/sanctions/{suspension.pk}", {"reason": "Served enough"})
    assert response.status_code == 200 and response.data["lift_reason"] == "Served enough"
    assert_problem(call(Client(), "get", "/moderation/queues", **theirs), 403, "insufficient_scope")  # works again
    assert [e.reason for e in AuditEntry.objects.filter(action=AuditAction.LIFT).order_by("pk")] == [
        "Apologised",
        "Served enough",
    ]
    # Lifting a lifted one changes nothing.
    again = call(Client(), "delete", f"/moderation/sanctions/{suspension.pk}?reason=Again", **token)
    assert again.status_code == 200 and again.data["lift_reason"] == "Served enough"
    assert AuditEntry.objects.filter(action=AuditAction.LIFT).count() == 2
    assert_problem(call(Client(), "delete", "/moderation/sanctions/99999", **token), 404, "not_found")
    assert_problem(call(Client(), "delete", f"/moderation/sanctions/{TWENTY_DIGITS}", **token), 404, "not_found")


# ---------------------------------------------------------------------------------------------------------------
# Legal holds


def test_legal_holds_are_placed_listed_and_lifted_and_logged(token, moderator, published, held):
    response = call(
        Client(),
        "post",
        f"/moderation/comments/{published.pk}/legal-holds",
        {"reason": "Solicitor's letter ref 2026/114"},
        **token,
    )

    assert response.status_code == 201, response.data
    hold = LegalHold.objects.get(comment=published)
    assert response.data["id"] == hold.pk and response.data["comment"]["id"] == published.pk
    assert response.data["comment"]["author"]["id"] == published.author_id
    assert response.data["placed_by"]["id"] == moderator.pk and response.data["lifted_at"] is None
    other = legal_hold_place(comment=held, by=moderator, reason="Another complaint")

    data = call(Client(), "get", "/moderation/legal-holds", **token).data
    assert [item["id"] for item in data["items"]] == [other.pk, hold.pk]
    assert call(Client(), "get", f"/moderation/legal-holds?comment={held.pk}", **token).data["count"] == 1
    assert call(Client(), "get", f"/moderation/legal-holds?member={held.author_id}", **token).data["count"] == 2
    assert call(Client(), "get", f"/moderation/legal-holds?member={moderator.pk}", **token).data["count"] == 0

    response = call(Client(), "delete", f"/moderation/legal-holds/{hold.pk}", {"reason": "Settled"}, **token)

    assert response.status_code == 200 and response.data["lift_reason"] == "Settled"
    assert response.data["lifted_by"]["id"] == moderator.pk
    assert [item["id"] for item in call(Client(), "get", "/moderation/legal-holds", **token).data["items"]] == [
        other.pk
    ]
    log = call(Client(), "get", f"/moderation/audit?comment={published.pk}", **token).data["items"]
    assert [(e["action"], e["reason"]) for e in log] == [
        ("legal_hold_lift", "Settled"),
        ("legal_hold", "Solicitor's letter ref 2026/114"),
    ]


def test_bad_legal_holds_are_problems(token, published):
    for body, status, code in [
        ({}, 422, "invalid"),
        ({"reason": " \n "}, 422, "reason_needed"),
        ({"reason": 1}, 422, "invalid"),
    ]:
        response = call(Client(), "post", f"/moderation/comments/{published.pk}/legal-holds", body, **token)
        assert_problem(response, status, code)
    for comment_id in ("99999", TWENTY_DIGITS):
        response = call(Client(), "post", f"/moderation/comments/{comment_id}/legal-holds", {"reason": "x"}, **token)
        assert_problem(response, 404, "not_found")
    assert_problem(call(Client(), "delete", "/moderation/legal-holds/99999", **token), 404, "not_found")
    assert not LegalHold.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# The audit log


def test_the_audit_log_is_newest_first_and_filters_as_the_admin_does(client, token, moderator, held, published):
    second = a_moderator(display_name="Mod Second")
    decide(client, held, "approve")
    decide(Client(), published, "remove", bearer(second, Scope.MODERATE), reason="Rude")
    sanctioned = MemberFactory(display_name="Dr Sanctioned")
    member_sanction(member=sanctioned, kind=SanctionKind.BAN, reason="Threats", by=moderator)
    old = AuditEntry.objects.get(action=AuditAction.APPROVE)
    AuditEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))

    def actions(query=""):
        response = call(Client(), "get", f"/moderation/audit{query}", **token)
        assert response.status_code == 200, response.data
        return [entry["action"] for entry in response.data["items"]]

    assert actions() == ["ban", "remove", "approve"]
    assert actions("?action=remove") == ["remove"]
    assert actions(f"?actor={second.pk}") == ["remove"]
    assert actions(f"?member={sanctioned.pk}") == ["ban"]
    assert actions("?member=Sanctioned") == ["ban"]
    assert actions(f"?article={held.article_id}") == ["remove", "approve"]
    assert actions(f"?comment={held.pk}") == ["approve"]
    today = timezone.localdate()
    assert actions(f"?date_from={today - timedelta(days=1)}") == ["ban", "remove"]
    assert actions(f"?date_to={today - timedelta(days=29)}") == ["approve"]
    assert actions("?date_from=0001-01-01&date_to=9999-12-31") == ["ban", "remove", "approve"]
    assert actions("?page=2&page_size=2") == ["approve"]
    entry = call(Client(), "get", "/moderation/audit?action=ban", **token).data["items"][0]
    assert entry["actor"]["display_name"] == "Mod Ruth" and entry["member"]["display_name"] == "Dr Sanctioned"
    assert entry["action_label"] == "Banned a member" and entry["reason"] == "Threats"
    assert entry["comment_id"] is None and isinstance(entry["detail"], dict)


def test_the_system_and_deleted_comments_keep_their_place_in_the_log(token, article, author):
    comment = make_comments(article, 1, author=author)[0]
    AuditEntry.objects.create(
        action=AuditAction.HIDE, comment=comment, member=author, detail={"comment_id": comment.pk}
    )
    Comment.objects.filter(pk=comment.pk).delete()

    entry = call(Client(), "get", "/moderation/audit", **token).data["items"][0]

    assert entry["actor"] is None and entry["action"] == "hide" and entry["comment_id"] == comment.pk
