"""Values from a URL, a query string or a form, checked before they reach the database.

Python is generous where the database is not: str.isdigit() accepts "²" (which int() refuses),
int() accepts Arabic-Indic "٣", SQLite cannot bind an integer past 64 bits, and PostgreSQL refuses
any string holding a NUL. Each of these was once a 500."""

from django.utils.http import url_has_allowed_host_and_scheme

from .text import one_line

# The most digits an id may have: every 18-digit number fits a signed 64-bit integer column.
MAX_ID_DIGITS = 18


def positive_id(value):
    """A positive ASCII integer id from a query value, else None."""
    text = "" if value is None else str(value)
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return int(text) or None
    return None


def query_text(value, *, max_length):
    """Words to search or filter by: one line without control or invisible characters, cut to
    `max_length` characters."""
    return one_line(value if isinstance(value, str) else "")[:max_length].strip()


class IdConverter:
    """`<id:name>` in a URL: a positive id as `positive_id` reads it; anything else is a 404."""

    regex = "[0-9]+"

    def to_python(self, value):
        number = positive_id(value)
        if number is None:
            raise ValueError(f"not an id: {value!r}")
        return number

    def to_url(self, value):
        return str(value)


def next_path(request, value, *, default):
    """Where to send the browser after a form: a path on this site ("/…") from `value`, else `default`.

    `url_has_allowed_host_and_scheme` also accepts a relative reference such as "-1" or "²", which
    `redirect()` then tries as a URL name and fails on (NoReverseMatch, a 500); a path starts with "/"."""
    value = value if isinstance(value, str) else ""
    if value.startswith("/") and url_has_allowed_host_and_scheme(
        value, {request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return default
