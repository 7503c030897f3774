"""What a member typed, kept for them when it could not be sent: a refused post, or a session that expired while
they wrote. Nothing typed is lost to signing in again.

A draft lives in the session, under a key of the form it belongs to, and only a POST creates one: a visitor who
never writes has no session, and so keeps the shared cache. It is bounded in size (`MAX_CHARS` a field) and in
time (`KEPT_FOR`: an older one is dropped when it is taken), and it is never logged. Signing in keeps the session's
data (Django cycles its key), so the draft is there for the page the member is sent back to.

`sign_in_keeping(keep)` is `login_required` for a view that takes text: a signed-out POST has its text kept by
`keep(request, *args, **kwargs)`, which returns the page to come back to (one a GET can show, never the POST's
own URL), and is sent to sign in. htmx is told to go there with `HX-Redirect`, so a sign-in page is never swapped
into a fragment."""

import time
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

KEPT_FOR = 2 * 60 * 60  # seconds
MAX_CHARS = 20_000
SIGNED_OUT_NOTE = (
    "You were signed out, so this was not sent. What you wrote is here: check it, then send it when you are ready."
)
SIGN_IN_MESSAGE = "Please sign in again. What you wrote has been kept, and will be there when you come back."


def keep(request, key, fields):
    """Keep `fields` (strings, or None) for this session under `key`, each cut to `MAX_CHARS`."""
    request.session[key] = {
        **{name: (value[:MAX_CHARS] if isinstance(value, str) else value) for name, value in fields.items()},
        "kept_at": time.time(),
    }


def take(request, key):
    """The draft kept under `key`, removed from the session; None if there is none or it is too old."""
    session = getattr(request, "session", None)
    if session is None or key not in session:
        return None
    draft = session.pop(key)
    if not isinstance(draft, dict) or time.time() - draft.pop("kept_at", 0) > KEPT_FOR:
        return None
    return draft


def sign_in_keeping(keep_draft):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if request.method != "POST":
                return redirect_to_login(request.get_full_path())
            back = keep_draft(request, *args, **kwargs)
            messages.info(request, SIGN_IN_MESSAGE)
            sign_in = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back})}"
            if getattr(request, "htmx", False):
                response = HttpResponse()
                response["HX-Redirect"] = sign_in
                return response
            return redirect_to_login(back)

        return wrapped

    return decorator


def post_only(view):
    """`require_POST`, with the view marked so that it is never a destination after signing in (`is_post_only`)."""
    view = require_POST(view)
    view.post_only = True
    return view


def is_post_only(url):
    """Whether `url` is one of this site's views that only a POST can reach: a GET of it after signing in would be
    a blank 405."""
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return getattr(match.func, "post_only", False)
