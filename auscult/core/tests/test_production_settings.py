"""Production settings refuse to start without what production needs, instead of failing quietly
(a missing secret, or e-mail printed with its sign-in links into the server log)."""

import pytest

from .production import PRODUCTION, run_setup

PRINT_BACKEND = "from django.conf import settings; print(settings.EMAIL_BACKEND)"


def start(**env):
    """Load the settings in a fresh interpreter, as a worker starting up would."""
    return run_setup(PRINT_BACKEND, **env)


def test_production_without_an_e_mail_service_refuses_to_start():
    result = start(**PRODUCTION)

    assert result.returncode != 0
    assert "Production needs an e-mail service" in result.stderr


def test_production_refuses_the_console_backend_even_when_named():
    result = start(**PRODUCTION, EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")

    assert result.returncode != 0 and "EMAIL_HOST" in result.stderr


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"EMAIL_HOST": "smtp.example.com"}, "django.core.mail.backends.smtp.EmailBackend"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "filebased"),
    ],
)
def test_production_starts_with_smtp_or_an_explicit_backend(env, backend):
    result = start(**PRODUCTION, **env)

    assert result.returncode == 0, result.stderr
    assert backend in result.stdout


def test_production_without_a_secret_refuses_to_start():
    result = start(**{**PRODUCTION, "SECRET_KEY": ""}, EMAIL_HOST="smtp.example.com")

    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
