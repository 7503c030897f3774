from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .chrome import get_chrome


def magazine(request):
    return {"chrome": SimpleLazyObject(get_chrome), "site_name": settings.WAGTAIL_SITE_NAME}
