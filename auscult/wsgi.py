import os

from django.core.wsgi import get_wsgi_application

from auscult.core.request_charset import utf8_only

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auscult.settings.production")

# A body in another character set is refused before Django builds the request (core/request_charset.py).
application = utf8_only(get_wsgi_application())
