"""The security headers every page carries: Content-Security-Policy (the public policy, and the admin's own),
frame denial, Permissions-Policy, nosniff, Referrer-Policy; and HSTS under the production settings."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.views.decorators.clickjacking import xframe_options_sameorigin

from auscult.core.content_security_policy import ContentSecurityPolicyMiddleware
from auscult.core.tests.production import PRODUCTION, SMTP, run_setup
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# Features the magazine never uses: off for it and for anything it frames.
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "serial", "hid")
# Sources that name no other site.
LOCAL_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    return {name: sources for name, *sources in (part.split() for part in header.split(";") if part.strip())}


def signed_in(role=None):
    user = MemberFactory(is_staff=role is not None)
    if role:
        user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pages(client):
    """(label, response) for representative pages: public, account and admin."""
    article = ArticlePageFactory()
    member, moderator = signed_in(), signed_in("Moderators")
    return {
        "home": client.get("/"),
        "article": client.get(article.url),
        "sign-in": client.get("/accounts/login/"),
        "account": member.get("/account/"),
        "comment form": member.get(article.url),
        "admin sign-in": Client().get("/admin/login/"),
        "admin": moderator.get("/admin/"),
        "moderation queue": moderator.get("/admin/moderation/"),
    }


PUBLIC = ("home", "article", "sign-in", "account", "comment form")
ADMIN = ("admin sign-in", "admin", "moderation queue")


def test_the_pages_answer(pages):
    assert {label: r.status_code for label, r in pages.items()} == dict.fromkeys(pages, 200)


def test_every_page_denies_framing_sniffing_and_full_referrers(pages):
    for label, response in pages.items():
        assert response.headers["X-Frame-Options"] == "DENY", label
        assert policy(response)["frame-ancestors"] == ["'none'"], label
        assert response.headers["X-Content-Type-Options"] == "nosniff", label
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", label


def test_every_page_turns_off_the_features_it_never_uses(pages):
    for label, response in pages.items():
        features = dict(item.split("=", 1) for item in response.headers["Permissions-Policy"].split(", "))
        assert {feature: features.get(feature) for feature in FEATURES_OFF} == dict.fromkeys(FEATURES_OFF, "()"), label


def test_public_pages_allow_no_inline_script_or_style_and_nothing_from_elsewhere(pages):
    for label in PUBLIC:
        directives = policy(pages[label])
        assert directives["default-src"] == ["'self'"], label
        assert directives["script-src"] == ["'self'"], label
        assert directives["style-src"] == ["'self'"], label
        assert directives["form-action"] == ["'self'"] and directives["base-uri"] == ["'self'"], label


def test_public_pages_need_nothing_their_policy_refuses(pages):
    """No inline script (JSON data aside), no event-handler attribute, no style attribute or element."""
    for label in PUBLIC:
        html = pages[label].content.decode()
        inline = [
            attrs
            for attrs, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", html, re.S)
            if body.strip()
        ]
        assert all(re.search(r'type="application/(ld\+)?json"', attrs) for attrs in inline), (label, inline)
        assert not re.search(r"<[^>]+\son[a-z]+=", html), label
        assert not re.search(r"<[^>]+\sstyle=|<style", html), label


def test_the_admin_has_its_own_policy_with_nothing_from_another_site(pages):
    """Wagtail's admin needs inline scripts and styles (see auscult/core/content_security_policy.py), but it
    loads nothing from another origin, runs no plugin, and posts forms only to itself."""
    for label in ADMIN:
        directives = policy(pages[label])
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"], label
        assert directives["object-src"] == ["'none'"], label
        assert directives["form-action"] == ["'self'"] and directives["base-uri"] == ["'self'"], label
        assert {source for sources in directives.values() for source in sources} <= LOCAL_SOURCES, label


def test_the_admin_shows_no_third_party_avatars(pages):
    assert "gravatar" not in pages["admin"].content.decode()


def test_a_response_allowed_in_a_same_origin_frame_gets_frame_ancestors_self():
    """Wagtail's preview panel frames its preview from the admin and marks it SAMEORIGIN; the CSP must agree,
    since browsers obey frame-ancestors over X-Frame-Options."""
    view = xframe_options_sameorigin(lambda request: HttpResponse("preview"))
    middleware = ContentSecurityPolicyMiddleware(view)
    request = RequestFactory().get("/admin/pages/1/edit/preview/")

    response = middleware(request)

    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_a_preview_keeps_the_public_policy_it_was_rendered_with_but_may_be_framed_by_the_admin():
    """Wagtail renders a preview by sending the page's own request through the middleware: the response comes
    back with the public policy already set, and only its frame-ancestors changes."""

    def preview(request):
        response = HttpResponse("preview")
        response["Content-Security-Policy"] = "default-src 'self'; script-src 'self'; frame-ancestors 'none'"
        return response

    middleware = ContentSecurityPolicyMiddleware(xframe_options_sameorigin(preview))

    response = middleware(RequestFactory().get("/admin/pages/1/edit/preview/"))

    assert policy(response) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }


PRINT_HTTPS_SETTINGS = (
    "from django.conf import settings as s; import json; print(json.dumps({name: getattr(s, name) for name in "
    "['SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD', 'SECURE_SSL_REDIRECT', "
    "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE']}))"
)


@pytest.fixture(scope="module")
def production_https_settings():
    """The HTTPS settings the production settings module gives, read in a fresh interpreter as a worker would."""
    result = run_setup(PRINT_HTTPS_SETTINGS, **PRODUCTION, **SMTP)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_and_redirects_plain_http(client, production_https_settings):
    assert production_https_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_https_settings["SESSION_COOKIE_SECURE"] and production_https_settings["CSRF_COOKIE_SECURE"]

    with override_settings(**production_https_settings):
        secure = client.get("/accounts/login/", secure=True)
        plain = client.get("/accounts/login/")

    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in plain.headers  # HSTS means nothing over plain HTTP
