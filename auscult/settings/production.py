"""Production: every secret from the environment, DEBUG off, HTTPS enforced."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", False)
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

if TRUSTED_PROXY_COUNT > 0:  # noqa: F405
    # Only a proxy of ours may say the request came over HTTPS; without one, any client could.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer's health check comes over plain HTTP and needs the 200, not a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is hard to undo, so it is an explicit opt-in rather than a check --deploy warning.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Off only for a local run over plain HTTP on an address browsers do not treat as secure (bin/serve says so).
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "https")  # noqa: F405
# A real deployment: seed_demo will not create its fixed-password demo accounts here without
# --allow-production. A copy, not an edit: base's dict is shared with every module importing it.
AUSCULT = {**AUSCULT, "PRODUCTION": True}  # noqa: F405
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

# Account e-mails carry sign-in links: printed to the console they would land in the server log.
CONSOLE_EMAIL_BACKENDS = {"django.core.mail.backends.console.EmailBackend"}
if os.environ.get("EMAIL_HOST"):  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]  # noqa: F405
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))  # noqa: F405
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")  # noqa: F405
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")  # noqa: F405
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
elif not os.environ.get("EMAIL_BACKEND") or EMAIL_BACKEND in CONSOLE_EMAIL_BACKENDS:  # noqa: F405
    raise ImproperlyConfigured(
        "Production needs an e-mail service: set EMAIL_HOST (SMTP) or EMAIL_BACKEND to a backend that is not "
        "the console, which would write every confirmation and password-reset link into the server log."
    )
