"""Issue 12's benchmark in one command: the article page through the production setup, from the app alone and
uncached, a member's view, a million comments, a deep page, the writes and the moderation queue, each against a
baseline measured in the same run (nginx serving the same bytes; a minimal Django + Wagtail app, bench/minimal).

    .venv/bin/python bench/run.py            # about 15 minutes on 2 cores
    .venv/bin/python bench/run.py --quick    # about 5 minutes: 3 s runs, 100,000 comments, fewer writes

Drops and recreates the PostgreSQL databases `bench` and `bench_minimal`, flushes only Redis database 7, starts
bin/serve, gunicorn, nginx and wrk on loopback and stops every one of them. Prints a table and writes
bench/results/<date-time>.json; bench/README.md says what each row measures and how to read the file.
"""

import argparse
import datetime
import itertools
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _servers as srv  # noqa: E402 - after the path is set
from bench._inprocess import InProcess, page_queries, profiles, queue_timings, write_queries  # noqa: E402
from bench._measure import (  # noqa: E402
    CONCURRENCY,
    NOTICE,
    ROUNDS,
    alternate,
    comment_ids,
    latency,
    load_fragments,
    writes,
)
from bench._report import DEEP_PAGE, bounds, git, machine, table, verdicts, versions  # noqa: E402

REPO = srv.REPO
RESULTS = REPO / "bench" / "results"
# The thread of the page tests shows all 34 comments (the default page holds 10; 50 is the largest size).
PAGE_QUERY = "?page_size=50"
THREAD_SIZE = 5_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 s runs, 100,000 comments, fewer writes (~5 min)")
    parser.add_argument("--seconds", type=int, help="seconds per wrk run (default 10; --quick 3)")
    parser.add_argument("--comments", type=int, help="comments in the large database (default 1,000,000)")
    parser.add_argument("--writes", type=int, help="writes of each kind per round (default 100; --quick 30)")
    parser.add_argument("--articles", type=int, default=1000, help="articles seed_demo makes (default 1,000)")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench")
    parser.add_argument("--minimal-database-url", default="postgres://postgres@127.0.0.1:5432/bench_minimal")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7", help="flushed; never database 0")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, var/)")
    args = parser.parse_args()
    args.seconds = args.seconds or (3 if args.quick else 10)
    args.comments = args.comments or (100_000 if args.quick else 1_000_000)
    args.writes = args.writes or (30 if args.quick else 100)
    args.queue_repeat = 10 if args.quick else 30
    for url in (args.database_url, args.minimal_database_url):
        if not url.rsplit("/", 1)[-1].startswith("bench"):
            parser.error(f"{url}: the bench only drops databases whose name starts with 'bench'")
    if args.redis_url.rstrip("/").rsplit("/", 1)[-1] in ("", "0") or not args.redis_url.startswith("redis://"):
        parser.error("--redis-url must name a Redis database other than 0, e.g. redis://127.0.0.1:6379/7")
    return args


# --- The environment --------------------------------------------------------------------------------------------


def app_environment(args, workdir, serve_port):
    """What every process of the site gets: production settings for a local, plain-HTTP run on the bench database,
    PostgreSQL and Redis, e-mail kept in memory."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TERM", "USER", "LOGNAME")
    env = {key: os.environ[key] for key in keep if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="auscult.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{serve_port}",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        ACCOUNT_DEFAULT_HTTP_PROTOCOL="http",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        AUSCULT_VAR_DIR=str(workdir / "var"),
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        PYTHONPATH=str(REPO),
    )
    return env


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


# --- The run ----------------------------------------------------------------------------------------------------


class Run:
    def __init__(self, args):
        self.args = args
        self.started = datetime.datetime.now().astimezone()
        self.workdir = Path(tempfile.mkdtemp(prefix="auscult-bench-run-"))
        self.logs = self.workdir / "logs"
        self.logs.mkdir()
        self.result = {
            "started": self.started.isoformat(timespec="seconds"),
            "quick": args.quick,
            "settings": {
                "seconds_per_run": args.seconds,
                "concurrency": list(CONCURRENCY),
                "rounds": ROUNDS,
                "wrk_threads": 2,
                "comments_large": args.comments,
                "writes_per_round": args.writes,
                "articles": args.articles,
            },
            "machine": machine(),
            # Read as the run starts: other engineers may commit while it runs.
            "git": git(),
        }

    def log(self, line=""):
        print(line, flush=True)

    def phase(self, title):
        self.result.setdefault("phases", []).append({"title": title, "at_s": round(time.monotonic() - self.t0)})
        self.log(f"\n== {title} ({time.monotonic() - self.t0:.0f} s in, load {os.getloadavg()[0]:.2f}) ==")

    def run(self):
        self.t0 = time.monotonic()
        srv.ensure_tool("wrk", "wrk")
        serve_port = srv.free_port()
        self.env = app_environment(self.args, self.workdir, serve_port)
        self.serve_port = serve_port
        try:
            with srv.Processes() as self.processes:
                self.build()
                self.production_setup()
                self.app_servers()
            self.in_process()
        finally:
            self.result["finished"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
            self.result["duration_s"] = round(time.monotonic() - self.t0)
            self.result["machine"]["load_end"] = [round(x, 2) for x in os.getloadavg()]
            if not self.args.keep:
                import shutil

                shutil.rmtree(self.workdir, ignore_errors=True)
            else:
                self.log(f"kept {self.workdir}")
        return self.result

    # --- data ---

    def build(self):
        self.phase("Building the bench site: seed_demo on PostgreSQL `bench`, the floor on `bench_minimal`")
        os.environ.update(self.env)
        # This process seeds and measures in place: tasks it would queue (renditions, the search index) are dropped,
        # so the task worker bin/serve starts finds none to run during the measurements.
        os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
        flush_redis(self.args.redis_url)
        from bench._django import recreate_database

        recreate_database(self.args.database_url)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        from bench import _data

        self.data = _data
        started = time.monotonic()
        _data.seed(self.args.articles)
        self.log(f"  seed_demo --articles {self.args.articles}: {time.monotonic() - started:.0f} s")
        article = _data.page_article()
        small_total = _data.trim_comments(article)
        from auscult.comments.models import Comment
        from auscult.publishing.models import ArticlePage

        thread = (
            ArticlePage.objects.live()
            .exclude(pk=article.pk)
            .exclude(pk__in=Comment.objects.values("article_id"))
            .exclude(comment_policy__mode__in=["premoderated", "closed"])
            .order_by("pk")
            .first()
        )
        _data.protect(article)
        self.article, self.thread = article, thread
        # The renditions the task worker would have made by now on a running site (pages never make them): made
        # here, since this process drops tasks, so that no page shows the original files or queues them again.
        # --quick makes only those of the two articles served over HTTP (row 8's home and section then look for the
        # rest and queue them).
        started = time.monotonic()
        _data.make_renditions(only=[article, thread] if self.args.quick else None)
        self.log(f"  renditions made: {time.monotonic() - started:.0f} s")
        self.page_path = article.url + PAGE_QUERY
        self.section_path = article.get_parent().url
        self.writes_to = _data.write_articles(article, count=60)
        members = _data.make_members(2 * self.args.writes)
        self.member_cookies = [_data.session_cookie(m) for m in members]
        self.result["data"] = {
            "articles": ArticlePage.objects.live().count(),
            "comments_small": small_total,
            "page_article": {"id": article.pk, "path": self.page_path, "title": article.title, "thread": 34},
            "thread_article": {"id": thread.pk, "path": thread.url},
        }
        self.log(f"  page: {self.page_path} (34 comments); {small_total:,} comments in the database")
        floor = _data.export_floor(article, self.workdir / "floor.json")
        assert len(floor["comments"]) == 34, len(floor["comments"])  # noqa: S101 - the bench's own invariant
        self.floor_env = {
            **self.env,
            "DJANGO_SETTINGS_MODULE": "bench.minimal.settings",
            "MINIMAL_DATABASE_URL": self.args.minimal_database_url,
        }
        recreate_database(self.args.minimal_database_url)
        python = str(srv.VENV_BIN / "python")
        subprocess.run([python, "-m", "django", "migrate", "-v0"], env=self.floor_env, cwd=REPO, check=True)  # noqa: S603
        out = subprocess.run(  # noqa: S603
            [python, "-m", "django", "floor_load", str(self.workdir / "floor.json")],
            env=self.floor_env,
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        )
        loaded = json.loads(out.stdout.strip().splitlines()[-1])
        self.floor_article_id = loaded["article_id"]
        self.floor_member_cookie = f"{NOTICE}; sessionid={loaded['session']}"
        self.floor_slug = article.slug
        # Seeding marked every image's renditions pending (its tasks dropped): the servers start from an empty cache.
        flush_redis(self.args.redis_url)

    # --- 1: through the production setup ---

    def production_setup(self):
        self.phase("1. The production setup (bin/serve) against nginx serving the same bytes")
        env = {**self.env, "PORT": str(self.serve_port), "MIGRATE": "0", "SEED_DEMO": "0", "SCHEDULER": "0"}
        with srv.Processes() as processes:
            serve, port = srv.bin_serve(processes, env=env, log_dir=self.logs)
            statuses = []
            html = b""
            for _ in range(10):
                status, headers, html, _ = srv.request(port, self.page_path, headers={"Cookie": NOTICE})
                statuses.append(headers.get("X-Cache-Status"))
                if status == 200 and headers.get("X-Cache-Status") == "HIT":
                    break
                time.sleep(0.2)
            if statuses[-1] != "HIT":
                raise RuntimeError(f"nginx never answered the page from its cache: {statuses}")
            if len(comment_ids(html.decode())) != 34:
                raise RuntimeError("the page through nginx does not show the 34 comments")
            self.page_html = html
            _, static_port = srv.static_nginx(processes, html=html, workdir=self.workdir, log_dir=self.logs)
            access_log = Path(self.env["AUSCULT_VAR_DIR"]) / "log" / "nginx-access.log"
            log_start = access_log.stat().st_size if access_log.exists() else 0
            runs = alternate(
                {
                    "production": (port, self.page_path, NOTICE, ()),
                    "nginx static": (static_port, self.page_path, NOTICE, ()),
                },
                seconds=self.args.seconds,
                log=self.log,
            )
            with open(access_log, "rb") as f:
                f.seek(log_start)
                statuses = re.findall(rb"cache=(\S+)", f.read())
            self.result["production"] = {
                "runs": runs,
                "page_bytes": len(html),
                "nginx_cache_status_counts": {s.decode(): statuses.count(s) for s in set(statuses)},
                "rss_mb": srv.peak_rss_mb(serve.pid),
            }

    # --- 2, 3, 4, 5, 6: the app's own gunicorn and the floor ---

    def app_servers(self):
        self.phase("Starting gunicorn (2 sync workers each): the app cached, uncached, cold; the floor")
        proxy = {"TRUSTED_PROXY_COUNT": "1"}  # as behind nginx: each writing member comes from an address of its own
        self.cached, self.cached_port = srv.gunicorn(
            self.processes, "app-cached", "auscult.wsgi", env={**self.env, **proxy}, log_dir=self.logs
        )
        self.uncached, self.uncached_port = srv.gunicorn(
            self.processes,
            "app-uncached",
            "auscult.wsgi",
            env={**self.env, **proxy, "PAGE_CACHE_SECONDS": "0"},
            log_dir=self.logs,
        )
        self.cold, self.cold_port = srv.gunicorn(
            self.processes,
            "app-cold",
            "auscult.wsgi",
            env={**self.env, **proxy, "PAGE_CACHE_SECONDS": "0", "DJANGO_SETTINGS_MODULE": "bench._settings_cold"},
            log_dir=self.logs,
        )
        self.floor, self.floor_port = srv.gunicorn(
            self.processes, "floor", "bench.minimal.wsgi", env=self.floor_env, log_dir=self.logs
        )
        self.check_pages()
        self.cached_pages()
        self.uncached_pages()
        self.scale()
        self.writes()
        # What the servers queued for a task worker that none of them runs: purges after the writes; a rendition
        # here would mean a page went without its images.
        from django.db.models import Count
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.order_by().values_list("task_path").annotate(n=Count("pk"))
        self.result["tasks_queued"] = dict(queued)
        self.log(f"  tasks queued by the servers: {self.result['tasks_queued']}")
        self.result["rss_mb"] = {
            "bin/serve (production)": self.result["production"]["rss_mb"],
            "app, page cache on": srv.peak_rss_mb(self.cached.pid),
            "app, page cache off": srv.peak_rss_mb(self.uncached.pid),
            "app, every cache empty": srv.peak_rss_mb(self.cold.pid),
            "floor": srv.peak_rss_mb(self.floor.pid),
        }

    def check_pages(self):
        floor_path = f"/article/{self.floor_slug}/"
        for name, port, path in (
            ("app, page cache on", self.cached_port, self.page_path),
            ("app, page cache off", self.uncached_port, self.page_path),
            ("app, every cache empty", self.cold_port, self.page_path),
            ("floor", self.floor_port, floor_path),
            ("floor, cache_page", self.floor_port, f"/cached/{self.floor_slug}/"),
        ):
            for _ in range(2):
                status, headers, body, _ = srv.request(port, path, headers={"Cookie": NOTICE})
            found = len(comment_ids(body.decode()))
            if status != 200 or found != 34:
                raise RuntimeError(f"{name}: {path} answered {status} with {found} comments, not 200 with 34")
        status, _, body, _ = srv.request(
            self.floor_port, f"/member/{self.floor_slug}/", headers={"Cookie": self.floor_member_cookie}
        )
        if status != 200 or b"Signed in as floormember" not in body or len(comment_ids(body.decode())) != 34:
            raise RuntimeError(f"the floor's member page answered {status} without its member and 34 comments")
        _, headers, _, _ = srv.request(self.cached_port, self.page_path, headers={"Cookie": NOTICE})
        if headers.get("X-Page-Cache") != "hit":
            raise RuntimeError(f"the app's page cache did not answer: X-Page-Cache {headers.get('X-Page-Cache')}")
        # A demo member signs in through the site's own form.
        status, headers, body, _ = srv.request(self.cached_port, "/accounts/login/")
        csrf = srv.cookies_of(headers)["csrftoken"]
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        status, headers, _, _ = srv.form_post(
            self.cached_port,
            "/accounts/login/",
            {"login": "member1@auscult.example", "password": "auscult-member1"},
            cookie=NOTICE,
            csrf=csrf,
            extra_headers={"X-CSRFToken": token},
        )
        session = srv.cookies_of(headers).get("sessionid")
        if status != 302 or not session:
            raise RuntimeError(f"member1 could not sign in ({status})")
        self.member_cookie = f"{NOTICE}; sessionid={session}; csrftoken={csrf}"
        status, headers, body, _ = srv.request(self.cached_port, self.page_path, headers={"Cookie": self.member_cookie})
        html = body.decode()
        if status != 200 or "private" not in headers.get("Cache-Control", "") or "Sign out" not in html:
            raise RuntimeError(f"the member's page is not theirs ({status}, {headers.get('Cache-Control')})")
        self.member_fragments = load_fragments(html)
        self.csrf = csrf
        # The floor's member reads with a CSRF cookie, as member1 does: else each answer would set a new one.
        self.floor_member_page_cookie = f"{self.floor_member_cookie}; csrftoken={csrf}"
        self.result["member_page"] = {
            "hx_trigger_load_fragments": self.member_fragments,
            "bytes": len(body),
            "comments_shown": len(comment_ids(html)),
        }
        self.log(
            f"  pages checked: 34 comments everywhere; member1 signed in; "
            f"{len(self.member_fragments)} fragment(s) loaded by the member's page"
        )

    def cached_pages(self):
        self.phase("2. A page cache hit from the app alone against the floor's cache_page")
        self.result["cached"] = alternate(
            {
                "app cache hit": (self.cached_port, self.page_path, NOTICE, ()),
                "floor cache_page": (self.floor_port, f"/cached/{self.floor_slug}/", NOTICE, ()),
            },
            seconds=self.args.seconds,
            log=self.log,
        )

    def uncached_pages(self):
        self.phase("3, 4. Uncached renders (warm, cold), the member's view, against the floor uncached")
        self.result["uncached"] = alternate(
            {
                "app warm": (self.uncached_port, self.page_path, NOTICE, ()),
                "app cold": (self.cold_port, self.page_path, NOTICE, ()),
                "member": (self.cached_port, self.page_path, self.member_cookie, tuple(self.member_fragments)),
                "floor uncached": (self.floor_port, f"/article/{self.floor_slug}/", NOTICE, ()),
                "floor member": (self.floor_port, f"/member/{self.floor_slug}/", self.floor_member_page_cookie, ()),
            },
            seconds=self.args.seconds,
            log=self.log,
        )

    def scale(self):
        seconds = self.args.seconds
        self.phase(f"5. {self.result['data']['comments_small']:,} comments against {self.args.comments:,}")
        lat = {"small": {}, "large": {}}
        for state, port in (("warm", self.uncached_port), ("cold", self.cold_port)):
            srv.request(port, self.page_path, headers={"Cookie": NOTICE})
            lat["small"][state] = latency(port, self.page_path, seconds=seconds)
            self.log(
                f"    {state}, small: p50 {lat['small'][state]['p50_ms']} ms, p99 {lat['small'][state]['p99_ms']} ms"
            )
        started = time.monotonic()
        total = self.data.bulk_comments(self.args.comments, thread_article=self.thread, thread_size=THREAD_SIZE)
        self.log(f"  {total:,} comments now ({time.monotonic() - started:.0f} s to insert and recount)")
        self.result["data"]["comments_large"] = total
        for state, port in (("warm", self.uncached_port), ("cold", self.cold_port)):
            srv.request(port, self.page_path, headers={"Cookie": NOTICE})
            lat["large"][state] = latency(port, self.page_path, seconds=seconds)
            self.log(
                f"    {state}, large: p50 {lat['large'][state]['p50_ms']} ms, p99 {lat['large'][state]['p99_ms']} ms"
            )
        deep = {}
        for label, page in (("page 1", 1), (f"page {DEEP_PAGE}", DEEP_PAGE)):
            path = f"{self.thread.url}?page={page}"
            status, _, body, _ = srv.request(self.cold_port, path, headers={"Cookie": NOTICE})
            if status != 200 or len(comment_ids(body.decode())) != 10:
                raise RuntimeError(f"{path} answered {status} without a page of 10 comments")
            deep[label] = latency(self.cold_port, path, seconds=seconds)
            self.log(
                f"    thread of {THREAD_SIZE:,}, {label} (cold): p50 {deep[label]['p50_ms']} ms, "
                f"p99 {deep[label]['p99_ms']} ms"
            )
        self.result["scale"] = {"page": lat, "deep_page": deep, "thread_size": THREAD_SIZE}

    def writes(self):
        self.phase("6. Writes by signed-in members through gunicorn against the floor's insert")
        from auscult.comments.models import Comment, CommentStatus

        # Comments to report, taken round the articles: at most 8 reports on one article's comments (more within
        # its surge window would switch it to pre-moderation).
        published = Comment.objects.filter(status=CommentStatus.PUBLISHED).order_by("pk")
        per_article = [list(published.filter(article_id=a).values_list("pk", flat=True)[:8]) for a in self.writes_to]
        targets = [pk for row in itertools.zip_longest(*per_article) for pk in row if pk]
        self.result["writes"] = writes(
            app_port=self.uncached_port,
            floor_port=self.floor_port,
            floor_article=self.floor_article_id,
            floor_member_cookie=self.floor_member_cookie,
            articles=self.writes_to,
            report_targets=targets,
            sessions=self.member_cookies,
            csrf=self.csrf,
            count=self.args.writes,
            log=self.log,
        )
        self.result["writes"]["load"] = [round(x, 2) for x in os.getloadavg()]

    # --- 7, 8 and the profiles, in this process ---

    def in_process(self):
        from django.contrib.auth import get_user_model

        inproc = InProcess()
        User = get_user_model()
        moderator = f"sessionid={self.data.session_cookie(User.objects.get(username='moderator'))}"
        member = f"{NOTICE}; sessionid={self.data.session_cookie(User.objects.get(username='member1'))}"
        self.phase("7. The moderation queue: 100 held against 100,000 held")
        self.result["queue"] = queue_timings(
            inproc, hold=self.data.hold_comments, moderator=moderator, repeat=self.args.queue_repeat, log=self.log
        )
        self.phase("8. Queries per request (in this process, against the bench database), and its time")
        pages = [
            ("visitor article (warm)", self.page_path, NOTICE),
            ("visitor article, default page (warm)", self.article.url, NOTICE),
            ("member article (warm)", self.page_path, member),
            ("member article, default page (warm)", self.article.url, member),
            ("section (warm)", self.section_path, NOTICE),
            ("home (warm)", "/", NOTICE),
            ("member home (warm)", "/", member),
        ]
        cold_pages = [
            ("visitor article (cold)", self.page_path, NOTICE),
            ("member article (cold)", self.page_path, member),
        ]
        counts = page_queries(inproc, pages, cold_pages)
        counts["moderation queue, 100,000 held"] = {
            "queries": self.result["queue"]["100000"]["queries"],
            "ms": self.result["queue"]["100000"]["median_ms"],
        }
        writer = self.data.make_members(1, prefix="benchqueries")[0]
        counts.update(write_queries(inproc, session=self.data.session_cookie(writer), article=self.writes_to[-1]))
        for label, row in counts.items():
            self.log(f"    {label:<40} {row['queries']:3d} queries  {row['ms']:7.1f} ms")
        self.result["queries"] = counts

        self.phase("Where the time goes: cProfile of uncached renders (in this process)")
        self.result["profile"] = profiles(
            inproc, self.page_path, visitor=NOTICE, member=member, renders=10 if self.args.quick else 30
        )
        for name, prof in self.result["profile"].items():
            self.log(
                f"  {name}: {prof['ms_per_request_unprofiled']} ms a request "
                f"({prof['ms_per_request_profiled']} ms under the profiler, whose figures follow)"
            )
            for category, ms in {**prof["categories_ms"], **prof["hot_spots_ms"]}.items():
                self.log(f"      {category:<78} {ms:7.2f} ms")


def main():
    args = parse_args()
    # SIGTERM (a timeout, a service manager) unwinds like Ctrl-C, so every process started is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    run = Run(args)
    result = run.run()
    result["versions"] = versions()
    result["targets"] = verdicts(result)
    result["bounds"] = bounds(result)
    text = table(result)
    result["table"] = text.splitlines()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{run.started:%Y-%m-%dT%H%M%S}.json"
    path.write_text(json.dumps(result, indent=1, default=str) + "\n")
    print(text)
    print(f"\nSaved {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
