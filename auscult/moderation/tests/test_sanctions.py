"""Suspending and banning members, what they see, re-registration, lifting, the audit log."""

import json

import pytest

from auscult.comments.models import Comment
from auscult.comments.services import comment_report
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import AuditAction, AuditEntry, BannedIdentity, Sanction
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_suspended_member_sees_why_and_until_when(client, moderator):
    member = MemberFactory(display_name="Dr Hothead")
    article = ArticlePageFactory()

    response = client.post(
        f"/admin/moderation/members/{member.pk}/sanction/",
        {"kind": "suspension", "days": "7", "reason": "Repeated personal attacks"},
    )

    assert response.status_code == 302
    sanction = Sanction.objects.get(member=member)
    assert AuditEntry.objects.filter(action=AuditAction.SUSPEND, member=member, actor=moderator).exists()
    client.force_login(member)
    page = client.get(article.url).content.decode()
    assert "You are suspended until" in page and "Repeated personal attacks" in page
    assert 'name="body"' not in page
    response = client.post(f"/articles/{article.pk}/comments/post/", {"body": "Let me speak"})
    assert not Comment.objects.filter(author=member).exists()

    client.force_login(moderator)
    client.post(f"/admin/moderation/members/{member.pk}/sanctions/{sanction.pk}/lift/", {"reason": "Apologised"})
    assert AuditEntry.objects.filter(action=AuditAction.LIFT, member=member).exists()
    client.force_login(member)
    assert 'name="body"' in client.get(article.url).content.decode()


def test_banned_member_cannot_register_again(client, moderator):
    member = MemberFactory(email="banned@example.com", regulator="gmc", registration_number="3141592")

    client.post(f"/admin/moderation/members/{member.pk}/sanction/", {"kind": "ban", "reason": "Threats"})

    digests = list(BannedIdentity.objects.values_list("digest", flat=True))
    assert len(digests) == 2
    assert all("3141592" not in d and "banned@example.com" not in d for d in digests)
    # The banned member deletes their account (erasing their e-mail and number) and tries again.
    from auscult.members.services import member_delete_account

    member_delete_account(member=member)
    client.logout()
    form = {
        "email": "BANNED@example.com",
        "password1": "another-long-pass-1",
        "password2": "another-long-pass-1",
        "full_name": "New Person",
        "display_name": "Dr Fresh Start",
        "profession": "gp",
        "regulator": "gmc",
        "registration_number": "3141592",
    }
    page = client.post("/accounts/signup/", form).content.decode()
    assert "This e-mail address cannot be used to register" in page
    page = client.post("/accounts/signup/", {**form, "email": "other@example.com"}).content.decode()
    assert "This number cannot be used to register" in page


def test_suspension_needs_a_reason_and_a_length(client, moderator):
    member = MemberFactory()

    response = client.post(f"/admin/moderation/members/{member.pk}/sanction/", {"kind": "suspension", "reason": ""})

    assert response.status_code == 200 and not Sanction.objects.exists()
    page = response.content.decode()
    assert "This field is required." in page and "Say how many days the suspension lasts." in page


def test_export_includes_reports_decisions_and_sanctions_about_the_member(client, moderator):
    from auscult.moderation.decisions import comment_decide
    from auscult.moderation.sanctions import member_sanction

    member = MemberFactory()
    article = ArticlePageFactory()
    comment = make_comments(article, 1, author=member)[0]
    reporter = MemberFactory(display_name="Dr Secret Reporter")
    comment_report(comment=comment, reporter=reporter, reason="offensive")
    comment_decide(comment=comment, moderator=moderator, decision="remove", reason="Offensive remark")
    member_sanction(member=member, kind="suspension", reason="Cooling off", by=moderator, days=3)
    client.force_login(member)

    document = json.loads(client.get("/account/data/?download=1").content)

    moderation = document["moderation"]
    assert moderation["reports_about_your_comments"][0]["reason"] == "Offensive"
    assert any(d["reason"] == "Offensive remark" for d in moderation["decisions_about_you"])
    assert moderation["sanctions"][0]["reason"] == "Cooling off"
    assert "Dr Secret Reporter" not in json.dumps(document)
