"""Faults for the fault suite, made for real: a TCP link in front of PostgreSQL or Redis that can
forward, refuse or black-hole, and the site served by gunicorn in a process of its own (a worker can
be SIGKILLed), through such links.

A `FaultyLink` listens on a local port and is in one of three states:
- forward: each connection is passed through to the real server;
- refuse: nothing listens, so connections are refused, and the ones open are cut (the server went away);
- black hole: connections are accepted and never answered, and the ones open are cut first (the server
  was replaced by one that accepts and hangs, as a proxy with no server behind it does).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.db import connection

REPO = Path(__file__).resolve().parents[3]
FORWARD, REFUSE, BLACK_HOLE = "forward", "refuse", "black hole"


class FaultyLink:
    def __init__(self, target_host, target_port):
        self.target = (target_host, int(target_port))
        self.state = FORWARD
        self._lock = threading.Lock()
        self._open = []  # every socket in use, to cut
        self._listener = None
        self.port = self._listen(0)

    # States -------------------------------------------------------------------------------------

    def forward(self):
        self._switch(FORWARD)

    def refuse(self):
        self._switch(REFUSE)

    def black_hole(self):
        self._switch(BLACK_HOLE)

    def close(self):
        self._switch(REFUSE)

    def _switch(self, state):
        with self._lock:
            self.state = state
            self._cut_all()
            if state == REFUSE and self._listener is not None:
                self._listener.close()
                self._listener = None
        if state != REFUSE and self._listener is None:
            self._listen(self.port)

    # Plumbing -----------------------------------------------------------------------------------

    def _listen(self, port):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return listener.getsockname()[1]

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed: the link now refuses
                return
            with self._lock:
                self._open.append(client)
                state = self.state
            if state == FORWARD:
                threading.Thread(target=self._connect, args=(client,), daemon=True).start()
            # In a black hole the connection is kept open and never read.

    def _connect(self, client):
        try:
            server = socket.create_connection(self.target, timeout=5)
            server.settimeout(None)
        except OSError:
            self._cut(client)
            return
        with self._lock:
            self._open.append(server)
        for source, sink in ((client, server), (server, client)):
            threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        self._cut(source)
        self._cut(sink)

    def _cut(self, sock):
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with suppress(OSError):
            sock.close()

    def _cut_all(self):
        for sock in self._open:
            self._cut(sock)
        self._open = []


@contextmanager
def faulty_link(host, port):
    link = FaultyLink(host, port)
    try:
        yield link
    finally:
        link.close()


def postgres_conninfo(name=None):
    """libpq's connection string for the test database (or database `name` on its server)."""
    db = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=name or db["NAME"],
    )


def postgres_url(name, *, port=None):
    """A postgres:// URL for database `name` on the test database's server, or through a link on `port`."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = "127.0.0.1" if port else db["HOST"] or "127.0.0.1"
    return f"postgres://{quote(db['USER'], safe='')}{password}@{host}:{port or db['PORT'] or 5432}/{name}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteProcess:
    """gunicorn serving auscult.wsgi with one worker of several threads, so a request held up on the
    database leaves threads for the health check, and the worker is one process to SIGKILL."""

    def __init__(self, env, log_path, threads=4):
        self.port = free_port()
        self.log_path = log_path
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "auscult.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            "--workers=1",
            f"--threads={threads}",
            "--timeout=30",
            "--graceful-timeout=5",
            # live_http's browsers keep their connection between requests, as browsers do (gunicorn's default is 2 s).
            "--keep-alive=120",
        ]
        with open(log_path, "ab") as log:
            self.master = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def log_tail(self, lines=60):
        return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])

    def worker_pids(self):
        path = Path(f"/proc/{self.master.pid}/task/{self.master.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def kill_worker(self):
        """SIGKILL the worker (gunicorn's master starts another); returns its pid."""
        (pid,) = self.worker_pids()
        os.kill(pid, signal.SIGKILL)
        return pid

    def health(self, timeout=10):
        """(status, seconds, JSON body) of GET /healthz."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=timeout) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        return status, time.monotonic() - started, json.loads(body or b"null")

    def wait_until_healthy(self, *, timeout=90, after_pid=None):
        """Until /healthz answers 200 (from a worker other than `after_pid`, once that one is killed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.master.poll() is None, f"gunicorn stopped:\n{self.log_tail()}"
            workers = self.worker_pids()
            if workers and after_pid not in workers:
                with suppress(OSError):
                    if self.health(timeout=5)[0] == 200:
                        return
            time.sleep(0.1)
        raise AssertionError(f"the site did not come up:\n{self.log_tail()}")

    def stop(self):
        if self.master.poll() is None:
            self.master.send_signal(signal.SIGTERM)  # the master stops its worker
            try:
                self.master.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.master.pid, signal.SIGKILL)  # the group this suite started, and only that
                self.master.wait(timeout=5)
