"""Database time limits: connections opened to serve a web request (the WSGI application in
auscult/wsgi.py) get statement and lock timeouts, everything else keeps the server's own; connect
and keepalive limits are connection options for every process (settings/base.py)."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from django.db import connection, connections
from django.db.backends.signals import connection_created

from auscult.core import db_limits

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]


def fresh_connection_limits():
    """The limits a connection opened now would have: (statement, lock) on PostgreSQL, the busy timeout on SQLite."""
    fresh = connections.create_connection("default")
    try:
        with fresh.cursor() as cursor:
            if fresh.vendor == "postgresql":
                cursor.execute("SELECT current_setting('statement_timeout'), current_setting('lock_timeout')")
                return cursor.fetchone()
            cursor.execute("PRAGMA busy_timeout")
            return cursor.fetchone()[0]
    finally:
        fresh.close()


@pytest.fixture
def limits(settings):
    settings.AUSCULT = {**settings.AUSCULT, "WEB_STATEMENT_TIMEOUT": 7, "WEB_LOCK_TIMEOUT": 1.5}


def test_a_connection_opened_by_a_web_request_gets_the_web_limits(limits):
    with db_limits.web_request():
        inside = fresh_connection_limits()

    assert inside == (("7s", "1500ms") if connection.vendor == "postgresql" else 1500)


def test_a_connection_opened_outside_a_web_request_keeps_the_servers_limits(limits):
    # Management commands, migrations, seeding, db_worker and backups: none of them serves a request.
    outside = fresh_connection_limits()

    assert outside == (("0", "0") if connection.vendor == "postgresql" else 20_000)


def test_the_wsgi_application_serves_every_request_inside_the_limits():
    from auscult.wsgi import application

    seen = []

    def record(sender, connection, **kwargs):
        seen.append(db_limits._serving.get())

    def serve_one():
        # A thread of its own, as a server's: its connection is opened by the request.
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/healthz"}
        setup_testing_defaults(environ)
        statuses = []
        body = b"".join(application(environ, lambda status, headers: statuses.append(status)))
        seen.append((statuses[0], json.loads(body)["database"]))
        connections.close_all()

    connection_created.connect(record)
    try:
        thread = threading.Thread(target=serve_one)
        thread.start()
        thread.join(timeout=30)
    finally:
        connection_created.disconnect(record)

    assert seen == [True, ("200 OK", "ok")]
    assert not db_limits._serving.get()


def settings_databases(**environ):
    """DATABASES as settings/base.py builds them from this environment, in a fresh interpreter."""
    code = "import json; from auscult.settings import base; print(json.dumps(base.DATABASES['default']['OPTIONS']))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")} | environ
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_postgresql_connections_give_up_connecting_and_keep_alive_in_every_process():
    options = settings_databases(DATABASE_URL="postgres://auscult@db.example:5432/auscult")

    assert options == {
        "connect_timeout": 3,
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        "tcp_user_timeout": 10_000,
    }


def test_the_connect_timeout_comes_from_the_environment_and_the_database_url_wins():
    assert settings_databases(DATABASE_URL="postgres://a@db/x", DATABASE_CONNECT_TIMEOUT="8")["connect_timeout"] == 8
    options = settings_databases(DATABASE_URL="postgres://a@db/x?connect_timeout=20&keepalives_idle=5")
    assert (options["connect_timeout"], options["keepalives_idle"]) == (20, 5)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="libpq options: PostgreSQL only")
def test_libpq_receives_the_connection_options():
    connection.ensure_connection()
    dsn = connection.connection.info.dsn

    for option in ("connect_timeout=", "keepalives=1", "keepalives_idle=30", "tcp_user_timeout=10000"):
        assert option in dsn, dsn
