"""The site's URLs plus views that fail on purpose, for the error page tests only."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import path

from auscult.urls import handler400, handler403, handler404, handler500  # noqa: F401 (the site's handlers)
from auscult.urls import urlpatterns as site_urlpatterns


def forbidden(request):
    raise PermissionDenied("internal detail: group check failed")


def suspicious(request):
    raise SuspiciousOperation("internal detail: tampered signature")


def broken(request):
    raise RuntimeError("internal detail: the view fell over")


def database_gone(request):
    raise OperationalError("internal detail: could not connect to server")


def database_interface_gone(request):
    raise InterfaceError("internal detail: connection already closed")


def form(request):
    return HttpResponse("accepted")


urlpatterns = [
    path("test-errors/forbidden/", forbidden),
    path("test-errors/suspicious/", suspicious),
    path("test-errors/broken/", broken),
    path("test-errors/database-gone/", database_gone),
    path("test-errors/database-interface-gone/", database_interface_gone),
    path("test-errors/form/", form),
    *site_urlpatterns,
]
