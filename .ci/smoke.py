"""Start the site the way the README says (`bin/run`) on a free port and use it as a reader would:
/healthz, the home page, an article as a crawler and as a browser that has passed the notice, and
/feed/. Then stop bin/run as Ctrl-C would and check that it left no process and freed the port.

    .venv/bin/python .ci/smoke.py        # CI runs it after bin/test, reusing the .venv bin/test built

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
START_TIMEOUT = 600  # seconds: a first run installs packages and seeds the demo magazine
STOP_TIMEOUT = 20
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
BAND = "This site is intended for health professionals only"


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


def fetch(url, *, agent=BROWSER, cookie=None, timeout=30):
    headers = {"User-Agent": agent, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - only the http:// URLs of the server it started
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def expect(condition, message):
    if not condition:
        raise SmokeFailed(message)
    print(f"  ok  {message}")


def wait_for_health(base, process):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeFailed(f"bin/run exited with {process.returncode} before the site answered")
        try:
            status, _, body = fetch(f"{base}/healthz", timeout=5)
            if status == 200:
                return body
        except OSError:
            pass
        time.sleep(1)
    raise SmokeFailed(f"/healthz did not answer 200 within {START_TIMEOUT} s")


def use_the_site(base, port):
    body = wait_for_health(base, PROCESS)
    expect('"status": "ok"' in body, "/healthz answers 200 ok")

    status, headers, home = fetch(f"{base}/", agent=CRAWLER)
    expect(status == 200 and BAND in home, "the home page answers 200 with the professionals-only band")
    articles = re.findall(r'class="teaser__headline"><a href="(/[^"]+/)"', home)
    expect(bool(articles), "the home page links to articles")
    article = articles[0]

    status, _, page = fetch(f"{base}{article}", agent=CRAWLER)
    expect(status == 200 and "<h1" in page, f"a crawler reads the article {article} without the notice")
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    expect(
        canonical and canonical.group(1) == f"http://127.0.0.1:{port}{article}",
        "its canonical link carries SITE_URL's host and port",
    )

    status, headers, _ = fetch(f"{base}{article}")
    expect(status == 302 and "/notice/" in headers.get("Location", ""), "a first-time browser is shown the notice")
    status, _, page = fetch(f"{base}{article}", cookie="auscult_hp=1")
    expect(status == 200 and "Readers' comments" in page, "with the notice cookie a browser reads the article")

    status, headers, feed = fetch(f"{base}/feed/")
    expect(status == 200 and "<rss" in feed and "<item>" in feed, "/feed/ answers an RSS feed with items")


def stop(process, port):
    """Ctrl-C, as a person would: SIGINT to bin/run alone; it must stop its children itself."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailed(f"bin/run did not stop within {STOP_TIMEOUT} s of SIGINT") from exc
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (leftovers(process.pid) or port_open(port)):
        time.sleep(0.2)
    left = leftovers(process.pid)
    expect(not left, "bin/run left no process behind" + (f" (left: {left})" if left else ""))
    expect(not port_open(port), f"port {port} is free again")


def leftovers(group):
    """Processes still in bin/run's process group (it was started as a session leader)."""
    ps = ["ps", "-o", "pid=,stat=,args=", "-g", str(group)]
    out = subprocess.run(ps, capture_output=True, text=True).stdout  # noqa: S603, S607 - fixed argv, ps from PATH
    return [line.strip() for line in out.splitlines() if line.split()[1:2] != ["Z"]]


def main():
    port = free_port()
    with tempfile.NamedTemporaryFile("w+", prefix="auscult-smoke-", suffix=".log", delete=False) as log:
        return smoke(port, log)


def smoke(port, log):
    global PROCESS
    base = f"http://127.0.0.1:{port}"
    print(f"== smoke: bin/run on port {port} (log {log.name}) ==")
    # A var/ directory of its own, made by nothing but bin/run: proves the site creates what it writes.
    var_dir = tempfile.mkdtemp(prefix="auscult-smoke-var-")
    os.rmdir(var_dir)
    env = {**os.environ, "PORT": str(port), "AUSCULT_VAR_DIR": var_dir}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    started = time.monotonic()
    # From another directory, to prove bin/run finds its own way home.
    PROCESS = subprocess.Popen(  # noqa: S603 - our own bin/run, no shell
        [str(REPO / "bin" / "run")], cwd="/", env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        use_the_site(base, port)
        stop(PROCESS, port)
    except (SmokeFailed, OSError) as failure:
        print(f"SMOKE FAILED: {failure}\n-- last lines of the site's log --")
        log.seek(0)
        print("".join(log.readlines()[-60:]))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(PROCESS.pid, signal.SIGKILL)
        return 1
    shutil.rmtree(var_dir, ignore_errors=True)
    print(f"== smoke passed in {time.monotonic() - started:.0f} s ==")
    return 0


PROCESS = None

if __name__ == "__main__":
    sys.exit(main())
