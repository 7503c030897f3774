"""What a comment post and a report cost in queries (issue 12): every rule still runs, but each row and each site
setting is read once, and each counter is written in one UPDATE, never read back first.

Counted without the transaction's own statements (BEGIN, SAVEPOINT, …), which SQLite and PostgreSQL issue
differently, and in a test's transaction, which never commits (so no purge is queued)."""

import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from auscult.comments.models import Comment, CommentStatus
from auscult.members.models import Approval, MembershipSettings
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)
SETTINGS_TABLES = (
    "comments_commentsettings",
    "members_membershipsettings",
    "moderation_moderationsettings",
    "moderation_moderationrules",
)
# Of a post on an open article by an approved member: the session, the member, the article (with whether a view
# restriction is on it); the sanction, the site's version (the settings are its cached copies), the article's
# mode, the burst count; the member's lock, then their last post; the stats row, the insert, the article's
# version; surge protection's two counts; the page the comment is on.
POST_QUERIES = 15
# Of a report on a published comment: the session, the member, the comment with its article, the view restrictions;
# the sanction; the stats lock, the comment's lock, the insert, the report count; the site's version; the article's
# mode and surge protection's two counts.
REPORT_QUERIES = 13


def statements(queries):
    return [q["sql"] for q in queries if not TRANSACTION.match(q["sql"])]


def reads_of(sql, table):
    return [q for q in sql if q.startswith("SELECT") and f'FROM "{table}"' in q]


def writes_of(sql, table):
    return [q for q in sql if q.startswith((f'UPDATE "{table}"', f'INSERT INTO "{table}"'))]


@pytest.fixture
def article():
    """An article someone has already commented on, through the page: its stats row and versions exist, and the
    site settings are in the cache, as on any discussed article of a running site."""
    article = ArticlePageFactory()
    first = Client()
    first.force_login(MemberFactory(approval=Approval.APPROVED))
    first.post(f"/articles/{article.pk}/comments/post/", {"body": "The first word on it."})
    assert Comment.objects.filter(article_id=article.pk).count() == 1
    return article


def post(client, article, body="A fair point about the new contract."):
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(
            f"/articles/{article.pk}/comments/post/", {"body": body, "submission_key": str(uuid.uuid4())}
        )
    return response, statements(ctx.captured_queries)


def test_a_post_reads_each_row_and_setting_once_and_writes_each_counter_once(client, article):
    client.force_login(MemberFactory(approval=Approval.APPROVED))

    response, sql = post(client, article)

    comment = Comment.objects.latest("pk")
    assert comment.status == CommentStatus.PUBLISHED
    assert response.status_code == 302 and response["Location"].endswith(f"?page=1#comment-{comment.pk}")
    assert len(sql) == POST_QUERIES, "\n".join(sql)
    for table in SETTINGS_TABLES:
        assert not reads_of(sql, table), f"{table} is read from the request's cached copy"
    # The stats row: one UPDATE (the lock, the time and the count), never read.
    assert not reads_of(sql, "comments_articlecommentstats")
    assert len(writes_of(sql, "comments_articlecommentstats")) == 1
    # The comment is inserted published, not inserted and then moved.
    assert len(writes_of(sql, "comments_comment")) == 1
    assert len(reads_of(sql, "moderation_sanction")) == 1
    assert len(reads_of(sql, "moderation_commentpolicy")) == 1


def test_a_member_awaiting_approval_costs_the_membership_settings_once_more(client, article):
    """Where the answer depends on them (a member not approved), the membership settings are read, once."""
    MembershipSettings.load()  # the row is there, as on a running site
    client.force_login(MemberFactory(approval=Approval.PENDING))

    response, sql = post(client, article)

    assert Comment.objects.latest("pk").status == CommentStatus.PUBLISHED
    assert len(reads_of(sql, "members_membershipsettings")) == 1
    assert len(sql) == POST_QUERIES + 1, "\n".join(sql)


def test_a_held_post_costs_no_more(client, article):
    from auscult.core.actors import COMMAND
    from auscult.moderation.models import CommentMode
    from auscult.moderation.services import comment_mode_set

    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    client.force_login(MemberFactory(approval=Approval.APPROVED))

    response, sql = post(client, article)

    held = Comment.objects.latest("pk")
    assert held.status == CommentStatus.PENDING
    assert response["Location"].endswith(f"#comment-{held.pk}")  # under "Have your say", where its author sees it
    # Held by the article's mode before the burst rule counts; no version bump (nothing readers see changed), no
    # page to find; and surge protection has nothing to do on a pre-moderated article.
    assert len(sql) == POST_QUERIES - 5, "\n".join(sql)


def test_a_report_reads_each_row_and_setting_once(client, article):
    comment = Comment.objects.get()
    client.force_login(MemberFactory(approval=Approval.APPROVED))

    with CaptureQueriesContext(connection) as ctx:
        response = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"})
    sql = statements(ctx.captured_queries)

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.report_count == 1
    assert len(sql) == REPORT_QUERIES, "\n".join(sql)
    for table in SETTINGS_TABLES:
        assert not reads_of(sql, table), f"{table} is read from the request's cached copy"
    # Below the threshold in all reports, the established reporters are not counted.
    assert not [q for q in reads_of(sql, "comments_report") if '"members_user"' in q]
    # The article came with the comment: surge protection does not read it again.
    assert len(reads_of(sql, "wagtailcore_page")) == 0
