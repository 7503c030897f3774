"""The error pages through real requests with DEBUG off (the test settings), including the 500 and
503 pages with the database and the cache both down."""

from pathlib import Path
from unittest import mock

import pytest
from django.core.cache.backends.base import BaseCache
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from lxml import html

from auscult.core import error_pages
from auscult.core.chrome_snapshot import chrome_snapshot_save
from auscult.core.error_pages import (
    BAD_REQUEST,
    DATABASE_UNAVAILABLE,
    FORM_EXPIRED,
    MAINTENANCE,
    NOT_FOUND,
    PERMISSION_DENIED,
    RETRY_AFTER_SECONDS,
    SERVER_ERROR,
)
from auscult.members.notice import COOKIE_NAME
from auscult.members.tests.factories import MemberFactory

pytestmark = pytest.mark.urls("auscult.core.tests.error_urls")

BAND = "This site is intended for health professionals only"


class CacheDown(BaseCache):
    """A cache server that does not answer: every read or write raises, and is counted."""

    calls = []

    def __init__(self, location, params):
        super().__init__(params)

    def _down(self, name):
        CacheDown.calls.append(name)
        raise ConnectionError("cache server unreachable")

    def add(self, *args, **kwargs):
        self._down("add")

    def get(self, *args, **kwargs):
        self._down("get")

    def set(self, *args, **kwargs):
        self._down("set")

    def touch(self, *args, **kwargs):
        self._down("touch")

    def delete(self, *args, **kwargs):
        self._down("delete")

    def has_key(self, *args, **kwargs):
        self._down("has_key")

    def get_many(self, *args, **kwargs):
        self._down("get_many")

    def set_many(self, *args, **kwargs):
        self._down("set_many")

    def incr(self, *args, **kwargs):
        self._down("incr")

    def clear(self):
        self._down("clear")


CACHE_DOWN = {"default": {"BACKEND": "auscult.core.tests.test_error_pages.CacheDown"}}


@pytest.fixture
def outage():
    """The database and the cache both down; yields the mock counting connection attempts."""
    CacheDown.calls.clear()
    database_down = OperationalError("could not connect to server")
    with (
        override_settings(CACHES=CACHE_DOWN),
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=database_down) as connect,
    ):
        yield connect


def assert_magazine_design(response, error):
    """The band, the masthead and section navigation, the message and the way home; nothing internal."""
    page = html.fromstring(response.content)
    assert page.cssselect(".band")[0].text_content() == BAND
    assert page.cssselect("header.masthead .masthead__logo")[0].get("href") == "/"
    assert page.cssselect("header.masthead nav.sections-nav .sections-nav__list")
    assert page.cssselect("main h1")[0].text_content() == error.title
    assert [a.get("href") for a in page.cssselect("main a") if a.text_content() == "Go to the Auscult home page"] == [
        "/"
    ]
    assert "internal detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def assert_search_box(response):
    (form,) = html.fromstring(response.content).cssselect("main form[role=search]")
    assert (form.get("action"), form.get("method")) == ("/search/", "get")
    assert form.cssselect("input[type=search][name=q]")


def section_links(response):
    return [
        (a.text_content(), a.get("href")) for a in html.fromstring(response.content).cssselect(".sections-nav__list a")
    ]


def assert_not_cached(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_404_is_a_magazine_page(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    text = response.content.decode()
    assert_magazine_design(response, NOT_FOUND)
    assert_search_box(response)
    assert "moved or taken down" in text
    assert '<a href="/accounts/login/">Sign in</a>' in text  # the full masthead, account links and all
    assert '<meta name="robots" content="noindex">' in text
    assert_not_cached(response)


@pytest.mark.django_db
def test_403_is_a_magazine_page_that_keeps_the_reason_to_itself(client):
    response = client.get("/test-errors/forbidden/")

    assert response.status_code == 403
    assert_magazine_design(response, PERMISSION_DENIED)
    assert_search_box(response)
    assert_not_cached(response)


@pytest.mark.django_db
def test_400_for_a_suspicious_request(client):
    response = client.get("/test-errors/suspicious/")

    assert response.status_code == 400
    assert_magazine_design(response, BAD_REQUEST)
    assert_search_box(response)


@pytest.mark.django_db
def test_400_for_a_host_the_site_does_not_serve(client):
    response = client.get("/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert_magazine_design(response, BAD_REQUEST)


@pytest.mark.django_db
def test_a_refused_form_says_it_expired_and_how_to_keep_the_text():
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[COOKIE_NAME] = "1"
    browser.cookies["csrftoken"] = "a" * 32  # a cookie, but no token in the form

    response = browser.post("/test-errors/form/", {"body": "My long comment"})

    assert response.status_code == 403
    text = response.content.decode()
    assert_magazine_design(response, FORM_EXPIRED)
    assert_search_box(response)
    assert "open for a long time" in text
    assert "go back, reload the page and try again" in text
    assert "your browser usually keeps what you typed" in text
    assert "CSRF" not in text
    assert_not_cached(response)


@pytest.mark.django_db
def test_a_refused_form_without_the_cookie_asks_for_cookies():
    browser = Client(enforce_csrf_checks=True)
    browser.cookies[COOKIE_NAME] = "1"

    response = browser.post("/test-errors/form/", {"body": "My long comment"})

    assert response.status_code == 403
    text = response.content.decode()
    assert "This form has expired" in text
    assert "did not send this site&#x27;s cookie" in text
    assert "please allow them for this site" in text


@pytest.mark.django_db
def test_a_4xx_page_that_cannot_get_its_chrome_falls_back_to_the_standalone_page(client):
    with override_settings(CACHES=CACHE_DOWN):
        response = client.get("/test-errors/forbidden/")

    assert response.status_code == 403
    text = response.content.decode()
    assert_magazine_design(response, PERMISSION_DENIED)
    assert "Sign in" not in text  # the standalone masthead, without the account links


def test_500_is_a_magazine_page_from_the_snapshot(client):
    chrome_snapshot_save(
        site_name="Auscult",
        tagline="For the whole practice team",
        home_url="/",
        sections=[{"title": "Clinical", "url": "/clinical/"}, {"title": "Opinion", "url": "/opinion/"}],
    )
    client.raise_request_exception = False

    response = client.get("/test-errors/broken/")

    assert response.status_code == 500
    text = response.content.decode()
    assert_magazine_design(response, SERVER_ERROR)
    assert_search_box(response)
    assert '<p class="masthead__tagline">For the whole practice team</p>' in text
    assert section_links(response) == [("Home", "/"), ("Clinical", "/clinical/"), ("Opinion", "/opinion/")]
    assert '<link rel="stylesheet" href="/static/css/site.css">' in text
    assert "Retry-After" not in response
    assert_not_cached(response)


def test_500_page_renders_with_database_and_cache_down_and_touches_neither(client, outage):
    chrome_snapshot_save(site_name="Auscult", tagline="", home_url="/", sections=[{"title": "News", "url": "/news/"}])
    client.raise_request_exception = False

    response = client.get("/test-errors/broken/")

    assert response.status_code == 500
    assert_magazine_design(response, SERVER_ERROR)
    assert section_links(response) == [("Home", "/"), ("News", "/news/")]
    assert outage.call_count == 0, "the 500 page tried to reach the database"
    assert CacheDown.calls == [], "the 500 page tried to use the cache"


def test_the_500_handler_alone_touches_neither_database_nor_cache(rf, outage):
    response = error_pages.server_error(rf.get("/anything/"))

    assert response.status_code == 500
    assert_magazine_design(response, SERVER_ERROR)
    assert outage.call_count == 0
    assert CacheDown.calls == []


def test_500_without_a_snapshot_shows_the_fixed_masthead(client, settings):
    Path(settings.AUSCULT["CHROME_SNAPSHOT"]).parent.mkdir(parents=True)
    Path(settings.AUSCULT["CHROME_SNAPSHOT"]).write_text("{not json")
    client.raise_request_exception = False

    response = client.get("/test-errors/broken/")

    assert response.status_code == 500
    assert_magazine_design(response, SERVER_ERROR)
    assert html.fromstring(response.content).cssselect(".masthead__logo")[0].text_content() == "Auscult"
    assert section_links(response) == [("Home", "/")]


def test_500_handler_cannot_raise_even_when_its_template_does(client):
    client.raise_request_exception = False

    with mock.patch.object(error_pages._STANDALONE, "get_template", side_effect=OSError("Too many open files")):
        response = client.get("/test-errors/broken/")

    assert response.status_code == 500
    text = response.content.decode()
    assert BAND in text
    assert "<h1>Sorry, something went wrong</h1>" in text
    assert '<a href="/">Go to the home page</a>' in text


@pytest.mark.parametrize("url", ["/test-errors/database-gone/", "/test-errors/database-interface-gone/"])
def test_a_view_that_loses_the_database_answers_503(client, url, outage):
    chrome_snapshot_save(site_name="Auscult", tagline="", home_url="/", sections=[{"title": "News", "url": "/news/"}])

    response = client.get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert_magazine_design(response, DATABASE_UNAVAILABLE)
    assert section_links(response) == [("Home", "/"), ("News", "/news/")]
    assert not html.fromstring(response.content).cssselect("main form")  # searching needs the database too
    assert_not_cached(response)
    assert outage.call_count == 0
    assert CacheDown.calls == []


@pytest.mark.django_db
def test_losing_the_database_outside_a_view_also_answers_503(client):
    """A member's session is loaded by the notice middleware, before any view runs."""
    client.force_login(MemberFactory())
    del client.cookies[COOKIE_NAME]
    client.raise_request_exception = False

    def database_gone(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_gone):
        response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert_magazine_design(response, DATABASE_UNAVAILABLE)


@pytest.mark.django_db
def test_maintenance_switch(client, visitor, settings, django_assert_num_queries):
    switch = Path(settings.AUSCULT["MAINTENANCE_FILE"])
    switch.parent.mkdir(parents=True, exist_ok=True)
    switch.touch()

    with django_assert_num_queries(0):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert_magazine_design(response, MAINTENANCE)
    assert "closed for a few minutes" in response.content.decode()
    assert visitor.get("/test-errors/form/").status_code == 503  # before the notice redirect
    assert client.post("/test-errors/form/").status_code == 503
    assert client.get("/admin/").status_code == 503
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/css/site.css").status_code != 503

    switch.unlink()

    assert client.get("/test-errors/form/").status_code == 200
