"""The shared e-mail helper: links on SITE_URL, the name as written in text and escaped in HTML."""

import pytest

from auscult.core.email import build_email, on_site, site_url


@pytest.fixture
def site(settings):
    settings.WAGTAIL_SITE_NAME = "Doctors' News & Views"
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    settings.DEFAULT_FROM_EMAIL = "Doctors' News & Views <no-reply@news.example.org>"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://testserver/accounts/signup/", "https://news.example.org/accounts/signup/"),
        ("https://evil.example:8000/a/b/?next=/c/#top", "https://news.example.org/a/b/?next=/c/#top"),
        ("/account/comments/", "https://news.example.org/account/comments/"),
        ("http://testserver", "https://news.example.org/"),
    ],
)
def test_links_are_moved_onto_the_site_address(site, url, expected):
    assert on_site(url) == expected
    assert site_url("/x/") == "https://news.example.org/x/"


def test_the_name_is_as_written_in_text_and_escaped_in_html(site):
    context = {"email": "a@example.com", "password_reset_url": "https://news.example.org/r/?a=1&b=2"}

    message = build_email("account/email/password_reset_key", ["a@example.com"], context)

    assert message.subject == "Reset your password for Doctors' News & Views"
    assert "your Doctors' News & Views account" in message.body
    assert "https://news.example.org/r/?a=1&b=2" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Doctors&#x27; News &amp; Views" in html and 'href="https://news.example.org/r/?a=1&amp;b=2"' in html
    assert message.from_email == "Doctors' News & Views <no-reply@news.example.org>"
