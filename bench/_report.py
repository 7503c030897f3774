"""bench/run.py's report: the machine and versions it ran on, the targets and their verdicts, the printed table."""

import contextlib
import os
import platform
import re
import subprocess
from pathlib import Path

from bench import _servers as srv
from bench._measure import CONCURRENCY, mean_rate

REPO = srv.REPO
DEEP_PAGE = 400

TARGETS = {
    "production_vs_static": ("through the production setup / nginx static file", ">=", 0.5),
    "app_cache_hit_vs_floor_cache_page": ("app alone, page cache hit / floor with cache_page", ">=", 1.0),
    "uncached_warm_vs_floor": ("uncached render, fragments warm / floor uncached", ">=", 1.0),
    "uncached_cold_vs_floor": ("uncached render, every cache empty / floor uncached", ">=", 0.7),
    "member_vs_floor": ("member article views/s / floor uncached req/s", ">=", 3.0),
    "post_vs_floor_insert": ("comment post / floor insert (median server time)", "<=", 1.5),
    "queue_large_vs_small": ("moderation queue, 100,000 held / 100 held (median)", "<=", 1.2),
    "million_vs_thousand_p99_warm": ("1M / 1k comments, p99 of the uncached page (warm)", "<=", 1.25),
    "million_vs_thousand_p99_cold": ("1M / 1k comments, p99 of the uncached page (cold)", "<=", 1.25),
    "worker_peak_rss_mb": ("peak RSS of any app gunicorn worker (MB)", "<=", 150),
}


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    mem = re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.M)
    return {
        "cpu_model": model.group(1).strip() if model else platform.processor(),
        "cpus": os.cpu_count(),
        "memory_mb": int(mem.group(1)) // 1024 if mem else None,
        "kernel": platform.release(),
        "load_start": [round(x, 2) for x in os.getloadavg()],
    }


def versions():
    import django
    import gunicorn
    import psycopg
    import redis
    import wagtail

    found = {
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "gunicorn": gunicorn.__version__,
        "psycopg": psycopg.__version__,
        "redis-py": redis.__version__,
        "nginx": srv.version(["nginx", "-v"], r"nginx/\S+"),
        "wrk": srv.version(["wrk", "-v"], r"wrk \S+"),
    }
    with contextlib.suppress(Exception):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            found["postgresql"] = cursor.fetchone()[0]
    with contextlib.suppress(Exception):
        found["redis"] = redis.Redis.from_url(os.environ["REDIS_URL"]).info("server")["redis_version"]
    return found


def git():
    def out(*argv):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            return subprocess.run(["git", *argv], cwd=REPO, capture_output=True, text=True, timeout=10).stdout.strip()  # noqa: S603, S607
        return ""

    return {"commit": out("rev-parse", "HEAD"), "uncommitted_files": len(out("status", "--porcelain").splitlines())}


def ratio_rows(result):
    """(comparison, c, figure A, figure B, ratio) for each pair of the throughput phases."""
    pairs = [
        ("production", result["production"]["runs"], "production", "nginx static"),
        ("cached", result["cached"], "app cache hit", "floor cache_page"),
        ("warm", result["uncached"], "app warm", "floor uncached"),
        ("cold", result["uncached"], "app cold", "floor uncached"),
        ("member", result["uncached"], "member", "floor uncached"),
    ]
    rows = {}
    for key, runs, a, b in pairs:
        rows[key] = {c: (mean_rate(runs[a][c]), mean_rate(runs[b][c])) for c in CONCURRENCY}
    return rows


def verdicts(result):
    rows = ratio_rows(result)

    def worst(key):
        return min(a / b for a, b in rows[key].values())

    writes, queue, scale = result["writes"], result["queue"], result["scale"]["page"]
    rss = [mb for name, server in result["rss_mb"].items() if name != "floor" for mb in server.values()]
    figures = {
        "production_vs_static": worst("production"),
        "app_cache_hit_vs_floor_cache_page": worst("cached"),
        "uncached_warm_vs_floor": worst("warm"),
        "uncached_cold_vs_floor": worst("cold"),
        "member_vs_floor": worst("member"),
        "post_vs_floor_insert": writes["post"]["median_ms"] / writes["floor insert"]["median_ms"],
        "queue_large_vs_small": queue["100000"]["median_ms"] / queue["100"]["median_ms"],
        "million_vs_thousand_p99_warm": scale["large"]["warm"]["p99_ms"] / scale["small"]["warm"]["p99_ms"],
        "million_vs_thousand_p99_cold": scale["large"]["cold"]["p99_ms"] / scale["small"]["cold"]["p99_ms"],
        "worker_peak_rss_mb": max(rss) if rss else float("nan"),
    }
    out = []
    for key, (label, op, target) in TARGETS.items():
        figure = figures[key]
        met = figure >= target if op == ">=" else figure <= target
        out.append({"key": key, "label": label, "figure": round(figure, 3), "target": f"{op} {target}", "met": met})
    return out


def bounds(result):
    """What no design can beat, from this run's own figures (bench/README.md, Targets), beside the two targets they
    bound: the member's view and the comment post."""
    floor = min(mean_rate(result["uncached"]["floor uncached"][c]) for c in CONCURRENCY)
    cache_hit = min(mean_rate(result["cached"]["floor cache_page"][c]) for c in CONCURRENCY)
    member = min(mean_rate(result["uncached"]["floor member"][c]) for c in CONCURRENCY)
    writes = result["writes"]
    return {
        # The shared copy at a cache_page hit's cost, then a fragment no cheaper than the floor's member page.
        "member_view_of_two_requests_vs_floor": round(1 / (1 / cache_hit + 1 / member) / floor, 3),
        "floor_member_page_vs_floor": round(member / floor, 3),
        "floor_member_insert_vs_floor_insert": round(
            writes["floor member insert"]["median_ms"] / writes["floor insert"]["median_ms"], 3
        ),
    }


def table(result):
    lines = []
    add = lines.append
    data = result["data"]
    add("")
    kind = "--quick" if result["quick"] else "full run"
    add(f"Auscult bench, {result['started']}  ({kind}, {result['duration_s']} s)")
    add(
        f"{result['machine']['cpu_model']}, {result['machine']['cpus']} CPUs; git {result['git']['commit'][:10]}"
        f" ({result['git']['uncommitted_files']} files uncommitted);"
        f" wrk -t2, {result['settings']['seconds_per_run']} s a run"
    )
    add(
        f"Page: {data['page_article']['path']} (34 comments);"
        f" {data['comments_small']:,} then {data['comments_large']:,} comments in the database"
    )
    add("")
    add("Throughput, requests/s, each round with the 1-minute load average [in brackets]")
    add(f"{'':<34}{'c':>4}  {'round 1':>17}  {'round 2':>17}  {'mean':>9}  {'p99 ms':>7}  {'ratio':>6}")
    groups = [
        ("1", result["production"]["runs"], ["production", "nginx static"], "production / static"),
        ("2", result["cached"], ["app cache hit", "floor cache_page"], "app / floor"),
        ("3", result["uncached"], ["app warm", "app cold", "floor uncached"], None),
        ("4", result["uncached"], ["member", "floor member"], "member / floor"),
    ]
    labels = {
        "production": "production setup (nginx HIT)",
        "nginx static": "nginx, static file",
        "app cache hit": "app alone, page cache hit",
        "floor cache_page": "floor, cache_page",
        "app warm": "app uncached, warm fragments",
        "app cold": "app uncached, every cache empty",
        "floor uncached": "floor uncached",
        "member": "member view (page + fragments)",
        "floor member": "floor, member (person only)",
    }
    floor = {c: mean_rate(result["uncached"]["floor uncached"][c]) for c in CONCURRENCY}
    for number, runs, names, _ in groups:
        for name in names:
            for c in CONCURRENCY:
                rounds = runs[name][c]
                cells = "  ".join(f"{r.get('views_per_s', r['rps']):9,.1f} [{r['load'][0]:4.2f}]" for r in rounds)
                mean = mean_rate(rounds)
                p99 = max(r["ms"]["p99"] for r in rounds)
                base = None
                if name == "production":
                    base = mean_rate(runs["nginx static"][c])
                elif name == "app cache hit":
                    base = mean_rate(runs["floor cache_page"][c])
                elif name in ("app warm", "app cold", "member", "floor member"):
                    base = floor[c]
                ratio = f"{mean / base:6.2f}" if base else ""
                bad = " !" if any(r["bad_status"] or r["errors"]["timeout"] for r in rounds) else ""
                bad += " busy" if any(r["settled_s"] is None for r in rounds) else ""
                add(f"{number + ' ' + labels[name]:<34}{c:>4}  {cells}  {mean:9,.1f}  {p99:7.1f}  {ratio:>6}{bad}")
    add("  ratio: against nginx static (1), the floor's cache_page (2), the floor uncached (3, 4)")
    add("  ! some requests failed or timed out; busy: the machine was not idle before a round (something else ran)")
    add("")
    scale = result["scale"]
    add(
        f"5  uncached article page on one connection: {data['comments_small']:,} comments -> {data['comments_large']:,}"
    )
    for state in ("warm", "cold"):
        s, big = scale["page"]["small"][state], scale["page"]["large"][state]
        add(
            f"     {state}: p50 {s['p50_ms']:6.2f} -> {big['p50_ms']:6.2f} ms"
            f"   p99 {s['p99_ms']:6.2f} -> {big['p99_ms']:6.2f} ms"
            f"   p99 ratio {big['p99_ms'] / s['p99_ms']:.2f}   [load {big['load'][0]:.2f}]"
        )
    first, deep = scale["deep_page"]["page 1"], scale["deep_page"][f"page {DEEP_PAGE}"]
    add(
        f"   thread of {scale['thread_size']:,}, cold: page 1 p50 {first['p50_ms']:.2f} / p99 {first['p99_ms']:.2f} ms;"
        f" page {DEEP_PAGE} p50 {deep['p50_ms']:.2f} / p99 {deep['p99_ms']:.2f} ms"
        f"  (p50 {deep['p50_ms'] / first['p50_ms']:.2f}x, p99 {deep['p99_ms'] / first['p99_ms']:.2f}x)"
        f" [load {deep['load'][0]:.2f}]"
    )
    add("")
    add(f"6  writes, server time on one connection (ms)   [load {result['writes']['load'][0]:.2f}]")
    floor_median = result["writes"]["floor insert"]["median_ms"]
    for name in ("post", "rating", "report", "floor insert", "floor member insert"):
        w = result["writes"][name]
        add(
            f"     {name:<19} median {w['median_ms']:6.2f}  p99 {w['p99_ms']:6.2f}  n {w['n']:4d}"
            f"  ({w['as_expected']} as expected)  x floor {w['median_ms'] / floor_median:5.2f}"
        )
    add("")
    q = result["queue"]
    add(
        f"7  moderation queue (in process): 100 held median {q['100']['median_ms']:.1f} ms, 100,000 held"
        f" {q['100000']['median_ms']:.1f} ms; {q['100']['queries']} and {q['100000']['queries']} queries"
        f"  [load {q['100000']['load'][0]:.2f}]"
    )
    add("")
    add("8  queries per request, and one request's time (in process, median of 5; a write: once):")
    for label, row in result["queries"].items():
        add(f"     {label:<42} {row['queries']:3d} queries  {row['ms']:7.1f} ms")
    add(
        "   peak RSS per gunicorn worker (VmHWM, MB): "
        + "; ".join(
            f"{server} {', '.join(str(mb) for mb in workers.values())}" for server, workers in result["rss_mb"].items()
        )
    )
    add("")
    add("   where the time goes, one request in process (unprofiled; the README explains the profiles in the JSON):")
    for name, prof in result["profile"].items():
        parts = prof["categories_ms"]
        add(
            f"     {name:<38} {prof['ms_per_request_unprofiled']:6.1f} ms;"
            f" under cProfile {prof['ms_per_request_profiled']:.1f} ms, of which templates"
            f" {parts['template rendering (TemplateResponse.render, with the lazy reads it makes)']:.1f},"
            f" SQL {parts['of which SQL (cursor execute, all of the request)']:.1f},"
            f" Redis {parts['of which Redis commands (all of the request)']:.1f}"
        )
    fragments = result["member_page"]["hx_trigger_load_fragments"]
    add(f'   the member\'s page loads {len(fragments)} fragment(s) with hx-trigger="load" {fragments or ""}')
    add("")
    add("Targets")
    for v in result["targets"]:
        add(f"  {'met    ' if v['met'] else 'NOT MET'}  {v['label']:<58} {v['figure']:>8}  (target {v['target']})")
    member = next(v["figure"] for v in result["targets"] if v["key"] == "member_vs_floor")
    add(
        f"  (member view read the other way, at most 3x the floor's cost per view, would need >= 0.33: {member:.3f};"
        " bench/README.md, Targets)"
    )
    b = result["bounds"]
    add("")
    add("Bounds, from this run's figures: what no design reaches (bench/README.md, Targets)")
    add(
        f"  a member view of two requests: the shared copy (a cache_page hit) + a fragment (the floor's member page):"
        f" <= {b['member_view_of_two_requests_vs_floor']:.2f}x the floor uncached (target 3.0)"
    )
    add(
        f"  one request for a signed-in member, all but the person cached (the floor's member page):"
        f" {b['floor_member_page_vs_floor']:.2f}x the floor uncached (target 3.0)"
    )
    add(
        f"  a signed-in member's bare insert and message (the floor's member insert):"
        f" {b['floor_member_insert_vs_floor_insert']:.2f}x the floor insert (target <= 1.5, with every rule on)"
    )
    return "\n".join(lines)
