"""A request declaring a character set other than UTF-8 gets a plain 400 from the WSGI application
gunicorn and runserver serve, never a 500 nor a comment stored as mojibake. Driven through
auscult.wsgi.application itself: some of these fail while Django is still building the request,
which the test client would raise in the test instead."""

import io
from http.cookies import SimpleCookie
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signals
from django.db import close_old_connections

from auscult.comments.models import Comment
from auscult.members.notice import COOKIE_NAME
from auscult.members.tests.factories import PASSWORD, MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# Python knows all but "nonsense"; none decodes as UTF-8 does, and rot13, base64 and idna no text at all.
NOT_UTF8 = ["latin-1", "nonsense", "utf-16", "utf8", "rot13", "base64", "idna", "undefined", ""]
FORM = "application/x-www-form-urlencoded; charset={}"
MULTIPART_BODY = b'--x\r\nContent-Disposition: form-data; name="body"\r\n\r\nA point about access.\r\n--x--\r\n'


def call(method, path, body=b"", content_type="", cookies=None):
    """One request to the WSGI application: (status code, headers, body)."""
    from auscult.wsgi import application

    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "REMOTE_ADDR": "192.0.2.10",
    }
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    # As the test client does: closing "old" connections would close the test's own transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        content = b"".join(application(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content.decode()


def assert_refused(answer, charset):
    status, headers, content = answer
    assert status == 400, content[:300]
    assert headers["Content-Type"].startswith("text/plain")
    assert f"UTF-8 only; the request declared the character set “{charset}”" in content


@pytest.mark.parametrize("charset", NOT_UTF8)
def test_comment_posts_and_sign_in_in_another_charset_are_refused(charset):
    article = ArticlePageFactory()
    member = MemberFactory()
    url = f"/articles/{article.pk}/comments/post/?page=2"

    assert_refused(call("POST", url, b"body=A+point+about+access.", FORM.format(charset)), charset)
    multipart = f"multipart/form-data; boundary=x; charset={charset}"
    assert_refused(call("POST", url, MULTIPART_BODY, multipart), charset)
    body = f"login={member.email}&password={PASSWORD}".encode()
    assert_refused(call("POST", "/accounts/login/?next=/", body, FORM.format(charset)), charset)
    assert_refused(call("GET", "/search/?q=asthma", b"x", f"text/plain; charset={charset}"), charset)
    assert not Comment.objects.exists()


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"'])
def test_utf8_reaches_the_site(charset):
    cookies = {COOKIE_NAME: "1"}
    status, _, page = call("GET", "/search/?q=caf%C3%A9", b"x", f"text/plain; charset={charset}", cookies)
    assert status == 200 and "café" in page

    status, headers, _ = call("GET", "/accounts/login/", cookies=cookies)
    cookies["csrftoken"] = SimpleCookie(headers["Set-Cookie"])["csrftoken"].value
    MemberFactory(email="kemi@example.com")
    body = f"login=kemi%40example.com&password={PASSWORD}&csrfmiddlewaretoken={cookies['csrftoken']}".encode()
    status, headers, _ = call("POST", "/accounts/login/", body, FORM.format(charset), cookies)
    assert status == 302, "signed in"
