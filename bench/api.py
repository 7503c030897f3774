"""The public API's two busiest reads against the HTML pages that show the same things, in one run.

    .venv/bin/python bench/api.py [--database-url postgres://postgres@127.0.0.1:5432/bench_api] [--seconds 5]

Builds a small magazine with the project's own `seed_demo` in the given database (dropped and created anew; the
name must start with "bench"), on PostgreSQL and Redis database 8 (flushed), then runs gunicorn (2 sync workers,
production settings, plain HTTP on loopback) twice: as shipped (Django's page cache on) and with
`PAGE_CACHE_SECONDS=0` (every HTML request renders; fragments from Redis). With wrk, each pair of targets twice in
alternation (A B A B) at 16 connections, it prints requests per second:

- `GET /api/v1/articles` (20 newest) beside the front page, which lists them;
- `GET /api/v1/articles/<id>/comments?page_size=50` beside the article page holding the same 34 comments;
- `GET /api/v1/articles/<id>` beside the same article page;

and each worker's peak RSS (the budget is 150 MB: the API's schemas load with the URLs, in every worker).

The API is never in a shared cache (its answers are `private`, with ETags for clients to revalidate), so its
figures are to be read against the uncached HTML rows; the cached rows show what the pages gain from the cache.
Saves the figures as JSON under bench/results/ (api-<date-time>.json).
"""

import argparse
import datetime
import io
import json
import os
import platform
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _servers as srv  # noqa: E402 - after the path is set
from bench._django import fresh_site  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
NOTICE = "auscult_hp=1"


def environment(database_url, redis_url):
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TERM", "USER", "LOGNAME")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="auscult.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        ACCOUNT_DEFAULT_HTTP_PROTOCOL="http",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        # Where `fresh_site` collected the static files (their manifest) and the seed put its images.
        AUSCULT_VAR_DIR=os.environ["AUSCULT_VAR_DIR"],
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PYTHONPATH=str(REPO),
    )
    return env


def build(database_url):
    """The magazine, and the article whose thread is the longest (its comments are the comments rows' payload)."""
    fresh_site(database_url)
    from django.core.management import call_command
    from django.db.models import Count, Q

    from auscult.publishing.models import ArticlePage

    call_command("seed_demo", articles=60, authors=6, issues=1, no_index=True, stdout=io.StringIO())
    article = (
        ArticlePage.objects.live()
        .annotate(shown=Count("comments", filter=Q(comments__status="published")))
        .order_by("-shown", "pk")
        .first()
    )
    return {"id": article.pk, "url": article.url, "comments": article.shown}


def measure(port, pairs, seconds):
    """Each (name_a, path_a, name_b, path_b) twice in alternation; requests per second of each run."""
    rows = []
    for name_a, path_a, name_b, path_b in pairs:
        runs = {name_a: [], name_b: []}
        for _ in range(2):
            for name, path in ((name_a, path_a), (name_b, path_b)):
                result = srv.wrk(port, path, connections=16, seconds=seconds, cookie=NOTICE)
                if result["bad_status"]:
                    raise RuntimeError(f"{path} answered {result['bad_status']} bad statuses")
                runs[name].append(result)
        rows.append(runs)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_api")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/8")
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    name = args.database_url.rsplit("/", 1)[-1]
    if args.database_url.startswith("postgres") and not name.startswith("bench"):
        parser.error("the database is dropped: its name must start with 'bench'")
    if args.redis_url.rstrip("/").endswith("/0"):
        parser.error("--redis-url is flushed: name a database other than 0")
    srv.ensure_tool("wrk", "wrk")

    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    article = build(args.database_url)
    print(f"article {article['id']} ({article['url']}) with {article['comments']} published comments", flush=True)
    api = "/api/v1"
    pairs = [
        ("API article list", f"{api}/articles", "HTML front page", "/"),
        (
            "API comments (page_size 50)",
            f"{api}/articles/{article['id']}/comments?page_size=50",
            "HTML article page (page_size 50)",
            f"{article['url']}?page_size=50",
        ),
        ("API article detail", f"{api}/articles/{article['id']}", "HTML article page", article["url"]),
    ]
    workdir = tempfile.mkdtemp(prefix="auscult-bench-api-")
    env = environment(args.database_url, args.redis_url)
    results, rss = {}, {}
    with srv.Processes() as processes:
        for label, extra in (("page cache on (as shipped)", {}), ("page cache off", {"PAGE_CACHE_SECONDS": "0"})):
            process, port = srv.gunicorn(
                processes, label.split()[2], "auscult.wsgi", env={**env, **extra}, log_dir=Path(workdir)
            )
            for _, path_a, _, path_b in pairs:  # warm: fragment caches filled, workers' imports done
                for path in (path_a, path_b):
                    srv.request(port, path, headers={"Cookie": NOTICE})
            results[label] = measure(port, pairs, args.seconds)
            rss[label] = srv.peak_rss_mb(process.pid)
            process.stop()

    print(f"\n{'':38} {'run 1':>10} {'run 2':>10}   (requests/s, wrk -c16, {args.seconds} s each)")
    figures = {}
    for label, rows in results.items():
        print(f"{label}:")
        for runs in rows:
            for name, measured in runs.items():
                rps = [run["rps"] for run in measured]
                figures.setdefault(label, {})[name] = {"rps": rps, "p99_ms": [run["ms"]["p99"] for run in measured]}
                print(f"  {name:36} {rps[0]:>10,.0f} {rps[1]:>10,.0f}   load {measured[-1]['load'][0]}")
        for (name_a, _, name_b, _), runs in zip(pairs, rows, strict=True):
            a = sum(run["rps"] for run in runs[name_a])
            b = sum(run["rps"] for run in runs[name_b])
            print(f"  {name_a} / {name_b}: {a / b:.2f}x")
            figures[label][f"{name_a} / {name_b}"] = round(a / b, 3)
        peak = max(rss[label].values(), default=0)
        print(f"  peak RSS of a worker: {peak} MB (budget 150 MB)")
        figures[label]["peak_rss_mb"] = rss[label]
    out = REPO / "bench" / "results" / f"api-{datetime.datetime.now():%Y-%m-%dT%H%M%S}.json"
    document = {
        "cpu": platform.processor() or _cpu_model(),
        "cores": os.cpu_count(),
        "article": article,
        "seconds": args.seconds,
        "figures": figures,
    }
    out.write_text(json.dumps(document, indent=2))
    print(f"\nsaved {out.relative_to(REPO)}")


def _cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return ""


if __name__ == "__main__":
    main()
