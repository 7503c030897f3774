"""Following a discussion: from the article, and on commenting (switchable); its new published comments come as
one e-mail per period (immediately in batches, daily, weekly) listing them per article. A comment removed before
the digest goes is left out; nobody gets their own; two timers send a period's digest once."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from lxml import html

from auscult.comments.models import CommentSettings, CommentStatus
from auscult.comments.services import comment_post, comment_set_status
from auscult.members.tests.factories import MemberFactory
from auscult.notifications.digests import due_periods, send_digests
from auscult.notifications.models import Digest, DigestEntry, DigestSend, Follow, Preferences
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.publishing.tests.privacy import PASSWORD, restrict

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")
MONDAY_MORNING = datetime(2026, 12, 7, 8, 0, tzinfo=UK)


@pytest.fixture(autouse=True)
def _quick_posting():
    cache.clear()
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def post(capture, article, author, body):
    with capture(execute=True):
        return comment_post(article=article, author=author, body=body)


def digests(outbox=None):
    return [m for m in (outbox or mail.outbox) if "new comment" in m.subject]


def test_a_member_follows_from_the_article_and_gets_one_digest_per_period(django_capture_on_commit_callbacks):
    rotas, funding = ArticlePageFactory(title="Rotas"), ArticlePageFactory(title="Funding")
    reader = MemberFactory(email="reader@example.com")
    client = signed_in(reader)
    for article in (rotas, funding):
        page = html.fromstring(client.get(article.url).content)
        (form,) = page.cssselect("form.follow-discussion")
        followed = client.post(form.get("action"), {}, follow=True)
        assert "You follow this discussion" in followed.content.decode()
    others = [MemberFactory(display_name=f"Dr Other {c}") for c in "XYZ"]
    for n, other in enumerate(others):
        post(django_capture_on_commit_callbacks, rotas, other, f"Rotas comment {n}")
    post(django_capture_on_commit_callbacks, funding, others[0], "Funding comment")
    assert digests() == []  # nothing is sent one comment at a time

    send_digests(MONDAY_MORNING)

    # (The commenters follow too, having commented: they get the comments after their own.)
    (message,) = [m for m in digests() if m.to == ["reader@example.com"]]
    assert message.to == ["reader@example.com"]
    assert message.subject == "Auscult: 4 new comments in 2 discussions you follow"
    body = message.body
    assert body.index("Funding") < body.index("Funding comment")
    assert all(f"Rotas comment {n}" in body for n in range(3))
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    post(django_capture_on_commit_callbacks, rotas, others[0], "Later that morning")
    send_digests(MONDAY_MORNING + timedelta(hours=2))
    assert len([m for m in digests() if m.to == ["reader@example.com"]]) == 1  # once a period
    assert DigestEntry.objects.filter(member=reader).count() == 1  # for tomorrow's


def test_commenting_follows_unless_switched_off_and_nobody_gets_their_own(django_capture_on_commit_callbacks):
    article = ArticlePageFactory(title="Rotas")
    talker, quiet = MemberFactory(), MemberFactory()
    Preferences.objects.create(member=quiet, follow_when_commenting=False)
    post(django_capture_on_commit_callbacks, article, talker, "First")
    post(django_capture_on_commit_callbacks, article, quiet, "Second")
    post(django_capture_on_commit_callbacks, article, talker, "Third, my own")

    assert list(Follow.objects.values_list("member_id", flat=True)) == [talker.pk]
    assert list(DigestEntry.objects.values_list("member_id", "comment__body")) == [(talker.pk, "Second")]


def test_a_comment_gone_before_the_digest_is_left_out(django_capture_on_commit_callbacks):
    article = ArticlePageFactory(title="Rotas")
    reader = MemberFactory()
    Follow.objects.create(member=reader, article=article)
    kept = post(django_capture_on_commit_callbacks, article, MemberFactory(), "Kept words")
    gone = post(django_capture_on_commit_callbacks, article, MemberFactory(), "Zebracorn removed words")
    comment_set_status(comment=gone, status=CommentStatus.REMOVED)

    send_digests(MONDAY_MORNING)

    (message,) = digests()
    assert kept.body in message.body and "Zebracorn" not in message.body
    assert "Zebracorn" not in message.alternatives[0][0]


def test_an_article_no_longer_public_is_left_out(django_capture_on_commit_callbacks):
    article = ArticlePageFactory(title="Soon restricted")
    reader = MemberFactory()
    Follow.objects.create(member=reader, article=article)
    post(django_capture_on_commit_callbacks, article, MemberFactory(), "Words on it")
    restrict(article, "password", password=PASSWORD)

    send_digests(MONDAY_MORNING)

    assert digests() == [] and not DigestEntry.objects.exists()


def test_each_frequency_is_sent_when_due_and_off_gets_nothing(django_capture_on_commit_callbacks):
    article = ArticlePageFactory(title="Rotas")
    chosen = {}
    for frequency in Digest.values:
        member = MemberFactory(email=f"{frequency}@example.com")
        Preferences.objects.create(member=member, digest=frequency)
        Follow.objects.create(member=member, article=article)
        chosen[frequency] = member
    post(django_capture_on_commit_callbacks, article, MemberFactory(), "New words")
    tuesday_early = datetime(2026, 12, 8, 6, 0, tzinfo=UK)

    assert set(due_periods(tuesday_early)) == {Digest.IMMEDIATELY}
    send_digests(tuesday_early)
    assert [m.to for m in digests()] == [["immediately@example.com"]]
    send_digests(datetime(2026, 12, 8, 9, 0, tzinfo=UK))
    assert [m.to[0] for m in digests()][1:] == ["daily@example.com"]
    send_digests(datetime(2026, 12, 14, 7, 30, tzinfo=UK))  # the next Monday
    assert [m.to[0] for m in digests()][2:] == ["weekly@example.com"]
    assert not DigestEntry.objects.filter(member=chosen[Digest.OFF]).exists()


def test_two_timers_send_a_period_once(django_capture_on_commit_callbacks):
    article = ArticlePageFactory(title="Rotas")
    reader = MemberFactory()
    Follow.objects.create(member=reader, article=article)
    post(django_capture_on_commit_callbacks, article, MemberFactory(), "New words")
    DigestSend.objects.create(member=reader, kind="followed", period=due_periods(MONDAY_MORNING)[Digest.DAILY])

    send_digests(MONDAY_MORNING)  # the other machine claimed it first

    assert digests() == []
    assert DigestEntry.objects.filter(member=reader).exists()  # still there for the next period


def test_unfollowing_drops_what_was_waiting_and_the_digest_unsubscribes_in_one_click(
    django_capture_on_commit_callbacks,
):
    article = ArticlePageFactory(title="Rotas")
    reader = MemberFactory()
    client = signed_in(reader)
    client.post(f"/articles/{article.pk}/follow/")
    post(django_capture_on_commit_callbacks, article, MemberFactory(), "First words")
    send_digests(MONDAY_MORNING)
    link = digests()[0].extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    Client(enforce_csrf_checks=True).post(
        link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert Preferences.objects.get(member=reader).digest == Digest.OFF

    Preferences.objects.filter(member=reader).update(digest=Digest.DAILY)
    post(django_capture_on_commit_callbacks, article, MemberFactory(), "Second words")
    unfollowed = client.post(f"/articles/{article.pk}/follow/", {"undo": "1"}, follow=True)
    assert "You no longer follow this discussion." in unfollowed.content.decode()
    assert not DigestEntry.objects.filter(member=reader).exists()


def test_the_command_sends_what_is_due(django_capture_on_commit_callbacks, capsys):
    call_command("send_digests")
    assert "Digests sent: immediately: 0" in capsys.readouterr().out


def test_the_follow_button_is_only_on_a_members_page():
    article = ArticlePageFactory(title="Rotas")
    visitor = Client()
    visitor.cookies["auscult_hp"] = "1"
    assert "follow-discussion" not in visitor.get(article.url).content.decode()
    assert signed_in(MemberFactory()).get(article.url).content.decode().count('class="follow-discussion"') == 1
    assert visitor.get(f"/articles/{article.pk}/follow/").status_code == 405


def test_a_blocked_members_comments_stay_out_of_the_digest(django_capture_on_commit_callbacks):
    from auscult.comments.blocks import member_block

    article = ArticlePageFactory(title="Rotas")
    reader, rude, polite = MemberFactory(), MemberFactory(display_name="Dr Rude Q"), MemberFactory()
    Follow.objects.create(member=reader, article=article)
    post(django_capture_on_commit_callbacks, article, rude, "Queued before the block")
    member_block(member=reader, blocked=rude)
    post(django_capture_on_commit_callbacks, article, rude, "Posted after the block")
    post(django_capture_on_commit_callbacks, article, polite, "Polite words")

    send_digests(MONDAY_MORNING)

    (message,) = [m for m in digests() if m.to == [reader.email]]
    assert "Polite words" in message.body
    assert "Dr Rude Q" not in message.body and "block" not in message.body.lower()
