"""seed_demo at scale: the bulk paths (COPY on PostgreSQL, bulk_create elsewhere) leave data the site can use,
every stored counter equal to its recount, and Wagtail's revisions and reference index as its own calls would."""

import io
import re
import sys

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone
from wagtail.models import ReferenceIndex

from auscult.comments.models import ArticleCommentStats, Comment, CommentStatus, Report
from auscult.demo.crowd import set_counters, spread
from auscult.demo.management.commands import seed_demo
from auscult.demo.seed import SCALES
from auscult.moderation import rules
from auscult.moderation.counters import counter_drift
from auscult.publishing.models import ArticlePage
from auscult.ratings.models import ArticleRatingStats, Rating

pytestmark = pytest.mark.django_db

ARTICLES, READERS, COMMENTS, RATINGS = 40, 80, 3_000, 900


@pytest.fixture
def crowd():
    call_command(
        "seed_demo", articles=ARTICLES, authors=3, issues=1, members=2, readers=READERS, comments=COMMENTS,
        ratings=RATINGS, seed=5, stdout=io.StringIO(), verbosity=0,
    )  # fmt: skip


def test_the_sizes_asked_for_are_written(crowd):
    assert ArticlePage.objects.live().count() == ARTICLES
    assert Comment.objects.count() == COMMENTS
    assert Rating.objects.count() == RATINGS
    readers = get_user_model().objects.filter(username__startswith="reader")
    assert readers.count() == READERS
    assert EmailAddress.objects.filter(user__in=readers, verified=True, primary=True).count() == READERS
    assert not any(r.has_usable_password() for r in readers)
    assert readers.values("display_name_key").distinct().count() == READERS


def test_every_stored_counter_equals_its_recount(crowd):
    assert counter_drift() == []
    call_command("counters", stdout=io.StringIO())  # exits 0: raises CommandError otherwise
    assert ArticleCommentStats.objects.count() == ARTICLES
    published = Comment.objects.filter(status=CommentStatus.PUBLISHED).count()
    assert sum(ArticleCommentStats.objects.values_list("published_count", flat=True)) == published
    assert sum(ArticleRatingStats.objects.values_list("count", flat=True)) == RATINGS


def test_set_counters_rewrites_counters_that_drifted(crowd):
    replied = Comment.objects.filter(published_reply_count__gt=0).first()
    unreplied = Comment.objects.filter(published_reply_count=0).first()
    Comment.objects.filter(pk=replied.pk).update(published_reply_count=0, report_count=7)
    Comment.objects.filter(pk=unreplied.pk).update(published_reply_count=3)
    ArticleCommentStats.objects.update(published_count=F("published_count") + 1)
    ArticleRatingStats.objects.filter(count__gt=0).update(total=F("count") * 5)
    assert counter_drift()

    set_counters()

    assert counter_drift() == []


def test_the_discussion_looks_like_a_magazines(crowd):
    statuses = dict(Comment.objects.values_list("status").annotate(Count("pk")))
    assert statuses[CommentStatus.PUBLISHED] > 0.9 * COMMENTS
    for status in (CommentStatus.REMOVED, CommentStatus.DELETED, CommentStatus.HIDDEN, CommentStatus.REJECTED):
        assert statuses.get(status), status
    held = set(Comment.objects.exclude(held_reason="").values_list("held_reason", flat=True))
    assert {rules.PREMODERATION, rules.LINKS, rules.BURST} <= held
    # A hidden comment was hidden by its readers' unresolved reports, as comment_report would do it.
    for comment in Comment.objects.filter(status=CommentStatus.HIDDEN):
        assert comment.reports.filter(resolved_at=None).exclude(reporter_id=comment.author_id).count() >= 3
    counts = sorted(Comment.objects.values_list("article_id").annotate(n=Count("pk")).values_list("n", flat=True))
    assert COMMENTS // 20 in counts  # the long thread (at the large scale, also the longest)
    assert counts[0] < 10
    # Replies answer an earlier comment of the same thread; everything happened after publication.
    replies = Comment.objects.filter(parent__isnull=False)
    assert replies.count() > 0.2 * COMMENTS
    assert not replies.exclude(parent__article_id=F("article_id")).exists()
    assert not replies.filter(parent__created_at__gt=F("created_at")).exists()
    assert not Comment.objects.filter(created_at__lt=F("article__publication_date")).exists()
    assert not Comment.objects.filter(created_at__gt=timezone.now()).exists()
    assert not Report.objects.filter(reporter_id=F("comment__author_id")).exists()
    assert Rating.objects.values("article_id", "member_id").distinct().count() == RATINGS


def test_articles_have_a_live_revision_the_admin_edits(crowd, client):
    assert not ArticlePage.objects.filter(live_revision__isnull=True).exists()
    assert not ArticlePage.objects.exclude(latest_revision_id=F("live_revision_id")).exists()
    article = ArticlePage.objects.order_by("-pk").first()
    draft = article.get_latest_revision_as_object()
    assert (draft.title, draft.body.raw_data, draft.authors) == (article.title, article.body.raw_data, article.authors)
    assert [r.related_id for r in draft.related_links.all()] == [r.related_id for r in article.related_links.all()]

    client.login(username="editor", password="auscult-editor")
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert article.standfirst in response.content.decode()


def test_the_reference_index_is_the_one_wagtail_rebuilds(crowd):
    def rows():
        # Wagtail's rebuild also walks bare Page rows first, which records a specific page's references under
        # its base content type; the reference itself is the same.
        return sorted(
            ReferenceIndex.objects.values_list(
                "base_content_type", "object_id", "to_content_type", "to_object_id", "model_path", "content_path"
            )
        )

    built = rows()
    call_command("rebuild_references_index", verbosity=0)

    assert built and built == rows()


def test_scale_presets_and_the_options_that_override_them(monkeypatch):
    seen = {}

    def seed(options, phases):
        seen["options"] = options
        return []

    monkeypatch.setattr(seed_demo, "seed", seed)

    call_command("seed_demo", scale="large", articles=500, stdout=io.StringIO(), verbosity=0)

    options = seen["options"]
    assert (options.articles, options.comments, options.readers, options.ratings) == (
        500, SCALES["large"]["comments"], SCALES["large"]["readers"], SCALES["large"]["ratings"],
    )  # fmt: skip
    assert SCALES["large"] == {
        "articles": 20_000, "authors": 40, "comments": 1_000_000, "readers": 50_000, "ratings": 500_000,
    }  # fmt: skip


def test_without_tqdm_each_bulk_phase_prints_plain_progress(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tqdm", None)

    call_command(
        "seed_demo", articles=5, authors=1, issues=0, members=1, readers=10, comments=50, ratings=20,
        no_index=True, verbosity=1,
    )  # fmt: skip

    captured = capsys.readouterr()
    assert re.search(r"Comments: 50/50 comments", captured.err)
    assert re.search(r"Ratings: 20/20 ratings", captured.err)
    assert "Time per phase:" in captured.out and re.search(r"Comments\s+\d+\.\d s", captured.out)


def test_spread_shares_out_exactly_and_never_above_the_cap():
    counts = spread(1_000, [5.0, 1.0, 0.0, 3.0, 1.0], cap=400)

    assert sum(counts) == 1_000 and max(counts) <= 400 and counts[2] == 0
    with pytest.raises(ValueError):
        spread(1_000, [1.0, 1.0], cap=400)
