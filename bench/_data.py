"""The bench site's data, built in bench/run.py's own process (Django set up on the `bench` database, production
settings): the demo magazine from `seed_demo`, an article with exactly 34 published comments, members to sign in
and write with, up to a million comments spread over the magazine, and held comments for the queue.

Rows the services did not write (bulk inserts) have their counters set by the project's one recount
(`auscult.moderation.counters.recount`), as the seeder does."""

import io
import itertools
import json
import random

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from auscult.comments.models import ArticleCommentStats, Comment, CommentStatus, FeaturedComment
from auscult.members.display_names import display_name_key
from auscult.moderation import counters, rules
from auscult.moderation.models import CommentMode, CommentPolicy
from auscult.publishing.models import ArticlePage

PAGE_COMMENTS = 34
SMALL_TOTAL = 1_000
BATCH = 5_000
BENCH_AUTHORS = 2_000


def seed(articles):
    call_command(
        "seed_demo",
        articles=articles,
        authors=12,
        issues=3,
        members=6,
        readers=40,
        no_index=True,
        allow_production=True,
        verbosity=0,
        stdout=io.StringIO(),
    )


def _open_articles():
    closed_or_held = CommentPolicy.objects.exclude(mode=CommentMode.OPEN).values("article_id")
    return ArticlePage.objects.live().exclude(pk__in=closed_or_held)


def page_article():
    """An open article whose thread is exactly 34 published comments and nothing else (no placeholder, none
    held), from the seeded discussion; else the newest open article without comments, given 34."""
    mixed = Comment.objects.exclude(status=CommentStatus.PUBLISHED).values("article_id")
    for stats in ArticleCommentStats.objects.filter(published_count=PAGE_COMMENTS).order_by("article_id"):
        article = _open_articles().filter(pk=stats.article_id).exclude(pk__in=mixed).first()
        if article and Comment.objects.filter(article_id=article.pk).in_thread().count() == PAGE_COMMENTS:
            return article
    article = _open_articles().exclude(pk__in=Comment.objects.values("article_id")).order_by("-pk").first()
    readers = list(get_user_model().objects.filter(username__startswith="reader").order_by("pk"))
    rng = random.Random(34)  # noqa: S311 - the same made-up comments every run
    start = timezone.now() - timezone.timedelta(days=3)
    rows = []
    for n in range(PAGE_COMMENTS):
        when = start + timezone.timedelta(minutes=37 * n)
        text = " ".join(rng.sample(_WORDS, 30)).capitalize() + "."
        rows.append(
            Comment(
                article_id=article.pk,
                author=readers[n % len(readers)],
                body=text,
                status=CommentStatus.PUBLISHED,
                created_at=when,
                status_changed_at=when,
                published_at=when,
            )
        )
    Comment.objects.bulk_create(rows)
    counters.recount([article.pk])
    return article


_WORDS = [
    "practice",
    "list",
    "patients",
    "winter",
    "pressure",
    "funding",
    "appointments",
    "access",
    "triage",
    "pharmacy",
    "nurse",
    "partner",
    "contract",
    "demand",
    "workload",
    "locum",
    "continuity",
    "referral",
    "waiting",
    "hospital",
    "discharge",
    "prescribing",
    "review",
    "surgery",
    "team",
    "rota",
    "evidence",
    "guidance",
    "sessions",
    "capacity",
    "telephone",
    "online",
]


def make_renditions(*, only=None):
    """Every rendition the site shows, as the task worker would have made them on a running site (pages never make
    them): 1 to 2.5 minutes on 2 cores. With `only` (articles), what those pages show: their own images and
    portraits, their related articles' thumbnails and the print covers (the masthead shows the latest); seconds."""
    if only is None:
        call_command("make_renditions", verbosity=0)
        return
    from wagtail.images import get_image_model

    from auscult.publishing.images import COVER, THUMBNAIL, generate_renditions, images_shown_by, places_in_use
    from auscult.publishing.models import RelatedArticle

    for article in only:
        for image, places in images_shown_by(article):
            generate_renditions(image, places, notify=False)
        for link in RelatedArticle.objects.filter(article_id=article.pk).select_related("related__image"):
            if link.related.image is not None:
                generate_renditions(link.related.image, [THUMBNAIL], notify=False)
    covers = [image_id for image_id, places in places_in_use().items() if COVER in places]
    for image in get_image_model().objects.filter(pk__in=covers):
        generate_renditions(image, [COVER], notify=False)


def trim_comments(keep, total=SMALL_TOTAL):
    """Delete whole threads (never `keep`'s) until at most `total` comments remain, then recount."""
    counts = dict(Comment.objects.order_by().values_list("article_id").annotate(n=Count("pk")))
    remaining = sum(counts.values())
    drop = []
    for article_id, n in sorted(counts.items(), key=lambda item: -item[0]):
        if remaining <= total:
            break
        if article_id == keep.pk:
            continue
        drop.append(article_id)
        remaining -= n
    with transaction.atomic():
        FeaturedComment.objects.filter(comment__article_id__in=drop).delete()
        Comment.objects.filter(article_id__in=drop).update(parent=None)
        Comment.objects.filter(article_id__in=drop).delete()
    counters.recount()
    return Comment.objects.count()


def write_articles(exclude, count=40):
    """Open articles other than the page's, for the writes (spread so that no article's discussion surges)."""
    return list(_open_articles().exclude(pk=exclude.pk).order_by("pk").values_list("pk", flat=True)[:count])


def unique_names(prefix, count):
    """`count` display names "<prefix> Abcd", … whose keys all differ (the key folds look-alikes: i and l, rn
    and m, digits and letters), so none clashes with another under the members' unique constraint."""
    names, keys = [], set()
    for n in itertools.count():
        code, value = "", n
        for _ in range(4):
            value, digit = divmod(value, 26)
            code = chr(ord("a") + digit) + code
        name = f"{prefix} {code.capitalize()}"
        key = display_name_key(name)
        if key not in keys:
            keys.add(key)
            names.append((name, key))
        if len(names) == count:
            return names


def make_members(count, prefix="benchmember"):
    """`count` verified, approved members who can comment and rate (no password: signed in by session)."""
    from allauth.account.models import EmailAddress

    from auscult.members.models import Approval
    from auscult.members.registration_numbers import Profession, Regulator

    User = get_user_model()
    now = timezone.now()
    start = User.objects.count()
    users = []
    for n, (name, key) in enumerate(unique_names(f"Dr {prefix.capitalize()}", count)):
        user = User(
            username=f"{prefix}{n}",
            email=f"{prefix}{n}@bench.example",
            display_name=name,
            display_name_key=key,
            full_name=name.removeprefix("Dr "),
            profession=Profession.GP,
            regulator=Regulator.GMC,
            registration_number=f"{7_000_000 + start + n}",  # unique per regulator
            email_verified_at=now,
            approval=Approval.APPROVED,
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, batch_size=2000)
    users = list(User.objects.filter(username__startswith=prefix).order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in users], batch_size=2000
    )
    return users


def session_cookie(user):
    """A real session for `user` in the database (what signing in stores), as the cookie the site reads."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies["sessionid"].value


def bulk_comments(total, *, thread_article, thread_size):
    """Add published comments until the table holds `total`: `thread_size` of them on `thread_article` (a long
    thread to page through), the rest spread over every other open article but the page's, from many authors.
    Counters recounted afterwards; the planner's statistics refreshed."""
    User = get_user_model()
    start = User.objects.count()
    User.objects.bulk_create(
        (
            User(
                username=f"benchauthor{n}",
                display_name=f"Bench Author {n:05d}",
                display_name_key=f"bench author {n:05d}",
            )
            for n in range(start, start + BENCH_AUTHORS)
        ),
        batch_size=2000,
    )
    authors = list(User.objects.filter(username__startswith="benchauthor").values_list("pk", flat=True))
    have = Comment.objects.count()
    wanted = max(0, total - have)
    thread_rows = min(thread_size, wanted)
    others = list(_open_articles().exclude(pk=thread_article.pk).exclude(pk__in=_PAGE_IDS).values_list("pk", flat=True))
    started = timezone.now() - timezone.timedelta(days=300)
    targets = itertools.chain(itertools.repeat(thread_article.pk, thread_rows), itertools.cycle(others))
    made = 0
    while made < wanted:
        size = min(BATCH, wanted - made)
        rows = []
        for n in range(made, made + size):
            when = started + timezone.timedelta(seconds=n * 20)
            rows.append(
                Comment(
                    article_id=next(targets),
                    author_id=authors[n % len(authors)],
                    body=f"Bench comment {n}: the practice has seen the same pressure this winter as everyone else.",
                    status=CommentStatus.PUBLISHED,
                    created_at=when,
                    status_changed_at=when,
                    published_at=when,
                )
            )
        Comment.objects.bulk_create(rows, batch_size=BATCH)
        made += size
    counters.recount()
    analyze()
    return Comment.objects.count()


# Articles the page tests read: bulk comments never land on them.
_PAGE_IDS = []


def protect(*articles):
    _PAGE_IDS.extend(a.pk for a in articles)


def hold_comments(total):
    """Hold comments (pending, with a rule's reason) until `total` are held, spread over authors and articles,
    as bench/moderation_queue.py does."""
    authors = list(get_user_model().objects.filter(username__startswith="benchauthor").values_list("pk", flat=True))
    articles = list(_open_articles().exclude(pk__in=_PAGE_IDS).values_list("pk", flat=True))
    reasons = [rules.PREMODERATION, rules.FIRST_COMMENTS, rules.SUSPECT_WORD, rules.LINKS]
    held = Comment.objects.filter(status=CommentStatus.PENDING).count()
    now = timezone.now()
    for start in range(held, total, BATCH):
        Comment.objects.bulk_create(
            Comment(
                article_id=articles[n % len(articles)],
                author_id=authors[n % len(authors)],
                body=f"Held comment {n} with enough words to look like one a reader would write.",
                status=CommentStatus.PENDING,
                held_reason=reasons[n % len(reasons)],
                created_at=now - timezone.timedelta(seconds=total - n),
                status_changed_at=now,
            )
            for n in range(start, min(total, start + BATCH))
        )
    _store_held_counts()
    analyze()
    return Comment.objects.filter(status=CommentStatus.PENDING).count()


def _store_held_counts():
    """What posting would have stored for comments inserted in bulk: each article's held count (the queue's size
    is their sum). Grouped, as `counters.recount` would be over a million rows in Python."""
    waiting = Comment.objects.filter(status=CommentStatus.PENDING).values("article_id").order_by()
    for row in waiting.annotate(n=Count("pk")):
        ArticleCommentStats.objects.update_or_create(article_id=row["article_id"], defaults={"held_count": row["n"]})


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def export_floor(article, path):
    """The article's title and body, and its thread's comments, for the floor (bench/minimal) to load."""
    comments = Comment.objects.for_article(article).in_thread().with_people().order_by("created_at", "id")
    data = {
        "title": article.title,
        "slug": article.slug,
        "body_html": str(article.body),
        "comments": [
            {"author_name": c.author.public_name, "body": c.body, "created_at": c.created_at.isoformat()}
            for c in comments
        ],
    }
    path.write_text(json.dumps(data))
    return data
