"""Who is speaking in a thread: anonymous members are told apart per article ("Anonymous 2"), and comments by the
magazine's staff and by the article's own author carry a badge, never on an anonymous comment."""

import uuid

import pytest
from django.contrib.auth.models import Group
from lxml import html

from auscult.comments.models import AnonymousLabel, CommentSettings
from auscult.comments.speakers import number_anonymous_commenters
from auscult.comments.tests.factories import make_comments
from auscult.members.services import member_update_profile
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.models import Author
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_interval():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})


@pytest.fixture
def article():
    return ArticlePageFactory(title="Sessional rates")


def post_as(client, member, article, body, parent=None):
    client.force_login(member)
    data = {"body": body, "submission_key": str(uuid.uuid4())}
    if parent is not None:
        data["parent"] = parent.pk
    response = client.post(f"/articles/{article.pk}/comments/post/", data)
    assert response.status_code == 302
    return member.comments.latest("pk")


def names(client, article):
    """(name line, reply-to line) of each comment in the thread as a visitor reads it."""
    client.logout()
    client.cookies["auscult_hp"] = "1"
    doc = html.fromstring(client.get(article.url).content)
    return [
        (
            " ".join(item.cssselect(".comment__name")[0].text_content().split()),
            " ".join(r.text_content().split())
            if (r := next(iter(item.cssselect(".comment__reply-to")), None)) is not None
            else "",
        )
        for item in doc.cssselect("ol.comment-list > li.comment")
    ]


def test_anonymous_members_are_numbered_per_article_and_keep_their_number(client, article):
    first, second = MemberFactory(anonymous=True), MemberFactory(anonymous=True)
    named = MemberFactory(display_name="Dr Named")

    one = post_as(client, first, article, "First anonymous view.")
    post_as(client, named, article, "A named view.")
    two = post_as(client, second, article, "Second anonymous view.")
    post_as(client, first, article, "First again, replying.", parent=two)
    post_as(client, named, article, "Replying to the first.", parent=one)

    assert names(client, article) == [
        ("Anonymous 1", ""),
        ("Dr Named", ""),
        ("Anonymous 2", ""),
        ("Anonymous 1", "in reply to Anonymous 2"),
        ("Dr Named", "in reply to Anonymous 1"),
    ]
    # Per article: on another one the same members are numbered in the order they come there.
    other = ArticlePageFactory()
    post_as(client, second, other, "Elsewhere.")
    post_as(client, first, other, "Elsewhere too.")
    assert [name for name, _ in names(client, other)] == ["Anonymous 1", "Anonymous 2"]


def test_the_reply_form_names_the_anonymous_member_by_their_number(client, article):
    anonymous = MemberFactory(anonymous=True)
    comment = post_as(client, anonymous, article, "Numbered.")
    client.force_login(MemberFactory())

    doc = html.fromstring(client.get(f"{article.url}?reply_to={comment.pk}").content)

    assert "Your reply to Anonymous 1" in doc.cssselect("form.comment-form label")[0].text_content()


def test_a_member_who_turns_anonymous_is_numbered_where_they_have_commented(client, article):
    member = MemberFactory(display_name="Dr Later Anonymous")
    post_as(client, member, article, "Said under my name.")
    post_as(client, MemberFactory(anonymous=True), article, "Anonymous from the start.")

    member_update_profile(
        member=member, full_name="Later", display_name="Dr Later Anonymous", job_title="", anonymous=True
    )

    assert [name for name, _ in names(client, article)] == ["Anonymous 2", "Anonymous 1"]


def test_comments_made_in_bulk_are_numbered_by_the_first_comment(article):
    late, early = MemberFactory(anonymous=True), MemberFactory(anonymous=True)
    make_comments(article, 1, author=early)
    make_comments(article, 2, author=late)

    assert number_anonymous_commenters() == 2
    assert number_anonymous_commenters() == 0  # once
    labels = dict(AnonymousLabel.objects.filter(article=article).values_list("member_id", "number"))
    assert labels == {early.pk: 1, late.pk: 2}


def test_staff_carry_a_badge_and_an_anonymous_one_does_not(client, article):
    moderator = MemberFactory(display_name="Mod Erator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    hidden = MemberFactory(anonymous=True)
    hidden.groups.add(Group.objects.get(name="Editors"))
    post_as(client, moderator, article, "A word from the moderators.")
    post_as(client, hidden, article, "Off the record.")
    post_as(client, MemberFactory(display_name="Dr Reader"), article, "A reader.")

    assert [name for name, _ in names(client, article)] == ["Mod Erator Magazine staff", "Anonymous 1", "Dr Reader"]


def test_a_new_member_of_staff_gets_the_badge_on_a_thread_already_cached(client, article):
    member = MemberFactory(display_name="Dr Soon Staff")
    post_as(client, member, article, "Before joining the team.")
    assert names(client, article) == [("Dr Soon Staff", "")]

    member.groups.add(Group.objects.get(name="Editors"))

    assert names(client, article) == [("Dr Soon Staff Magazine staff", "")]


def test_the_articles_author_is_marked_on_their_own_article_only(client, article):
    writer = MemberFactory(display_name="Dr Columnist")
    author = article.authors[0]
    author.member = writer
    author.save()
    post_as(client, writer, article, "The author replies.")
    elsewhere = ArticlePageFactory()
    post_as(client, writer, elsewhere, "On someone else's piece.")

    assert names(client, article) == [("Dr Columnist Article's author", "")]
    assert names(client, elsewhere) == [("Dr Columnist", "")]


def test_editors_link_an_author_to_a_member_by_e_mail(article):
    writer = MemberFactory(email="columnist@example.org")
    author = article.authors[0]
    form_class = Author.get_edit_handler().get_form_class()

    form = form_class(instance=author, data={"name": author.name, "slug": author.slug, "member_email": "nobody@x.org"})
    assert not form.is_valid() and "No member account has this e-mail address." in form.errors["member_email"]

    form = form_class(
        instance=author, data={"name": author.name, "slug": author.slug, "member_email": "Columnist@example.org"}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert Author.objects.get(pk=author.pk).member == writer
    assert form_class(instance=Author.objects.get(pk=author.pk))["member_email"].initial == "columnist@example.org"

    other = Author.objects.create(name="Another Writer")
    form = form_class(instance=other, data={"name": other.name, "slug": other.slug, "member_email": writer.email})
    assert not form.is_valid() and "already linked" in form.errors["member_email"][0]
