"""Seams: how a lower app calls into an app above it without importing it.

The apps depend on each other one way (core ← publishing ← members ← ratings, comments ← moderation
← demo; `core/tests/test_layers.py` keeps it so). Where a lower app needs an answer only an upper one
can give — the moderation policy when a comment is posted, a sanction when deciding whether a member
may take part, a legal hold when erasing — it declares a seam here-style, with the answer to give while
nothing fills it, and the upper app fills it in its `AppConfig.ready()`:

    # comments/screening.py, the lower app: posting holds everything until a policy is installed.
    assess = Seam("comments.screening.assess", when_empty=hold_everything)

    # moderation/apps.py, the upper app.
    screening.assess.fill(policy.assess)

The empty answer is always the safe one (hold, keep, refuse), never "allowed"; and a system check
(`auscult.E002`) names every seam still empty once the apps are loaded, so a missing app is an error
at start-up rather than a quiet change of behaviour. The caller calls the seam like the function it
stands for; there are no signals for rules.
"""

from contextlib import contextmanager

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured


class Seam:
    _every = []

    def __init__(self, name, *, when_empty):
        self.name = name
        self.when_empty = when_empty
        self.implementation = None
        Seam._every.append(self)

    def fill(self, implementation):
        if self.implementation is not None and self.implementation is not implementation:
            raise ImproperlyConfigured(f"The seam {self.name} is already filled by {self.implementation!r}.")
        self.implementation = implementation

    @property
    def filled(self):
        return self.implementation is not None

    def __call__(self, *args, **kwargs):
        return (self.implementation or self.when_empty)(*args, **kwargs)

    @contextmanager
    def emptied(self):
        """For tests: the seam as it is when its upper app is not installed."""
        implementation, self.implementation = self.implementation, None
        try:
            yield self
        finally:
            self.implementation = implementation

    def __repr__(self):
        return f"<Seam {self.name} {'filled' if self.filled else 'empty'}>"


def every_seam():
    return list(Seam._every)


@register()
def check_seams_are_filled(app_configs, **kwargs):
    return [
        Error(
            f"The seam {seam.name} is not filled: the app that answers it is not installed or did not fill it "
            "in its AppConfig.ready(), so the site gives the cautious answer everywhere it is asked.",
            id="auscult.E002",
        )
        for seam in every_seam()
        if not seam.filled
    ]
