"""How the moderation queue's first page costs with 100,000 comments held against 100 held, in one run.

    .venv/bin/python bench/moderation_queue.py --database-url postgres://postgres@127.0.0.1:5432/bench [--held 100000]

Builds a small magazine in the given database (flushed first; a temporary SQLite file without
--database-url, which is not what production runs), holds `--small` comments, times the held queue
(`/admin/moderation/`) as a moderator sees it, then holds `--held` in all and times it again, spread
over many authors and articles. Prints the median and p90 of each, their ratio (the target is 1.2x at
most) and the queries each page made.
"""

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._django import fresh_site  # noqa: E402 - after the path is set

TARGET = 1.2


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.9) - 1]


class QueryCounter:
    """A database execute wrapper that counts the queries made through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--held", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--authors", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    fresh_site(args.database_url)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.utils import timezone

    from auscult.comments.models import Comment, CommentStatus
    from auscult.moderation import rules
    from auscult.moderation.counters import recount
    from auscult.publishing.models import ArticlePage

    settings.ALLOWED_HOSTS = ["*"]
    # One connection for the whole run, as a production worker keeps (CONN_MAX_AGE): no reconnecting per request,
    # and every query of a page is counted on it.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command(
        "seed_demo", articles=200, authors=5, issues=1, members=2, readers=0, no_index=True, stdout=io.StringIO()
    )
    Comment.objects.all().delete()
    recount()

    User = get_user_model()
    start = User.objects.count()
    User.objects.bulk_create(
        (
            User(username=f"bench{n}", email=f"bench{n}@example.com", display_name=f"Bench Reader {n:05d}")
            for n in range(start, start + args.authors)
        ),
        batch_size=2000,
    )
    authors = list(User.objects.filter(username__startswith="bench").values_list("pk", flat=True))
    articles = list(ArticlePage.objects.live().values_list("pk", flat=True))
    reasons = [rules.PREMODERATION, rules.FIRST_COMMENTS, rules.SUSPECT_WORD, rules.LINKS]
    moderator = User.objects.create(username="bench-moderator", is_staff=True, display_name="Bench Moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(moderator)
    created = 0

    def hold(total):
        nonlocal created
        now = timezone.now()
        Comment.objects.bulk_create(
            (
                Comment(
                    article_id=articles[n % len(articles)],
                    author_id=authors[n % len(authors)],
                    body=f"Held comment {n} with enough words to look like one a reader would write.",
                    status=CommentStatus.PENDING,
                    held_reason=reasons[n % len(reasons)],
                    created_at=now - timezone.timedelta(seconds=total - n),
                    status_changed_at=now,
                )
                for n in range(created, total)
            ),
            batch_size=5000,
        )
        created = total
        recount()  # what posting would have stored: each article's held count, which the queue's size sums
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def page():
        response = client.get("/admin/moderation/")
        if response.status_code != 200:
            raise SystemExit(f"the queue answered {response.status_code}")

    rows = []
    for total in (args.small, args.held):
        hold(total)
        page()  # warm
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            page()
        median, p90 = timed(page, args.repeat)
        rows.append((total, median, p90, counter.count))

    print(f"database: {connection.vendor}; {len(articles)} articles, {len(authors):,} authors")
    for total, median, p90, queries in rows:
        print(f"  {total:>9,} held   median {median:8.1f} ms   p90 {p90:8.1f} ms   {queries} queries")
    ratio = rows[1][1] / rows[0][1]
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"large/small (median): {ratio:.2f}x   target <= {TARGET}x: {verdict}")


if __name__ == "__main__":
    main()
