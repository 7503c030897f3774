"""503 Service Unavailable, for the two times the magazine cannot serve pages: maintenance, and a
database that does not answer.

Maintenance is a file: while `AUSCULT["MAINTENANCE_FILE"]` (`var/maintenance`) exists, every request
except the health check and static files gets the maintenance page. The middleware sits before the
session and authentication middleware, so the maintenance page touches neither the database nor the
cache. A view that raises OperationalError or InterfaceError gets the outage page instead of a 500;
failures outside views (a member's session, say) reach `error_pages.server_error`, which tells them
apart the same way."""

import logging
import os
from urllib.parse import urlsplit

from django.conf import settings

from .error_pages import DATABASE_ERRORS, DATABASE_UNAVAILABLE, MAINTENANCE, RETRY_AFTER_SECONDS, standalone_response
from .problem_details import handler_problem, is_api

logger = logging.getLogger(__name__)


def maintenance_on():
    path = settings.AUSCULT.get("MAINTENANCE_FILE")
    return bool(path) and os.path.exists(path)


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # The load balancer must still see the health check, and the page its stylesheet.
        self.open_prefixes = ("/healthz", urlsplit(settings.STATIC_URL).path or "/static/")

    def __call__(self, request):
        if maintenance_on() and not request.path_info.startswith(self.open_prefixes):
            return self._unavailable(request, MAINTENANCE)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG or not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("Database unavailable while serving %s", request.path, exc_info=exception)
        return self._unavailable(request, DATABASE_UNAVAILABLE)

    def _unavailable(self, request, page):
        if is_api(request):
            return handler_problem(503, retry_after=RETRY_AFTER_SECONDS)
        return standalone_response(page)
