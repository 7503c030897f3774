"""Surge protection: a spike switches an open article to pre-moderation, logged, editors told."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from auscult.comments.models import CommentSettings, CommentStatus
from auscult.comments.services import comment_post
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import AuditAction, AuditEntry, CommentMode, CommentPolicy, ModerationSettings
from auscult.moderation.selectors import comment_mode_for
from auscult.moderation.services import comment_mode_set
from auscult.moderation.surge import SURGE_NOTE
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_article():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    settings = ModerationSettings.load()
    settings.surge_comments = 4
    settings.save()
    editor = MemberFactory(email="editor@example.com", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return ArticlePageFactory(title="Pay offer row")


def test_a_surge_switches_the_article_and_tells_the_editors(client, busy_article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            comment_post(article=busy_article, author=MemberFactory(), body=f"Comment {n}")

    assert comment_mode_for(busy_article) == CommentMode.PREMODERATED
    statuses = list(busy_article.comments.order_by("created_at").values_list("status", flat=True))
    assert statuses[:5] == [CommentStatus.PUBLISHED] * 5 and statuses[5] == CommentStatus.PENDING
    entry = AuditEntry.objects.get(action=AuditAction.MODE_CHANGE)
    assert entry.actor is None and "Surge protection: 5 comments" in entry.reason
    assert mail.outbox[-1].to == ["editor@example.com"] and "surge protection" in mail.outbox[-1].subject
    page = client.get(busy_article.url).content.decode()
    assert SURGE_NOTE in page

    # A later publish of the page does not undo it: the mode is outside revisions.
    busy_article.save_revision().publish()
    assert comment_mode_for(busy_article) == CommentMode.PREMODERATED

    # An editor switches it back; the note goes and the change is logged with their name.
    editor = MemberFactory(groups=["Editors"])
    comment_mode_set(article=busy_article, mode=CommentMode.OPEN, by=editor)
    assert CommentPolicy.objects.get(article=busy_article).surge_triggered_at is None
    assert SURGE_NOTE not in client.get(busy_article.url).content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.MODE_CHANGE, actor=editor).exists()


def test_surge_can_be_switched_off(busy_article):
    settings = ModerationSettings.load()
    settings.surge_enabled = False
    settings.save()

    for n in range(6):
        comment_post(article=busy_article, author=MemberFactory(), body=f"Comment {n}")

    assert comment_mode_for(busy_article) == CommentMode.OPEN


def test_moderators_digest_of_queue_sizes():
    from io import StringIO

    from django.core.management import call_command

    moderator = MemberFactory(email="mod@example.com", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    article = ArticlePageFactory()
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    comment_post(article=article, author=MemberFactory(), body="Waiting for you")

    call_command("moderation_digest", stdout=StringIO())

    assert mail.outbox[-1].to == ["mod@example.com"]
    assert "Held comments waiting: 1" in mail.outbox[-1].body
