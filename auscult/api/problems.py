"""Every refusal the API makes, in one shape: RFC 9457 problem details (`application/problem+json`).

    {"type": "about:blank", "title": "Unprocessable Content", "status": 422, "code": "too_long",
     "detail": "Your comment is 5,012 characters long; …", "errors": [{"field": "body", "message": "…"}]}

`code` is the services' refusal code (`auscult.core.errors.Refused`), or one of the API's own below; `detail` is
the sentence a person may be shown; `errors` names the fields at fault. The handlers here replace django-ninja's
own (its 422 body, its bare 404 and 401), and `responses` declares the problems an operation may answer with, with
an example of each, in the OpenAPI document."""

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.errors import Throttled as NinjaThrottled

from auscult.comments import errors as comment_errors
from auscult.core import errors as core_errors
from auscult.core.errors import Refused
from auscult.core.problem_details import MEDIA_TYPE, problem
from auscult.moderation import errors as moderation_errors

logger = logging.getLogger(__name__)

# The API's own codes.
NOT_FOUND = "not_found"
NOT_AUTHENTICATED = "not_authenticated"
INSUFFICIENT_SCOPE = "insufficient_scope"
CSRF_FAILED = "csrf_failed"
INVALID = "invalid"
BAD_REQUEST = "bad_request"
RATE_LIMITED = "rate_limited"
UNAVAILABLE = "unavailable"
SERVER_ERROR = "server_error"

# The status a service's refusal is answered with; any code not named is 422 (the request, as sent, cannot be done).
STATUS_OF_CODE = {
    core_errors.NOT_PERMITTED: 403,
    comment_errors.NOT_ALLOWED: 403,
    comment_errors.NOT_YOURS: 403,
    comment_errors.OWN_COMMENT: 403,
    comment_errors.NOT_LIVE: 404,
    comment_errors.CLOSED: 409,
    comment_errors.EDIT_WINDOW: 409,
    comment_errors.CANNOT_CHANGE: 409,
    comment_errors.ALREADY_REPORTED: 409,
    comment_errors.TOO_FAST: 429,
    comment_errors.RATE_LIMITED: 429,
    # The comment moved since the moderator saw it: another decided first, or its author edited it.
    moderation_errors.ALREADY_DECIDED: 409,
    moderation_errors.EDITED_SINCE: 409,
}

EXAMPLES = {
    400: (BAD_REQUEST, "The request body is not valid JSON."),
    401: (NOT_AUTHENTICATED, "Sign in, or send a personal API token as 'Authorization: Bearer …'."),
    403: (core_errors.NOT_PERMITTED, "You do not have permission to do this."),
    404: (NOT_FOUND, "Not found."),
    409: (comment_errors.EDIT_WINDOW, "Comments can only be edited for 15 minutes after posting."),
    422: (INVALID, "Some of what was sent cannot be used: see `errors`."),
    429: (RATE_LIMITED, "Too many requests. Please wait 60 seconds and try again."),
}


class RateLimited(Exception):
    """Too many calls: answered 429 with `Retry-After`."""

    def __init__(self, retry_after, message=""):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))
        self.message = message or f"Too many requests. Please wait {self.retry_after} seconds and try again."


class InsufficientScope(Exception):
    """A token without the scope an operation needs."""

    def __init__(self, needed):
        super().__init__(needed)
        self.needed = needed


def _field_errors(errors):
    """django-ninja's (pydantic's) errors as `{"field": …, "message": …}`: the field is the location past where it
    came from ("body", "query", "path"), dotted."""
    result = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in ("body", "query", "path", "header", "cookie", "form"):
            location = location[1:]
        if location and location[0] in ("payload", "data", "filters", "params"):
            location = location[1:]
        message = error.get("msg", "This value is not valid.")
        result.append({"field": ".".join(location) or None, "message": message.removeprefix("Value error, ")})
    return result


def _validation(request, exc, api):
    errors = exc.errors or []
    if errors and all(str(error.get("loc", ("",))[0]) == "path" for error in errors):
        # An id past the bounds (twenty digits, zero, a word) names nothing: not found, as in the HTML views.
        return problem(404, NOT_FOUND, "Not found.")
    fields = _field_errors(errors)
    if any("JSON" in (error.get("msg") or "") or error.get("type") == "json_invalid" for error in errors):
        return problem(400, BAD_REQUEST, "The request body is not valid JSON.", errors=fields)
    first = fields[0]["message"] if fields else "Some of what was sent cannot be used."
    return problem(
        422, INVALID, first if len(fields) == 1 else "Some of what was sent cannot be used: see errors.", errors=fields
    )


def _refused(request, exc, api):
    status = STATUS_OF_CODE.get(exc.code, 422)
    field = exc.context.get("field")
    errors = [{"field": field, "message": exc.message}] if field else None
    headers = {}
    if status == 429:
        headers["Retry-After"] = str(exc.context.get("retry_after", 60))
    return problem(status, exc.code, exc.message, errors=errors, headers=headers)


def _http_error(request, exc, api):
    status = exc.status_code
    if status == 403 and "CSRF" in str(exc):
        return problem(403, CSRF_FAILED, "A signed-in browser must send the CSRF token (the X-CSRFToken header).")
    if status == 404:
        return problem(404, NOT_FOUND, "Not found.")
    if status == 400:
        return problem(400, BAD_REQUEST, str(exc) or "The request cannot be read.")
    return problem(status, BAD_REQUEST if status < 500 else SERVER_ERROR, str(exc))


def _not_authenticated(request, exc, api):
    return problem(
        401,
        NOT_AUTHENTICATED,
        "Sign in, or send a personal API token as 'Authorization: Bearer …'.",
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


def _insufficient_scope(request, exc, api):
    return problem(
        403,
        INSUFFICIENT_SCOPE,
        f"This token may not do this: it needs the '{exc.needed}' scope.",
        headers={"WWW-Authenticate": f'Bearer realm="api", error="insufficient_scope", scope="{exc.needed}"'},
    )


def _rate_limited(request, exc, api):
    return problem(429, RATE_LIMITED, exc.message, headers={"Retry-After": str(exc.retry_after)})


def _ninja_throttled(request, exc, api):
    wait = int(exc.wait or 60)
    return _rate_limited(request, RateLimited(wait), api)


def _not_found(request, exc, api):
    return problem(404, NOT_FOUND, "Not found.")


def _permission_denied(request, exc, api):
    message = getattr(exc, "message", "") or "You do not have permission to do this."
    return problem(403, getattr(exc, "code", core_errors.NOT_PERMITTED), message)


def _database(request, exc, api):
    logger.exception("The database failed an API request to %s", request.path)
    return problem(
        503,
        UNAVAILABLE,
        "Our database is not answering just now. Please try again in a minute.",
        headers={"Retry-After": "60"},
    )


def _unexpected(request, exc, api):
    logger.exception("An API request to %s failed", request.path, exc_info=exc)
    return problem(500, SERVER_ERROR, "Something went wrong on our side; it has been logged.")


def install(api):
    """The handlers above, on `api` (a `NinjaAPI`), replacing django-ninja's defaults."""
    for exc_class, handler in (
        (Exception, _unexpected),
        (DatabaseError, _database),
        (Http404, _not_found),
        (PermissionDenied, _permission_denied),
        (Refused, _refused),
        (HttpError, _http_error),
        (ValidationError, _validation),
        (AuthenticationError, _not_authenticated),
        (InsufficientScope, _insufficient_scope),
        (RateLimited, _rate_limited),
        (NinjaThrottled, _ninja_throttled),
    ):
        api.add_exception_handler(exc_class, lambda request, exc, handler=handler: handler(request, exc, api))


def example(status, code=None, detail=None):
    default_code, default_detail = EXAMPLES.get(status, (BAD_REQUEST, HTTPStatus(status).phrase))
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code or default_code,
        "detail": detail or default_detail,
    }
    if status == 422:
        body["errors"] = [{"field": "body", "message": "Write something before posting."}]
    return body


def responses(*statuses, examples=None):
    """The OpenAPI `responses` entries for the problems an operation may answer with (for `openapi_extra`): each
    `application/problem+json`, with the Problem schema and an example (`examples`: {status: (code, detail)})."""
    examples = examples or {}
    declared = {}
    for status in statuses:
        code, detail = examples.get(status, (None, None))
        content = {"schema": {"$ref": "#/components/schemas/Problem"}, "example": example(status, code, detail)}
        entry = {"description": HTTPStatus(status).phrase, "content": {MEDIA_TYPE: content}}
        if status == 429:
            entry["headers"] = {
                "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}
            }
        declared[status] = entry
    return declared


PROBLEM_SCHEMA = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details, with the refusal's code and the fields at fault.",
    "required": ["type", "title", "status", "code", "detail"],
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Unprocessable Content"},
        "status": {"type": "integer", "example": 422},
        "code": {"type": "string", "example": "too_long"},
        "detail": {"type": "string", "example": "Your comment is 5,012 characters long; the limit is 5,000."},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message"],
                "properties": {
                    "field": {"type": ["string", "null"], "example": "body"},
                    "message": {"type": "string", "example": "Write something before posting."},
                },
            },
        },
    },
}
