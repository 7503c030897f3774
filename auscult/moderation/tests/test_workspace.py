"""The moderation workspace, through Wagtail's admin: queues, decisions, audit log, e-mails."""

import csv
import io

import pytest
from django.core import mail

from auscult.comments.models import Comment, CommentStatus
from auscult.comments.services import comment_post, comment_report
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import AuditAction, AuditEntry, CommentMode, ReasonTemplate
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(db):
    article = ArticlePageFactory(title="Funding formula row")
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    author = MemberFactory(display_name="Dr Held Author", email="held@example.com", job_title="GP partner")
    return comment_post(article=article, author=author, body="A considered point about funding.")


def decide(client, comment, decision, **extra):
    data = {"comment_id": comment.pk, "seen_status": comment.status, "decision": decision, **extra}
    return client.post("/admin/moderation/decide/", data, follow=True)


def test_held_queue_shows_the_comment_in_context(client, moderator, held):
    page = client.get("/admin/moderation/").content.decode()

    assert "A considered point about funding." in page
    assert "Funding formula row" in page and "premoderation" in page
    assert "Dr Held Author" in page and "GP" in page and "e-mail confirmed" in page
    assert "waited" in page
    assert "Moderation (1 held, 0 reported)" in client.get("/admin/").content.decode()


def test_approve_publishes_and_logs(client, moderator, held, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, held, "approve")

    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED
    assert "Approved 1 comment" in response.content.decode()
    entry = AuditEntry.objects.get(comment=held)
    assert entry.action == AuditAction.APPROVE and entry.actor == moderator
    # Moderation's own approval e-mail is off unless the site asks; the author's notification of it is theirs to
    # switch off (notifications), and comes once.
    assert [m.subject for m in mail.outbox] == [f"Your comment on “{held.article.title}” is published"]
    assert "A considered point" in client.get(held.article.url).content.decode()


def test_reject_with_a_template_reason_tells_the_author(client, moderator, held, django_capture_on_commit_callbacks):
    template = ReasonTemplate.objects.get(title="Personal attack")

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, held, "reject", reason_template=template.pk, reason="Please rephrase.")

    held.refresh_from_db()
    assert held.status == CommentStatus.REJECTED
    entry = AuditEntry.objects.get(comment=held)
    assert template.text in entry.reason and "Please rephrase." in entry.reason
    assert mail.outbox[-1].to == ["held@example.com"]
    assert template.text in mail.outbox[-1].body and "not published" in mail.outbox[-1].subject


def test_reject_needs_a_reason(client, moderator, held):
    response = decide(client, held, "reject")

    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING
    assert "Give a reason" in response.content.decode()


def test_second_moderator_is_told_who_decided_first(client, moderator, held):
    first = MemberFactory(display_name="Mod Quick", groups=["Moderators"])
    from auscult.moderation.decisions import comment_decide

    comment_decide(comment=held, moderator=first, decision="approve", seen_status="pending")

    response = decide(client, held, "reject", reason="Too late")

    assert "already decided: Mod Quick approved it" in response.content.decode()
    held.refresh_from_db()
    assert held.status == CommentStatus.PUBLISHED
    assert AuditEntry.objects.filter(comment=held).count() == 1


def test_remove_leaves_a_placeholder_and_restore_brings_it_back(client, moderator, django_capture_on_commit_callbacks):
    article = ArticlePageFactory()
    author = MemberFactory(email="removed@example.com")
    parent = make_comments(article, 1, author=author)[0]
    make_comments(article, 1, author=MemberFactory(), parent=parent)
    comment_report(comment=parent, reporter=MemberFactory(), reason="personal_attack", note="Name-calling")

    reported = client.get("/admin/moderation/queue/reported/").content.decode()
    assert "Name-calling" in reported and "Personal attack" in reported

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, parent, "remove", reason="Attacks a colleague.")

    assert "This comment was removed by a moderator." in client.get(article.url).content.decode()
    assert "removed" in mail.outbox[-1].subject and "Attacks a colleague." in mail.outbox[-1].body
    assert "Reported (0)" in client.get("/admin/moderation/").content.decode()

    parent.refresh_from_db()
    decide(client, parent, "restore")
    parent.refresh_from_db()
    assert parent.status == CommentStatus.PUBLISHED
    assert list(AuditEntry.objects.filter(comment=parent).values_list("action", flat=True)) == ["restore", "remove"]


def test_bulk_decision(client, moderator):
    article = ArticlePageFactory()
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    comments = make_comments(article, 3, author=MemberFactory(), status=CommentStatus.PENDING)

    response = client.post(
        "/admin/moderation/decide/",
        {
            "decision": "approve",
            "comment": [c.pk for c in comments[:2]],
            **{f"seen_{c.pk}": "pending" for c in comments},
        },
        follow=True,
    )

    assert "Approved 2 comments" in response.content.decode()
    assert [Comment.objects.get(pk=c.pk).status for c in comments] == ["published", "published", "pending"]


def test_queue_filters(client, moderator, held):
    other = ArticlePageFactory()
    comment_mode_set(article=other, mode=CommentMode.PREMODERATED, by=COMMAND)
    comment_post(article=other, author=MemberFactory(), body="Elsewhere entirely")

    page = client.get(f"/admin/moderation/?article={other.pk}").content.decode()

    assert "Elsewhere entirely" in page and "A considered point" not in page
    page = client.get(f"/admin/moderation/?member={held.author_id}").content.decode()
    assert "A considered point" in page and "Elsewhere entirely" not in page


def test_audit_log_lists_mode_changes_and_exports_csv(client, moderator, held):
    decide(client, held, "approve")

    page = client.get("/admin/moderation/audit/").content.decode()
    assert "Approved a comment" in page and "Changed an article&#x27;s comment mode" in page

    export = client.get("/admin/moderation/audit/?export=csv")
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(export.streaming_content).decode()
                if hasattr(export, "streaming_content")
                else export.content.decode()
            )
        )
    )
    assert {"When", "Who", "What", "Why"} <= set(rows[0])
    assert any(r["What"] == "Approved a comment" and r["Who"] == "Mod Ruth" for r in rows)


def test_members_cannot_reach_the_workspace(client, held):
    client.force_login(MemberFactory())

    assert client.get("/admin/moderation/").status_code in (302, 403)
    assert client.post("/admin/moderation/decide/", {"comment_id": held.pk, "decision": "approve"}).status_code in (
        302,
        403,
    )
    held.refresh_from_db()
    assert held.status == CommentStatus.PENDING
