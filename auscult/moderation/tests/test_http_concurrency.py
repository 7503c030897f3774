"""The whole promise under load, through real HTTP: many browsers at once against the project's WSGI
application in a threaded server, each with its own session, connection and CSRF token.

- every comment the site acknowledged is stored exactly once, double submissions included, and the
  article's count and each parent's reply count equal a recount, while a moderator approves held ones;
- a thousand simultaneous rating requests by one member leave one rating; a hundred members rating at
  once leave the stored count and average equal to the recount (and the public page shows them);
- two moderators deciding the same held comments at once record one decision each, and the other is
  told who decided (a page, never a 500).

No answer in any of these runs is a 5xx, and every stored counter on the site equals its recount
afterwards (invariants.py). The CI-sized runs are here; `-m long` runs the full-sized comment run.
PostgreSQL only: SQLite serialises every writer, so there would be nothing to prove."""

import threading
import uuid
from collections import Counter
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from auscult.comments.models import ArticleCommentStats, Comment, CommentSettings, CommentStatus
from auscult.comments.services import comment_post
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import PASSWORD, MemberFactory
from auscult.moderation.models import AuditAction, AuditEntry, CommentMode, ModerationRules, ModerationSettings
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.models import ArticleRatingStats, Rating
from auscult.ratings.rendering import format_average

from .invariants import assert_counters_exact
from .live_http import run_together, serving

pytestmark = [
    # serialized_rollback restores what migrations created (the home page, groups) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL's row locks: run with DATABASE_URL=postgres://…",
    ),
]

DECISIONS = {AuditAction.APPROVE, AuditAction.REJECT, AuditAction.REMOVE, AuditAction.RESTORE}
HELD_WORD = "zebracorn"  # a suspect word: a comment containing it waits for a moderator


def new_member(**kwargs):
    """A verified member whose display name cannot fold into another's."""
    return MemberFactory(display_name=f"Member {uuid.uuid4().hex[:12]}", **kwargs)


def new_moderator():
    user = new_member(is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def assert_the_site_held(site):
    assert site.server_errors() == []
    assert_counters_exact()


# Comments ---------------------------------------------------------------------------------------


def acknowledged(answer, *, htmx):
    """The site said the comment is in: the htmx block with its trigger, or a redirect to the comment."""
    if htmx:
        return answer.status == 200 and answer.headers.get("HX-Trigger") == "comment-posted"
    return answer.status == 302 and ("#comment-" in answer.location or "#your-comments" in answer.location)


def approve_held(moderator, *, at_most=10):
    """One pass of the held queue: tick the first comments shown and approve them with the bulk form.

    A few at a time: each decision queues for the article's stats lock behind every post in flight."""
    queue = moderator.get("/admin/moderation/")
    assert queue.status == 200, queue.status
    tree = queue.tree()
    data = {i.get("name"): i.get("value", "") for i in tree.cssselect("#bulk-form input[type=hidden]")}
    boxes = tree.cssselect("input[type=checkbox][name=comment][form=bulk-form]")
    ids = [box.get("value") for box in boxes[:at_most]]
    if not ids:
        return 0
    for field in tree.cssselect("input[type=hidden][form=bulk-form]"):
        data[field.get("name")] = field.get("value")
    answer = moderator.post("/admin/moderation/decide/", {**data, "comment": ids, "decision": "approve"})
    assert answer.status == 302, answer.status
    told = moderator.follow(answer)
    assert told.status == 200 and f"Approved {len(ids)} comment" in told.text, told.status
    return len(ids)


def post_together(browsers, url, data, *, htmx):
    """The same form sent by each browser at the same instant; their answers."""
    answers = []
    run_together([lambda b=b: answers.append(b.post(url, data, htmx=htmx)) for b in browsers])
    return answers


@pytest.mark.parametrize(
    ("clients", "posts"),
    [pytest.param(16, 25, id="16x25"), pytest.param(64, 50, id="64x50", marks=pytest.mark.long)],
)
def test_every_acknowledged_comment_is_stored_once_and_the_counts_stay_exact(clients, posts, settings):
    if clients > 16:
        # Posts on one article take turns at its stats lock, and here every turn is stretched by the one
        # interpreter lock all the server's threads share: 64 posters queue past the web requests' 3 s lock
        # and 10 s statement limits (core/db_limits.py), which are for a lock nobody releases. 16 stay
        # inside them (slowest post about 2 s), so the CI-sized run keeps the real limits.
        settings.AUSCULT = {**settings.AUSCULT, "WEB_LOCK_TIMEOUT": 60, "WEB_STATEMENT_TIMEOUT": 60}
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    ModerationRules.objects.update_or_create(defaults={"burst_count": 0, "suspect_words": HELD_WORD})
    # Surge protection would pre-moderate the article after 40 comments; here the counters are the point.
    ModerationSettings.objects.update_or_create(defaults={"surge_enabled": False})
    article = ArticlePageFactory()
    starter = new_member()
    parents = [comment_post(article=article, author=starter, body=f"Thread starter {n}") for n in range(3)]
    members = [new_member() for _ in range(clients)]
    sent = []  # (author id, submission key, body) of every post the site acknowledged

    with serving() as site:
        browsers = [site.browser() for _ in members]
        for browser, member in zip(browsers[:2], members[:2], strict=True):
            browser.sign_in(member.email, PASSWORD)  # allauth's form; its limit is 30 sign-ins a minute
        for n, member in enumerate(members[2:], start=2):
            browsers[n] = site.signed_in(member)
        moderator = site.browser()
        moderator.sign_in_to_admin(new_moderator().username, PASSWORD)

        def client(n):
            browser, member = browsers[n], members[n]
            page = browser.get(article.url)
            assert page.status == 200, page.status
            form = page.form_fields("form.comment-form")
            for i in range(posts):
                body = f"Client {n}, post {i}." + (f" {HELD_WORD}" if i % 7 == 3 else "")
                htmx = i % 2 == 0
                fields = form
                if i % 4 == 1:  # a reply, from the reply form opened under the parent
                    reply_form = browser.get(f"/comments/{parents[(n + i) % 3].pk}/reply/", htmx=True)
                    assert reply_form.status == 200, reply_form.status
                    fields = reply_form.form_fields("form.comment-form")
                data = {**fields, "body": body}
                if i % 10 == 6:  # a double click: the same form sent twice at once, from two connections
                    tab = browser.tab()
                    answers = post_together([browser, tab], post_url, data, htmx=htmx)
                    tab.close()
                else:
                    answers = [browser.post(post_url, data, htmx=htmx)]
                for answer in answers:
                    assert acknowledged(answer, htmx=htmx), (answer.status, answer.location, answer.text[:300])
                sent.append((member.pk, data["submission_key"], body))
                # The next form, with its new submission key: in the block htmx swapped in, or on the page
                # the browser lands on.
                form = (answers[0] if htmx else browser.follow(answers[0])).form_fields("form.comment-form")
            browser.close()

        def moderate():
            try:
                while not posted.wait(timeout=0.25):
                    approve_held(moderator)
            except BaseException as failure:  # noqa: BLE001 - re-raised in the test's thread
                moderator_failed.append(failure)

        post_url = f"/articles/{article.pk}/comments/post/"
        posted, moderator_failed = threading.Event(), []
        watcher = threading.Thread(target=moderate)
        watcher.start()
        try:
            run_together([lambda n=n: client(n) for n in range(clients)])
        finally:
            posted.set()
            watcher.join()
        assert moderator_failed == []
        while approve_held(moderator, at_most=50):
            pass
        moderator.close()

        assert len(sent) == clients * posts
        stored = Comment.objects.filter(article_id=article.pk).exclude(pk__in=[p.pk for p in parents])
        assert sorted(stored.values_list("author_id", "submission_key", "body")) == sorted(
            (author, uuid.UUID(key), body) for author, key, body in sent
        )
        duplicates = Counter(stored.values_list("author_id", "body"))
        assert [kept for kept, times in duplicates.items() if times > 1] == []
        assert not stored.exclude(status=CommentStatus.PUBLISHED).exists()  # every held one was approved
        published = Comment.objects.filter(article_id=article.pk, status=CommentStatus.PUBLISHED)
        assert ArticleCommentStats.objects.get(article_id=article.pk).published_count == published.count()
        for parent in parents:
            parent.refresh_from_db()
            assert parent.published_reply_count == published.filter(parent_id=parent.pk).count()
            assert parent.published_reply_count > 0
        assert f"({published.count()})" in site.browser().get(article.url).text
        assert_the_site_held(site)


# Ratings ----------------------------------------------------------------------------------------

THREADS = 20


def test_a_thousand_simultaneous_ratings_by_one_member_leave_one_rating(settings):
    # The race is the point here, not the rate limit (ratings/tests/test_rate_limits.py proves that).
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "rating_change": "100000/10m/user,100000/h/ip"}
    article = ArticlePageFactory()
    member = new_member()
    values = set()

    with serving() as site:
        browser = site.browser()
        browser.sign_in(member.email, PASSWORD)
        fields = browser.get(article.url).form_fields("form.rating-form")
        rate_url = f"/articles/{article.pk}/rating/"
        tabs = [browser.tab() for _ in range(THREADS)]

        def rate(tab, n):
            for i in range(50):
                stars = (n + i) % 5 + 1
                htmx = i % 10 != 0  # mostly with JavaScript on; some as the plain form
                answer = tab.post(rate_url, {**fields, "stars": stars}, htmx=htmx)
                if htmx:
                    assert answer.status == 200 and "is saved" in answer.text, (answer.status, answer.text[:300])
                else:
                    assert answer.status == 302 and answer.location.endswith("#rating"), answer.status
                values.add(stars)
            tab.close()

        run_together([lambda t=t, n=n: rate(t, n) for n, t in enumerate(tabs)])

        rating = Rating.objects.get(article=article)  # exactly one row, or get() raises
        assert rating.member_id == member.pk and rating.stars in values
        stats = ArticleRatingStats.objects.get(article=article)
        assert (stats.count, stats.total) == (1, rating.stars)
        own = browser.get(article.url)
        assert f"Your rating: {rating.stars} star" in own.text
        browser.close()
        assert_the_site_held(site)


def test_a_hundred_members_rating_at_once_keep_the_count_and_average_exact():
    article = ArticlePageFactory()
    members = [new_member() for _ in range(100)]
    rate_url, withdraw_url = f"/articles/{article.pk}/rating/", f"/articles/{article.pk}/rating/withdraw/"

    def expected(n):
        """What member n ends with: a first rating, a change for some, a withdrawal for a few."""
        if n % 9 == 4:
            return None
        return 5 - n % 5 if n % 3 == 0 else n % 5 + 1

    with serving() as site:

        def voter(n):
            # Members rate in turns of THREADS at a time: each one in flight holds a server thread and
            # a database connection, and PostgreSQL allows 100 connections in all.
            for member_index in range(n, len(members), THREADS):
                browser = site.signed_in(members[member_index])
                page = browser.get(article.url)
                assert page.status == 200, page.status
                fields = page.form_fields("form.rating-form")
                htmx = member_index % 4 != 0
                steps = [(rate_url, member_index % 5 + 1)]
                if member_index % 3 == 0:
                    steps.append((rate_url, 5 - member_index % 5))
                if member_index % 9 == 4:
                    steps.append((withdraw_url, None))
                for url, stars in steps:
                    data = fields if stars is None else {**fields, "stars": stars}
                    answer = browser.post(url, data, htmx=htmx)
                    assert answer.status == (200 if htmx else 302), (answer.status, answer.text[:300])
                    if not htmx:
                        fields = browser.follow(answer).form_fields("form.rating-form")
                browser.close()

        run_together([lambda n=n: voter(n) for n in range(THREADS)])

        wanted = {m.pk: expected(n) for n, m in enumerate(members) if expected(n) is not None}
        assert dict(Rating.objects.filter(article=article).values_list("member_id", "stars")) == wanted
        stats = ArticleRatingStats.objects.get(article=article)
        assert (stats.count, stats.total) == (len(wanted), sum(wanted.values()))
        assert stats.average == Decimal(sum(wanted.values())) / Decimal(len(wanted))
        public = site.browser().get(article.url).text
        assert f"Average rating <strong>{format_average(stats.average)}</strong> out of 5 from {stats.count}" in public
        assert_the_site_held(site)


# Moderation -------------------------------------------------------------------------------------


def test_two_moderators_deciding_the_same_held_comments_at_once_record_one_decision_each():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    ModerationRules.objects.update_or_create(defaults={"burst_count": 0})
    article = ArticlePageFactory()
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    author = new_member()
    held = [comment_post(article=article, author=author, body=f"Held point {n}") for n in range(8)]
    assert {c.status for c in held} == {CommentStatus.PENDING}
    moderators = [new_moderator(), new_moderator()]
    decisions = ["approve", "reject"]  # different decisions, so the one that stuck shows who won
    told = {0: {}, 1: {}}

    with serving() as site:
        browsers = [site.browser() for _ in moderators]
        for browser, moderator in zip(browsers, moderators, strict=True):
            browser.sign_in_to_admin(moderator.username, PASSWORD)
        # Both open the queue before either decides: each decision carries the version its moderator saw.
        forms = [
            {fields["comment_id"]: fields for fields in browser.get("/admin/moderation/").forms("form.mod-actions")}
            for browser in browsers
        ]
        rounds = [threading.Barrier(2) for _ in held]

        def decide(m):
            browser = browsers[m]
            for comment, barrier in zip(held, rounds, strict=True):
                fields = forms[m][str(comment.pk)]
                data = {**fields, "decision": decisions[m], "reason": "Not for this thread."}
                barrier.wait(timeout=30)
                answer = browser.post("/admin/moderation/decide/", data)
                assert answer.status == 302, (answer.status, answer.text[:300])
                told[m][comment.pk] = browser.follow(answer).text
            browser.close()

        run_together([lambda m=m: decide(m) for m in range(2)])

        for comment in held:
            entries = list(AuditEntry.objects.filter(comment_id=comment.pk, action__in=DECISIONS))
            assert len(entries) == 1, (comment.pk, entries)
            winner = moderators.index(entries[0].actor)
            loser = 1 - winner
            comment.refresh_from_db()
            assert comment.status == (CommentStatus.PUBLISHED if winner == 0 else CommentStatus.REJECTED)
            assert ("Approved 1 comment." if winner == 0 else "Rejected 1 comment.") in told[winner][comment.pk]
            assert (
                f"Comment {comment.pk} was already decided: {moderators[winner].public_name}" in told[loser][comment.pk]
            )
        assert_the_site_held(site)
