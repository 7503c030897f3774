"""A member's comments and reports in their data export; what account deletion does to them."""

import json

import pytest

from auscult.comments.models import (
    ArticleCommentStats,
    Comment,
    CommentSettings,
    CommentStatus,
    OnAccountDeletion,
    ReportReason,
)
from auscult.comments.services import comment_edit, comment_post, comment_report
from auscult.members.services import member_delete_account
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    article = ArticlePageFactory(title="Workforce plan")
    member = MemberFactory(display_name="Dr Export Me")
    other = MemberFactory(display_name="Dr Someone Else")
    mine = comment_post(article=article, author=member, body="My first thought")
    comment_edit(comment=mine, author=member, body="My second thought")
    theirs = comment_post(article=article, author=other, body="Their private words")
    comment_report(comment=theirs, reporter=member, reason=ReportReason.SPAM)
    reply = comment_post(article=article, author=other, body="A reply to you", parent=mine)
    return article, member, other, mine, reply


def test_export_has_comments_with_history_and_reports(client, setup):
    article, member, other, mine, reply = setup
    client.force_login(member)

    document = json.loads(client.get("/account/data/?download=1").content)

    comments = document["comments"]["comments"]
    assert [c["text"] for c in comments] == ["My second thought"]
    assert comments[0]["earlier_versions"][0]["text"] == "My first thought"
    assert document["comments"]["reports_made"][0]["reason"] == "Spam"
    assert "Their private words" not in json.dumps(document)
    assert "A reply to you" not in json.dumps(document)


def test_deletion_keeps_comments_as_deleted_member_by_default(client, setup):
    article, member, other, mine, reply = setup

    member_delete_account(member=member)

    mine.refresh_from_db()
    assert mine.status == CommentStatus.PUBLISHED and mine.body == "My second thought"
    content = client.get(article.url).content.decode()
    assert "Deleted member" in content and "Dr Export Me" not in content


def test_deletion_can_remove_comments_keeping_replies_readable(client, setup):
    article, member, other, mine, reply = setup
    CommentSettings.objects.update(on_account_deletion=OnAccountDeletion.REMOVE)

    member_delete_account(member=member)

    mine.refresh_from_db()
    assert mine.status == CommentStatus.DELETED and mine.body == ""
    assert not mine.revisions.exists()
    content = client.get(article.url).content.decode()
    assert "My second thought" not in content and "A reply to you" in content
    assert ArticleCommentStats.objects.get(article_id=article.pk).published_count == 2
    assert Comment.objects.filter(author=member).exists()
