"""Editors work in Wagtail's admin: articles, comment mode, scheduled publishing."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from auscult.moderation.models import CommentMode, CommentPolicy
from auscult.publishing.models import ArticlePage

from .factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", "editor@example.com", "a-long-password-1")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def article_form(author, **overrides):
    data = {
        "title": "Practices told to expect new contract terms",
        "slug": "new-contract-terms",
        "kicker": "Contract",
        "standfirst": "Negotiators say the offer falls short of what practices need.",
        "article_authors": inline_formset([{"author": str(author.pk)}]),
        "related_links": inline_formset([]),
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>The offer was published late on Friday.</p>")),
                ("pull_quote", {"quote": "This is not a deal we can sell to partners.", "attribution": "A GP"}),
            ]
        ),
        "editors_note": rich_text("<p>Comments on this piece are pre-moderated.</p>"),
        "comment_mode": CommentMode.PREMODERATED,
        "image": "",
        "image_caption": "",
        "publication_date": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_and_publishes_an_article_with_a_comment_mode(client, editor):
    section = SectionPageFactory(title="News", slug="news")
    author = AuthorFactory(name="Dr Lena Marsh")

    response = client.post(
        reverse("wagtailadmin_pages:add", args=("publishing", "articlepage", section.pk)),
        {**article_form(author), "action-publish": "publish"},
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    article = ArticlePage.objects.get(slug="new-contract-terms")
    assert article.live
    assert article.publication_date is not None
    assert CommentPolicy.objects.get(article=article).mode == CommentMode.PREMODERATED
    assert "comment_mode" not in article.latest_revision.content
    page = client.get(article.url).content.decode()
    assert "This is not a deal we can sell to partners." in page
    assert "Comments on this piece are pre-moderated." in page


def test_republishing_does_not_undo_the_comment_mode(client, editor):
    article = ArticlePageFactory(title="Original headline", slug="original")
    author = article.authors[0]
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    form = article_form(author, slug="original", comment_mode=CommentMode.CLOSED)
    form["article_authors-INITIAL_FORMS"] = "0"

    assert client.post(edit_url, {**form, "action-publish": "publish"}).status_code == 302
    assert CommentPolicy.objects.get(article=article).mode == CommentMode.CLOSED

    # The mode changes outside the editor (as surge protection will), then an old revision is republished.
    CommentPolicy.objects.filter(article=article).update(mode=CommentMode.PREMODERATED)
    article.refresh_from_db()
    article.latest_revision.publish()

    assert CommentPolicy.objects.get(article=article).mode == CommentMode.PREMODERATED
    edit_page = client.get(edit_url).content.decode()
    assert 'value="premoderated" selected' in edit_page


def test_article_without_a_mode_uses_the_site_default(client, editor):
    from auscult.moderation.models import ModerationSettings

    settings = ModerationSettings.load()
    settings.default_comment_mode = CommentMode.CLOSED
    settings.save()
    article = ArticlePageFactory()

    assert "Comments are closed on this article." in client.get(article.url).content.decode()


def test_scheduled_article_goes_live_with_publish_scheduled(client, editor):
    section = SectionPageFactory(title="News", slug="news")
    author = AuthorFactory()
    go_live = timezone.localtime() + timedelta(hours=1)
    client.post(
        reverse("wagtailadmin_pages:add", args=("publishing", "articlepage", section.pk)),
        {**article_form(author, go_live_at=go_live.strftime("%Y-%m-%d %H:%M")), "action-publish": "publish"},
    )
    article = ArticlePage.objects.get(slug="new-contract-terms")
    assert not article.live
    assert client.get("/news/new-contract-terms/").status_code == 404

    call_command("publish_scheduled", verbosity=0)
    assert client.get("/news/new-contract-terms/").status_code == 404

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(hours=2)):
        call_command("publish_scheduled", verbosity=0)

    assert client.get("/news/new-contract-terms/").status_code == 200


def test_editor_can_preview_a_draft(client, editor):
    article = ArticlePageFactory(title="Draft for preview", live=False)

    response = client.get(reverse("wagtailadmin_pages:view_draft", args=(article.pk,)))

    assert response.status_code == 200
    assert "Draft for preview" in response.content.decode()


def test_editor_can_add_an_author_snippet(client, editor):
    response = client.get(reverse("wagtailsnippets_publishing_author:add"))

    assert response.status_code == 200
