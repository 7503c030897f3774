"""One refusal type for every service: a code for programs, a sentence for people.

    raise Refused(errors.TOO_LONG, "Your comment is 5,012 characters long; …")

Each app keeps its codes (and the messages it shares) in its own `errors.py`. Views answer a refusal
with its message (a form error, a flash message, the htmx fragment) and the coming API with its code;
anything else a caller may show (the comment concerned, the decision that came first) rides in `context`.
A refused permission is `NotPermitted`, which is also Django's `PermissionDenied`, so a view that does
not catch it answers 403.
"""

from django.core.exceptions import PermissionDenied

NOT_PERMITTED = "not_permitted"


class Refused(Exception):
    def __init__(self, code, message, **context):
        super().__init__(message)
        self.code = code
        self.message = message
        self.context = context

    def __repr__(self):
        return f"Refused({self.code!r}, {self.message!r})"


class NotPermitted(Refused, PermissionDenied):
    def __init__(self, message="You do not have permission to do this.", **context):
        super().__init__(NOT_PERMITTED, message, **context)
