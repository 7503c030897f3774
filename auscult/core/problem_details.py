"""RFC 9457 problem details, the one shape of every refusal under /api/: the API's own (`auscult.api.problems`) and
the site's error handlers' for a path there (a 404 past any route, a 500, maintenance, a lost database), so a
program never has to read an HTML error page.

    {"type": "about:blank", "title": "Not Found", "status": 404, "code": "not_found", "detail": "Not found."}
"""

import json
from http import HTTPStatus

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"

# What the site's error handlers answer a path under API_PREFIX with: the code and the sentence of each status.
HANDLER_PROBLEMS = {
    400: ("bad_request", "The request cannot be read."),
    403: ("not_permitted", "You do not have permission to do this."),
    404: ("not_found", "Not found."),
    500: ("server_error", "Something went wrong on our side; it has been logged."),
    503: ("unavailable", "The service is unavailable just now. Please try again in a minute."),
}


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def problem(status, code, detail, *, errors=None, headers=None):
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "code": code, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body, cls=DjangoJSONEncoder), status=status, content_type=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def handler_problem(status, *, retry_after=None):
    """The problem a site error handler sends for an API path: never cached, like the error pages."""
    code, detail = HANDLER_PROBLEMS[status]
    response = problem(status, code, detail, headers={"Retry-After": str(retry_after)} if retry_after else None)
    add_never_cache_headers(response)
    return response


def not_found(request, rest=""):
    """Any path under /api/ that no operation has: a 404 problem at once (not a redirect to the same path with a
    slash, which Django's APPEND_SLASH would send where a page of the site could match)."""
    return handler_problem(404)
