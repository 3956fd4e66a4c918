"""Settings, all from the environment (12-factor). The defaults are the embedded ones: SQLite in
WAL mode, tasks in the same database, local-memory cache, files under ./var."""
import json
import os
import shutil
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("QUANGBA_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("QUANGBA_PRODUCTION")
DEBUG = env_bool("QUANGBA_DEBUG")

SECRET_KEY = os.environ.get("QUANGBA_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("QUANGBA_SECRET_KEY must be set when QUANGBA_PRODUCTION is on.")
    # Only for the embedded, local setup: never used once QUANGBA_PRODUCTION is set.
    SECRET_KEY = "insecure-local-only-key-set-QUANGBA_SECRET_KEY-in-production"

ALLOWED_HOSTS = env_list("QUANGBA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("QUANGBA_CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("QUANGBA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "modelsearch",
    "quangba.core",
    "quangba.taxonomy",
    "quangba.sources",
    "quangba.articles",
    "quangba.translation",
    "quangba.stories",
    "quangba.comments",
    "quangba.web",
    "quangba.api",
    "quangba.backoffice",
    "quangba.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "quangba.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "quangba.web.middleware.BakedPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "quangba.urls"
WSGI_APPLICATION = "quangba.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "quangba.web.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'quangba.sqlite3'}"),
        conn_max_age=int(os.environ.get("QUANGBA_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while the worker writes; IMMEDIATE avoids lock-upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("QUANGBA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

MODELSEARCH_BACKENDS = {
    "default": {"BACKEND": os.environ.get("QUANGBA_SEARCH_BACKEND", "modelsearch.backends.database"),
                **({"URLS": env_list("QUANGBA_SEARCH_URLS", "")} if os.environ.get("QUANGBA_SEARCH_URLS") else {}),
                "INDEX_PREFIX": os.environ.get("QUANGBA_SEARCH_INDEX_PREFIX", "quangba_")},
}

CACHES = {
    "default": {
        "BACKEND": os.environ.get("QUANGBA_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("QUANGBA_CACHE_LOCATION", "quangba"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English"), ("es", "Español")]
_enabled = env_list("QUANGBA_LANGUAGES", ",".join(code for code, _name in LANGUAGES))
LANGUAGES = [(code, name) for code, name in LANGUAGES if code in _enabled]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "quangba": {"handlers": ["console"], "level": os.environ.get("QUANGBA_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"handlers": ["console"], "level": "WARNING"},
    },
}

# The ingest pipeline (see README "Configuration").
QUANGBA_FETCH = {
    "USER_AGENT": os.environ.get(
        "QUANGBA_USER_AGENT", "quangba/0.1 (+https://github.com/quangba/quangba; partner-content fetcher)"
    ),
    "CONNECT_TIMEOUT": float(os.environ.get("QUANGBA_FETCH_CONNECT_TIMEOUT", "5")),
    "READ_TIMEOUT": float(os.environ.get("QUANGBA_FETCH_READ_TIMEOUT", "15")),
    "TOTAL_TIMEOUT": float(os.environ.get("QUANGBA_FETCH_TOTAL_TIMEOUT", "45")),
    "MAX_BYTES": int(os.environ.get("QUANGBA_FETCH_MAX_BYTES", str(8 * 1024 * 1024))),
    "MAX_REDIRECTS": int(os.environ.get("QUANGBA_FETCH_MAX_REDIRECTS", "5")),
    # Minimum seconds between two requests to the same host (robots.txt Crawl-delay wins if larger).
    "POLITENESS_SECONDS": float(os.environ.get("QUANGBA_FETCH_POLITENESS", "1.0")),
}
QUANGBA_PIPELINE = {
    "FEED_INTERVAL_SECONDS": int(os.environ.get("QUANGBA_FEED_INTERVAL", "900")),
    # A dispatched entry not finished after this long is dispatched again (its worker died).
    "LEASE_SECONDS": int(os.environ.get("QUANGBA_LEASE_SECONDS", "600")),
    "MAX_ATTEMPTS": int(os.environ.get("QUANGBA_MAX_ATTEMPTS", "6")),
    "FEED_PAUSE_AFTER_ERRORS": int(os.environ.get("QUANGBA_FEED_PAUSE_AFTER", "10")),
    "BACKOFF_BASE_SECONDS": float(os.environ.get("QUANGBA_BACKOFF_BASE", "30")),
    "BACKOFF_CAP_SECONDS": float(os.environ.get("QUANGBA_BACKOFF_CAP", str(6 * 3600))),
    # Extraction confidence under this sends the article to the review queue.
    "MIN_CONFIDENCE": float(os.environ.get("QUANGBA_MIN_CONFIDENCE", "0.5")),
}
QUANGBA_COMMENTS = {
    "PER_IP": int(os.environ.get("QUANGBA_COMMENTS_PER_IP", "5")),
    "PER_ARTICLE": int(os.environ.get("QUANGBA_COMMENTS_PER_ARTICLE", "30")),
    "WINDOW": int(os.environ.get("QUANGBA_COMMENTS_WINDOW", "600")),
    # Set when a proxy in front sets the reader's address in a header (e.g. X-Real-IP).
    "TRUSTED_PROXY_HEADER": os.environ.get("QUANGBA_TRUSTED_PROXY_HEADER", ""),
}

# Translation engines (alias → BACKEND + OPTIONS) and routes per language pair, in fallback order.
# Default: Apertium for en→es where it is installed; nothing else is bundled. Override with
# QUANGBA_TRANSLATION='{"ENGINES": {...}, "ROUTES": {"vi-en": ["libretranslate"], ...}}' (JSON, or
# a path to a JSON file); see README "Translation".
TRANSLATION_ENGINES = {
    "apertium": {"BACKEND": "quangba.translation.engines.apertium.ApertiumEngine", "OPTIONS": {}},
}
TRANSLATION_ROUTES = {"en-es": ["apertium"]} if shutil.which("apertium") else {}
_translation = os.environ.get("QUANGBA_TRANSLATION", "").strip()
if _translation:
    _conf = json.loads(Path(_translation).read_text("utf-8") if not _translation.startswith("{") else _translation)
    TRANSLATION_ENGINES = _conf.get("ENGINES", TRANSLATION_ENGINES)
    TRANSLATION_ROUTES = _conf.get("ROUTES", TRANSLATION_ROUTES)

# Pages baked to files at publish time (see README "Serving"); nginx or a CDN can serve this
# directory with `try_files $uri/index.html @django`.
QUANGBA_BAKE = env_bool("QUANGBA_BAKE", True)
QUANGBA_BAKED_DIR = Path(os.environ.get("QUANGBA_BAKED_DIR", VAR_DIR / "baked"))

# The public read-only API (/api/v1/); see README "API". CORS is off unless origins are listed.
QUANGBA_API = {
    "PAGE_SIZE": int(os.environ.get("QUANGBA_API_PAGE_SIZE", "20")),
    "MAX_PAGE_SIZE": int(os.environ.get("QUANGBA_API_MAX_PAGE_SIZE", "100")),
    "MAX_AGE": int(os.environ.get("QUANGBA_API_MAX_AGE", "60")),
}
QUANGBA_API_CORS_ORIGINS = env_list("QUANGBA_API_CORS_ORIGINS", "")

# Security: log-in throttling (django-axes), headers (quangba.core.security), HTTPS in production.
AUTHENTICATION_BACKENDS = [
    "quangba.core.security.LoginThrottleBackend",  # refuses a locked-out log-in before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
# Failed log-ins from one address, or against one account, lock it out for the cool-off time.
AXES_FAILURE_LIMIT = int(os.environ.get("QUANGBA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("QUANGBA_LOGIN_COOLOFF_SECONDS", "900")) / 3600  # float: hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "quangba.comments.views.client_ip"  # the same address, behind the same proxy
AXES_VERBOSE = False

# Partner images and clips are hot-linked; the demo partners live on http://127.0.0.1:87xx.
_LOCAL_ORIGINS = [] if PRODUCTION else ["http://127.0.0.1:*", "http://localhost:*"]
QUANGBA_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "https:", "data:", *_LOCAL_ORIGINS, *env_list("QUANGBA_CSP_IMG_SRC", "")],
    "media-src": ["'self'", "https:", *_LOCAL_ORIGINS, *env_list("QUANGBA_CSP_MEDIA_SRC", "")],
    "frame-src": ["https://www.youtube-nocookie.com"],
    "connect-src": ["'self'"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    **({"upgrade-insecure-requests": []} if PRODUCTION else {}),
}
QUANGBA_CSP_REPORT_ONLY = env_bool("QUANGBA_CSP_REPORT_ONLY")
QUANGBA_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

if PRODUCTION:
    for _name in ("QUANGBA_ALLOWED_HOSTS", "QUANGBA_SITE_URL"):
        if not os.environ.get(_name, "").strip():
            raise ImproperlyConfigured(f"{_name} must be set when QUANGBA_PRODUCTION is on.")
    SECURE_SSL_REDIRECT = env_bool("QUANGBA_SSL_REDIRECT", True)
    # Behind a TLS-terminating proxy, e.g. QUANGBA_PROXY_SSL_HEADER=X-Forwarded-Proto.
    if os.environ.get("QUANGBA_PROXY_SSL_HEADER"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + os.environ["QUANGBA_PROXY_SSL_HEADER"].upper().replace("-", "_"), "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("QUANGBA_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("QUANGBA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("QUANGBA_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a commitment made by submitting the domain to browsers' list: opt in.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
