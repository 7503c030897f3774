"""Safeguards around decisions, reports, holds and surges that a careless path could undo."""

import pytest
from wagtail.models import PageViewRestriction

from auscult.comments.models import Comment, CommentSettings, CommentStatus, FeaturedComment, OnAccountDeletion
from auscult.comments.services import comment_edit, comment_post, comment_report
from auscult.comments.tests.factories import established_member, make_comments
from auscult.core.actors import COMMAND
from auscult.core.errors import Refused
from auscult.members.services import member_delete_account
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.decisions import comment_decide, version_of
from auscult.moderation.legal_holds import legal_hold_lift, legal_hold_place
from auscult.moderation.models import AuditEntry, CommentMode, ModerationSettings
from auscult.moderation.selectors import comment_mode_for
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_only_members_who_may_take_part_can_report():
    comment = make_comments(ArticlePageFactory(), 1, author=MemberFactory())[0]

    with pytest.raises(Refused) as refused:
        comment_report(comment=comment, reporter=MemberFactory(email_verified_at=None), reason="spam")

    assert "Confirm your e-mail address" in refused.value.message
    assert not comment.reports.exists()


def test_a_kept_comment_is_not_hidden_again_by_one_more_report(moderator):
    comment = make_comments(ArticlePageFactory(), 1, author=MemberFactory())[0]
    for _ in range(3):
        comment_report(comment=comment, reporter=established_member(), reason="offensive")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    comment_decide(comment=comment, moderator=moderator, decision="approve", seen_status="hidden")

    comment_report(comment=comment, reporter=established_member(), reason="offensive")

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED


def test_keeping_twice_is_refused(moderator):
    comment = make_comments(ArticlePageFactory(), 1, author=MemberFactory())[0]
    comment_report(comment=comment, reporter=MemberFactory(), reason="spam")
    comment_decide(comment=comment, moderator=moderator, decision="approve", seen_status="published")

    with pytest.raises(Refused, match="already decided"):
        comment_decide(
            comment=comment, moderator=MemberFactory(groups=["Moderators"]), decision="approve", seen_status="published"
        )
    assert AuditEntry.objects.filter(comment=comment).count() == 1


def test_approving_text_edited_since_the_queue_was_opened_is_refused(moderator):
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    article = ArticlePageFactory()
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    author = MemberFactory()
    comment = comment_post(article=article, author=author, body="Polite words")
    seen = version_of(comment)
    comment_edit(comment=comment, author=author, body="Something nastier")

    with pytest.raises(Refused, match="edited by its author"):
        comment_decide(comment=comment, moderator=moderator, decision="approve", seen_version=seen)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_article_with_moderated_comments_can_be_deleted_unless_a_legal_hold_protects_it(client, moderator):
    editor = MemberFactory(is_staff=True, is_superuser=True)
    article = ArticlePageFactory()
    first, second = make_comments(article, 2, author=MemberFactory())
    comment_decide(comment=first, moderator=moderator, decision="remove", reason="Rude", seen_status="published")
    hold = legal_hold_place(comment=second, by=moderator, reason="Complaint 7")
    client.force_login(editor)

    response = client.post(f"/admin/pages/{article.pk}/delete/", follow=True)
    assert "under a legal hold" in response.content.decode()
    assert Comment.objects.filter(pk=second.pk).exists()

    legal_hold_lift(hold=hold, by=moderator)
    client.post(f"/admin/pages/{article.pk}/delete/")

    assert not Comment.objects.filter(article_id=article.pk).exists()
    entry = AuditEntry.objects.get(action="remove")
    assert entry.comment is None and entry.detail["comment_id"] == first.pk


def test_lifting_a_hold_after_deletion_applies_the_deletion_setting(moderator):
    CommentSettings.objects.update_or_create(defaults={"on_account_deletion": OnAccountDeletion.REMOVE})
    author = MemberFactory()
    comment = make_comments(ArticlePageFactory(), 1, author=author)[0]
    hold = legal_hold_place(comment=comment, by=moderator, reason="Complaint")
    member_delete_account(member=author)

    legal_hold_lift(hold=hold, by=moderator)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED and comment.body == ""


def test_surge_does_not_undo_an_editors_decision_at_once():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    settings = ModerationSettings.load()
    settings.surge_comments = 3
    settings.save()
    article = ArticlePageFactory()
    for n in range(5):
        comment_post(article=article, author=MemberFactory(), body=f"Busy {n}")
    assert comment_mode_for(article) == CommentMode.PREMODERATED

    comment_mode_set(article=article, mode=CommentMode.OPEN, by=MemberFactory(groups=["Editors"]))
    comment_post(article=article, author=MemberFactory(), body="After the editor reopened it")

    assert comment_mode_for(article) == CommentMode.OPEN


def test_decision_redirects_only_within_the_site(client, moderator):
    comment = make_comments(ArticlePageFactory(), 1, author=MemberFactory())[0]

    response = client.post(
        "/admin/moderation/decide/",
        {"comment_id": comment.pk, "decision": "remove", "reason": "x", "next": "https://evil.example/"},
    )

    assert response["Location"] == "/admin/moderation/"


def test_reason_templates_are_editable_in_the_admin(client, moderator):
    assert client.get("/admin/snippets/moderation/reasontemplate/add/").status_code == 200


def test_reply_to_a_hidden_comment_does_not_name_its_author(client):
    article = ArticlePageFactory()
    parent = make_comments(article, 1, author=MemberFactory(display_name="Dr Hidden Name"))[0]
    make_comments(article, 1, author=MemberFactory(), parent=parent)
    from auscult.comments.services import comment_set_status

    comment_set_status(comment=parent, status=CommentStatus.HIDDEN)

    page = client.get(article.url).content.decode()
    assert "Dr Hidden Name" not in page and "in reply to" in page


def test_comments_of_a_restricted_article_stay_private(client):
    article = ArticlePageFactory()
    comment = make_comments(article, 1, author=MemberFactory())[0]
    PageViewRestriction.objects.create(page=article, restriction_type="password", password="s3cret")

    assert client.get(f"/articles/{article.pk}/comments/", HTTP_HX_REQUEST="true").status_code == 404
    assert client.get(f"/comments/{comment.pk}/").status_code == 404


def test_featured_comment_from_an_unpublished_article_disappears(client):
    source = ArticlePageFactory(title="Soon withdrawn")
    comment = make_comments(source, 1, author=MemberFactory())[0]
    article = ArticlePageFactory()
    FeaturedComment.objects.create(article_id=article.pk, comment=comment)
    source.unpublish()

    assert "Soon withdrawn" not in client.get(article.url).content.decode()


def test_banned_member_cannot_edit(moderator):
    from auscult.moderation.sanctions import member_sanction

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    author = MemberFactory()
    comment = comment_post(article=ArticlePageFactory(), author=author, body="Before the ban")
    member_sanction(member=author, kind="ban", reason="Threats", by=moderator)

    with pytest.raises(Refused, match="banned"):
        comment_edit(comment=comment, author=author, body="After the ban")


def test_rule_changes_name_who_made_them(client):
    admin = MemberFactory(is_staff=True, is_superuser=True, display_name="Site Owner")
    client.force_login(admin)
    from auscult.moderation.models import ModerationRules

    rules = ModerationRules.load()
    page = client.get(f"/admin/settings/moderation/moderationrules/{rules.pk}/")
    assert page.status_code == 200
    from wagtail.test.utils.form_data import querydict_from_html

    data = (
        querydict_from_html(page.content.decode(), form_id="w-editor-form")
        if 'id="w-editor-form"' in (page.content.decode())
        else querydict_from_html(page.content.decode(), form_index=1)
    )
    data["suspect_words"] = "scoundrel"
    client.post(f"/admin/settings/moderation/moderationrules/{rules.pk}/", data)

    assert AuditEntry.objects.get(action="rules_change").actor == admin
