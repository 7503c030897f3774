import os

from django.core.wsgi import get_wsgi_application

from auscult.core.db_limits import web_requests
from auscult.core.request_charset import utf8_only

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "auscult.settings.production")

# A body in another character set is refused before Django builds the request (core/request_charset.py).
# Connections opened to serve requests get statement and lock timeouts; commands never come here (core/db_limits.py).
application = web_requests(utf8_only(get_wsgi_application()))
