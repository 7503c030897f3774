"""A member's page in the workspace and its four actions, one small view each: suspend or ban, lift a
sanction, place a legal hold, lift one. Done, each goes back to the page with what happened; refused by its
form or by the service, each shows the page again with the reason, never an error page."""

import pytest

from auscult.comments.tests.factories import make_comments
from auscult.core.errors import NotPermitted, Refused
from auscult.members.tests.factories import MemberFactory
from auscult.moderation import admin_views
from auscult.moderation.legal_holds import legal_hold_place
from auscult.moderation.models import AuditEntry, LegalHold, Sanction, SanctionKind
from auscult.moderation.sanctions import member_sanction
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

REFUSAL = "The service says no, and why."


@pytest.fixture
def member(moderator):
    """A member with a comment, a suspension in force and a comment under a legal hold."""
    target = MemberFactory(display_name="Dr Hothead")
    comment, held = make_comments(ArticlePageFactory(), 2, author=target)
    target.comment = comment
    target.sanction = member_sanction(member=target, kind=SanctionKind.SUSPENSION, reason="Rude", by=moderator, days=3)
    target.hold = legal_hold_place(comment=held, by=moderator, reason="Complaint ref 7")
    return target


# Each action: its URL, a valid submission, the service the view calls (by its name in admin_views), and
# what it changes.
ACTIONS = {
    "sanction": (
        lambda m: f"/admin/moderation/members/{m.pk}/sanction/",
        {"kind": SanctionKind.BAN, "reason": "Threats to a colleague"},
        "member_sanction",
    ),
    "sanction lift": (
        lambda m: f"/admin/moderation/members/{m.pk}/sanctions/{m.sanction.pk}/lift/",
        {"reason": "Appeal upheld"},
        "sanction_lift",
    ),
    "legal hold": (
        lambda m: f"/admin/moderation/members/{m.pk}/comments/{m.comment.pk}/hold/",
        {"reason": "Complaint ref 8"},
        "legal_hold_place",
    ),
    "legal hold lift": (
        lambda m: f"/admin/moderation/members/{m.pk}/holds/{m.hold.pk}/lift/",
        {"reason": "Complaint withdrawn"},
        "legal_hold_lift",
    ),
}
DONE = {
    "sanction": "Dr Hothead has been banned.",
    "sanction lift": "Lifted the suspension of Dr Hothead.",
    "legal hold": "is under a legal hold.",
    "legal hold lift": "was lifted.",
}


def state():
    return (
        list(Sanction.objects.values_list("pk", "lifted_at")),
        list(LegalHold.objects.values_list("pk", "lifted_at")),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_is_done_and_said(client, member, action):
    url, data, _service = ACTIONS[action]
    before = state()

    response = client.post(url(member), data, follow=True)

    assert response.redirect_chain == [(f"/admin/moderation/members/{member.pk}/", 302)]
    assert DONE[action] in response.content.decode()
    assert state() != before


@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_answers_a_refusal_with_its_message(client, member, action, monkeypatch):
    url, data, service = ACTIONS[action]

    def refuse(**kwargs):
        raise Refused("refused_for_the_test", REFUSAL)

    monkeypatch.setattr(admin_views, service, refuse)
    before = state()

    response = client.post(url(member), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert REFUSAL in page and "Dr Hothead" in page
    assert state() == before


@pytest.mark.parametrize("action", ACTIONS)
def test_a_permission_refused_by_the_service_is_the_admins_refusal(client, member, action, monkeypatch):
    """Only if the moderator lost the right between the view's check and the service's: Wagtail's answer."""
    url, data, service = ACTIONS[action]

    def refuse(**kwargs):
        raise NotPermitted("Only moderators can do this.")

    monkeypatch.setattr(admin_views, service, refuse)

    response = client.post(url(member), data)

    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_a_legal_hold_needs_a_reason(client, member):
    url, _data, _service = ACTIONS["legal hold"]

    response = client.post(url(member), {"reason": "\u200b \u202e"})

    assert response.status_code == 200
    assert "Give the reason for the legal hold" in response.content.decode()
    assert LegalHold.objects.count() == 1


def test_an_action_on_someone_elses_comment_sanction_or_hold_is_not_found(client, member, moderator):
    other = MemberFactory()
    for action in ("sanction lift", "legal hold", "legal hold lift"):
        url, data, _service = ACTIONS[action]
        wrong = url(member).replace(f"/members/{member.pk}/", f"/members/{other.pk}/")

        assert client.post(wrong, data).status_code == 404, action


def test_the_actions_take_a_post_only(client, member):
    for url, _data, _service in ACTIONS.values():
        assert client.get(url(member)).status_code == 405


def test_the_page_shows_the_forms_of_each_action(client, member):
    page = client.get(f"/admin/moderation/members/{member.pk}/").content.decode()

    for action, (url, _data, _service) in ACTIONS.items():
        assert f'action="{url(member)}"' in page, action
