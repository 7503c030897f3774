"""Comment.listed is computed by the database from status and published_reply_count: every write path,
bulk ones included, leaves it right, and the migration that made it so computed it for the rows already there
(and, going back, fills the plain column it restores)."""

import uuid

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from auscult.comments.models import Comment, CommentStatus
from auscult.comments.services import _move
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

from .factories import make_comments


def should_list(status, published_replies):
    return status == CommentStatus.PUBLISHED or (
        status in (CommentStatus.REMOVED, CommentStatus.DELETED) and published_replies > 0
    )


def listed(*comments):
    return [Comment.objects.get(pk=c.pk).listed for c in comments]


@pytest.fixture
def member():
    return MemberFactory(display_name=f"Member {uuid.uuid4().hex[:12]}")


@pytest.mark.django_db
@pytest.mark.parametrize("replies", [0, 2])
@pytest.mark.parametrize("status", CommentStatus.values)
def test_a_bulk_update_of_status_leaves_listed_right(member, status, replies):
    comments = make_comments(ArticlePageFactory(), 3, author=member)
    rows = Comment.objects.filter(pk__in=[c.pk for c in comments])

    rows.update(status=status, published_reply_count=replies)

    assert listed(*comments) == [should_list(status, replies)] * 3


@pytest.mark.django_db
@pytest.mark.parametrize("status", CommentStatus.values)
def test_a_bulk_update_of_the_reply_count_leaves_listed_right(member, status):
    comments = make_comments(ArticlePageFactory(), 2, author=member)
    rows = Comment.objects.filter(pk__in=[c.pk for c in comments])
    rows.update(status=status)

    rows.update(published_reply_count=1)
    assert listed(*comments) == [should_list(status, 1)] * 2

    rows.update(published_reply_count=0)
    assert listed(*comments) == [should_list(status, 0)] * 2


@pytest.mark.django_db
def test_the_thread_follows_a_bulk_update(member):
    article = ArticlePageFactory()
    parent, other = make_comments(article, 2, author=member)
    make_comments(article, 1, author=member, parent=parent)

    Comment.objects.filter(pk__in=[parent.pk, other.pk]).update(status=CommentStatus.REMOVED)

    # The removed parent stays as a placeholder for its published reply; the other one leaves the thread.
    in_thread = set(Comment.objects.for_article(article).in_thread().values_list("pk", flat=True))
    assert parent.pk in in_thread
    assert other.pk not in in_thread


@pytest.mark.django_db
def test_created_and_bulk_created_rows_read_back_their_computed_value(member):
    article = ArticlePageFactory()
    made = Comment.objects.create(article_id=article.pk, author=member, body="Direct", status=CommentStatus.PUBLISHED)
    bulk = Comment.objects.bulk_create(
        [
            Comment(article_id=article.pk, author=member, body="One", status=CommentStatus.PENDING),
            Comment(article_id=article.pk, author=member, body="Two", status=CommentStatus.REMOVED),
            Comment(
                article_id=article.pk,
                author=member,
                body="Three",
                status=CommentStatus.DELETED,
                published_reply_count=1,
            ),
        ]
    )

    assert made.listed is True
    assert listed(made, *bulk) == [True, False, False, True]


@pytest.mark.django_db
def test_a_comment_moved_by_the_services_reads_its_new_value(member):
    """Django 5.2 does not read a generated column back after an UPDATE; the move makes the next read fetch it."""
    article = ArticlePageFactory()
    (parent,) = make_comments(article, 1, author=member)
    (reply,) = make_comments(article, 1, author=member, parent=parent)

    with transaction.atomic():
        _move(parent, CommentStatus.REMOVED)
    assert parent.listed is True  # a placeholder: its reply is published
    with transaction.atomic():
        _move(reply, CommentStatus.REMOVED)
    assert reply.listed is False
    assert listed(parent) == [False]  # no published reply left


# The migration

BEFORE = ("comments", "0006_trusted_reporters")
AFTER = ("comments", "0007_listed_generated")
# (status, published replies, listed as some earlier bulk write left it): the stored flag is wrong on purpose
# for some rows; the generated column must not care.
ROWS = [
    ("published", 0, False),
    ("pending", 0, True),
    ("hidden", 0, False),
    ("rejected", 0, False),
    ("removed", 0, True),
    ("removed", 1, False),
    ("deleted", 0, False),
    ("deleted", 2, True),
]


def migrate(target):
    """Migrate to `target` (a list of nodes) and return the apps as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


@pytest.fixture
def before_the_migration():
    """The schema as it was before 0007; the latest again afterwards, whatever happens in the test."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        yield migrate([BEFORE])
    finally:
        migrate(leaves)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_computes_listed_for_existing_rows_and_fills_it_going_back(member, before_the_migration):
    article = ArticlePageFactory()
    OldComment = before_the_migration.get_model("comments", "Comment")
    old = [
        OldComment.objects.create(
            article_id=article.pk,
            author_id=member.pk,
            body=f"{status} with {replies} replies",
            status=status,
            published_reply_count=replies,
            listed=stored,
        )
        for status, replies, stored in ROWS
    ]
    want = [should_list(status, replies) for status, replies, _ in ROWS]

    new_apps = migrate([AFTER])
    NewComment = new_apps.get_model("comments", "Comment")
    assert [NewComment.objects.get(pk=c.pk).listed for c in old] == want
    indexes = connection.introspection.get_constraints(connection.cursor(), NewComment._meta.db_table)
    assert indexes["comment_thread_order"]["columns"] == ["article_id", "listed", "created_at", "id"]

    back = migrate([BEFORE]).get_model("comments", "Comment")
    assert [back.objects.get(pk=c.pk).listed for c in old] == want
