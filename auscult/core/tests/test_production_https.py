"""HTTPS in production, as a worker loads it: the load balancer's plain-HTTP health check gets its answer
rather than a redirect, and X-Forwarded-Proto counts only when a proxy of ours is configured to set it."""

import json

from .production import PRODUCTION, SMTP, run_python

# Django's SecurityMiddleware on plain-HTTP requests: the redirect it answers with, or None.
PROBE = """
import json, django
django.setup()
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory
security = SecurityMiddleware(lambda request: None)
def answer(path, **meta):
    response = security.process_request(RequestFactory().get(path, HTTP_HOST="gp.example.com", **meta))
    return response and response["Location"]
print(json.dumps({
    "healthz": answer("/healthz"),
    "page": answer("/search/"),
    "claims_https": answer("/search/", HTTP_X_FORWARDED_PROTO="https"),
}))
"""


def probe(**env):
    result = run_python("-c", PROBE, **PRODUCTION, **SMTP, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_plain_http_health_checks_are_not_redirected():
    answers = probe()

    assert answers["healthz"] is None
    assert answers["page"] == "https://gp.example.com/search/"


def test_without_a_trusted_proxy_a_client_cannot_claim_https():
    assert probe(TRUSTED_PROXY_COUNT="0")["claims_https"] == "https://gp.example.com/search/"


def test_behind_the_proxy_its_https_header_is_believed():
    answers = probe(TRUSTED_PROXY_COUNT="1")

    assert answers["claims_https"] is None
    assert answers["healthz"] is None
