"""The magazine's error pages (400, 403, the expired-form 403, 404, 500 and 503), wired as Django's
error handlers and CSRF failure view in the project's URLs and settings.

The 4xx pages are ordinary pages on `errors/error.html`, with the masthead from the usual context.
The 500 and 503 pages must render when the database and the cache are both down, so they use
their own template engine with no context processors and the masthead from the snapshot on disk
(`chrome_snapshot`), run no queries, read no cache and never raise. A 4xx page that cannot be
rendered in full falls back to the same standalone page, keeping its status code. A form a member
sent when the database did not answer comes back on the standalone 503, filled in (`keeps_form_on_outage`).

No error page is ever cached, by a shared cache or the browser: the next try must reach the site."""

import html
import logging
import sys
from dataclasses import dataclass
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import Context, Engine
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .chrome_snapshot import chrome_snapshot_load
from .problem_details import handler_problem, is_api

logger = logging.getLogger(__name__)

# Raised when the database cannot be reached or has gone away: the reader gets a 503, not a 500.
DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a 503 asks browsers and crawlers to wait: a restart or a migration, not an afternoon.
RETRY_AFTER_SECONDS = 120
# The standalone page loads only its stylesheet and icon; it is served before or without the
# CSP middleware (maintenance short-circuits the stack), so it carries its own policy.
STANDALONE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


@dataclass(frozen=True)
class ErrorPage:
    status: int
    title: str
    paragraphs: tuple[str, ...]
    offer_search: bool = True


NOT_FOUND = ErrorPage(
    404,
    "Page not found",
    (
        "We cannot find the page you asked for. It may have been moved or taken down, "
        "or the address may have been mistyped.",
        "Try searching for it, or start again from the home page.",
    ),
)
PERMISSION_DENIED = ErrorPage(
    403,
    "You cannot see this page",
    (
        "You do not have permission to see this page.",
        "If you think you should, check that you are signed in with the right account.",
    ),
)
BAD_REQUEST = ErrorPage(
    400,
    "Something was wrong with that request",
    (
        "Your browser sent a request that we could not understand, so we could not show this page.",
        "Check the address and try again, or start again from the home page.",
    ),
)
_FORM_EXPIRED_ADVICE = (
    "Please go back, reload the page and try again.",
    "If you were writing a comment, go back first: your browser usually keeps what you typed, "
    "but copy it somewhere safe before you reload the page.",
)
FORM_EXPIRED = ErrorPage(
    403,
    "This form has expired",
    (
        "For your security, we could not accept the form you sent. This can happen when the page "
        "has been open for a long time, when you have signed in or out in another tab, or when "
        "your browser blocks cookies for this site.",
        *_FORM_EXPIRED_ADVICE,
    ),
)
FORM_EXPIRED_NO_COOKIE = ErrorPage(
    403,
    "This form has expired",
    (
        "For your security, we could not accept the form you sent, because your browser did not "
        "send this site's cookie with it. If you block cookies, please allow them for this site.",
        *_FORM_EXPIRED_ADVICE,
    ),
)
SERVER_ERROR = ErrorPage(
    500,
    "Sorry, something went wrong",
    (
        "Something went wrong on our side and we could not show this page.",
        "Please try again in a few minutes, or start again from the home page.",
    ),
)
DATABASE_UNAVAILABLE = ErrorPage(
    503,
    "Sorry, the magazine is unavailable just now",
    (
        "We are having a technical problem and cannot show pages at the moment.",
        "Please try again in a few minutes.",
    ),
    offer_search=False,
)
# A form the database did not answer: the page around the member's form, which comes back filled in.
DATABASE_NOT_ANSWERING = ErrorPage(
    503,
    "Our database is not answering",
    (
        "We could not save what you sent, because our database is not answering just now. "
        "What you wrote is still here, below: please send it again in a minute.",
        "If it did reach us, sending it again will not post it twice.",
    ),
    offer_search=False,
)
MAINTENANCE = ErrorPage(
    503,
    "We are working on the site",
    (
        "The magazine is closed for a few minutes while we update it.",
        "Please try again shortly.",
    ),
    offer_search=False,
)

_STANDALONE = Engine(
    dirs=[str(Path(__file__).resolve().parent / "templates")],
    app_dirs=False,
    context_processors=[],
    debug=False,
)


def page_not_found(request, exception):
    return handler_problem(404) if is_api(request) else _magazine_page(request, NOT_FOUND)


def permission_denied(request, exception):
    return handler_problem(403) if is_api(request) else _magazine_page(request, PERMISSION_DENIED)


def bad_request(request, exception):
    return handler_problem(400) if is_api(request) else _magazine_page(request, BAD_REQUEST)


def csrf_failure(request, reason=""):
    """Django's CSRF_FAILURE_VIEW: the reason is for the log, never shown; a missing cookie gets its own advice."""
    return _magazine_page(request, FORM_EXPIRED_NO_COOKIE if reason == REASON_NO_CSRF_COOKIE else FORM_EXPIRED)


def server_error(request):
    """handler500. Django calls it while handling the exception, so a database that has gone away
    (even in a middleware, e.g. loading a member's session) is told apart and answered with a 503."""
    error = DATABASE_UNAVAILABLE if isinstance(sys.exc_info()[1], DATABASE_ERRORS) else SERVER_ERROR
    if is_api(request):
        return handler_problem(error.status, retry_after=RETRY_AFTER_SECONDS if error.status == 503 else None)
    return standalone_response(error)


def keeps_form_on_outage(render_form):
    """View decorator for a form a member fills in: when the database does not answer a POST
    (OperationalError, InterfaceError: unreachable, or a statement or lock timeout), the member gets a
    503 with their form back, filled in from what they sent, instead of the outage page, which loses it.

    `render_form(request, *args, **kwargs)` gets the view's arguments and returns the form's HTML built
    from `request.POST` alone (no query, no cache), with its message saying the database is not
    answering. The form keeps any submission key, so sending it again cannot post twice."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except DATABASE_ERRORS:
                if request.method != "POST" or settings.DEBUG:
                    raise
                logger.error("Database unavailable while serving %s; the form goes back", request.path, exc_info=True)
                return kept_form_response(request, render_form(request, *args, **kwargs))

        return wrapped

    return decorator


def kept_form_response(request, form_html):
    """503 with the member's form: the form alone for htmx (which keeps its own copy, as it does not swap
    in an error), else the standalone page around it. Neither touches the database or the cache."""
    if getattr(request, "htmx", False):
        response = HttpResponse(form_html, status=DATABASE_NOT_ANSWERING.status)
        add_never_cache_headers(response)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return standalone_response(DATABASE_NOT_ANSWERING, form_html=form_html)


def standalone_response(error, *, form_html=""):
    """The error page with no database, no cache and no context processors; it does not raise.
    `form_html` (safe HTML rendered by the caller) goes below the message."""
    try:
        content = _render_standalone(error, form_html)
    except Exception:
        logger.exception("The standalone %s page could not be rendered; sending the minimal one", error.status)
        content = _minimal_html(error, form_html)
    response = HttpResponse(content, status=error.status)
    add_never_cache_headers(response)
    response["X-Frame-Options"] = "DENY"
    response["Content-Security-Policy"] = STANDALONE_CSP
    if error.status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _magazine_page(request, error):
    try:
        response = render(
            request, "errors/error.html", {"error": error, "search_url": reverse("search")}, status=error.status
        )
    except Exception:
        logger.exception(
            "The %s page could not be rendered in the full layout; sending the standalone one", error.status
        )
        return standalone_response(error)
    add_never_cache_headers(response)
    return response


def _render_standalone(error, form_html=""):
    chrome = chrome_snapshot_load() or _fixed_chrome()
    context = Context(
        {
            "error": error,
            "chrome": chrome,
            "site_name": chrome["site_name"],
            "search_url": _search_url(),
            "stylesheet": _static_url("css/site.css"),
            "icon": _static_url("img/favicon.svg"),
            "form_html": form_html,
        }
    )
    template = "core/standalone_form.html" if form_html else "core/standalone_error.html"
    return _STANDALONE.get_template(template).render(context)


def _fixed_chrome():
    """The masthead when there is no snapshot: the site's name linking to the home page."""
    return {"site_name": str(settings.WAGTAIL_SITE_NAME), "tagline": "", "home_url": "/", "sections": []}


def _search_url():
    try:
        return reverse("search")
    except Exception:
        return "/search/"


def _static_url(path):
    """A plain path under STATIC_URL: the manifest lookup of {% static %} can raise, this cannot.
    WhiteNoise serves the unhashed original beside the hashed copy."""
    try:
        return str(settings.STATIC_URL) + path
    except Exception:
        return "/static/" + path


def _minimal_html(error, form_html=""):
    """The last resort, when even the standalone template cannot be rendered: plain string work only."""
    title = html.escape(error.title)
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in error.paragraphs)
    return (
        f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<p role="note">This site is intended for health professionals only</p><h1>{title}</h1>{paragraphs}{form_html}'
        '<p><a href="/">Go to the home page</a></p></body></html>'
    )
