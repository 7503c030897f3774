"""How fast `seed_demo` builds a large magazine, against Wagtail's ordinary add_child path.

    .venv/bin/python bench/seed.py --articles 10000 [--baseline 200] [--database-url postgres://…/bench]

Builds a fresh database (a temporary SQLite file unless --database-url is given), times
seed_demo with the requested number of articles, then times the same kind of article created
the way the admin does it (add_child + revision + publish) and prints both per article, with
the projected time for 10,000 articles each way.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._django import fresh_site  # noqa: E402 - after the path is set


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=200, help="Articles to create the slow way.")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--no-index", action="store_true", help="Leave out the search-index rebuild.")
    args = parser.parse_args()

    fresh_site(args.database_url)
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(
        "seed_demo",
        articles=args.articles,
        authors=40,
        issues=12,
        members=5,
        no_index=args.no_index,
        verbosity=0,
        stdout=io.StringIO(),
    )
    seeded = time.perf_counter() - started

    baseline = time_add_child(args.baseline)

    per_bulk = seeded / max(args.articles, 1)
    per_slow = baseline / max(args.baseline, 1)
    print(f"database: {os.environ['DATABASE_URL'].split('://')[0]}")
    print(f"seed_demo, {args.articles} articles (all of it, images and search index included): {seeded:.1f} s")
    print(f"  per article: {per_bulk * 1000:.2f} ms   projected for 10,000: {per_bulk * 10_000 / 60:.1f} min")
    print(f"add_child + revision + publish, {args.baseline} articles: {baseline:.1f} s")
    print(f"  per article: {per_slow * 1000:.2f} ms   projected for 10,000: {per_slow * 10_000 / 60:.1f} min")
    print(f"speed-up: {per_slow / per_bulk:.1f}x   (budget: 10,000 articles in under 10 min)")


def time_add_child(count):
    from auscult.demo.text import TextGenerator
    from auscult.publishing.models import ArticleAuthor, ArticlePage, Author, SectionPage

    text = TextGenerator(99)
    section = SectionPage.objects.first()
    author = Author.objects.first()
    started = time.perf_counter()
    for n in range(count):
        spec = text.article("news")
        article = ArticlePage(
            title=spec["headline"],
            slug=f"baseline-{n}",
            standfirst=spec["standfirst"],
            body=[{"type": kind, "value": value} for kind, value in spec["body"]],
            article_authors=[ArticleAuthor(author=author)],
        )
        section.add_child(instance=article)
        article.save_revision().publish()
        section.refresh_from_db()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
