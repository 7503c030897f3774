"""The community guidelines: the editors' own words at /community-guidelines/, a link away from "Have your say"
and from every message that refuses a comment."""

import uuid

import pytest
from lxml import html

from auscult.comments.models import CommentSettings
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_the_guidelines_page_shows_what_the_editors_wrote(client):
    client.cookies["auscult_hp"] = "1"
    response = client.get("/community-guidelines/")
    assert response.status_code == 200 and "Identify a patient" in response.content.decode()
    assert "public" in response["Cache-Control"]

    settings = CommentSettings.load()
    settings.guidelines = "<p>Be kind to colleagues.</p>"
    settings.save()

    doc = html.fromstring(client.get("/community-guidelines/").content)
    assert doc.cssselect("h1")[0].text_content() == "Community guidelines"
    assert "Be kind to colleagues." in doc.cssselect("article.guidelines")[0].text_content()


def test_have_your_say_and_a_refusal_link_to_them(client):
    article = ArticlePageFactory()
    client.force_login(MemberFactory())

    doc = html.fromstring(client.get(article.url).content)
    assert doc.cssselect("#have-your-say a[href='/community-guidelines/']")

    refused = client.post(
        f"/articles/{article.pk}/comments/post/",
        {"body": "", "submission_key": str(uuid.uuid4())},
        HTTP_HX_REQUEST="true",
    )
    alert = html.fragment_fromstring(refused.content.decode(), create_parent="div").cssselect("[role=alert]")[0]
    assert alert.cssselect("a[href='/community-guidelines/']")

    client.post(f"/articles/{article.pk}/comments/post/", {"body": "", "submission_key": str(uuid.uuid4())})
    messages = html.fromstring(client.get(article.url).content).cssselect(".messages")
    assert messages and messages[0].cssselect("a[href='/community-guidelines/']")
