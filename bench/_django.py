"""What every benchmark does first: a fresh database, Django set up on it, the schema migrated.

Without a database URL the benchmark runs on a temporary SQLite file; with one (PostgreSQL), the database
is dropped and created anew, so never point it at one whose data you want."""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def recreate_database(url):
    """Drop the PostgreSQL database the URL names, if it is there, and create it empty (a flush would also
    empty what the migrations put in, such as Wagtail's root page, without running them again)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def fresh_site(database_url=None):
    """Set Django up on an empty, migrated database, static files collected (the local settings without
    DEBUG, tasks dropped)."""
    if database_url and database_url.startswith("postgres"):
        recreate_database(database_url)
    workdir = tempfile.mkdtemp(prefix="auscult-bench-")
    os.environ["AUSCULT_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auscult.settings.local")
    os.environ["DEBUG"] = "0"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # DEBUG is off, as in production, so pages name their static files through the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
