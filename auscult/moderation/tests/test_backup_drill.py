"""The backup and restore drill: a backup made with exactly the commands README's Deploying section
gives (pg_dump, pg_restore; sqlite3's .backup and .restore), from a database with content in every main
table, restores into an empty database with every table the same, row for row (PostgreSQL: sequences
too, so new rows do not collide). The empty PostgreSQL database is made here, as `createdb` would,
on the test server, and dropped afterwards."""

import os
import re
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from auscult.comments.models import CommentSettings, ReportReason
from auscult.comments.services import comment_post, comment_report
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.services import rating_set

from .faults import REPO, postgres_conninfo, postgres_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore")
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="sqlite3's .backup and .restore")


def documented(*programs):
    """The lines of README's Deploying section that run these programs, exactly as written there."""
    section = (REPO / "README.md").read_text().split("## Deploying", 1)[1].split("\n## ", 1)[0]
    lines = [line.strip() for line in section.splitlines() if line.strip().split(" ", 1)[0] in programs]
    assert sorted(line.split(" ", 1)[0] for line in lines) == sorted(programs), lines
    return lines


def engagement():
    """Content in every main table, made through the services."""
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    articles = [ArticlePageFactory(title=f"Backed up {n}") for n in range(2)]
    members = [MemberFactory(display_name=f"Member {uuid.uuid4().hex[:12]}") for _ in range(3)]
    for article in articles:
        parent = comment_post(article=article, author=members[0], body="Kept across the restore.")
        reply = comment_post(article=article, author=members[1], body="And this reply.", parent=parent)
        comment_report(comment=reply, reporter=members[2], reason=ReportReason.SPAM)
        for n, member in enumerate(members):
            rating_set(article=article, member=member, stars=n + 2)


MAIN_TABLES = [
    "members_user",
    "wagtailcore_page",
    "publishing_articlepage",
    "comments_comment",
    "comments_articlecommentstats",
    "comments_report",
    "ratings_rating",
    "ratings_articleratingstats",
]


def run_documented(line, cwd, **environ):
    result = subprocess.run(
        ["bash", "-c", line], cwd=cwd, env={**os.environ, **environ}, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{line}\n{result.stderr}"


@postgresql_only
def test_a_postgresql_backup_made_as_documented_restores_into_an_empty_database(tmp_path):
    engagement()
    backup, restore = documented("pg_dump", "pg_restore")
    scratch = f"auscult_restore_drill_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(postgres_conninfo("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        urls = {"DATABASE_URL": postgres_url(connection.settings_dict["NAME"]), "RESTORE_URL": postgres_url(scratch)}
        run_documented(backup, tmp_path, **urls)
        run_documented(restore, tmp_path, **urls)

        with psycopg.connect(postgres_conninfo()) as live, psycopg.connect(postgres_conninfo(scratch)) as restored:
            tables = connection.introspection.table_names()
            assert set(MAIN_TABLES) <= set(tables)
            for table in tables:
                rows = "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                fingerprint = f'SELECT count(*), {rows} FROM "{table}" t'
                original = live.execute(fingerprint).fetchone()
                assert restored.execute(fingerprint).fetchone() == original, table
                assert table not in MAIN_TABLES or original[0] > 0, table
            sequences = "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
            assert restored.execute(sequences).fetchall() == live.execute(sequences).fetchall()
    finally:
        with psycopg.connect(postgres_conninfo("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@sqlite_only
def test_a_sqlite_backup_made_as_documented_restores_into_an_empty_database(tmp_path):
    engagement()
    backup, restore = documented("sqlite3", "sqlite3")
    database = re.search(r"sqlite3 (\S+)", backup).group(1)  # var/auscult.sqlite3, as documented
    backup_file = re.search(r"\.backup (\S+?)\"", backup).group(1)
    site_dir, restored_dir = tmp_path / "site", tmp_path / "restored"
    (site_dir / Path(database).parent).mkdir(parents=True)
    (restored_dir / Path(database).parent).mkdir(parents=True)
    # The test database lives in memory: copy it to a file, the site's database of the documented command.
    connection.ensure_connection()
    with sqlite3.connect(site_dir / database) as live:
        connection.connection.backup(live)

    run_documented(backup, site_dir)
    shutil.copy(site_dir / backup_file, restored_dir / backup_file)  # to another machine, say
    run_documented(restore, restored_dir)

    def fingerprint(path):
        with sqlite3.connect(path) as db:
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            return {t: sorted(map(repr, db.execute(f'SELECT * FROM "{t}"'))) for t in tables}

    original = fingerprint(site_dir / database)
    assert all(original[t] for t in MAIN_TABLES)
    assert fingerprint(restored_dir / database) == original
