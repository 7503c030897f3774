"""Real HTTP for the concurrency suite: the project's WSGI application (`auscult.wsgi`) in a threaded
server on a free port, and browsers that keep their own connection and cookies and get their CSRF
tokens as a browser does (the cookie, and the token in the form they were shown).

Every answer any browser gets is logged on the site, so a test can assert there was no 5xx at all."""

import http.client
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import Client
from django.test.testcases import QuietWSGIRequestHandler
from lxml import html

from auscult.members.notice import COOKIE_NAME as NOTICE_COOKIE


class _Handler(QuietWSGIRequestHandler):
    # A browser that vanished must not keep its server thread (and its database connection) for ever.
    timeout = 60


class _Server(ThreadedWSGIServer):
    # Many browsers connect at the same instant: the default backlog of 10 would make some wait for
    # the kernel's SYN retry (a second or more), which is slowness, not the concurrency under test.
    request_queue_size = 256
    # Wait for every connection's thread on close: each closes its database connections when its
    # browser hangs up, and the test database is flushed right after the test.
    daemon_threads = False
    block_on_close = True

    def handle_error(self, request, client_address):
        # An idle keep-alive connection timing out is not a failure (a failing test leaves some behind).
        if not isinstance(sys.exc_info()[1], TimeoutError):
            super().handle_error(request, client_address)


@dataclass
class Answer:
    method: str
    path: str
    status: int
    headers: http.client.HTTPMessage
    text: str
    seconds: float

    @property
    def location(self):
        return self.headers.get("Location", "")

    def tree(self):
        return html.fromstring(self.text or "<html></html>")

    def form_fields(self, selector):
        """The fields a browser would send from the first form matching the CSS selector."""
        forms = self.forms(selector)
        assert forms, f"no {selector} in the answer to {self.method} {self.path} ({self.status})"
        return forms[0]

    def forms(self, selector):
        """The fields of every form matching the CSS selector (checked boxes only; no buttons)."""
        found = []
        for form in self.tree().cssselect(selector):
            fields = {}
            for field in form.cssselect("input[name]"):
                kind = (field.get("type") or "text").lower()
                if kind in ("checkbox", "radio") and field.get("checked") is None:
                    continue
                if kind not in ("submit", "button", "image"):
                    fields[field.get("name")] = field.get("value", "on" if kind in ("checkbox", "radio") else "")
            found.append(fields)
        return found


class Site:
    """The running site: its address and the log of every answer it gave."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.origin = f"http://{host}:{port}"
        self.answers = []  # list.append is atomic: browsers on many threads log here

    def browser(self, **cookies):
        """A browser past the professionals-only notice, with any other cookies given."""
        return Browser(self, {NOTICE_COOKIE: "1", **cookies})

    def signed_in(self, user):
        """A browser holding a session for `user` made by Django's own session engine (as force_login does)."""
        client = Client()
        client.force_login(user)
        return self.browser(**{settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value})

    def server_errors(self):
        return [f"{a.method} {a.path} → {a.status}" for a in self.answers if a.status >= 500]


class Browser:
    """One tab: a keep-alive connection and a cookie jar. `tab()` opens another with a copy of the cookies."""

    def __init__(self, site, cookies):
        self.site = site
        self.cookies = dict(cookies)
        self.connection = http.client.HTTPConnection(site.host, site.port, timeout=120)

    def tab(self):
        return Browser(self.site, self.cookies)

    def close(self):
        self.connection.close()

    def get(self, path, *, htmx=False):
        return self.request("GET", path, htmx=htmx)

    def post(self, path, data, *, htmx=False):
        """POST a form the way the page sends it; the CSRF token must already be in `data` or the cookie."""
        return self.request("POST", path, body=urlencode(data, doseq=True), htmx=htmx)

    def follow(self, answer):
        """The GET a browser makes after a redirect (same site only)."""
        assert answer.status in (301, 302, 303), answer.status
        target = urlsplit(answer.location)
        return self.get(target.path + (f"?{target.query}" if target.query else ""))

    def request(self, method, path, *, body=None, htmx=False):
        headers = {"Accept": "text/html", "User-Agent": "Mozilla/5.0 (concurrency suite)"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.site.origin
        if htmx:
            headers["HX-Request"] = "true"
            if "csrftoken" in self.cookies:
                headers["X-CSRFToken"] = self.cookies["csrftoken"]  # what hx-headers on <body> sends
        started = time.monotonic()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        answer = Answer(method, path, response.status, response.headers, text, time.monotonic() - started)
        self.site.answers.append(answer)
        return answer

    def _keep_cookies(self, set_cookies):
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def sign_in(self, email, password):
        """Sign in through allauth's form, as a member does."""
        page = self.get("/accounts/login/")
        fields = page.form_fields("form[action='/accounts/login/']")
        answer = self.post("/accounts/login/", {**fields, "login": email, "password": password})
        assert answer.status == 302 and settings.SESSION_COOKIE_NAME in self.cookies, (answer.status, answer.text[:500])
        return answer

    def sign_in_to_admin(self, username, password):
        """Sign in through Wagtail's admin login form, as staff do."""
        page = self.get("/admin/login/")
        fields = page.form_fields("form[method='post']")
        answer = self.post("/admin/login/", {**fields, "username": username, "password": password})
        assert answer.status == 302 and settings.SESSION_COOKIE_NAME in self.cookies, (answer.status, answer.text[:500])
        return answer


@contextmanager
def serving():
    """The project's WSGI application on a free port, until the block ends."""
    from auscult.wsgi import application

    server = _Server(("127.0.0.1", 0), _Handler, allow_reuse_address=False)
    server.set_app(application)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Site(*server.server_address[:2])
    finally:
        server.shutdown()
        server.server_close()  # joins every connection's thread
        thread.join(timeout=10)
        connections.close_all()


def run_together(jobs, *, timeout=600):
    """Run each job on its own thread, all released at once; re-raise the first failure here."""
    barrier = threading.Barrier(len(jobs))
    failures = []

    def run(job):
        try:
            barrier.wait(timeout=60)
            job()
        except BaseException as failure:  # noqa: BLE001 - re-raised in the test's thread
            failures.append(failure)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1, timeout - (time.monotonic() - started)))
    assert not any(thread.is_alive() for thread in threads), "a client never finished"
    if failures:
        raise failures[0]
