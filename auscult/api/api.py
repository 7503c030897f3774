"""The public API, version 1, at /api/v1/ (django-ninja): one `NinjaAPI` with a router for each part.

Every operation calls the same services as the HTML views; this module adds only what HTTP needs: problem
details for every refusal (`problems`), who is calling (`auth`), ETags on every successful GET (a matching
`If-None-Match` is answered 304), the OpenAPI document and its interactive docs from bundled files."""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import quote_etag
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from . import problems
from .parsing import StrictParser

DESCRIPTION = """\
The magazine's articles, their readers' comments and ratings, the member's own account and, for moderators, the
moderation workspace.

**Authentication.** A signed-in browser uses its session; every unsafe method then needs the CSRF token in the
`X-CSRFToken` header. A program sends a personal API token, made in *My account → API tokens*, as
`Authorization: Bearer asc_…`. A token has scopes: `read` (your account and your own data), `write` (post, edit,
delete, rate, report, recommend, change choices; includes read) and `moderate` (the moderation workspace, for
moderators; includes read of it). Tokens always expire, and stop working at once when revoked or when their member
is suspended, banned or deleted.

**Errors** are RFC 9457 problem details (`application/problem+json`) with a `code` for programs, a `detail` for
people and `errors` naming the fields at fault. Too many calls answer 429 with `Retry-After`.

**Caching.** Successful GETs carry an `ETag`; send it back as `If-None-Match` to get 304 when nothing changed.
"""


class AuscultAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and not response.has_header("ETag"):
            tag = quote_etag(hashlib.blake2b(response.content, digest_size=16).hexdigest())
            response["ETag"] = tag
            wanted = request.headers.get("If-None-Match", "")
            if tag in {part.strip().removeprefix("W/") for part in wanted.split(",")} or wanted.strip() == "*":
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = tag
                return not_modified
        return response

    def get_openapi_operation_id(self, operation):
        return operation.view_func.__name__

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = problems.PROBLEM_SCHEMA
        return schema


api = AuscultAPI(
    title="Auscult API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=StrictParser(),
)
problems.install(api)


def _mount():
    from . import content, discussion, me, moderation, ratings

    api.add_router("/", content.router)
    api.add_router("/", discussion.router)
    api.add_router("/", ratings.router)
    api.add_router("/me", me.router)
    api.add_router("/moderation", moderation.router)


_mount()
