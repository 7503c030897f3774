"""How bench/run.py measures: wrk runs in alternation, latency on one connection, and loops of real POSTs, each
bounded in count and in time."""

import re
import statistics
import time
import uuid

from bench import _servers as srv

NOTICE = "auscult_hp=1"
CONCURRENCY = (16, 64)
ROUNDS = 2
# Seconds any one loop of writes may take, whatever its count.
WRITE_BUDGET = 120


def alternate(targets, *, seconds, log):
    """wrk against each target in turn, A B A B, at each concurrency; a short unrecorded run first warms each, and a
    run that began on a busy machine is made again once.
    `targets`: {name: (port, path, cookie, fragments)}. Returns {name: {concurrency: [one result a round]}}."""
    for port, path, cookie, fragments in targets.values():
        srv.wrk(port, path, connections=4, seconds=1, cookie=cookie, fragments=fragments)
    results = {name: {} for name in targets}
    for connections in CONCURRENCY:
        for round_number in range(1, ROUNDS + 1):
            for name, (port, path, cookie, fragments) in targets.items():
                run = srv.wrk(port, path, connections=connections, seconds=seconds, cookie=cookie, fragments=fragments)
                if run["settled_s"] is None:
                    # Something else was running (a shared machine): measured again once; the first is kept aside.
                    first = run
                    run = srv.wrk(
                        port, path, connections=connections, seconds=seconds, cookie=cookie, fragments=fragments
                    )
                    run["discarded_busy_run"] = first
                run["round"] = round_number
                results[name].setdefault(connections, []).append(run)
                errors = f"  ERRORS {run['errors']}" if run["bad_status"] or run["errors"]["timeout"] else ""
                errors += "  (the machine was busy before this run)" if run["settled_s"] is None else ""
                log(
                    f"    {name:<16} c{connections:<3} round {round_number}: {rate(run):9,.1f}/s  "
                    f"p99 {run['ms']['p99']:7.1f} ms  load {run['load'][0]:.2f}{errors}"
                )
    return results


def rate(run):
    """Views a second (a view being the page and any fragment it loads), or requests a second."""
    return run.get("views_per_s", run["rps"])


def mean_rate(runs):
    return statistics.mean(rate(run) for run in runs)


def latency(port, path, *, seconds, cookie=NOTICE):
    """p50/p99 on one connection (server time plus loopback's ~0.1 ms), from the better of two runs of `seconds`:
    a p99 of a few hundred requests is decided by its slowest few, and one stall of the machine (a checkpoint,
    autovacuum after a bulk insert) in one run must not decide a comparison. Both runs are kept."""
    runs = [srv.wrk(port, path, connections=1, threads=1, seconds=seconds, cookie=cookie) for _ in range(2)]
    best = min(runs, key=lambda run: run["ms"]["p99"])
    return {
        "p50_ms": best["ms"]["p50"],
        "p99_ms": best["ms"]["p99"],
        "requests": best["requests"],
        "load": best["load"],
        "runs": [
            {
                "p50_ms": r["ms"]["p50"],
                "p99_ms": r["ms"]["p99"],
                "requests": r["requests"],
                "load": r["load"],
                "settled_s": r["settled_s"],
            }
            for r in runs
        ],
    }


def summary_ms(samples):
    ordered = sorted(samples)
    if not ordered:
        return {"n": 0}
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
        "mean_ms": round(statistics.mean(ordered), 2),
    }


def comment_ids(html):
    return re.findall(r'id="comment-(\d+)"', html)


def load_fragments(html):
    """The fragments a browser fetches as the page loads (htmx `hx-trigger="load"`), each one more request."""
    found = []
    for tag in re.findall(r"<[^>]+hx-trigger=\"[^\"]*\bload\b[^\"]*\"[^>]*>", html):
        url = re.search(r'hx-get="([^"]+)"', tag)
        if url:
            found.append(url.group(1).replace("&amp;", "&"))
    return found


def writes(
    *, app_port, floor_port, floor_article, floor_member_cookie, articles, report_targets, sessions, csrf, count, log
):
    """Comment posts, ratings and reports by signed-in members through the app's gunicorn, and the floor's insert,
    `count` of each a round, ROUNDS rounds in turn; the server time of each on one connection (a new TCP connection
    a request, as gunicorn's sync workers close each one).

    Each member (`sessions`: one session key a member) writes once of each kind, from an address of their own
    (X-Forwarded-For; the server trusts one proxy, as behind nginx), so no rate limit is met and nothing is
    changed in the site's settings; the writes go round `articles` so that no discussion surges."""

    def member(i):
        address = f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"
        return f"{NOTICE}; sessionid={sessions[i]}", {"X-Forwarded-For": address}

    def post(i):
        cookie, headers = member(i)
        fields = {
            "body": f"Bench post {i}: our practice saw the same this winter, and the same answer would help.",
            "submission_key": str(uuid.uuid4()),
        }
        path = f"/articles/{articles[i % len(articles)]}/comments/post/"
        status, response, _, took = srv.form_post(
            app_port, path, fields, cookie=cookie, csrf=csrf, extra_headers=headers
        )
        # Published: the redirect names the comment on its page of the thread.
        return took, status == 302 and "#comment-" in response.get("Location", "")

    def rating(i):
        cookie, headers = member(i)
        path = f"/articles/{articles[(i + 7) % len(articles)]}/rating/"
        fields = {"stars": str(1 + i % 5)}
        status, _, _, took = srv.form_post(app_port, path, fields, cookie=cookie, csrf=csrf, extra_headers=headers)
        return took, status == 302

    def report(i):
        cookie, headers = member(i)
        path = f"/comments/{report_targets[i % len(report_targets)]}/report/"
        fields = {"reason": "spam", "note": ""}
        status, _, _, took = srv.form_post(app_port, path, fields, cookie=cookie, csrf=csrf, extra_headers=headers)
        return took, status == 302

    def floor_insert(i):
        fields = {"author_name": f"Dr Bench {i}", "body": f"Bench post {i}: our practice saw the same this winter."}
        path = f"/comments/{floor_article}/post/"
        # The floor checks its CSRF cookie against the token like the app: the same secret serves for both.
        status, _, _, took = srv.form_post(floor_port, path, fields, cookie="", csrf=csrf)
        return took, status == 302

    def floor_member_insert(i):
        fields = {"body": f"Bench post {i}: our practice saw the same this winter."}
        path = f"/member/comments/{floor_article}/post/"
        status, _, _, took = srv.form_post(floor_port, path, fields, cookie=floor_member_cookie, csrf=csrf)
        return took, status == 302

    kinds = {
        "post": post,
        "rating": rating,
        "report": report,
        "floor insert": floor_insert,
        "floor member insert": floor_member_insert,
    }
    samples = {name: [] for name in kinds}
    good = dict.fromkeys(kinds, 0)
    srv.settle()
    for round_number in range(ROUNDS):
        for name, fn in kinds.items():
            deadline = time.monotonic() + WRITE_BUDGET
            for i in range(round_number * count, (round_number + 1) * count):
                if time.monotonic() > deadline:
                    break
                took, ok = fn(i)
                samples[name].append(took * 1000)
                good[name] += bool(ok)
    out = {}
    for name in kinds:
        out[name] = {**summary_ms(samples[name]), "as_expected": good[name]}
        log(
            f"    {name:<19} median {out[name]['median_ms']:6.1f} ms  p99 {out[name]['p99_ms']:6.1f} ms  "
            f"({good[name]}/{out[name]['n']} answered as expected)"
        )
    return out
