"""Comments on an article behind page privacy (Wagtail's view restrictions), over HTTP: a reader who has
passed the restriction reads and takes part as on any article; one who has not gets 404 and writes nothing."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from auscult.comments.models import Comment, CommentSettings, CommentStatus, Report, ReportReason
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.publishing.tests.privacy import PASSWORD, pass_password, restrict

from .factories import make_comments

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _no_posting_interval():
    """Each test posts several times in a row; the interval between posts is tested elsewhere."""
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})


@pytest.fixture
def article():
    return ArticlePageFactory(title="Minutes of the closed session")


@pytest.fixture
def member(client):
    member = MemberFactory(display_name="Dr Inside Reader")
    client.force_login(member)
    return member


@pytest.fixture
def others_comment(article):
    (comment,) = make_comments(article, 1, author=MemberFactory(display_name="Dr Other Writer"))
    return comment


@pytest.fixture
def own_comment(article, member):
    (comment,) = make_comments(article, 1, author=member, start=timezone.now())  # still within the edit window
    return comment


def post(client, article, body, **extra):
    data = {"body": body, "submission_key": str(uuid.uuid4()), **extra}
    return client.post(f"/articles/{article.pk}/comments/post/", data)


def reads(client, article, comment):
    """Status codes of every way of reading the thread: the htmx page, the plain redirect, the permalink."""
    return [
        client.get(f"/articles/{article.pk}/comments/", **HTMX).status_code,
        client.get(f"/articles/{article.pk}/comments/").status_code,
        client.get(f"/comments/{comment.pk}/").status_code,
    ]


def writes(client, article, comment, own):
    """Status codes of every way of writing, on `comment` (someone else's) and `own` (the member's)."""
    return [
        post(client, article, "A new comment").status_code,
        post(client, article, "A reply", parent=comment.pk).status_code,
        client.get(f"/comments/{comment.pk}/reply/", **HTMX).status_code,
        client.get(f"/comments/{comment.pk}/report/").status_code,
        client.post(f"/comments/{comment.pk}/report/", {"reason": ReportReason.SPAM, "note": ""}).status_code,
        client.get(f"/comments/{own.pk}/edit/").status_code,
        client.post(f"/comments/{own.pk}/edit/", {"body": "Edited text"}).status_code,
        client.post(f"/comments/{own.pk}/delete/").status_code,
    ]


def test_a_reader_who_has_not_given_the_password_can_neither_read_nor_write(
    client, article, member, others_comment, own_comment
):
    restrict(article, PageViewRestriction.PASSWORD, password=PASSWORD)

    assert reads(client, article, others_comment) == [404, 404, 404]
    assert writes(client, article, others_comment, own_comment) == [404] * 8
    assert Comment.objects.count() == 2
    assert not Report.objects.exists()
    own_comment.refresh_from_db()
    assert own_comment.body == "Comment number 1" and own_comment.status == CommentStatus.PUBLISHED


def test_a_wrong_password_passes_nothing(client, article, member, others_comment):
    restriction = restrict(article, PageViewRestriction.PASSWORD, password=PASSWORD)

    pass_password(client, restriction, article, password="guess")

    assert reads(client, article, others_comment) == [404, 404, 404]
    assert post(client, article, "A new comment").status_code == 404
    assert Comment.objects.count() == 1


def test_a_reader_who_has_given_the_password_reads_and_takes_part(client, article, member, others_comment, own_comment):
    restriction = restrict(article, PageViewRestriction.PASSWORD, password=PASSWORD)
    assert pass_password(client, restriction, article).status_code == 302

    assert reads(client, article, others_comment) == [200, 302, 302]
    assert "Comment number 1" in client.get(f"/articles/{article.pk}/comments/", **HTMX).content.decode()
    assert writes(client, article, others_comment, own_comment) == [302, 302, 200, 200, 302, 200, 302, 302]
    assert set(Comment.objects.filter(author=member).values_list("body", flat=True)) == {
        "A new comment",
        "A reply",
        "Edited text",
    }
    assert Comment.objects.get(body="A reply").parent == others_comment
    own_comment.refresh_from_db()
    assert own_comment.status == CommentStatus.DELETED
    assert Report.objects.get().comment == others_comment


def test_the_password_of_a_section_above_the_article_counts_too(client, article, member, others_comment):
    section = article.get_parent()
    restriction = restrict(section, PageViewRestriction.PASSWORD, password=PASSWORD)
    assert reads(client, article, others_comment) == [404, 404, 404]

    pass_password(client, restriction, section)

    assert reads(client, article, others_comment) == [200, 302, 302]
    assert post(client, article, "A new comment").status_code == 302
    assert Comment.objects.filter(author=member, body="A new comment").exists()


def test_a_sign_in_restriction_refuses_the_signed_out_and_admits_members(client, article, others_comment):
    restrict(article, PageViewRestriction.LOGIN)

    assert reads(client, article, others_comment) == [404, 404, 404]
    # Posting asks the visitor to sign in first, whatever the article; nothing is written.
    response = post(client, article, "A new comment")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert Comment.objects.count() == 1

    member = MemberFactory(display_name="Dr Signed In")
    client.force_login(member)

    assert reads(client, article, others_comment) == [200, 302, 302]
    assert post(client, article, "A new comment").status_code == 302
    assert Comment.objects.filter(author=member, body="A new comment").exists()


def test_a_group_restriction_admits_only_the_group(client, article, member, others_comment):
    from django.contrib.auth.models import Group

    partners = Group.objects.create(name="Partners")
    restrict(article, PageViewRestriction.GROUPS).groups.add(partners)

    assert reads(client, article, others_comment) == [404, 404, 404]
    assert post(client, article, "A new comment").status_code == 404

    member.groups.add(partners)

    assert reads(client, article, others_comment) == [200, 302, 302]
    assert post(client, article, "A new comment").status_code == 302
    assert Comment.objects.filter(author=member, body="A new comment").exists()
