"""Start the production setup (`bin/serve`) on a free port and check its shared cache the way the page-delivery
contract says it works: a page read twice past the notice is a HIT the second time, a tracking query string
shares the entry, a request with a session never gets a cached copy, a PURGE from loopback drops every variant
of the path and nothing else, and static files have a year's max-age. Then stop bin/serve as Ctrl-C would and
check that it left no process and freed the port.

    .venv/bin/python .ci/serve_smoke.py

A failure prints the last lines of the site's log. Standard library only."""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 600  # seconds: a first run may install packages and nginx, and seeds the demo magazine
STOP_TIMEOUT = 20
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
NOTICE = "auscult_hp=1"
# What would make bin/serve anything but a local run on SQLite and the file cache.
NOT_INHERITED = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "SITE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
    "FRONTEND_CACHE_PURGE_URL",
    "TRUSTED_PROXY_COUNT",
    "LISTEN_ADDRESS",
    "TLS_CERTIFICATE",
    "MIGRATE",
    "SEED_DEMO",
    "SCHEDULER",
)


class SmokeFailed(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, *, cookie=NOTICE, method="GET", timeout=30):
    headers = {"User-Agent": BROWSER, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers, method=method)  # noqa: S310 - the server it started
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def cache_status(url, **kwargs):
    status, headers, _ = fetch(url, **kwargs)
    if status != 200:
        raise SmokeFailed(f"{url} answered {status}")
    return headers.get("X-Cache-Status")


def expect(condition, message):
    if not condition:
        raise SmokeFailed(message)
    print(f"  ok  {message}")


def wait_for_health(base, process):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeFailed(f"bin/serve exited with {process.returncode} before the site answered")
        try:
            status, headers, body = fetch(f"{base}/healthz", cookie=None, timeout=5)
            if status == 200:
                return headers, body
        except OSError:
            pass
        time.sleep(1)
    raise SmokeFailed(f"/healthz did not answer 200 within {START_TIMEOUT} s")


def use_the_site(base, process):
    headers, body = wait_for_health(base, process)
    expect(
        '"status": "ok"' in body and headers.get("Server", "").startswith("nginx"),
        "/healthz answers 200 ok through nginx",
    )

    status, headers, home = fetch(f"{base}/")
    expect(status == 200 and cache_status(f"{base}/") == "HIT", "the home page, read twice past the notice, is a HIT")
    cache_control = headers.get("Cache-Control", "")
    expect("max-age=0" in cache_control and "s-maxage=" in cache_control, f"the browser gets {cache_control!r}")
    articles = re.findall(r'class="teaser__headline"><a href="(/[^"]+/)"', home)
    expect(bool(articles), "the home page links to articles")
    article = f"{base}{articles[0]}"
    section = f"{base}/{articles[0].strip('/').split('/')[0]}/"

    cache_status(article)
    expect(cache_status(article) == "HIT", f"the article {articles[0]}, read twice, is a HIT")
    expect(cache_status(f"{article}?utm_source=x") == "HIT", "?utm_source=x is the same cache entry (HIT)")
    expect(cache_status(f"{article}?order=newest") in ("MISS", "EXPIRED"), "?order=newest is an entry of its own")
    expect(cache_status(f"{article}?order=newest") == "HIT", "which the next read hits")
    with_session = [cache_status(article, cookie=f"{NOTICE}; sessionid=smoke") for _ in range(2)]
    expect("HIT" not in with_session, f"a request with a sessionid cookie is never a HIT ({with_session})")
    status, headers, _ = fetch(article, cookie=None)
    expect(
        status == 302 and headers.get("X-Cache-Status") != "HIT",
        "a browser without the notice cookie is sent to the notice by Django, not given the cached copy",
    )

    cache_status(section)
    expect(cache_status(section) == "HIT", "its section page is cached too")
    status, headers, _ = fetch(article, cookie=None, method="PURGE")
    expect(status == 200, f"PURGE of the article's path from loopback answers 200 ({headers.get('X-Purged')} purged)")
    expect(cache_status(article) == "MISS", "the next read of the article is a MISS")
    expect(cache_status(f"{article}?order=newest") == "MISS", "and so is its ?order=newest variant")
    expect(cache_status(section) == "HIT", "the section page was left alone")
    status, _, _ = fetch(f"{base}/no-such-page/", cookie=None, method="PURGE")
    expect(status == 200, "PURGE of a path with nothing cached answers 200")

    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home)
    expect(bool(stylesheet), "the home page links a stylesheet under /static/")
    status, headers, _ = fetch(f"{base}{stylesheet.group(1)}", cookie=None)
    expect(
        status == 200 and "max-age=31536000" in headers.get("Cache-Control", ""),
        f"{stylesheet.group(1)} is served with {headers.get('Cache-Control')!r}",
    )


def stop(process, port):
    """Ctrl-C, as a person would: SIGINT to bin/serve alone; it must stop its children itself."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailed(f"bin/serve did not stop within {STOP_TIMEOUT} s of SIGINT") from exc
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (leftovers(process.pid) or port_open(port)):
        time.sleep(0.2)
    left = leftovers(process.pid)
    expect(
        not left,
        "bin/serve left no process behind (nginx, gunicorn, worker, timer, purge)"
        + (f" (left: {left})" if left else ""),
    )
    expect(not port_open(port), f"port {port} is free again")


def leftovers(group):
    """Processes still in bin/serve's process group (it was started as a session leader)."""
    ps = ["ps", "-o", "pid=,stat=,args=", "-g", str(group)]
    out = subprocess.run(ps, capture_output=True, text=True).stdout  # noqa: S603, S607 - fixed argv, ps from PATH
    return [line.strip() for line in out.splitlines() if line.split()[1:2] != ["Z"]]


def main():
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", prefix="auscult-serve-smoke-", suffix=".log", delete=False) as log:
        return smoke(port, log)


def smoke(port, log):
    base = f"http://127.0.0.1:{port}"
    print(f"== serve smoke: bin/serve on port {port} (log {log.name}) ==")
    # A var/ directory of its own, made by nothing but bin/serve.
    var_dir = tempfile.mkdtemp(prefix="auscult-serve-smoke-var-")
    os.rmdir(var_dir)
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(PORT=str(port), AUSCULT_VAR_DIR=var_dir)
    started = time.monotonic()
    # From another directory, to prove bin/serve finds its own way home.
    process = subprocess.Popen(  # noqa: S603 - our own bin/serve, no shell
        [str(REPO / "bin" / "serve")], cwd="/", env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        use_the_site(base, process)
        stop(process, port)
    except (SmokeFailed, OSError) as failure:
        print(f"SERVE SMOKE FAILED: {failure}\n-- last lines of the site's log --")
        log.seek(0)
        print("".join(log.readlines()[-60:]))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return 1
    shutil.rmtree(var_dir, ignore_errors=True)
    print(f"== serve smoke passed in {time.monotonic() - started:.0f} s ==")
    return 0


if __name__ == "__main__":
    sys.exit(main())
