import time
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper

from auscult.core.views import HEALTHZ_STATEMENT_TIMEOUT_MS

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_answers_503_not_500_when_the_connection_is_unusable(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=InterfaceError("closed")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout: PostgreSQL only")
def test_healthz_gives_up_on_a_query_that_does_not_answer_within_its_own_timeout(client):
    execute = CursorWrapper.execute

    def slow(self, sql, params=None):
        return execute(self, "SELECT pg_sleep(30)" if sql == "SELECT 1" else sql, params)

    started = time.monotonic()
    with mock.patch.object(CursorWrapper, "execute", slow):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert time.monotonic() - started < HEALTHZ_STATEMENT_TIMEOUT_MS / 1000 + 2
    # The limit was for that transaction only.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
