"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from email.utils import formataddr
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("AUSCULT_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form gets the magazine's "this form has expired" page (403).
CSRF_FAILURE_VIEW = "auscult.core.error_pages.csrf_failure"
# Reverse proxies of ours in front of the app servers (nginx alone: 1). With N the client's address is the Nth
# X-Forwarded-For entry from the right (auscult/core/client_ip.py); with 0 that header is ignored.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

INSTALLED_APPS = [
    "auscult.core",
    "auscult.members",
    "auscult.publishing",
    "auscult.moderation",
    "auscult.ratings",
    "auscult.comments",
    "auscult.notifications",
    "auscult.api",
    "auscult.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "auscult.members.apps.MemberUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "ninja",  # its bundled Swagger UI files, so /api/v1/docs needs no CDN
    "corsheaders",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Outermost: the last word on Cache-Control and Vary (auscult/core/delivery.py).
    "auscult.core.delivery.SharedCacheMiddleware",
    # The API's CORS headers (and its preflight answers), before anything that could answer first.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Maintenance and a lost database answer 503; before sessions and auth, which use the database.
    "auscult.core.middleware.OutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auscult.members.notice.ProfessionalsNoticeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Django's own copy of the public pages, for requests past the notice with no session (core/page_cache.py).
    "auscult.core.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, plus the admin's own policy (ADMIN_CONTENT_SECURITY_POLICY below).
    "auscult.core.content_security_policy.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "auscult.urls"
WSGI_APPLICATION = "auscult.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "auscult.publishing.context_processors.magazine",
            ],
        },
    },
]

# SQLite (WAL, see auscult.core.apps) unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'auscult.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite makes its file but not the folder it lives in: make it, so a fresh clone runs as it is.
    if str(DATABASES["default"]["NAME"]) not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # In every process: a server that does not answer is given up after DATABASE_CONNECT_TIMEOUT seconds
    # (libpq waits for ever by default; it counts anything under 2 as 2), and keepalives, with a bound on
    # data left unacknowledged, find a kept connection whose server or network has gone. Web requests also
    # get statement and lock timeouts (auscult/core/db_limits.py). Options in DATABASE_URL's query win.
    for option, value in {
        "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3")),
        "keepalives": 1,
        "keepalives_idle": 30,
        "keepalives_interval": 10,
        "keepalives_count": 3,
        "tcp_user_timeout": 10_000,  # milliseconds
    }.items():
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(option, value)
# A read replica of the primary (PostgreSQL streaming replication) for the visitor reads that fill no cache:
# search (auscult/core/db_router.py). Cached pages are always rendered from the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    replica = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    replica["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **replica.get("OPTIONS", {})}
    DATABASES["replica"] = replica
DATABASE_ROUTERS = ["auscult.core.db_router.ReplicaRouter"]

# The cache must be shared between processes (page-cache purges and rate limits
# have to hold across workers), so the default is a file cache, never local memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # While Redis is down each process caches in its own memory (auscult/core/cache.py).
            "BACKEND": "auscult.core.cache.FailSoftRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "auscult"),
            # Seconds: a Redis that accepts connections and never answers must not hold a request.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# Wagtail's rendition cache (about 25 entries an image, and the "being made" marks of auscult/publishing/images.py):
# shared by every process, kept apart so it neither crowds out pages nor is crowded out.
CACHES["renditions"] = (
    {**CACHES["default"], "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "auscult") + "-renditions"}
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache-renditions"),
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
)
# Every rendition file gets a name of its own (a token), so /media/images/ can be cached for a year, immutable.
WAGTAILIMAGES_RENDITION_STORAGE = "auscult.publishing.storage.RenditionStorage"

AUTH_USER_MODEL = "members.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Username and password, for Wagtail's admin sign-in.
    "django.contrib.auth.backends.ModelBackend",
    # E-mail and password, with allauth's rate limits, for members.
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Members (django-allauth). Signing in is by e-mail; a new address must be confirmed by link.
ACCOUNT_ADAPTER = "auscult.members.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "auscult.members.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Tell members by e-mail when their password or e-mail address changes (allauth's notifications).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_USER_DISPLAY = "auscult.members.models.public_name_of"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = os.environ.get("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
# Failed sign-ins (allauth's cache-backed limiter; staff sign-in to Wagtail's admin goes through it too), counted
# by the members' adapter: 10 a minute from one address whoever they are for; for one account from one address,
# 5 per 5 minutes and 20 a day ("key" is account and address, so failures elsewhere never lock a member out);
# and 100 a day for one account from all addresses together, which bounds guessing spread over many addresses.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key,20/d/key",
    "login_failed_account": "100/d/key",
    # Members' reports and rating changes, on the same limiter (auscult/core/ratelimits.py): per member, and per
    # client address generously, as a practice or a hospital puts many members behind one address.
    "comment_report": "10/10m/user,30/d/user,100/h/ip",
    "rating_change": "20/10m/user,300/h/ip",
    # The API's personal tokens (auscult/api/auth.py): calls per token, and wrong keys per address like failed
    # sign-ins.
    "api_token": "120/m/key,5000/h/key",
    "api_token_failed": "10/m/ip,100/d/ip",
}

# The API's CORS (django-cors-headers): off unless origins are named, e.g.
# API_CORS_ORIGINS="https://partner.example,https://app.example". Only /api/ answers it; never with cookies.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work: search indexing, e-mail and insights run off the request path.
TASKS = {
    "default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Where the file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend; bin/serve's local run) writes.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))

# Content Security Policy: no inline scripts; JSON-LD is data, allowed by type.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    },
}
# Wagtail's admin (and Django's, when served) instead: Wagtail 8's widgets write inline start-up scripts and
# its rich-text editor inserts <style> elements, none with a nonce (wagtail/wagtail#1288), so inline scripts
# and styles are allowed there; nothing from another origin is. A response marked X-Frame-Options: SAMEORIGIN
# (Wagtail's preview panel) gets frame-ancestors 'self' (auscult/core/content_security_policy.py).
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Browser features the magazine never uses are off for it and anything it frames (django-permissions-policy).
# Only features Chromium knows: it logs an error for any other (FLoC's withdrawn "interest-cohort"; and
# "ambient-light-sensor" and "bluetooth", which Debian's Chromium does not ship).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Wagtail logs every page action at INFO; its audit log already records them.
        "wagtail": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Auscult")
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://localhost:8000").rstrip("/")
# E-mail comes from the magazine: DEFAULT_FROM_EMAIL, else "<SITE_NAME> <no-reply@<host of SITE_URL>>".
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or formataddr(
    (WAGTAIL_SITE_NAME, f"no-reply@{urlsplit(WAGTAILADMIN_BASE_URL).hostname}")
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 80 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar images in the admin: they would send a hash of each staff member's e-mail address to a third party
# (and need it in the admin's Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Staff sign-in counts against the members' failed sign-in limits (auscult/members/staff_sign_in.py).
WAGTAILADMIN_USER_LOGIN_FORM = "auscult.members.staff_sign_in.StaffLoginForm"
# Wagtail's password reset sends a message for every request, with no limit: staff use the members' reset page,
# which is rate-limited per address and per e-mail address; the admin's sign-in page links there.
WAGTAIL_PASSWORD_RESET_ENABLED = False
# A page restricted to signed-in readers sends them to the members' sign-in page and its limits; Wagtail's own
# front-end login (/_util/login/, Django's plain LoginView, with no limit) is redirected there too (urls.py).
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# Auscult
AUSCULT = {
    # Search reads published content from DATABASES["replica"] (auscult/core/db_router.py).
    "REPLICA_READS": "replica" in DATABASES,
    # Articles per page on section and author listings.
    "LISTING_PAGE_SIZE": int(os.environ.get("LISTING_PAGE_SIZE", "12")),
    # The masthead the 500 and 503 pages show when neither the database nor the cache answers.
    "CHROME_SNAPSHOT": VAR_DIR / "chrome.json",
    # While this file exists, every request but /healthz and static files gets the 503 maintenance page.
    "MAINTENANCE_FILE": VAR_DIR / "maintenance",
    # Web requests only (auscult/core/db_limits.py): seconds one SQL statement may run and one lock may be waited
    # for (SQLite: its busy timeout) before the request gives up with a 503. Commands and tasks keep no limit.
    "WEB_STATEMENT_TIMEOUT": float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "10")),
    "WEB_LOCK_TIMEOUT": float(os.environ.get("DATABASE_LOCK_TIMEOUT", "3")),
    # Django's own admin (nothing of ours is registered in it; Wagtail's is the admin) is served only when
    # this or DEBUG is on, and its sign-in is the members' page.
    "DJANGO_ADMIN": env_bool("DJANGO_ADMIN", False),
    # Part of every ETag: a deployment that changes templates changes every page's ETag with it.
    "RELEASE": os.environ.get("AUSCULT_RELEASE", "1"),
    # The shared-cache contract (auscult/core/delivery.py): how long a shared cache (the proxy, a CDN) keeps a
    # public page without a purge, serves it stale while refilling, and serves it when the app fails.
    "SHARED_CACHE": {
        "S_MAXAGE": int(os.environ.get("SHARED_CACHE_SECONDS", "600")),
        "STALE_WHILE_REVALIDATE": 60,
        "STALE_IF_ERROR": 24 * 60 * 60,
    },
    # Django's own page cache (auscult/core/page_cache.py): seconds an entry lives without a purge; 0 is off.
    "PAGE_CACHE_SECONDS": int(os.environ.get("PAGE_CACHE_SECONDS", "600")),
    # A new comment reaches cached pages within this many seconds: purges of an article are coalesced over it.
    "PURGE_WINDOW_SECONDS": int(os.environ.get("PURGE_WINDOW_SECONDS", "10")),
    # An open article asks how many comments are published about this often (with jitter), to offer the new ones;
    # the answer is shared for NEW_COMMENTS_SHARED_SECONDS, so thousands of readers cost the app one request each
    # time it expires.
    "NEW_COMMENTS_POLL_SECONDS": int(os.environ.get("NEW_COMMENTS_POLL_SECONDS", "60")),
    "NEW_COMMENTS_SHARED_SECONDS": 15,
}

# Purges after publishing, comments, ratings and decisions (auscult/core/delivery.py): Django's own page cache,
# and each caching proxy node listed in FRONTEND_CACHE_PURGE_URL (comma-separated, e.g. http://127.0.0.1:8000).
# A CDN adds its Wagtail backend here (docs/deploy.md). Wagtail's `wagtail.contrib.frontend_cache` app is not
# installed: all it adds is a purge on publish made before the transaction commits (a refill could then store the
# old page again), where ours (publishing/signals.py) purge after it, with the pages that list the page.
WAGTAILFRONTENDCACHE = {"page-cache": {"BACKEND": "auscult.core.page_cache.PageCacheBackend"}}
for number, location in enumerate(env_list("FRONTEND_CACHE_PURGE_URL"), start=1):
    WAGTAILFRONTENDCACHE[f"proxy-{number}"] = {
        "BACKEND": "auscult.core.delivery.ProxyPurgeBackend",
        "LOCATION": location,
    }
# Cloudflare in front: its purge API, with an API token allowed to purge the zone (docs/deploy.md).
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
# Wagtail purges a page's URLs when it is published or unpublished; ours (publishing/delivery.py) add the pages
# that list it, so Wagtail's own signal handlers stay off to purge each URL once.
WAGTAILFRONTENDCACHE_SIGNAL_HANDLERS_ENABLED = False
