"""What .ci/smoke.py and .ci/serve_smoke.py share: start one of the checkout's commands (bin/run, bin/serve) on a
free port, from another directory, with an empty var directory and in a session of its own; wait for /healthz;
hand the site to the script's own checks; then stop the command as Ctrl-C would and check that it left no process
and freed the port. A failure prints the last lines of the site's log. Standard library only.

The scripts import it as `_smoke`: Python puts a script's own directory first on sys.path."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 600  # seconds: a first run may install packages (and nginx, for bin/serve) and seeds the demo magazine
STOP_TIMEOUT = 20
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


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


def fetch(url, *, agent=BROWSER, cookie=None, method="GET", timeout=30):
    """(status, headers, body) of one request, redirects not followed, an HTTP error answered like any reply."""
    headers = {"User-Agent": agent, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(url, headers=headers, method=method)  # noqa: S310 - only the server it started
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def expect(condition, message):
    if not condition:
        raise SmokeFailed(message)
    print(f"  ok  {message}")


def run(command, *, label, not_inherited, use_the_site, children=""):
    """Smoke-test `command` (a path in the checkout, "bin/run"): start it, call `use_the_site(base, port, healthz)`
    with /healthz's (headers, body) once it answers 200, stop it. `label` names the run in its output and temporary
    files, `not_inherited` the environment variables the command must not see, `children` what it must stop.
    Returns the exit status: 0 passed, 1 failed."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    prefix = f"auscult-{label.replace(' ', '-')}-"
    with tempfile.NamedTemporaryFile("w+", prefix=prefix, suffix=".log", delete=False) as log:
        print(f"== {label}: {command} on port {port} (log {log.name}) ==")
        # A var/ directory of its own, made by nothing but the command: proves the site creates what it writes.
        var_dir = tempfile.mkdtemp(prefix=f"{prefix}var-")
        os.rmdir(var_dir)
        env = {key: value for key, value in os.environ.items() if key not in not_inherited}
        env.update(PORT=str(port), AUSCULT_VAR_DIR=var_dir)
        started = time.monotonic()
        # From another directory, to prove the command finds its own way home.
        process = subprocess.Popen(  # noqa: S603 - our own bin/ command, no shell
            [str(REPO / command)], cwd="/", env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            use_the_site(base, port, wait_for_health(command, base, process))
            stop(command, process, port, children)
        except (SmokeFailed, OSError) as failure:
            print(f"{label.upper()} FAILED: {failure}\n-- last lines of the site's log --")
            log.seek(0)
            print("".join(log.readlines()[-60:]))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            return 1
    shutil.rmtree(var_dir, ignore_errors=True)
    print(f"== {label} passed in {time.monotonic() - started:.0f} s ==")
    return 0


def wait_for_health(command, base, process):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeFailed(f"{command} exited with {process.returncode} before the site answered")
        try:
            status, headers, body = fetch(f"{base}/healthz", timeout=5)
            if status == 200:
                return headers, body
        except OSError:
            pass
        time.sleep(1)
    raise SmokeFailed(f"/healthz did not answer 200 within {START_TIMEOUT} s")


def stop(command, process, port, children):
    """Ctrl-C, as a person would: SIGINT to the command alone; it must stop its children itself."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailed(f"{command} did not stop within {STOP_TIMEOUT} s of SIGINT") from exc
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (leftovers(process.pid) or port_open(port)):
        time.sleep(0.2)
    left = leftovers(process.pid)
    expect(
        not left,
        f"{command} left no process behind"
        + (f" ({children})" if children else "")
        + (f" (left: {left})" if left else ""),
    )
    expect(not port_open(port), f"port {port} is free again")


def leftovers(group):
    """Processes still in the command's process group (it was started as a session leader)."""
    ps = ["ps", "-o", "pid=,stat=,args=", "-g", str(group)]
    out = subprocess.run(ps, capture_output=True, text=True).stdout  # noqa: S603, S607 - fixed argv, ps from PATH
    return [line.strip() for line in out.splitlines() if line.split()[1:2] != ["Z"]]
