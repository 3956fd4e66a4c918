"""Settings, all from the environment (12-factor). The defaults are the embedded ones: SQLite in
WAL mode, tasks in the same database, local-memory cache, files under ./var."""
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from quangba import conf

env = conf.Env()
BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = env.path("QUANGBA_VAR_DIR", Path.cwd() / "var")

PRODUCTION = env.flag("QUANGBA_PRODUCTION")
DEBUG = env.flag("QUANGBA_DEBUG")

SECRET_KEY = env.text("QUANGBA_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("QUANGBA_SECRET_KEY must be set when QUANGBA_PRODUCTION is on.")
    # Only for the embedded, local setup: never used once QUANGBA_PRODUCTION is set.
    SECRET_KEY = "insecure-local-only-key-set-QUANGBA_SECRET_KEY-in-production"

ALLOWED_HOSTS = env.items("QUANGBA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env.items("QUANGBA_CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "quangba.comments.views.csrf_failure"  # a stale comment form keeps what was written
SITE_URL = env.text("QUANGBA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "quangba.backoffice.libraries.SignInProtectionConfig",  # axes, named in the staff's language
    "django_tasks",
    "quangba.backoffice.libraries.BackgroundTasksConfig",  # django_tasks_db, likewise
    "modelsearch",
    "quangba.core",
    "quangba.media",
    "quangba.sources",
    "quangba.taxonomy",
    "quangba.articles",
    "quangba.ingest",
    "quangba.stories",
    "quangba.translation",
    "quangba.search",
    "quangba.comments",
    "quangba.web",
    "quangba.api",
    "quangba.backoffice",
    "quangba.desk",
    "quangba.demo",
]

MIDDLEWARE = [
    # First, so it compresses what every other one wrote: pages, baked pages, the API (CSRF tokens
    # are masked per response, which is what keeps BREACH off them).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "quangba.core.security.CanonicalHostMiddleware",
    "quangba.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "quangba.web.middleware.BakedPagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "quangba.core.params.NulBytesMiddleware",
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
        env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'quangba.sqlite3'}"),
        conn_max_age=env.integer("QUANGBA_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site read while the worker writes; IMMEDIATE avoids lock-upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
if env.text("QUANGBA_DB_POOLER") == "pgbouncer":
    # PgBouncer in transaction mode: no server-side cursors, no prepared statements across transactions.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": env.text("QUANGBA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

MODELSEARCH_BACKENDS = {
    # Used only when QUANGBA_SEARCH_BACKEND names a modelsearch backend (Elasticsearch, OpenSearch);
    # by default the portal's own index answers (quangba.search).
    "default": {"BACKEND": env.text("QUANGBA_SEARCH_BACKEND", "modelsearch.backends.database"),
                **({"URLS": env.items("QUANGBA_SEARCH_URLS")} if env.text("QUANGBA_SEARCH_URLS") else {}),
                "INDEX_PREFIX": env.text("QUANGBA_SEARCH_INDEX_PREFIX", "quangba_")},
}

CACHES = {
    "default": {
        "BACKEND": env.text("QUANGBA_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env.text("QUANGBA_CACHE_LOCATION", "quangba"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English"), ("es", "Español")]
_enabled = env.items("QUANGBA_LANGUAGES", ",".join(code for code, _name in LANGUAGES))
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
    "staticfiles": {"BACKEND": "quangba.web.storage.StaticStorage"},  # hashed names, .gz and .br
    "media": conf.media_storage(env, VAR_DIR),  # the pictures the portal keeps (renditions)
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
        "quangba": {"handlers": ["console"], "level": env.text("QUANGBA_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"handlers": ["console"], "level": "WARNING"},
    },
}

# Security: log-in throttling (django-axes), headers (quangba.core.security), HTTPS in production.
AUTHENTICATION_BACKENDS = [
    "quangba.core.security.LoginThrottleBackend",  # refuses a locked-out log-in before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
# Failed log-ins from one address, or against one account, lock it out for the cool-off time.
AXES_FAILURE_LIMIT = env.integer("QUANGBA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env.integer("QUANGBA_LOGIN_COOLOFF_SECONDS", 900) / 3600  # float: hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "quangba.core.security.client_ip"  # the same address, behind the same proxy
AXES_VERBOSE = False

# E-mail to the staff (a partner failing or idle): SMTP when QUANGBA_EMAIL_HOST is set, else each
# message written as a file under var/mail/ (the embedded default, and the demo's).
EMAIL_HOST = env.text("QUANGBA_EMAIL_HOST")
EMAIL_PORT = env.integer("QUANGBA_EMAIL_PORT", 587)
EMAIL_HOST_USER = env.text("QUANGBA_EMAIL_USER")
EMAIL_HOST_PASSWORD = env.text("QUANGBA_EMAIL_PASSWORD")
EMAIL_USE_TLS = env.flag("QUANGBA_EMAIL_TLS", True)
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env.text("QUANGBA_EMAIL_FROM", "quangba@localhost")

# Every QUANGBA_* setting (pipeline, fetching, comments, translation, baking, API, CSP, demo).
globals().update(conf.load(env, VAR_DIR))

if PRODUCTION:
    for _name in ("QUANGBA_ALLOWED_HOSTS", "QUANGBA_SITE_URL"):
        if not env.text(_name).strip():
            raise ImproperlyConfigured(f"{_name} must be set when QUANGBA_PRODUCTION is on.")
    SECURE_SSL_REDIRECT = env.flag("QUANGBA_SSL_REDIRECT", True)
    # Behind a TLS-terminating proxy, e.g. QUANGBA_PROXY_SSL_HEADER=X-Forwarded-Proto.
    if env.text("QUANGBA_PROXY_SSL_HEADER"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + env.text("QUANGBA_PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
    SECURE_HSTS_SECONDS = env.integer("QUANGBA_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("QUANGBA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env.flag("QUANGBA_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a commitment made by submitting the domain to browsers' list: opt in.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
