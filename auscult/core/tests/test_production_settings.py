"""Production settings refuse to start without what production needs, instead of failing quietly
(a missing secret, or e-mail printed with its sign-in links into the server log)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "auscult.settings.production",
    "SECRET_KEY": "a-production-like-secret-for-this-test-only-0123456789abcdef",
    "ALLOWED_HOSTS": "gp.example.com",
    "SITE_URL": "https://gp.example.com",
}
PRINT_BACKEND = "from django.conf import settings; print(settings.EMAIL_BACKEND)"


def start(**env):
    """Load the settings in a fresh interpreter, as a worker starting up would."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_", "SECRET_KEY"))}
    environ.update(env)
    code = f"import django; django.setup(); {PRINT_BACKEND}"
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=environ, capture_output=True, text=True)


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
