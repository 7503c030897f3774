"""Editors feature a comment on another article from where they find it: a link beside it in the thread (on their
own page only) and in the moderation queue, to a form with Wagtail's page chooser; the list names titles."""

import pytest
from django.contrib.auth.models import Group
from lxml import html

from auscult.comments.models import CommentStatus, FeaturedComment
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    editor = MemberFactory(display_name="Ed Itor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


@pytest.fixture
def comment():
    article = ArticlePageFactory(title="Where it was said")
    (comment,) = make_comments(article, 1, author=MemberFactory(display_name="Dr Quotable"))
    return comment


def feature_link(client, comment):
    item = html.fromstring(client.get(comment.article.url).content).get_element_by_id(f"comment-{comment.pk}")
    return [a.get("href") for a in item.cssselect("a.comment__feature")]


def test_an_editor_features_a_comment_from_the_thread(client, editor, comment):
    elsewhere = ArticlePageFactory(title="Where it is shown")
    client.force_login(editor)

    (link,) = feature_link(client, comment)
    assert link == f"/admin/feature-comment/{comment.pk}/"
    page = client.get(link)
    assert page.status_code == 200 and "Dr Quotable" in page.content.decode()

    response = client.post(link, {"article": elsewhere.pk})

    assert response.status_code == 302
    featured = FeaturedComment.objects.get()
    assert (featured.article_id, featured.comment_id, featured.featured_by) == (elsewhere.pk, comment.pk, editor)
    listing = client.get("/admin/snippets/comments/featuredcomment/").content.decode()
    assert "Where it is shown" in listing and "Dr Quotable on “Where it was said”: “Comment number 1”" in listing


def test_the_form_says_what_is_wrong(client, editor, comment):
    client.force_login(editor)
    url = f"/admin/feature-comment/{comment.pk}/"

    same = client.post(url, {"article": comment.article_id})
    assert "Choose a comment from another article." in same.content.decode()
    assert "Choose an article." in client.post(url, {}).content.decode()
    assert "Choose a published article." in client.post(url, {"article": "not-a-page"}).content.decode()
    other = ArticlePageFactory()
    client.post(url, {"article": other.pk})
    assert "already featured" in client.post(url, {"article": other.pk}).content.decode()
    assert FeaturedComment.objects.count() == 1


def test_only_editors_see_the_link_and_may_use_the_form(client, comment):
    assert feature_link(client, comment) == []  # a visitor's page is the shared one
    client.force_login(MemberFactory())
    assert feature_link(client, comment) == []
    assert client.get(f"/admin/feature-comment/{comment.pk}/").status_code in (302, 403)
    moderator = MemberFactory(is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    assert feature_link(client, comment) == []
    denied = client.get(f"/admin/feature-comment/{comment.pk}/")  # Wagtail's admin sends the refused home
    assert denied.status_code == 302 and denied["Location"] == "/admin/"
    assert client.post(f"/admin/feature-comment/{comment.pk}/", {"article": comment.article_id}).status_code == 302
    assert not FeaturedComment.objects.exists()


def test_a_comment_not_published_cannot_be_featured(client, editor):
    (held,) = make_comments(ArticlePageFactory(), 1, author=MemberFactory(), status=CommentStatus.PENDING)
    client.force_login(editor)

    assert client.get(f"/admin/feature-comment/{held.pk}/").status_code == 404


def test_the_moderation_queue_offers_it_to_an_editor_who_moderates(client, editor, comment):
    from auscult.comments.models import Report

    editor.groups.add(Group.objects.get(name="Moderators"))
    Report.objects.create(comment=comment, reporter=MemberFactory(), reason="spam")
    client.force_login(editor)

    doc = html.fromstring(client.get("/admin/moderation/queue/reported/").content)

    links = [a.get("href") for a in doc.cssselect(f"#mod-{comment.pk} .mod-item__feature a")]
    assert links == [f"/admin/feature-comment/{comment.pk}/"]
