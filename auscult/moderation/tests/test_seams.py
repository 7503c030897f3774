"""The seams moderation fills for the apps below it (auscult/core/seams.py): filled, each one is moderation's
answer; left empty, each gives the cautious answer, and the system check names it."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from auscult.comments import errors, screening
from auscult.comments.models import Comment, CommentSettings, CommentStatus, OnAccountDeletion
from auscult.comments.services import comment_post
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import COMMAND
from auscult.core.errors import Refused
from auscult.core.seams import every_seam
from auscult.members import access
from auscult.members.services import member_delete_account
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import CommentMode, ModerationRules
from auscult.moderation.services import comment_mode_set
from auscult.moderation.surge import SURGE_NOTE
from auscult.publishing import engagement
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory(title="Seams article")


def test_every_seam_is_filled_and_the_checks_pass():
    assert [seam.name for seam in every_seam() if not seam.filled] == []

    call_command("check")


def test_an_empty_seam_stops_the_checks_with_its_name():
    with screening.assess.emptied(), pytest.raises(SystemCheckError) as refused:
        call_command("check")

    assert "auscult.E002" in str(refused.value) and "comments.screening.assess" in str(refused.value)


def test_without_a_moderation_policy_every_comment_waits_for_review(article):
    with screening.assess.emptied():
        comment = comment_post(article=article, author=MemberFactory(), body="Nothing wrong with this at all.")

    assert comment.status == CommentStatus.PENDING and comment.held_reason == screening.UNSCREENED


def test_moderation_refuses_a_closed_article_through_the_seam_with_its_code(article):
    comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)
    member = MemberFactory()

    with pytest.raises(Refused) as refused:
        comment_post(article=article, author=member, body="Too late?")

    assert refused.value.code == errors.CLOSED and refused.value.message == "Comments are closed on this article."
    assert not Comment.objects.filter(author=member).exists()


def test_a_banned_word_is_refused_by_rule(article):
    ModerationRules.objects.update_or_create(defaults={"banned_words": "idiot"})

    with pytest.raises(Refused) as refused:
        comment_post(article=article, author=MemberFactory(), body="What an idiot.")

    assert refused.value.code == errors.REFUSED_BY_RULE


def test_without_moderation_an_article_shows_as_pre_moderated(client, article):
    client.force_login(MemberFactory())
    with screening.comment_mode.emptied(), screening.typical_wait.emptied():
        page = client.get(article.url).content.decode()

    assert "checked by a moderator before they appear" in page


def test_without_the_legal_hold_check_erasing_a_member_keeps_every_comment(article):
    CommentSettings.objects.update_or_create(defaults={"on_account_deletion": OnAccountDeletion.REMOVE})
    author = MemberFactory()
    first, second = make_comments(article, 2, author=author)

    with screening.held_comment_ids.emptied():
        member_delete_account(member=author)

    assert sorted(Comment.objects.filter(author=author).values_list("body", flat=True)) == [
        first.body,
        second.body,
    ]


def test_with_moderation_erasing_a_member_removes_their_comments(article):
    CommentSettings.objects.update_or_create(defaults={"on_account_deletion": OnAccountDeletion.REMOVE})
    author = MemberFactory()
    make_comments(article, 2, author=author)

    member_delete_account(member=author)

    assert list(Comment.objects.filter(author=author).values_list("body", flat=True)) == ["", ""]


def test_without_the_sanctions_check_nobody_may_take_part(client, article):
    member = MemberFactory()
    client.force_login(member)
    with access.active_sanction.emptied():
        permission = access.may_comment(member)
        page = client.get(article.url).content.decode()

    assert not permission.allowed and permission.standing == access.Standing.UNKNOWN
    assert access.REASONS[access.Standing.UNKNOWN] in page
    assert access.may_comment(member).allowed


def test_the_surge_note_and_the_comment_mode_reach_publishing_through_its_seams(article):
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    article.comment_policy.surge_triggered_at = article.first_published_at
    article.comment_policy.save()

    assert engagement.article_note(article) == SURGE_NOTE
    assert engagement.comment_mode_of(article) == CommentMode.PREMODERATED
    assert dict(engagement.comment_modes()) == dict(CommentMode.choices)
    with engagement.article_note.emptied(), engagement.comment_modes.emptied():
        assert engagement.article_note(article) == ""
        assert engagement.comment_modes() == []
