"""Moderation's e-mails are the magazine's: its name and address, its sender, a plain-text and an HTML part."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from auscult.comments.services import comment_post
from auscult.core.actors import COMMAND
from auscult.core.tests import magazine as gp
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.decisions import comment_decide
from auscult.moderation.models import CommentMode
from auscult.moderation.services import comment_mode_set
from auscult.moderation.tasks import notify_editors_of_surge, send_moderator_digest
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def magazine(settings, monkeypatch):
    return gp.configure(settings, monkeypatch)


@pytest.fixture
def held():
    article = ArticlePageFactory(title="Funding formula row")
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    author = MemberFactory(display_name="Dr Held Author", email="held@example.com")
    return comment_post(article=article, author=author, body="Don't <b>cut</b> funding & staff.")


def staff(group, email):
    member = MemberFactory(email=email, is_staff=True)
    member.groups.add(Group.objects.get(name=group))
    return member


def test_a_rejection_tells_the_author_as_the_magazine(magazine, held, django_capture_on_commit_callbacks):
    moderator = staff("Moderators", "mod@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        comment_decide(comment=held, moderator=moderator, decision="reject", reason="Rude.")

    (message,) = mail.outbox
    assert message.to == ["held@example.com"]
    gp.assert_magazines(
        message, subject="GP Weekly: your comment was not published", link=f"{gp.URL}{held.article.url}"
    )
    assert f"{gp.URL}/account/comments/" in message.body
    # The member's words as they wrote them in the text, escaped in the HTML.
    assert "Don't <b>cut</b> funding & staff." in message.body
    assert "Don&#x27;t &lt;b&gt;cut&lt;/b&gt; funding &amp; staff." in gp.html_part(message)


def test_surge_protection_tells_the_editors_as_the_magazine(magazine):
    staff("Editors", "editor@example.com")
    article = ArticlePageFactory(title="Pay offer row")

    notify_editors_of_surge.enqueue(article.pk, "5 comments in 10 minutes")

    (message,) = mail.outbox
    link = f"{gp.URL}/admin/pages/{article.pk}/edit/"
    gp.assert_magazines(message, subject="GP Weekly: surge protection on “Pay offer row”", link=link)
    assert f"{gp.URL}{article.url}" in message.body and "5 comments in 10 minutes" in message.body


def test_the_moderators_digest_is_the_magazines(magazine, held):
    staff("Moderators", "mod@example.com")

    send_moderator_digest.enqueue()

    (message,) = mail.outbox
    gp.assert_magazines(message, subject="GP Weekly: moderation queues", link=f"{gp.URL}/admin/moderation/")
    assert "Held comments waiting: 1" in message.body
