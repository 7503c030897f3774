"""django-csp's middleware with two additions: Wagtail's admin gets a policy of its own, and a response
that allows same-origin framing (X-Frame-Options: SAMEORIGIN) gets the matching frame-ancestors.

The admin cannot have the public policy: Wagtail 8's widgets write inline start-up scripts
(`initDateChooser(…)`, `new ImageChooser(…)`, `new InlinePanel(…)`) and its rich-text editor inserts
<style> elements, with no nonce to give them (wagtail/wagtail#1288). Its policy
(`ADMIN_CONTENT_SECURITY_POLICY` in settings) allows inline scripts and styles but nothing from another
origin, no plugins, no <base>, no form posting elsewhere and no framing by another site.

Wagtail's preview panel frames the preview from the admin and marks that response SAMEORIGIN. It renders
the preview by running a request for the page's public URL through the whole middleware stack, so the
response arrives already carrying the public policy, frame-ancestors 'none' and all: only that directive
is changed, to 'self', as browsers obey it over X-Frame-Options."""

import re

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

FRAME_ANCESTORS = re.compile(r"frame-ancestors [^;]*")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" and HEADER in response:
            response[HEADER] = FRAME_ANCESTORS.sub("frame-ancestors 'self'", response[HEADER])
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = settings.ADMIN_CONTENT_SECURITY_POLICY
        if not report_only and parts.config is None and request.path_info.startswith(tuple(admin["URL_PREFIXES"])):
            parts.config = default_config(admin["DIRECTIVES"])
        return parts
