"""How long the daily digest of followed discussions takes for 50,000 members following 5,000 articles, and whether
its cost is linear in the digests sent: measured against the same run's digest for a tenth of the members.

    .venv/bin/python bench/digests.py --database-url postgres://postgres@127.0.0.1:5432/bench_digests

Builds a small magazine in the given database (dropped and made anew; a temporary SQLite file without
--database-url, which is not what production runs), adds `--articles` articles and `--members` members, each
following `--follows` articles. Then, twice: a tenth of the members follow, one comment is published on every
article and fanned out to the followers by the real task (`notify_published`), and `send_digests` runs for the
next morning (the e-mails rendered in full and handed to Django's dummy backend); then every member follows and
it is done again. Prints the time, queries and digests of each, the time per digest of the large run against the
small one (target: at most 1.25x, i.e. linear) and the large run's time (target: under 5 minutes on 2 cores).
"""

import argparse
import io
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._django import fresh_site  # noqa: E402 - after the path is set
from bench.moderation_queue import QueryCounter  # noqa: E402

LINEAR_TARGET = 1.25
TIME_TARGET_S = 300


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--follows", type=int, default=3, help="articles each member follows")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    fresh_site(args.database_url)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from auscult.comments.models import Comment, CommentStatus
    from auscult.moderation.counters import recount
    from auscult.notifications import tasks
    from auscult.notifications.digests import send_digests
    from auscult.notifications.models import Follow
    from auscult.publishing.models import ArticlePage, SectionPage

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    rng = random.Random(14)  # noqa: S311 - the same follows every run
    started = time.perf_counter()

    def log(message):
        print(f"[{time.perf_counter() - started:6.0f} s] {message}", flush=True)

    call_command(
        "seed_demo", articles=20, authors=5, issues=1, members=2, readers=0, no_index=True, stdout=io.StringIO()
    )
    section = SectionPage.objects.live().first()
    have = ArticlePage.objects.count()
    for n in range(have, args.articles):
        section.add_child(
            instance=ArticlePage(title=f"Bench article {n}", slug=f"bench-article-{n}", standfirst="A piece.")
        )
    articles = list(ArticlePage.objects.live().values_list("pk", flat=True))
    log(f"{len(articles):,} articles")

    User = get_user_model()
    User.objects.bulk_create(
        (
            User(
                username=f"digest{n}",
                email=f"digest{n}@example.com",
                display_name=f"Digest Reader {n:06d}",
                # No key: the look-alike folding would make numbered names collide, and nothing here checks them.
                display_name_key="",
                email_verified_at=timezone.now(),
            )
            for n in range(args.members)
        ),
        batch_size=5_000,
    )
    members = list(User.objects.filter(username__startswith="digest").order_by("pk").values_list("pk", flat=True))
    writers = members[:500]
    log(f"{len(members):,} members")

    def follow(group):
        Follow.objects.bulk_create(
            (Follow(member_id=m, article_id=a) for m in group for a in rng.sample(articles, args.follows)),
            batch_size=10_000,
            ignore_conflicts=True,
        )

    def analyze():
        if connection.vendor == "postgresql":  # as autovacuum would have, after the bulk writes
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def publish_and_fan_out(day):
        """One published comment on every article, by a writer, fanned out by the real task."""
        when = timezone.now()
        made = Comment.objects.bulk_create(
            (
                Comment(
                    article_id=a,
                    author_id=writers[i % len(writers)],
                    body=f"Day {day}: the practice has seen the same pressure this winter as everyone else.",
                    status=CommentStatus.PUBLISHED,
                    created_at=when,
                    status_changed_at=when,
                    published_at=when,
                )
                for i, a in enumerate(articles)
            ),
            batch_size=5_000,
        )
        recount()
        analyze()
        fan_started = time.perf_counter()
        for comment in made:
            tasks.notify_published.call(comment.pk)
        return time.perf_counter() - fan_started

    uk = ZoneInfo("Europe/London")
    rows = []
    for day, group in ((1, members[: len(members) // 10]), (2, members)):
        follow(group)
        fan_out_s = publish_and_fan_out(day)
        counter = QueryCounter()
        morning = datetime(2026, 12, 7 + day, 8, 0, tzinfo=uk)  # Tuesday, then Wednesday
        run_started = time.perf_counter()
        with connection.execute_wrapper(counter):
            sent = send_digests(morning + timedelta(minutes=day))["daily"]
        seconds = time.perf_counter() - run_started
        rows.append((len(group), fan_out_s, seconds, counter.count, sent))
        log(f"day {day}: {len(group):,} following; fan-out {fan_out_s:.1f} s; digests {seconds:.1f} s")

    print(f"\ndatabase: {connection.vendor}; {len(articles):,} articles, {args.follows} followed by each member")
    for following, fan_out_s, seconds, queries, sent in rows:
        per = seconds / sent * 1000 if sent else float("nan")
        print(
            f"  {following:>7,} following   fan-out of {len(articles):,} comments {fan_out_s:6.1f} s   "
            f"digests {seconds:6.1f} s   {sent:>7,} sent   {queries:>7,} queries   {per:5.2f} ms a digest"
        )
    (_, _, small_s, _, small_n), (_, _, large_s, _, large_n) = rows
    ratio = (large_s / large_n) / (small_s / small_n)
    linear = "met" if ratio <= LINEAR_TARGET else "NOT met"
    quick = "met" if large_s < TIME_TARGET_S else "NOT met"
    print(f"time per digest, large/small: {ratio:.2f}x   target <= {LINEAR_TARGET}x: {linear}")
    print(f"the large run: {large_s:.0f} s   target < {TIME_TARGET_S} s: {quick}")


if __name__ == "__main__":
    main()
