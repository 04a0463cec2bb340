"""Settings of the Battery Region Education Map: one module, configured from environment variables.

DEBUG           "true" for local development (default false)
SECRET_KEY      required when DEBUG is false
ALLOWED_HOSTS   comma-separated host names (default: localhost names when DEBUG is true)
DATABASE_URL    e.g. postgres://user@127.0.0.1:5432/batteryregion (default: SQLite file var/db.sqlite3)
CACHE_URL       e.g. redis://127.0.0.1:6379/0, shared by several app servers (default: local memory); REDIS_URL too
The README's "Configuration" and "Production" sections list the rest.
"""

import os
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.jquery_ui
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a true/false environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated environment variable."""
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable (or DEBUG=true for local development)."
        )
    SECRET_KEY = "insecure-local-development-key-only-used-when-DEBUG-is-true"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "batteryregion.errors.csrf_failure"

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that its widgets and tabs take over.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # The partner keys' base model; its own key model and admin are unused (partners.admin takes the admin's place).
    "rest_framework_api_key",
    "batteryregion",
    "skills",
    "programmes",
    "gaps",
    "about",
    "coordinators",
    "partners",
    "batteryregion.sync",
    "batteryregion.news",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "batteryregion.imports",
]

# Order matters: health checks answer before anything that could touch the database; the public page cache answers
# anonymous visitors before the rest of the stack runs again; compression and conditional GETs wrap every response.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "batteryregion.health.HealthCheckMiddleware",
    # CORS headers for /api/v1/ and /api/schema/ (CORS_URLS_REGEX), on cached answers too; it answers preflights.
    "corsheaders.middleware.CorsMiddleware",
    # Anonymous API requests count toward their address's rate limit even when the page cache answers them, and
    # every counted API answer gets its RateLimit headers (partners/throttling.py).
    "partners.middleware.RateLimitMiddleware",
    # Anonymous answers come from here, finished (compressed, with their headers): see batteryregion/page_cache.py.
    "batteryregion.page_cache.PublicPageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A detail asked for by an old slug or code answers 301 to the current one (batteryregion/sync/aliases.py).
    "batteryregion.sync.aliases.IdentifierRedirectMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made a change, for the history of every record.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # django-axes answers a locked-out login attempt; its documentation asks for it last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "batteryregion.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "batteryregion.wsgi.application"

# SQLite is the embedded default; PostgreSQL (psycopg 3) when DATABASE_URL says so.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASE_URL = f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiler spent seconds compiling the gap analysis's aggregation queries, longer than they then
    # ran (EXPLAIN: "JIT: Timing … Total 2461 ms"; benchmarks/gaps.py --no-jit); the portal gains nothing from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for the public page cache and django-axes: local memory by default (one process), Redis through Django's
# own RedisCache backend when several app servers share it.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "batteryregion"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
# Long work (imports) runs as background tasks in a queue kept in the database (django-tasks' database backend):
# `manage.py db_worker` runs them (make run starts one; deploy/batteryregion-worker.service in production).
# TASKS_BACKEND=immediate runs each task at once in the process that enqueues it (the tests).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
# The progress of running tasks, shared by the worker and the web processes: Redis when configured, otherwise
# files under var/ (one machine).
if CACHE_URL:
    CACHES["progress"] = {**CACHES["default"], "KEY_PREFIX": "progress"}
else:
    CACHES["progress"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get(
            "PROGRESS_CACHE_DIR", str(BASE_DIR / "var" / "progress")
        ),
    }

# Seconds an anonymous public page or API answer may be served from the shared cache; every change to the data
# invalidates it at once (batteryregion/page_cache.py), so this only bounds memory use.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# How often each process reads the data version (a query): a change committed elsewhere shows within this time.
PAGE_CACHE_VERSION_CHECK_SECONDS = float(
    os.environ.get("PAGE_CACHE_VERSION_CHECK_SECONDS", "1")
)

AUTHENTICATION_BACKENDS = [
    # django-axes counts failed logins and refuses a locked-out username and address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish and Swedish are equal first languages, English the common third.
LANGUAGE_CODE = "en"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# Numbers as each language writes them: "12 345,7" (a non-breaking space) in Finnish and Swedish, "12,345.7" in
# English. Years, codes and identifiers are shown with |unlocalize or as text; batteryregion/templatetags/numbers.py
# adds the real minus sign and the percent sign.
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["batteryregion.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
# A missing translation falls back in this order; batteryregion.i18n.shown() marks the fallback.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("fi", "sv", "en"),
    "fi": ("sv", "en"),
    "sv": ("fi", "en"),
    "en": ("fi", "sv"),
}

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "batteryregion.static_files.VendorFinder",
]
# Front-end libraries come from Python packages that ship them, never from a CDN: only the files the pages load.
VENDOR_STATIC_FILES = {
    # The admin's translation tabs (django-modeltranslation) use jQuery UI's script only.
    "vendor/jquery-ui": (xstatic.pkg.jquery_ui.BASE_DIR, ["jquery-ui.min.js"]),
    "vendor/leaflet": (
        xstatic.pkg.leaflet.BASE_DIR,
        ["leaflet.js", "leaflet.js.map", "leaflet.css", "images/*.png"],
    ),
    "vendor/leaflet-markercluster": (
        xstatic.pkg.leaflet_markercluster.BASE_DIR,
        ["leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"],
    ),
}
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
# STATIC_ROOT is where collectstatic writes; production serves it through whitenoise with hashed names.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
# Uploaded files (news images) go through the default storage into MEDIA_ROOT. The app serves them only with
# DEBUG=true; in production the web server serves MEDIA_URL from MEDIA_ROOT (deploy/nginx.conf).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "batteryregion.static_files.StaticStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Hashed files never change: browsers may keep them for a year (whitenoise's default for hashed names).
WHITENOISE_MAX_AGE = 0 if DEBUG else 60

LOGIN_URL = "admin:login"

# E-mail: coordinator invitations and password resets. Printed on the console unless EMAIL_HOST names an SMTP
# server (EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS or EMAIL_USE_SSL with it).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
    if EMAIL_USE_SSL and EMAIL_USE_TLS:
        raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Battery Region Education Map <noreply@localhost>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Rate limits of the partner API (partners/throttling.py): requests per second, minute, hour or day ("60/min").
# Anonymous callers per client address, partner keys per key, logged-in users (coordinators) per user; an empty
# API_RATE_SESSION leaves them unlimited.
API_RATE_ANONYMOUS = os.environ.get("API_RATE_ANONYMOUS", "60/min")
API_RATE_KEY = os.environ.get("API_RATE_KEY", "600/min")
API_RATE_SESSION = os.environ.get("API_RATE_SESSION", "") or None
for _rate_name, _rate in [("API_RATE_ANONYMOUS", API_RATE_ANONYMOUS), ("API_RATE_KEY", API_RATE_KEY), ("API_RATE_SESSION", API_RATE_SESSION)]:  # fmt: skip
    if _rate is not None and not re.fullmatch(
        r"[1-9][0-9]*/(s|sec|m|min|h|hour|d|day)", _rate
    ):
        raise ImproperlyConfigured(f"{_rate_name} must be a number of requests per s, min, hour or day, such as 60/min.")  # fmt: skip

REST_FRAMEWORK = {
    # Partners send a key (partners/authentication.py: `Authorization: Api-Key <key>` or `X-Api-Key`); coordinators
    # use the API through their browser session. No HTTP Basic (passwords would travel with every call and escape
    # the login lockout). The key comes first, so that a refused key answers 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partners.authentication.PartnerKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["partners.throttling.PartnerThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": API_RATE_ANONYMOUS,
        "key": API_RATE_KEY,
        "session": API_RATE_SESSION,
    },
    # DRF's, with the reason for a 429 in the request's language.
    "EXCEPTION_HANDLER": "partners.errors.api_exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        # ?modified_since= on every list of a resource (batteryregion/sync/filters.py).
        "batteryregion.sync.filters.ModifiedSinceFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    # The same JSON as DRF's renderer, written by orjson; browsers still get the browsable API.
    "DEFAULT_RENDERER_CLASSES": [
        "batteryregion.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Rows per page; ?page_size= asks for up to 200 (batteryregion.serializers.PartnerPagination).
    "PAGE_SIZE": 20,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Battery Region Education Map API",
    "DESCRIPTION": (
        "Read-only JSON of the Battery Region Education Map: education programmes, actors, skills, occupations and "
        "the shared vocabulary of the Swedish–Finnish battery value chain. Translated texts are given in Finnish, "
        "Swedish and English. This service uses the ESCO classification of the European Commission. "
        "© EuroGeographics for the administrative boundaries.\n\n"
        "**Getting started.** Public data needs no key; partners get a key from a lead coordinator and send it as "
        "`Authorization: Api-Key <key>` (or `X-Api-Key`). Without a key 60 requests a minute are allowed per "
        "address, with one 600; every answer says how many are left (`RateLimit-Remaining`) and a 429 says when to "
        "come back (`Retry-After`). An unknown or invalid query parameter is a 400 naming it. Every GET has an "
        "`ETag`: send it back in `If-None-Match` for a 304. To stay in sync, read `/api/v1/changes/?since=…` or a "
        "list with `?modified_since=…`; `/api/v1/export/` is everything public in one zip.\n\n"
        "```sh\n"
        "curl -H 'Accept-Language: fi' 'https://HOST/api/v1/programmes/?segment=recycling&country=SE'\n"
        "curl -H 'Authorization: Api-Key YOUR-KEY' 'https://HOST/api/v1/changes/?since=2026-12-01T00:00:00Z'\n"
        "```\n\n"
        "```python\n"
        "import requests\n\n"
        "session = requests.Session()\n"
        "session.headers['Authorization'] = 'Api-Key YOUR-KEY'  # optional: public data needs none\n"
        "url = 'https://HOST/api/v1/programmes/?page_size=200'\n"
        "while url:\n"
        "    page = session.get(url, timeout=30).json()\n"
        "    for programme in page['results']:\n"
        "        print(programme['slug'], programme['name']['en'])\n"
        "    url = page['next']\n"
        "```\n\n"
        "The guide for integrators (keys, limits, sync, errors, formats, the bulk export) is docs/partner-api.md in "
        "the project's repository."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The answers, headers and parameters every operation shares (304, 400, 404, 406, 503, ETag, ?format=), then
    # 401 (a refused partner key), 429 (rate limit) and the RateLimit headers.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "batteryregion.schema_hooks.add_common_responses",
        "partners.schema.document_limits",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No link inside each operation's toggle button (a link in a button cannot be reached or read properly, and
    # was a 19 px target): the operations still open and close, and the address does not follow them. Examples in
    # plain light text on dark: the highlighting themes colour numbers and keys below 4.5:1 contrast.
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": False,
        "syntaxHighlight": {"activated": False},
    },
}

# CORS (django-cors-headers): the read-only partner API and its schema may be read by a page of any site, without
# cookies or other credentials; a partner's widget may send its key in Authorization or X-Api-Key. Nothing else of the
# portal (pages, admin) answers with CORS headers.
CORS_URLS_REGEX = r"^/api/(v1|schema)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "authorization", "x-api-key"]
# What a page may read of an answer besides the simple headers: the rate limit, and when to try again.
CORS_EXPOSE_HEADERS = [
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
]

# The portal's general feedback address, shown on the About page, the privacy notice and the accessibility statement.
# Empty: the pages say how to give feedback through the partner organisations instead of showing an address.
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "").strip()
if FEEDBACK_EMAIL:
    try:
        validate_email(FEEDBACK_EMAIL)
    except ValidationError as error:
        raise ImproperlyConfigured(
            "FEEDBACK_EMAIL must be an e-mail address."
        ) from error

# The employers' needs form (/<lang>/needs/new/, skills/intake/): the shortest and longest time between showing the
# form and sending it, the sendings an hour from one address, and the days after the decision when the contact is
# erased (manage.py erase_need_contacts, run daily; the privacy notice states the number).
NEED_FORM_MIN_SECONDS = int(os.environ.get("NEED_FORM_MIN_SECONDS", "3"))
NEED_FORM_MAX_AGE_SECONDS = int(
    os.environ.get("NEED_FORM_MAX_AGE_SECONDS", str(4 * 3600))
)
NEED_FORM_RATE_LIMIT = int(os.environ.get("NEED_FORM_RATE_LIMIT", "5"))
# The portal's public address, named in the User-Agent of the register import (programmes/registers/client.py).
PORTAL_URL = os.environ.get("PORTAL_URL", "").strip()
# Recorded register answers that the admin's "Fetch from a register" reads instead of the network (demonstrations).
REGISTER_RESPONSES_DIR = os.environ.get("REGISTER_RESPONSES_DIR", "").strip()
# The YH agency's table of granted programmes as CSV (programmes/registers/yh.py); it publishes no fixed address.
REGISTERS_YH_CSV_URL = os.environ.get("REGISTERS_YH_CSV_URL", "").strip()
# The largest import file a coordinator may upload (batteryregion/imports).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = max(2_621_440, IMPORT_MAX_BYTES)
NEED_CONTACT_RETENTION_DAYS = int(os.environ.get("NEED_CONTACT_RETENTION_DAYS", "180"))
if (
    NEED_FORM_RATE_LIMIT < 1
    or NEED_CONTACT_RETENTION_DAYS < 0
    or NEED_FORM_MAX_AGE_SECONDS <= NEED_FORM_MIN_SECONDS
):
    raise ImproperlyConfigured(
        "NEED_FORM_RATE_LIMIT must be at least 1, NEED_CONTACT_RETENTION_DAYS at least 0, and NEED_FORM_MAX_AGE_SECONDS "
        "above NEED_FORM_MIN_SECONDS."
    )

# Map tiles come from a configurable URL; the region boundaries are bundled, so the map stays readable
# when no tiles load. An empty TILE_URL draws the boundaries only.
TILE_URL = os.environ.get("TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
TILE_ATTRIBUTION = os.environ.get(
    "TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)

# Production hardening; `manage.py check --deploy` passes with DEBUG=false and HTTPS in front.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load balancers check health over plain HTTP, from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
X_FRAME_OPTIONS = "DENY"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"


def origin_of(url_template: str) -> str | None:
    """The origin a tile URL template loads from, with a {s} subdomain as a wildcard; None for an empty template."""
    parts = urlsplit(url_template)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


# A strict Content-Security-Policy: scripts and styles only from our own static files, nothing inline. Data blocks
# (json_script, JSON-LD) are not scripts and need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [
            SELF,
            "data:",
            *filter(None, [origin_of(TILE_URL), origin_of(MEDIA_URL)]),
        ],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The portal uses none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
}

# django-axes: after AXES_FAILURE_LIMIT failed logins for one username from one address, that pair is refused for
# the cool-off time, even with the right password; every refused attempt starts the cool-off again (axes' default).
# `manage.py axes_reset_username NAME`, `axes_reset_ip_username IP NAME` or `axes_reset` unlock earlier.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_TIME < timedelta(minutes=1):
    raise ImproperlyConfigured(
        "AXES_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be at least 1."
    )
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
# Rendered with status 429 Too Many Requests (AXES_HTTP_RESPONSE_CODE's default in axes 8).
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
# How many reverse proxies (nginx, a load balancer) append to X-Forwarded-For in front of the app: the client address
# is then taken from that header (batteryregion/client_ip.py). 0 (the default) uses REMOTE_ADDR and ignores the
# header, which anyone can forge; set it only when the app server is reachable through those proxies alone.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "batteryregion.client_ip.client_ip_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The data a new installation starts with (see batteryregion/data/README.md).
BUNDLED_DATA_DIR = BASE_DIR / "batteryregion" / "data"

# Where the bulk export (GET /api/v1/export/) keeps the zip of the current data version; each app server writes its
# own when it has none (a shared folder saves the work).
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR") or BASE_DIR / "var" / "exports")
# The licence of the portal's own data, as the export's manifest states it (e.g. "CC BY 4.0" and its address); empty
# until the partnership declares one.
DATA_LICENCE = os.environ.get("DATA_LICENCE", "").strip()
DATA_LICENCE_URL = os.environ.get("DATA_LICENCE_URL", "").strip()

# A route reaches an occupation without an explicit link when the programmes on it teach at least this share of the
# occupation's essential skills (see gaps/pathways/search.py).
PATHWAY_COVERAGE_THRESHOLD = float(os.environ.get("PATHWAY_COVERAGE_THRESHOLD", "0.5"))
# Keep what the pathway search reads (gaps.pathways.network.cached_network) in each process until the data changes.
PATHWAY_NETWORK_CACHE = env_bool("PATHWAY_NETWORK_CACHE", True)
# Keep the region outlines the maps draw (programmes.outlines.current_outlines) in each process until the data changes.
MAP_OUTLINES_CACHE = env_bool("MAP_OUTLINES_CACHE", True)

# A programme or actor whose last verified date is older than this many months (or missing) is stale: marked in the
# admin and on its public page (batteryregion/staleness.py).
STALE_AFTER_MONTHS = int(os.environ.get("STALE_AFTER_MONTHS", "12"))
# Intakes of this many years ago and older no longer count as current supply in the gap analysis (gaps/analysis/compare.py).
INTAKE_MAX_AGE_YEARS = int(os.environ.get("INTAKE_MAX_AGE_YEARS", "3"))
