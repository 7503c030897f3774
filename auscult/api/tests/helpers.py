"""What the API's tests share: calling it as a program (a token) or as a browser (a session)."""

import json

from auscult.api import tokens
from auscult.api.models import Scope

BASE = "/api/v1"


def bearer(member, *scopes, days=30):
    """Headers for a call with a new personal token of `member` holding `scopes` (default: read and write)."""
    issued = tokens.token_create(
        member=member, name="Test", scopes=list(scopes or (Scope.READ, Scope.WRITE)), days=days
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.key}"}


def call(client, method, path, body=None, **headers):
    """`client.<method>(BASE + path)` with a JSON body; returns the response, with `.data` the decoded JSON
    (None for an empty body)."""
    send = getattr(client, method.lower())
    kwargs = dict(headers)
    if body is not None:
        kwargs["data"] = json.dumps(body)
        kwargs["content_type"] = "application/json"
    response = send(BASE + path, **kwargs)
    response.data = json.loads(response.content) if response.content else None
    return response


def assert_problem(response, status, code=None):
    """The response is an RFC 9457 problem of `status` (and `code`)."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    body = json.loads(response.content)
    assert body["status"] == status and body["title"] and body["detail"], body
    if code is not None:
        assert body["code"] == code, body
    return body
