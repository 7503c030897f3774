"""Time limits on the database for web requests, and for web requests only.

One held row lock used to tie up every worker, `/healthz` included, until gunicorn killed them. So a
database connection opened while a web request is being served gets PostgreSQL's `statement_timeout`
and `lock_timeout` (`AUSCULT["WEB_STATEMENT_TIMEOUT"]`, `["WEB_LOCK_TIMEOUT"]`) for its whole life,
and on SQLite the lock timeout as its busy timeout instead of the 20 s the settings give every
process. A request that runs into one gets OperationalError, which the outage middleware and the
form views (`error_pages.keeps_form_on_outage`) answer with a 503.

`auscult/wsgi.py` wraps the application in `web_requests()`, so gunicorn and `runserver` (which loads
WSGI_APPLICATION) serve with the limits. Migrations, `seed_demo`, the digests, `db_worker` and backups
never pass through it, so their connections keep the server's own limits (none by default). Django
opens a thread's connection on its first query, so in a web worker that is inside a request; it then
keeps it (CONN_MAX_AGE) and the limits with it. Connect and keepalive limits apply to every process
and are connection options (settings/base.py)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_serving = ContextVar("auscult_serving_web_request", default=False)


@contextmanager
def web_request():
    """Connections opened inside this block get the web limits."""
    token = _serving.set(True)
    try:
        yield
    finally:
        _serving.reset(token)


def web_requests(application):
    """WSGI middleware: every request runs inside `web_request()`. Django renders a response before
    returning it; a streaming response keeps the connection (and its limits) it opened."""

    def serve(environ, start_response):
        with web_request():
            return application(environ, start_response)

    return serve


def web_limits_apply(sender, connection, **kwargs):
    """`connection_created` receiver (connected in CoreConfig.ready())."""
    if not _serving.get():
        return
    lock_ms = int(settings.AUSCULT["WEB_LOCK_TIMEOUT"] * 1000)
    if connection.vendor == "postgresql":
        statement_ms = int(settings.AUSCULT["WEB_STATEMENT_TIMEOUT"] * 1000)
        with connection.cursor() as cursor:
            # Session-wide (false): one round trip when the connection opens, none per request.
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false), set_config('lock_timeout', %s, false)",
                [f"{statement_ms}ms", f"{lock_ms}ms"],
            )
    elif connection.vendor == "sqlite":
        connection.connection.execute(f"PRAGMA busy_timeout = {lock_ms}")
