"""Legal holds keep a comment and its author's contact details through account deletion."""

import pytest
from django.contrib.auth.models import Group

from auscult.comments.models import CommentSettings, OnAccountDeletion
from auscult.comments.tests.factories import make_comments
from auscult.members.services import member_delete_account
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import AuditAction, AuditEntry, LegalHold
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_hold_survives_deletion_until_lifted(client):
    moderator = MemberFactory(is_staff=True, display_name="Mod Legal")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    CommentSettings.objects.update_or_create(defaults={"on_account_deletion": OnAccountDeletion.REMOVE})
    author = MemberFactory(email="writer@example.com", full_name="Wyn Writer")
    held, other = make_comments(ArticlePageFactory(), 2, author=author)

    client.post(f"/admin/moderation/members/{author.pk}/comments/{held.pk}/hold/", {"reason": "Complaint ref 42"})
    assert AuditEntry.objects.filter(action=AuditAction.LEGAL_HOLD, comment=held).exists()

    member_delete_account(member=author)

    author.refresh_from_db()
    held.refresh_from_db()
    other.refresh_from_db()
    assert author.is_deleted and author.public_name == "Deleted member"
    assert (author.email, author.full_name) == ("writer@example.com", "Wyn Writer")
    assert held.body == "Comment number 1" and held.status == "published"
    assert other.body == "" and other.status == "deleted"

    hold = LegalHold.objects.get()
    client.post(f"/admin/moderation/members/{author.pk}/holds/{hold.pk}/lift/")

    author.refresh_from_db()
    assert (author.email, author.full_name) == ("", "")
    assert AuditEntry.objects.filter(action=AuditAction.LEGAL_HOLD_LIFT, comment=held).exists()
