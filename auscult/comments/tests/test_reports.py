"""Reporting, as members do it over HTTP: a limit on how many reports a member (and an address) may send,
and automatic hiding that only reports from established members can trigger, while every report reaches
the moderators."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import html

from auscult.comments.errors import TOO_MANY_REPORTS
from auscult.comments.models import CommentSettings, CommentStatus, Report
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

from .factories import established_member, make_comments

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def article():
    return ArticlePageFactory(title="Winter vaccination drive")


@pytest.fixture
def author():
    return MemberFactory(display_name="Dr Reported Writer")


def report(client, comment, **extra):
    return client.post(f"/comments/{comment.pk}/report/", {"reason": "other", "note": "Rude to a colleague"}, **extra)


# The limit


def test_a_member_over_the_report_limit_is_told_to_wait_and_keeps_what_they_wrote(client, article, author):
    comments = make_comments(article, 11, author=author)
    client.force_login(MemberFactory())
    for comment in comments[:10]:
        assert report(client, comment).status_code == 302

    refused = report(client, comments[10])

    assert refused.status_code == 429
    page = refused.content.decode()
    assert TOO_MANY_REPORTS in page
    assert "Rude to a colleague" in page
    assert html.fromstring(page).xpath('//input[@name="reason"][@checked]/@value') == ["other"]
    assert not Report.objects.filter(comment=comments[10]).exists()


def test_with_htmx_the_refusal_is_the_report_form_with_the_message(client, article, author, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "comment_report": "1/10m/user"}
    first, second = make_comments(article, 2, author=author)
    client.force_login(MemberFactory())
    assert report(client, first, **HTMX).status_code == 200

    refused = report(client, second, **HTMX)

    assert refused.status_code == 429
    fragment = refused.content.decode()
    assert fragment.startswith('<form class="form report-form"') and TOO_MANY_REPORTS in fragment
    assert "Rude to a colleague" in fragment
    assert not Report.objects.filter(comment=second).exists()


def test_the_limit_also_counts_per_address_and_not_across_addresses(client, article, author, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "comment_report": "10/10m/user,2/h/ip"}
    comment = make_comments(article, 1, author=author)[0]
    for _ in range(2):
        client.force_login(MemberFactory())
        assert report(client, comment, REMOTE_ADDR="192.0.2.7").status_code == 302

    client.force_login(MemberFactory())
    assert report(client, comment, REMOTE_ADDR="192.0.2.7").status_code == 429
    assert report(client, comment, REMOTE_ADDR="198.51.100.3").status_code == 302
    assert comment.reports.count() == 3


# Who can hide a comment


def test_reports_from_new_accounts_reach_the_queue_but_do_not_hide_the_comment(client, moderator, article, author):
    comment = make_comments(article, 1, author=author)[0]
    for _ in range(3):
        client.force_login(MemberFactory())  # verified, but joined today with nothing published
        report(client, comment)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.report_count == 3
    assert "Comment number 1" in client.get(article.url).content.decode()
    client.force_login(moderator)
    queue = client.get("/admin/moderation/queue/reported/").content.decode()
    assert f'data-comment="{comment.pk}"' in queue and queue.count("Rude to a colleague") == 3


def test_reports_from_established_members_hide_the_comment(client, article, author):
    comment = make_comments(article, 1, author=author)[0]
    client.force_login(MemberFactory())
    report(client, comment)  # a new account's report: in the queue, not counted towards hiding
    for _ in range(3):
        client.force_login(established_member())
        report(client, comment)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.report_count == 4
    from auscult.moderation.models import AuditEntry

    assert "3 reports from established members" in AuditEntry.objects.get(comment=comment, action="hide").reason


@pytest.mark.parametrize(
    ("joined_days_ago", "published", "counts"),
    [(30, 0, False), (2, 1, False), (8, 1, True)],
)
def test_established_means_both_old_enough_and_published_as_the_settings_say(
    client, article, author, joined_days_ago, published, counts
):
    CommentSettings.objects.update_or_create(
        defaults={"report_threshold": 1, "trusted_reporter_days": 7, "trusted_reporter_comments": 1}
    )
    comment = make_comments(article, 1, author=author)[0]
    reporter = MemberFactory(date_joined=timezone.now() - timedelta(days=joined_days_ago))
    make_comments(ArticlePageFactory(), published, author=reporter)
    client.force_login(reporter)

    report(client, comment)

    comment.refresh_from_db()
    assert comment.status == (CommentStatus.HIDDEN if counts else CommentStatus.PUBLISHED)


def test_with_both_settings_at_zero_every_report_counts_again(client, article, author):
    CommentSettings.objects.update_or_create(defaults={"trusted_reporter_days": 0, "trusted_reporter_comments": 0})
    comment = make_comments(article, 1, author=author)[0]
    for _ in range(3):
        client.force_login(MemberFactory())
        report(client, comment)

    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
