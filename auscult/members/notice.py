"""The professionals-only notice: a visitor's first page view is redirected, once, to a plain
form asking them to confirm they are a health professional; the answer is kept in a cookie.

Exempt: signed-in members, search-engine crawlers, feeds, the sitemap, the API, the health
check, static and media files, the admin and the sign-in/registration pages."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_vary_headers

COOKIE_NAME = "auscult_hp"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60

EXEMPT_PREFIXES = (
    "/notice/",
    "/healthz",
    "/robots.txt",
    "/sitemap.xml",
    "/feed/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/account/",
    "/favicon.ico",
)

# Crawlers, link unfurlers and feed readers: they index or preview, they do not read on.
CRAWLER_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|mediapartners|adsbot|bingpreview|facebookexternalhit|embedly|"
    r"quora link preview|pinterest|whatsapp|skypeuripreview|applebot|duckduck|yandex|baidu|"
    r"google-inspectiontool|googleother|feedfetcher|feedly|newsblur|inoreader|w3c_validator",
    re.IGNORECASE,
)


def is_crawler(request):
    return bool(CRAWLER_PATTERN.search(request.headers.get("User-Agent", "")))


def has_confirmed(request):
    return request.COOKIES.get(COOKIE_NAME) == "1"


def needs_notice(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(EXEMPT_PREFIXES) or has_confirmed(request) or is_crawler(request):
        return False
    return not request.user.is_authenticated


def confirm(response):
    """Remember the visitor's confirmation for a year."""
    response.set_cookie(
        COOKIE_NAME,
        "1",
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


class ProfessionalsNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_notice(request):
            response = HttpResponseRedirect(f"{reverse('notice')}?{urlencode({'next': request.get_full_path()})}")
            add_never_cache_headers(response)
        else:
            response = self.get_response(request)
        # Whether a page is shown or redirected depends on the cookie and the user agent.
        patch_vary_headers(response, ("Cookie", "User-Agent"))
        return response
