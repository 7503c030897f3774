"""The reported queue's order: a comment reports have hidden, by a member with a long clean record, comes
first (hiding it silenced someone who has earned a prompt look); everything else stays oldest first."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

from auscult.comments.models import CommentStatus, Report
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import Sanction, SanctionKind
from auscult.moderation.queues import TRUSTED_AUTHOR_COMMENTS
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def reported(article, author, *, status=CommentStatus.PUBLISHED, hours_ago):
    comment = make_comments(article, 1, author=author, status=status, start=timezone.now() - timedelta(hours=hours_ago))
    Report.objects.create(comment=comment[0], reporter=MemberFactory(), reason="offensive")
    return comment[0]


def queue_order(client):
    page = html.fromstring(client.get("/admin/moderation/queue/reported/").content)
    return [int(pk) for pk in page.xpath('//li[@class="mod-item"]/@data-comment')]


def test_a_hidden_comment_by_a_trusted_member_goes_to_the_top(client, moderator):
    article = ArticlePageFactory()
    trusted = MemberFactory(display_name="Dr Long Standing")
    make_comments(ArticlePageFactory(), TRUSTED_AUTHOR_COMMENTS, author=trusted)
    sanctioned = MemberFactory(display_name="Dr Once Suspended")
    make_comments(ArticlePageFactory(), TRUSTED_AUTHOR_COMMENTS, author=sanctioned)
    Sanction.objects.create(
        member=sanctioned,
        kind=SanctionKind.SUSPENSION,
        reason="Abuse",
        starts_at=timezone.now() - timedelta(days=90),
        ends_at=timezone.now() - timedelta(days=83),
    )
    newcomer = MemberFactory(display_name="Dr New Here")

    oldest = reported(article, newcomer, hours_ago=5)
    hidden_newcomer = reported(article, newcomer, status=CommentStatus.HIDDEN, hours_ago=4)
    hidden_sanctioned = reported(article, sanctioned, status=CommentStatus.HIDDEN, hours_ago=3)
    shown_trusted = reported(article, trusted, hours_ago=2)
    hidden_trusted = reported(article, trusted, status=CommentStatus.HIDDEN, hours_ago=1)

    assert queue_order(client) == [
        hidden_trusted.pk,
        oldest.pk,
        hidden_newcomer.pk,
        hidden_sanctioned.pk,
        shown_trusted.pk,
    ]


def test_just_short_of_trusted_keeps_its_place(client, moderator):
    article = ArticlePageFactory()
    almost = MemberFactory(display_name="Dr Nearly There")
    make_comments(ArticlePageFactory(), TRUSTED_AUTHOR_COMMENTS - 1, author=almost)
    older = reported(article, MemberFactory(), hours_ago=2)
    hidden = reported(article, almost, status=CommentStatus.HIDDEN, hours_ago=1)

    assert queue_order(client) == [older.pk, hidden.pk]
