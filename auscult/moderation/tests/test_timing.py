"""Waiting times: shown to members on pre-moderated articles and to editors per moderator and day."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from auscult.comments.models import Comment
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.decisions import comment_decide
from auscult.moderation.models import CommentMode
from auscult.moderation.services import comment_mode_set
from auscult.moderation.timing import percentile
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def held_for(article, minutes):
    return Comment.objects.create(
        article_id=article.pk,
        author=MemberFactory(),
        body="Waiting",
        created_at=timezone.now() - timedelta(minutes=minutes),
    )


def test_members_see_the_typical_wait_and_editors_the_figures(client):
    article = ArticlePageFactory()
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    ada, ben = (
        MemberFactory(display_name="Mod Ada", groups=["Moderators"]),
        MemberFactory(display_name="Mod Ben", groups=["Moderators"]),
    )
    for minutes in (10, 20, 30):
        comment_decide(comment=held_for(article, minutes), moderator=ada, decision="approve", seen_status="pending")
    comment_decide(comment=held_for(article, 120), moderator=ben, decision="reject", reason="No", seen_status="pending")

    client.force_login(MemberFactory())
    assert "The typical wait this week is about 25 minutes." in client.get(article.url).content.decode()

    editor = MemberFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page = client.get("/admin/moderation/timing/").content.decode()
    assert "Mod Ada" in page and "Mod Ben" in page
    assert "<td>Mod Ada</td><td>3</td><td>20 min</td><td>30 min</td>" in page.replace("\n", "").replace("  ", "")


def test_percentile_is_nearest_rank():
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([5], 0.9) == 5
