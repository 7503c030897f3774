"""Template helpers shared by every app: UK dates, JSON-LD, page links."""

import json
from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def uk_datetime(value):
    """'2 February, 2022 4:03 pm' in Europe/London: how the magazine prints a comment's time."""
    if not value:
        return ""
    value = timezone.localtime(value)
    hour = value.hour % 12 or 12
    meridiem = "am" if value.hour < 12 else "pm"
    return f"{value.day} {value:%B}, {value.year} {hour}:{value:%M} {meridiem}"


@register.filter
def html_datetime(value):
    """A `datetime` attribute the HTML validator accepts: to the second, with the UK offset
    ('2022-02-02T16:03:00+00:00'; Django's `date:'c'` keeps microseconds, which it refuses)."""
    if not value:
        return ""
    if not hasattr(value, "hour"):
        return value.isoformat()
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.filter
def uk_date(value):
    """'2 February 2022' in Europe/London."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return f"{value.day} {value:%B} {value.year}"


@register.filter
def ld_json(data):
    """A JSON-LD data block, escaped so member or editor text cannot close the script element."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with ?page= replaced, so filters survive paging. A shared page names the parameters
    it is made of (`page_params`): any other (a tracking tag) must not reach the copy everyone is given."""
    params = context["request"].GET.copy()
    kept = context.get("page_params")
    if kept is not None:
        params = params.__class__(mutable=True)
        params.update({name: value for name, value in context["request"].GET.items() if name in kept})
    params["page"] = number
    return "?" + urlencode(sorted(params.items()))


@register.filter
def startswith(value, prefix):
    return bool(prefix) and str(value).startswith(str(prefix))
