"""Run Python as a production worker would: a fresh interpreter, the production settings module, and
only the environment a test names (the caller's own e-mail, secret, proxy and database settings dropped)."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
# What production requires, less an e-mail service (the settings refuse to start without one).
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "auscult.settings.production",
    "SECRET_KEY": "a-production-like-secret-for-this-test-only-0123456789abcdef",
    "ALLOWED_HOSTS": "gp.example.com",
    "SITE_URL": "https://gp.example.com",
}
SMTP = {"EMAIL_HOST": "smtp.example.com"}
_DROPPED = ("EMAIL_", "DJANGO_", "SECRET_KEY", "SECURE_", "TRUSTED_", "DATABASE_")


def run_python(*args, **env):
    """`python <args>` in the repository with `env` over the machine's environment less _DROPPED."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(_DROPPED)}
    environ.update(env)
    return subprocess.run([sys.executable, *args], cwd=REPO, env=environ, capture_output=True, text=True)


def run_setup(code, **env):
    """`code` after django.setup() under the settings `env` names."""
    return run_python("-c", f"import django; django.setup(); {code}", **env)
