"""The processes bench/run.py starts and measures: gunicorn (the app, the floor), bin/serve, a static nginx, and wrk.

Every process is started in a session of its own and stopped with its whole process group (SIGTERM, then SIGKILL
after a grace period), so a run leaves nothing behind even when it fails half-way. Traffic goes to 127.0.0.1 only;
every request loop here is bounded in count and in time."""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
VENV_BIN = REPO / ".venv" / "bin"
WRK_SCRIPT = BENCH / "_wrk.lua"
# Seconds a server may take to answer its first request (bin/serve runs pip, collectstatic and nginx -t first).
START_TIMEOUT = 180
STOP_TIMEOUT = 15


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_tool(command, package):
    """`command` from Debian's `package`, installed with apt when missing (as bin/serve installs nginx)."""
    if shutil.which(command):
        return shutil.which(command)
    print(f"Installing {package} with apt…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", package]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:  # noqa: S603 - fixed argv
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, capture_output=True)  # noqa: S603, S607
        subprocess.run(install, env=env, check=True, capture_output=True)  # noqa: S603
    return shutil.which(command)


# --- Process groups ---------------------------------------------------------------------------------------------


class Process:
    """A command in its own session; `stop()` ends its process group (and is safe to call twice)."""

    def __init__(self, name, argv, *, env, log_dir, cwd=REPO):
        self.name = name
        self.log_path = Path(log_dir) / f"{name}.log"
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.popen = subprocess.Popen(  # noqa: S603 - our own commands, no shell
            argv, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self):
        return self.popen.pid

    def alive(self):
        return self.popen.poll() is None

    def stop(self, first=signal.SIGTERM):
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                # bin/serve stops its own children on SIGINT/SIGTERM; a plain server gets the group at once.
                if first == signal.SIGINT:
                    os.kill(self.pid, first)
                else:
                    os.killpg(self.pid, first)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=STOP_TIMEOUT)
        # Whatever is left in the group (a worker that would not stop, a child bin/serve missed).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=STOP_TIMEOUT)
        self.log.close()

    def tail(self, lines=30):
        with contextlib.suppress(OSError):
            return "".join(self.log_path.read_text(errors="replace").splitlines(True)[-lines:])
        return ""


class Processes(contextlib.ExitStack):
    """Every process of a run: each is stopped on the way out, in the reverse order of starting."""

    def start(self, *args, stop_signal=signal.SIGTERM, **kwargs):
        process = Process(*args, **kwargs)
        self.callback(process.stop, stop_signal)
        return process


def children(pid):
    with contextlib.suppress(OSError):
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


def descendants(pid):
    found = []
    for child in children(pid):
        found.append(child)
        found.extend(descendants(child))
    return found


def cmdline(pid):
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    return ""


def status_kb(pid, field):
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return None


def gunicorn_workers(root_pid):
    """The pids of the gunicorn workers under `root_pid` (a gunicorn master, or bin/serve): the gunicorn processes
    whose parent is gunicorn too (the master's parent is bin/serve or this script)."""
    procs = [root_pid, *descendants(root_pid)]
    return sorted(p for p in procs if "gunicorn" in cmdline(p) and "gunicorn" in cmdline(_ppid(p)))


def _ppid(pid):
    with contextlib.suppress(OSError, IndexError, ValueError):
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    return 0


def peak_rss_mb(root_pid):
    """{worker pid: peak resident set (VmHWM) in MB} for each gunicorn worker under `root_pid`."""
    return {
        pid: round(status_kb(pid, "VmHWM") / 1024, 1) for pid in gunicorn_workers(root_pid) if status_kb(pid, "VmHWM")
    }


# --- HTTP on loopback -------------------------------------------------------------------------------------------


def request(port, path, *, method="GET", headers=None, body=None, timeout=30):
    """One request to 127.0.0.1:`port`; (status, headers as a message, body bytes, seconds taken)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        return response.status, response.headers, content, time.perf_counter() - started
    finally:
        connection.close()


def wait_for(port, path="/healthz", *, process=None, headers=None, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and not process.alive():
            raise RuntimeError(f"{process.name} exited before answering:\n{process.tail()}")
        with contextlib.suppress(OSError, http.client.HTTPException):
            status, _, _, _ = request(port, path, headers=headers, timeout=5)
            if status < 500:
                return
        time.sleep(0.3)
    tail = process.tail() if process else ""
    raise RuntimeError(f"127.0.0.1:{port}{path} did not answer within {timeout} s\n{tail}")


def cookies_of(headers):
    """{name: value} of the Set-Cookie headers of a response."""
    found = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def form_post(port, path, fields, *, cookie, csrf, extra_headers=None, timeout=30):
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, **fields})
    headers = {
        "Cookie": f"{cookie}; csrftoken={csrf}" if cookie else f"csrftoken={csrf}",
        "Content-Type": "application/x-www-form-urlencoded",
        **(extra_headers or {}),
    }
    return request(port, path, method="POST", headers=headers, body=body, timeout=timeout)


# --- Servers ----------------------------------------------------------------------------------------------------


def gunicorn(processes, name, app, *, env, log_dir, workers=2):
    """`app` under gunicorn with `workers` sync workers on a free loopback port (as bin/serve runs the site, but on
    TCP, which wrk needs). Returns (process, port) once it answers."""
    port = free_port()
    argv = [
        str(VENV_BIN / "gunicorn"),
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--graceful-timeout",
        "10",
        "--no-control-socket",
    ]
    process = processes.start(name, argv, env=env, log_dir=log_dir)
    wait_for(port, "/healthz" if app.startswith("auscult") else "/comments/1/form/", process=process)
    return process, port


def bin_serve(processes, *, env, log_dir):
    """The production setup as it ships (bin/serve: nginx in front of 2 gunicorn workers, the task worker, the
    purge service). Returns (process, port) once /healthz answers through nginx."""
    port = int(env["PORT"])
    # Stopped as Ctrl-C would (SIGINT to bin/serve alone: it stops what it started), then its group.
    argv = [str(REPO / "bin" / "serve")]
    process = processes.start("bin-serve", argv, env=env, log_dir=log_dir, stop_signal=signal.SIGINT)
    wait_for(port, "/healthz", process=process)
    return process, port


def static_nginx(processes, *, html, workdir, log_dir):
    """nginx serving `html` as a static file for every path, with nothing but what that needs (the ceiling)."""
    port = free_port()
    root = Path(workdir) / "static-nginx"
    for sub in ("html", "temp", "run"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "html" / "page.html").write_bytes(html)
    user = "user root root;" if os.getuid() == 0 else ""
    temp = " ".join(
        f"{kind}_temp_path {root}/temp/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = f"""{user}
worker_processes auto;
pid {root}/run/nginx.pid;
error_log {root}/run/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    sendfile on;
    tcp_nopush off;
    keepalive_timeout 65;
    access_log off;
    {temp}
    server {{
        listen 127.0.0.1:{port};
        root {root}/html;
        location / {{ try_files /page.html =404; }}
    }}
}}
"""
    (root / "nginx.conf").write_text(config)
    argv = ["nginx", "-p", f"{root}/", "-c", f"{root}/nginx.conf", "-g", "daemon off;"]
    process = processes.start("static-nginx", argv, env=os.environ.copy(), log_dir=log_dir)
    wait_for(port, "/", process=process)
    return process, port


# --- Between runs ---------------------------------------------------------------------------------------------


def _cpu_times():
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields[:8]), idle


def settle(*, idle=0.85, interval=0.3, max_seconds=30):
    """Wait until the machine is idle (at least `idle` of its CPU time over `interval`), at most `max_seconds`:
    a server wrk left with a full backlog is still answering it after wrk stops, and autovacuum may follow a bulk
    insert. Returns the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < max_seconds:
        total, spare = _cpu_times()
        time.sleep(interval)
        total2, spare2 = _cpu_times()
        if total2 > total and (spare2 - spare) / (total2 - total) >= idle:
            return round(time.monotonic() - started, 1)
    return None  # never idle: something else was running (the run is marked, its figure kept)


# --- wrk --------------------------------------------------------------------------------------------------------


def wrk(port, path, *, connections, seconds, threads=2, cookie="", fragments=()):
    """wrk against 127.0.0.1:`port``path`; its summary (requests/s, latency percentiles in ms, errors) as a dict.
    `fragments` are paths a browser would also fetch for one view (htmx loads): cycled with the page."""
    waited = settle()
    load_before = [round(x, 2) for x in os.getloadavg()]
    env = {**os.environ, "BENCH_COOKIE": cookie, "BENCH_PATHS": " ".join([path, *fragments])}
    argv = [
        "wrk",
        f"-t{min(threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_SCRIPT),
        f"http://127.0.0.1:{port}{path}",
    ]
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=seconds + 60)  # noqa: S603
    line = next((x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{out.stdout}\n{out.stderr}")
    data = json.loads(line.removeprefix("BENCH_JSON "))
    seconds_run = data["duration_us"] / 1e6
    errors = data["errors"]
    result = {
        "requests": data["requests"],
        "seconds": round(seconds_run, 2),
        "rps": round(data["requests"] / seconds_run, 1) if seconds_run else 0.0,
        "ms": {k: round(v / 1000, 2) for k, v in data["latency_us"].items()},
        "errors": errors,
        "bad_status": errors["status"],
        "load": [round(x, 2) for x in os.getloadavg()],
        "load_before": load_before,
        "settled_s": waited,
    }
    if len(fragments):
        result["views_per_s"] = round(result["rps"] / (1 + len(fragments)), 1)
    return result


def version(argv, pattern=r"[\d.]+\S*"):
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        out = subprocess.run(argv, capture_output=True, text=True, timeout=10)  # noqa: S603
        match = re.search(pattern, out.stdout + out.stderr)
        return match.group(0) if match else (out.stdout + out.stderr).strip()[:80]
    return None
