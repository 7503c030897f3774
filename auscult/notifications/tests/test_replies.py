"""A member is told when someone replies to them: an e-mail with the reply, the article's title and the reply's
permalink, and a notification in the site ("Notifications (1)" in the masthead). Only once the reply is published,
never for their own, never after it has gone, never to a suspended member or an address the mail server refused;
every e-mail stops in one click (RFC 8058) without signing in."""

import json
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.utils import timezone
from lxml import html

from auscult.comments.models import CommentSettings, CommentStatus
from auscult.comments.services import comment_post, comment_set_status
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import PASSWORD, MemberFactory
from auscult.moderation.decisions import comment_decide
from auscult.moderation.models import CommentMode
from auscult.moderation.sanctions import member_sanction
from auscult.moderation.services import comment_mode_set
from auscult.notifications import services, tasks
from auscult.notifications.models import Follow, Kind, Notification, Preferences
from auscult.notifications.tokens import unsubscribe_token
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache(monkeypatch):
    cache.clear()
    # Each e-mail a period of its own, unless a test is about the period (test_a_thread_turning_on_a_member...).
    monkeypatch.setattr(services, "EMAIL_PERIOD_MINUTES", 1e-7)


@pytest.fixture
def conversation():
    """Dr Ana's published comment on an article, and Kit, who will answer it (as often as the test needs)."""
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    article = ArticlePageFactory(title="Funding formula row")
    ana = MemberFactory(display_name="Dr Ana R", email="ana@example.com")
    kit = MemberFactory(display_name="Nurse Kit L")
    (comment,) = make_comments(article, 1, author=ana)
    return article, ana, kit, comment


def reply(capture, kit, comment, body="We saw the same in our practice."):
    with capture(execute=True):
        return comment_post(article=comment.article, author=kit, body=body, parent=comment)


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def test_a_reply_is_emailed_with_its_text_title_and_permalink(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation

    answer = reply(django_capture_on_commit_callbacks, kit, comment)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.com"]
    assert message.subject == "Nurse Kit L replied to your comment on “Funding formula row”"
    assert "We saw the same in our practice." in message.body
    assert f"http://testserver/comments/{answer.pk}/" in message.body
    html_part = message.alternatives[0][0]
    assert f"http://testserver/comments/{answer.pk}/" in html_part and "Funding formula row" in html_part
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/account/notifications/unsubscribe/") and unsubscribe in (
        f"<{line.split(': ', 1)[-1]}>" for line in message.body.splitlines()
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_reply_is_listed_in_the_site_and_counted_in_the_masthead(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation
    client = signed_in(ana)
    assert "Notifications (" not in client.get(article.url).content.decode()

    answer = reply(django_capture_on_commit_callbacks, kit, comment)

    page = html.fromstring(client.get(article.url).content)
    assert page.cssselect(".account-nav__notifications")[0].text_content() == "Notifications (1) unread"
    listing = html.fromstring(client.get("/account/notifications/").content)
    (item,) = listing.cssselect("li.notification--unread")
    assert "Nurse Kit L replied to your comment on “Funding formula row”" in item.text_content()
    opened = client.get(item.cssselect("a")[0].get("href"))
    assert opened["Location"] == f"/comments/{answer.pk}/"
    assert Notification.objects.get().read_at is not None
    page = html.fromstring(client.get(article.url).content)
    assert page.cssselect(".account-nav__notifications")[0].text_content() == "Notifications"
    # The visitor's copy of the page is everyone's: no notifications, no name.
    visitor = Client()
    visitor.cookies["auscult_hp"] = "1"
    assert "Notifications" not in visitor.get(article.url).content.decode()


def test_mark_all_read(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation
    reply(django_capture_on_commit_callbacks, kit, comment, "First answer.")
    reply(django_capture_on_commit_callbacks, MemberFactory(), comment, "Second answer.")
    client = signed_in(ana)
    assert "(2 unread)" in client.get("/account/notifications/").content.decode()

    done = client.post("/account/notifications/read/", follow=True)

    assert "All your notifications are marked as read." in done.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert client.get("/account/notifications/read/").status_code == 405


def test_a_held_reply_tells_nobody_until_it_is_approved(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    moderator = MemberFactory(is_staff=True, groups=["Moderators"])

    held = reply(django_capture_on_commit_callbacks, kit, comment)
    assert held.status == CommentStatus.PENDING
    assert mail.outbox == [] and not Notification.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        comment_decide(comment=held, moderator=moderator, decision="approve")

    assert [m.to for m in mail.outbox if "replied to your comment" in m.subject] == [["ana@example.com"]]
    assert Notification.objects.get(kind=Kind.REPLY).comment_id == held.pk
    assert Notification.objects.get(kind=Kind.APPROVED).member == kit  # and its author is told it is published


def test_a_reply_gone_before_the_task_runs_is_told_to_nobody(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation
    with django_capture_on_commit_callbacks() as queued:
        answer = comment_post(article=article, author=kit, body="Soon removed.", parent=comment)
    comment_set_status(comment=answer, status=CommentStatus.REMOVED)

    for callback in queued:
        callback()

    assert mail.outbox == [] and not Notification.objects.exists()


def test_an_email_queued_for_a_reply_removed_since_is_not_sent(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation
    answer = comment_post(article=article, author=kit, body="Removed between the two tasks.", parent=comment)
    notification = Notification.objects.create(member=ana, kind=Kind.REPLY, comment=answer)
    comment_set_status(comment=answer, status=CommentStatus.REMOVED)

    assert tasks.send_notification_email.call(notification.pk) == "not sent"
    assert mail.outbox == []


def test_nobody_is_told_of_their_own_reply_nor_a_deleted_or_suspended_member_emailed(
    conversation, django_capture_on_commit_callbacks
):
    article, ana, kit, comment = conversation
    reply(django_capture_on_commit_callbacks, ana, comment, "Answering myself.")
    assert mail.outbox == [] and not Notification.objects.exists()

    member_sanction(member=ana, kind="suspension", days=3, reason="Cooling off.", by=COMMAND)
    reply(django_capture_on_commit_callbacks, kit, comment)
    assert mail.outbox == []
    assert Notification.objects.filter(member=ana).count() == 1  # waiting in the site for when it ends


def test_email_switched_off_keeps_the_site_notification(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation
    client = signed_in(ana)
    form = html.fromstring(client.get("/account/notifications/preferences/").content)
    assert form.cssselect("input[name=email_replies]")[0].get("checked") is not None  # on by default

    saved = client.post("/account/notifications/preferences/", {"digest": "daily"}, follow=True)
    assert "Your e-mail choices are saved." in saved.content.decode()
    reply(django_capture_on_commit_callbacks, kit, comment)

    assert mail.outbox == []
    assert Notification.objects.filter(member=ana).count() == 1


def test_one_click_unsubscribe_works_signed_out_and_a_get_changes_nothing(
    conversation, django_capture_on_commit_callbacks
):
    article, ana, kit, comment = conversation
    reply(django_capture_on_commit_callbacks, kit, comment, "First answer.")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    provider = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token, no notice: a mail provider

    shown = provider.get(link)
    assert shown.status_code == 200 and "Stop e-mails about replies to my comments?" in shown.content.decode()
    reply(django_capture_on_commit_callbacks, kit, comment, "Second answer.")
    assert len(mail.outbox) == 2  # the GET (a link scanner's, perhaps) stopped nothing

    done = provider.post(link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert done.status_code == 200 and "You will get no more e-mails about replies" in done.content.decode()
    reply(django_capture_on_commit_callbacks, kit, comment, "Third answer.")
    assert len(mail.outbox) == 2
    assert Notification.objects.filter(member=ana).count() == 3


@pytest.mark.parametrize(
    "token",
    ["nonsense", unsubscribe_token(10**9, Kind.REPLY), unsubscribe_token(1, "everything"), "a" * 400, "%00"],
    # Named, not shown: a signed token carries the time it was made, which differs between test workers.
    ids=["not a token", "no such member", "no such kind", "too long", "a nul"],
)
def test_a_broken_unsubscribe_link_says_so_and_changes_nothing(token, client):
    for method in (client.get, client.post):
        response = method(f"/account/notifications/unsubscribe/{token}/")
        assert response.status_code in (400, 404)
        if response.status_code == 400:
            assert "This unsubscribe link does not work" in response.content.decode()


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"No such user") for m in messages})


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_an_address_the_mail_server_refuses_is_sent_nothing_more(
    conversation, settings, django_capture_on_commit_callbacks
):
    article, ana, kit, comment = conversation
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    reply(django_capture_on_commit_callbacks, kit, comment, "First answer.")
    assert ana.notification_preferences.refused_address == "ana@example.com"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    reply(django_capture_on_commit_callbacks, kit, comment, "Second answer.")
    assert mail.outbox == []

    ana.email = "ana.new@example.com"  # a new address starts afresh
    ana.save()
    reply(django_capture_on_commit_callbacks, kit, comment, "Third answer.")
    assert [m.to for m in mail.outbox] == [["ana.new@example.com"]]


def test_a_mail_server_that_fails_for_a_while_is_tried_again_later(conversation, settings, monkeypatch):
    article, ana, kit, comment = conversation
    answer = comment_post(article=article, author=kit, body="An answer.", parent=comment)
    notification = Notification.objects.create(member=ana, kind=Kind.REPLY, comment=answer)
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    later = []

    class Deferred:
        def __init__(self, run_after):
            self.run_after = run_after

        def enqueue(self, *args):
            later.append((self.run_after, args))

    real = tasks.send_notification_email
    monkeypatch.setattr(type(tasks.default_task_backend), "supports_defer", True, raising=False)
    monkeypatch.setattr(tasks, "send_notification_email", type("T", (), {"using": staticmethod(Deferred)})())

    monkeypatch.setattr(services, "EMAIL_PERIOD_MINUTES", 5)  # the retry comes within the same period
    assert real.call(notification.pk) == "retrying"
    assert real.call(notification.pk, tasks.MAX_ATTEMPTS) == "failed"  # not "held back": the failure gave it back

    (run_after, args), *_ = later
    assert args == (notification.pk, 2)
    assert timedelta(minutes=1) < run_after - timezone.now() <= tasks.FIRST_RETRY
    notification.refresh_from_db()
    assert notification.emailed_at is None  # the claim is given back for the retry


def test_told_once_however_often_the_task_runs(conversation):
    article, ana, kit, comment = conversation
    answer = comment_post(article=article, author=kit, body="An answer.", parent=comment)

    for _ in range(3):
        tasks.notify_published.call(answer.pk)

    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_notifications_are_in_the_data_export_and_go_with_the_account(conversation, django_capture_on_commit_callbacks):
    article, ana, kit, comment = conversation
    answer = reply(django_capture_on_commit_callbacks, kit, comment)
    client = signed_in(ana)
    client.post("/account/notifications/preferences/", {"digest": "weekly"})
    client.post(f"/articles/{article.pk}/follow/")

    export = json.loads(client.get("/account/data/?download=1").content)["notifications"]
    assert export["email_choices"] == {
        "replies_to_my_comments": False,
        "my_held_comments_published": False,
        "my_comments_featured": False,
        "my_comments_first_recommended": False,
        "followed_discussions_digest": "Once a week",
        "follow_when_commenting": False,
    }
    assert [f["article"] for f in export["following"]] == ["Funding formula row"]
    assert [n["comment"] for n in export["notifications"]] == [answer.pk]

    client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert not Notification.objects.exists()
    assert not Preferences.objects.filter(member_id=ana.pk).exists()
    assert not Follow.objects.filter(member_id=ana.pk).exists()


def test_a_blocked_member_is_never_told_of(conversation, django_capture_on_commit_callbacks):
    from auscult.comments.blocks import member_block

    article, ana, kit, comment = conversation
    member_block(member=ana, blocked=kit)

    reply(django_capture_on_commit_callbacks, kit, comment)

    assert mail.outbox == [] and not Notification.objects.exists()


def test_a_held_comment_published_first_recommended_or_featured_tells_its_author(
    conversation, django_capture_on_commit_callbacks
):
    from auscult.comments.models import FeaturedComment
    from auscult.comments.services import comment_recommend, comment_unrecommend

    article, ana, kit, comment = conversation
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    moderator = MemberFactory(is_staff=True, groups=["Moderators"])
    with django_capture_on_commit_callbacks(execute=True):
        held = comment_post(article=article, author=kit, body="Held, then approved.")
    with django_capture_on_commit_callbacks(execute=True):
        comment_decide(comment=held, moderator=moderator, decision="approve")
    readers = [MemberFactory(), MemberFactory()]
    with django_capture_on_commit_callbacks(execute=True):
        comment_recommend(comment=held, member=readers[0])
    with django_capture_on_commit_callbacks(execute=True):
        comment_unrecommend(comment=held, member=readers[0])
        comment_recommend(comment=held, member=readers[1])  # first again: told once all the same
    elsewhere = ArticlePageFactory(title="Editor's pick")
    with django_capture_on_commit_callbacks(execute=True):
        FeaturedComment.objects.create(article=elsewhere, comment=held, featured_by=moderator)

    subjects = [m.subject for m in mail.outbox if m.to == [kit.email]]
    assert subjects == [
        "Your comment on “Funding formula row” is published",
        "A reader recommended your comment on “Funding formula row”",
        "The editors featured your comment on “Funding formula row” on “Editor's pick”",
    ]
    assert "Held, then approved." in mail.outbox[-1].body
    listing = html.fromstring(signed_in(kit).get("/account/notifications/").content)
    assert len(listing.cssselect("li.notification--unread")) == 3


def test_each_kind_of_email_is_switched_off_on_its_own(conversation, django_capture_on_commit_callbacks):
    from auscult.comments.services import comment_recommend

    article, ana, kit, comment = conversation
    signed_in(ana).post(
        "/account/notifications/preferences/", {"email_replies": "on", "digest": "daily", "email_featured": "on"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        comment_recommend(comment=comment, member=kit)
    reply(django_capture_on_commit_callbacks, kit, comment)

    assert [m.subject for m in mail.outbox] == ["Nurse Kit L replied to your comment on “Funding formula row”"]
    assert Notification.objects.filter(member=ana, kind=Kind.RECOMMENDED).exists()  # listed all the same


def test_the_sites_own_approval_email_is_not_doubled(conversation, django_capture_on_commit_callbacks):
    from auscult.moderation.models import ModerationSettings

    article, ana, kit, comment = conversation
    ModerationSettings.objects.update_or_create(defaults={"email_author_on_approval": True})
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    moderator = MemberFactory(is_staff=True, groups=["Moderators"])
    held = comment_post(article=article, author=kit, body="Held words.")
    with django_capture_on_commit_callbacks(execute=True):
        comment_decide(comment=held, moderator=moderator, decision="approve")

    assert len([m for m in mail.outbox if m.to == [kit.email]]) == 1


def test_a_thread_turning_on_a_member_sends_one_email_a_period(
    conversation, django_capture_on_commit_callbacks, monkeypatch
):
    article, ana, kit, comment = conversation
    monkeypatch.setattr(services, "EMAIL_PERIOD_MINUTES", 5)
    for n in range(4):
        reply(django_capture_on_commit_callbacks, MemberFactory(), comment, f"Answer number {n}")

    assert len(mail.outbox) == 1
    assert Notification.objects.filter(member=ana, kind=Kind.REPLY).count() == 4  # all listed in the site

    later = timezone.now() + timedelta(minutes=5)
    monkeypatch.setattr(tasks.services.timezone, "now", lambda: later)
    reply(django_capture_on_commit_callbacks, kit, comment, "The next period's answer")
    assert len(mail.outbox) == 2
    assert "You have 4 other unread notifications" in mail.outbox[-1].body
