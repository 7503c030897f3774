"""WSGI middleware: a request that declares a character set other than UTF-8 gets a plain 400.

Our pages are UTF-8, so browsers send forms in UTF-8 and never label a urlencoded form with a
charset (it has none: Django itself refuses any but UTF-8 there). A declared one comes from a script
or a crafted request, and Django would decode the query string and multipart fields with it:
"charset=rot13" or "charset=idna" are codecs Python knows but cannot decode text with, a 500 raised
while Django is still building the request, before any Django middleware could answer; and
"charset=latin-1" would store é as mojibake. So the check wraps the WSGI application (auscult/wsgi.py),
in front of Django."""

from django.utils.http import parse_header_parameters

MESSAGE = "This site accepts text in UTF-8 only; the request declared the character set “{}”.\n"
# How much of a declared charset the refusal repeats.
ECHO_LIMIT = 40


def declared_charset(environ):
    """The charset named in the request's Content-Type, or None."""
    content_type = environ.get("CONTENT_TYPE", "")
    if "charset" not in content_type.lower():
        return None
    return parse_header_parameters(content_type)[1].get("charset")


def utf8_only(application):
    """Wrap a WSGI application so that only UTF-8 (or no charset at all) reaches it."""

    def app(environ, start_response):
        charset = declared_charset(environ)
        if charset is None or charset.strip().lower() == "utf-8":
            return application(environ, start_response)
        body = MESSAGE.format(charset[:ECHO_LIMIT]).encode()
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [body]

    return app
