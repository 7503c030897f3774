"""What holds for every operation of the API: read from its own OpenAPI document, so a new operation is checked
without a line here. CSRF on every unsafe method with a session, 401 without any credentials, problem details
declared and answered, the docs under the site's CSP, and CORS off unless origins are named."""

import json
import re

import pytest
from django.test import Client

from auscult.members.tests.factories import MemberFactory

from .helpers import BASE, assert_problem

pytestmark = pytest.mark.django_db

UNSAFE = ("post", "put", "patch", "delete")


def _schema():
    response = Client().get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def _operations(schema=None):
    schema = schema or _schema()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in ("get", *UNSAFE):
                yield path, method, operation


def _concrete(path):
    """The path with every parameter filled with something that could be an id or a slug."""
    return re.sub(r"\{[^}]+\}", "1", path).removeprefix(BASE)


def test_the_document_is_openapi_3_with_every_part_of_the_api():
    schema = _schema()
    assert schema["openapi"].startswith("3.")
    tags = {tag for _, _, operation in _operations(schema) for tag in operation.get("tags", ())}
    assert {"content", "comments", "ratings", "me", "moderation"} <= tags
    assert "Problem" in schema["components"]["schemas"]


def test_every_operation_is_documented_with_its_errors_as_problem_details():
    schema = _schema()
    missing = []
    for path, method, operation in _operations(schema):
        where = f"{method.upper()} {path}"
        if not operation.get("summary") or not operation.get("description"):
            missing.append(f"{where}: summary or description")
        for parameter in operation.get("parameters", ()):
            if not parameter.get("description"):
                missing.append(f"{where}: parameter {parameter['name']} has no description")
        errors = {status: response for status, response in operation["responses"].items() if status >= "400"}
        if not errors:
            missing.append(f"{where}: no error responses declared")
        for status, response in errors.items():
            content = response.get("content", {})
            if list(content) != ["application/problem+json"] or "example" not in content["application/problem+json"]:
                missing.append(f"{where}: {status} is not declared as an application/problem+json with an example")
        if operation.get("security") and "401" not in errors:
            missing.append(f"{where}: needs credentials but does not declare 401")
    assert missing == []


def _has_example(schema, components):
    """Whether a schema (or everything it is made of) carries an example, a default or a closed set of values."""
    if not isinstance(schema, dict):
        return False
    if any(key in schema for key in ("example", "examples", "enum", "default", "const")):
        return True
    if "$ref" in schema:
        return True  # its own properties are checked with the components
    return any(_has_example(part, components) for key in ("anyOf", "oneOf", "allOf") for part in schema.get(key, ()))


# Parameters no example can show: a cursor is only ever one the API gave (any other is refused, and the docs'
# "Try it out" would send the example).
OPAQUE = {("/api/v1/articles", "cursor")}


def test_every_parameter_and_every_field_answered_has_an_example():
    schema = _schema()
    components = schema["components"]["schemas"]
    missing = []
    for path, method, operation in _operations(schema):
        for parameter in operation.get("parameters", ()):
            if (path, parameter["name"]) in OPAQUE:
                continue
            if "example" not in parameter and not _has_example(parameter.get("schema", {}), components):
                missing.append(f"{method.upper()} {path}: parameter {parameter['name']}")
        for status, response in operation["responses"].items():
            if str(status) < "400" and str(status) != "204" and not response.get("content"):
                missing.append(f"{method.upper()} {path}: {status} has no content")
    for name, component in components.items():
        for field, field_schema in component.get("properties", {}).items():
            if field_schema.get("type") not in ("array", "object") and not _has_example(field_schema, components):
                missing.append(f"{name}.{field}")
    assert missing == []


def test_every_unsafe_method_with_a_session_and_no_csrf_token_is_refused():
    """django-ninja's operations are CSRF-exempt unless the session auth checks it: ours does, on every one."""
    member = MemberFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    answers = {}
    for path, method, _ in _operations():
        if method in UNSAFE:
            response = getattr(browser, method)(BASE + _concrete(path), data="{}", content_type="application/json")
            answers[f"{method.upper()} {path}"] = (response.status_code, json.loads(response.content).get("code"))
    assert answers, "the API has no unsafe operation"
    assert {where: answer for where, answer in answers.items() if answer != (403, "csrf_failed")} == {}


def test_every_operation_needing_credentials_answers_401_without_them():
    schema = _schema()
    anonymous = Client()
    answers = {}
    for path, method, operation in _operations(schema):
        if operation.get("security"):
            body = {} if method == "get" else {"data": "{}", "content_type": "application/json"}
            response = getattr(anonymous, method)(BASE + _concrete(path), **body)
            answers[f"{method.upper()} {path}"] = response.status_code
            if response.status_code == 401:
                assert response["WWW-Authenticate"].startswith("Bearer")
                assert_problem(response, 401, "not_authenticated")
    assert answers and {where: status for where, status in answers.items() if status != 401} == {}


def test_a_wrong_token_is_401_and_a_session_is_not_asked_for_csrf_on_a_read():
    response = Client().get(f"{BASE}/me", HTTP_AUTHORIZATION="Bearer asc_00000000_nope")
    assert_problem(response, 401, "not_authenticated")
    member = MemberFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    assert browser.get(f"{BASE}/me").status_code == 200


def test_unknown_paths_and_methods_answer_problems():
    assert_problem(Client().get(f"{BASE}/articles/123456789012345678901"), 404, "not_found")
    response = Client().generic("TRACE", f"{BASE}/articles")
    assert response.status_code == 405


def test_the_interactive_docs_are_served_from_our_own_files_under_the_sites_csp():
    response = Client().get(f"{BASE}/docs")
    assert response.status_code == 200
    page = response.content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert scripts and all(src.startswith("/static/") for src in scripts), scripts
    assert re.search(r'<link[^>]*href="/static/[^"]*swagger-ui\.css"', page)
    assert "cdn" not in page.lower()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    # No inline script would run under that policy: the only inline <script> holds JSON settings.
    inline = re.findall(r"<script(?![^>]*src=)([^>]*)>", page)
    assert all('type="application/json"' in attributes for attributes in inline), inline


def test_cors_is_off_by_default_and_answers_only_the_named_origins(settings):
    preflight = {
        "HTTP_ORIGIN": "https://partner.example",
        "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET",
    }
    response = Client().options(f"{BASE}/articles", **preflight)
    assert "Access-Control-Allow-Origin" not in response
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    response = Client().options(f"{BASE}/articles", **preflight)
    assert response["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "Access-Control-Allow-Credentials" not in response
    response = Client().get(f"{BASE}/articles", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in response
    # Only the API answers CORS: the site's pages never do.
    response = Client().get("/healthz", HTTP_ORIGIN="https://partner.example")
    assert "Access-Control-Allow-Origin" not in response


def test_a_body_that_is_not_json_or_holds_a_nul_is_a_400_problem():
    member = MemberFactory()
    browser = Client()
    browser.force_login(member)
    response = browser.patch(f"{BASE}/me", data="{not json", content_type="application/json")
    assert_problem(response, 400, "bad_request")
    response = browser.patch(f"{BASE}/me", data=json.dumps({"job_title": "GP\u0000"}), content_type="application/json")
    assert_problem(response, 400, "bad_request")
    assert_problem(Client().get(f"{BASE}/articles", {"section": "news\x00"}), 400, "bad_request")


def test_paths_past_every_route_and_maintenance_answer_problems_not_html_pages(settings):
    body = assert_problem(Client().get(f"{BASE}/no-such-thing"), 404, "not_found")
    assert body["type"] == "about:blank"
    maintenance = settings.AUSCULT["MAINTENANCE_FILE"]
    maintenance.parent.mkdir(parents=True, exist_ok=True)
    maintenance.write_text("")
    response = Client().get(f"{BASE}/articles")
    assert_problem(response, 503, "unavailable")
    assert int(response["Retry-After"]) > 0
    # The site's pages keep their HTML maintenance page.
    assert Client().get("/").headers["Content-Type"].startswith("text/html")


def test_a_lost_database_is_a_503_problem(monkeypatch):
    from django.db import OperationalError

    from auscult.api import content

    def unavailable(*args, **kwargs):
        raise OperationalError("the database has gone away")

    monkeypatch.setattr(content.ArticlePage.objects, "listable", unavailable)
    response = Client().get(f"{BASE}/articles")
    assert_problem(response, 503, "unavailable")
