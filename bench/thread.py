"""How fast a page of comments is read, first page against deep in a long thread, compared in the
same run with the naive read (rows with their people, sliced by OFFSET).

    .venv/bin/python bench/thread.py [--comments 20000] [--database-url postgres://…/bench]
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._django import fresh_site  # noqa: E402 - after the path is set


def timed(fn, repeat=30):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    fresh_site(args.database_url)
    from django.core.management import call_command
    from django.utils import timezone

    call_command(
        "seed_demo",
        articles=20,
        authors=3,
        issues=1,
        members=2,
        readers=30,
        no_index=True,
        verbosity=0,
        stdout=io.StringIO(),
    )

    from django.contrib.auth import get_user_model

    from auscult.comments.models import Comment, CommentStatus
    from auscult.comments.selectors import thread_page
    from auscult.publishing.models import ArticlePage

    article = ArticlePage.objects.live().first()
    author = get_user_model().objects.filter(username__startswith="reader").first()
    start = timezone.now() - timezone.timedelta(days=30)
    Comment.objects.bulk_create(
        (
            Comment(
                article_id=article.pk,
                author=author,
                body=f"Comment {n}",
                status=CommentStatus.PUBLISHED,
                created_at=start + timezone.timedelta(seconds=n),
            )
            for n in range(args.comments)
        ),
        batch_size=2000,
    )
    size = 20
    last = args.comments // size

    def naive(page):
        offset = (page - 1) * size
        return list(
            Comment.objects.for_article(article)
            .in_thread()
            .with_people()
            .order_by("created_at", "id")[offset : offset + size]
        )

    rows = [
        ("ours, page 1", timed(lambda: thread_page(article, page=1, page_size=size))),
        (f"ours, page {last}", timed(lambda: thread_page(article, page=last, page_size=size))),
        ("naive, page 1", timed(lambda: naive(1))),
        (f"naive, page {last}", timed(lambda: naive(last))),
    ]
    engine = os.environ["DATABASE_URL"].split("://")[0]
    print(f"database: {engine}; {args.comments:,} comments on one article, {size} a page")
    for label, ms in rows:
        print(f"  {label:<22} {ms:8.2f} ms (median of 30)")
    print(f"deep/first, ours: {rows[1][1] / rows[0][1]:.1f}x   naive: {rows[3][1] / rows[2][1]:.1f}x")


if __name__ == "__main__":
    main()
