"""What the API reads from a request, refused before it reaches a service when no database could store it: a NUL
character anywhere (PostgreSQL refuses any string holding one) and bodies that are not JSON objects."""

import json

from ninja.errors import HttpError
from ninja.parser import Parser


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


class StrictParser(Parser):
    def parse_body(self, request):
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise HttpError(400, "The request body is not valid JSON.") from error
        if _has_nul(data):
            raise HttpError(400, "The request holds a NUL character, which cannot be stored.")
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        if _has_nul(result) or any("\x00" in key for key in result):
            raise HttpError(400, "The request holds a NUL character, which cannot be stored.")
        return result
