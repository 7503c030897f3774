"""Staff approval of registrations, and the roles that may do it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from auscult.members.access import Standing, may_comment, standing_of
from auscult.members.models import Approval, MemberLevel, MembershipSettings, VerificationEvent

from .factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval_required():
    settings = MembershipSettings.load()
    settings.require_staff_approval = True
    settings.save()
    return settings


def test_confirmed_member_waits_for_approval_when_the_setting_asks(approval_required):
    member = MemberFactory()

    assert standing_of(member) == Standing.AWAITING_APPROVAL
    assert not may_comment(member).allowed
    assert "waiting for approval" in may_comment(member).reason


def test_what_each_state_may_do_is_a_setting(approval_required):
    member = MemberFactory()
    approval_required.may_comment = MemberLevel.CONFIRMED
    approval_required.save()

    assert may_comment(member).allowed


def test_moderator_sees_the_queue_and_approves(
    client, moderator, approval_required, django_capture_on_commit_callbacks
):
    member = MemberFactory(display_name="Dr New Joiner", full_name="Nadia Joiner", registration_number="2468024")
    MemberFactory(email_verified_at=None, display_name="Dr Unconfirmed")

    queue = client.get("/admin/registrations/")
    page = queue.content.decode()
    assert queue.status_code == 200
    assert "Dr New Joiner" in page and "Nadia Joiner" in page and "2468024" in page and "GP" in page
    assert "Dr Unconfirmed" not in page
    assert "Registrations (1)" in client.get("/admin/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/registrations/{member.pk}/decide/", {"decision": "approve"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.approval == Approval.APPROVED and member.approval_decided_by == moderator
    assert standing_of(member) == Standing.VERIFIED
    event = member.verification_events.get(kind=VerificationEvent.Kind.APPROVED)
    assert event.actor == moderator and event.created_at
    assert mail.outbox[-1].to == [member.email] and "approved" in mail.outbox[-1].subject


def test_decline_needs_a_reason_which_the_member_is_told(
    client, moderator, approval_required, django_capture_on_commit_callbacks
):
    member = MemberFactory()

    client.post(f"/admin/registrations/{member.pk}/decide/", {"decision": "decline", "reason": ""})
    member.refresh_from_db()
    assert member.approval == Approval.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/registrations/{member.pk}/decide/", {"decision": "decline", "reason": "Number not found"})

    member.refresh_from_db()
    assert member.approval == Approval.DECLINED and member.approval_note == "Number not found"
    assert "Number not found" in mail.outbox[-1].body
    assert standing_of(member) == Standing.DECLINED


def test_second_decision_is_refused_and_names_the_first(client, moderator, approval_required):
    member = MemberFactory()
    first = MemberFactory(display_name="Mod Fred", groups=["Moderators"])
    from auscult.members.services import member_decide_approval

    member_decide_approval(member=member, by=first, approve=True)

    response = client.post(f"/admin/registrations/{member.pk}/decide/", {"decision": "approve"}, follow=True)

    assert "already approved by Mod Fred" in response.content.decode()
    assert member.verification_events.filter(kind=VerificationEvent.Kind.APPROVED).count() == 1


def test_members_cannot_approve(client, approval_required):
    member = MemberFactory()
    client.force_login(MemberFactory())

    assert client.post(f"/admin/registrations/{member.pk}/decide/", {"decision": "approve"}).status_code in (302, 403)
    member.refresh_from_db()
    assert member.approval == Approval.PENDING


def test_staff_grant_and_revoke_the_moderator_role(client):
    admin = MemberFactory(is_staff=True, is_superuser=True, display_name="Site Owner")
    member = MemberFactory(display_name="Future Mod")
    client.force_login(admin)
    edit = f"/admin/users/edit/{member.pk}/"
    moderators = Group.objects.get(name="Moderators")

    page = client.get(edit)
    assert page.status_code == 200

    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    data.setlist("groups", [str(moderators.pk)])
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert member.groups.filter(name="Moderators").exists()

    data.setlist("groups", [])
    client.post(edit, data)
    assert not member.groups.filter(name="Moderators").exists()


def test_moderators_do_not_publish_pages():
    from wagtail.models import GroupPagePermission

    assert not GroupPagePermission.objects.filter(group__name="Moderators").exists()
    assert GroupPagePermission.objects.filter(group__name="Editors", permission__codename="publish_page").exists()
