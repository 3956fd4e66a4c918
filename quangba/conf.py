"""Every QUANGBA_* setting in one place: the environment variable it is read from, its default and
its type. `settings.py` loads them; the code reads `settings.QUANGBA_…` and never repeats a default.
"""
import json
import os
import shutil
from pathlib import Path


class Env:
    """Typed reads of the environment (12-factor)."""

    def __init__(self, environ=None):
        self.environ = os.environ if environ is None else environ

    def text(self, name: str, default: str = "") -> str:
        return self.environ.get(name, default)

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.environ.get(name)
        if value is None:
            return default
        return value.strip().lower() in {"1", "true", "yes", "on"}

    def integer(self, name: str, default: int) -> int:
        return int(self.environ.get(name, default))

    def number(self, name: str, default: float) -> float:
        return float(self.environ.get(name, default))

    def items(self, name: str, default: str = "") -> list[str]:
        return [item.strip() for item in self.environ.get(name, default).split(",") if item.strip()]

    def path(self, name: str, default: Path) -> Path:
        return Path(self.environ.get(name, default)).resolve()


# The chain of stages, in order (see README "How it works"): one line per stage, like MIDDLEWARE.
STAGES = [
    "quangba.ingest.stages.Poll",            # feeds → entries
    "quangba.ingest.stages.Ingest",          # entry → fetch, extract, store the article
    "quangba.taxonomy.stages.File",          # section and places
    "quangba.media.stages.Media",            # pictures and posters kept (never hot-linked)
    "quangba.stories.stages.Group",          # same-story grouping
    "quangba.translation.stages.Translate",  # one row per target language; the original goes on at once
    "quangba.articles.stages.Publish",       # publish or hold, through the editors' Actions
    "quangba.web.stages.Bake",               # baked pages and the search index
    "quangba.media.stages.Retry",            # pictures tried again, logos kept (background)
]


def translation_config(env: Env) -> tuple[dict, dict]:
    """Engines (alias → BACKEND + OPTIONS) and routes per language pair, in fallback order.
    Default: Apertium for en→es where it is installed; QUANGBA_TRANSLATION (JSON, or a path to a
    JSON file) replaces either."""
    engines = {"apertium": {"BACKEND": "quangba.translation.engines.apertium.ApertiumEngine", "OPTIONS": {}}}
    routes = {"en-es": ["apertium"]} if shutil.which("apertium") else {}
    raw = env.text("QUANGBA_TRANSLATION").strip()
    if raw:
        conf = json.loads(raw if raw.startswith("{") else Path(raw).read_text("utf-8"))
        engines, routes = conf.get("ENGINES", engines), conf.get("ROUTES", routes)
    return engines, routes


def media_storage(env: Env, var_dir: Path) -> dict:
    """Where kept pictures go: the filesystem under var/media (served at QUANGBA_MEDIA_URL, /media/
    by default: by the embedded server, or nginx with a year's cache), or with
    QUANGBA_MEDIA_STORAGE=s3 an S3-compatible bucket through django-storages (QUANGBA_S3_BUCKET,
    QUANGBA_S3_ENDPOINT_URL, QUANGBA_S3_ACCESS_KEY, QUANGBA_S3_SECRET_KEY, QUANGBA_S3_REGION,
    QUANGBA_S3_ACL), its files public and addressed through QUANGBA_MEDIA_URL (a CDN in front, say)."""
    url = env.text("QUANGBA_MEDIA_URL", "/media/")
    url = url if url.endswith("/") else url + "/"
    if env.text("QUANGBA_MEDIA_STORAGE", "filesystem") == "s3":
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": env.text("QUANGBA_S3_BUCKET", "quangba-media"),
            "endpoint_url": env.text("QUANGBA_S3_ENDPOINT_URL") or None,
            "access_key": env.text("QUANGBA_S3_ACCESS_KEY") or None,
            "secret_key": env.text("QUANGBA_S3_SECRET_KEY") or None,
            "region_name": env.text("QUANGBA_S3_REGION") or None,
            # Readers fetch the files directly: a public bucket policy, or QUANGBA_S3_ACL=public-read
            # where the store takes per-object ACLs.
            "querystring_auth": False, "file_overwrite": True, "default_acl": env.text("QUANGBA_S3_ACL") or None,
            # Names are content-hashed: a file never changes under its name.
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            "custom_domain": (parts.netloc + parts.path.rstrip("/")) if parts.netloc else None,
            "url_protocol": (parts.scheme + ":") if parts.scheme else "https:",
        }}
    return {"BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(env.path("QUANGBA_MEDIA_ROOT", var_dir / "media")), "base_url": url}}


def load(env: Env, var_dir: Path) -> dict:
    """Every QUANGBA_* setting, read from `env`."""
    production = env.flag("QUANGBA_PRODUCTION")
    local_origins = [] if production else ["http://127.0.0.1:*", "http://localhost:*"]
    engines, routes = translation_config(env)
    media_url = env.text("QUANGBA_MEDIA_URL", "/media/")
    media_origin = ["/".join(media_url.split("/")[:3])] if "://" in media_url else []
    return {
        "QUANGBA_SITE_NAME": env.text("QUANGBA_SITE_NAME"),  # empty: the translated default name
        # The portal's logo for search engines (JSON-LD publisher): a URL, or a static file's path.
        "QUANGBA_SITE_LOGO": env.text("QUANGBA_SITE_LOGO", "quangba/logo.png"),
        # Where readers and partners write to (the Contact and Privacy pages); empty: no address shown.
        "QUANGBA_CONTACT_EMAIL": env.text("QUANGBA_CONTACT_EMAIL"),
        # Who is told of a failing or idle partner besides the staff users with an address.
        "QUANGBA_ALERT_EMAILS": env.items("QUANGBA_ALERT_EMAILS"),
        # "quangba": the portal's own index (SQLite FTS5 / PostgreSQL full text); or a modelsearch
        # backend's dotted path (Elasticsearch, OpenSearch).
        "QUANGBA_SEARCH_BACKEND": env.text("QUANGBA_SEARCH_BACKEND", "quangba"),
        "QUANGBA_STAGES": env.items("QUANGBA_STAGES", ",".join(STAGES)),
        "QUANGBA_FETCH": {
            "USER_AGENT": env.text(
                "QUANGBA_USER_AGENT", "quangba/0.1 (+https://github.com/quangba/quangba; partner-content fetcher)"),
            "CONNECT_TIMEOUT": env.number("QUANGBA_FETCH_CONNECT_TIMEOUT", 5),
            "READ_TIMEOUT": env.number("QUANGBA_FETCH_READ_TIMEOUT", 15),
            "TOTAL_TIMEOUT": env.number("QUANGBA_FETCH_TOTAL_TIMEOUT", 45),
            "MAX_BYTES": env.integer("QUANGBA_FETCH_MAX_BYTES", 8 * 1024 * 1024),
            "MAX_REDIRECTS": env.integer("QUANGBA_FETCH_MAX_REDIRECTS", 5),
            # Minimum seconds between two requests to one host (robots.txt Crawl-delay wins if larger).
            "POLITENESS_SECONDS": env.number("QUANGBA_FETCH_POLITENESS", 1.0),
        },
        "QUANGBA_PIPELINE": {
            # After each check a feed's next one comes from its own rhythm and what it asks (ttl,
            # Cache-Control, Expires), within these bounds.
            "POLL_MIN_SECONDS": env.integer("QUANGBA_POLL_MIN_SECONDS", 120),
            "POLL_MAX_SECONDS": env.integer("QUANGBA_POLL_MAX_SECONDS", 24 * 3600),
            # Feeds list recent items and are rarely over a megabyte; parsing grows slow on many.
            "MAX_FEED_BYTES": env.integer("QUANGBA_MAX_FEED_BYTES", 3 * 1024 * 1024),
            # A claimed row not finished after this long is claimed again (its worker died). It must
            # exceed the longest run of any stage (fetches stop at QUANGBA_FETCH_TOTAL_TIMEOUT).
            "LEASE_SECONDS": env.integer("QUANGBA_LEASE_SECONDS", 600),
            "MAX_ATTEMPTS": env.integer("QUANGBA_MAX_ATTEMPTS", 6),
            "FEED_PAUSE_AFTER_ERRORS": env.integer("QUANGBA_FEED_PAUSE_AFTER", 10),
            "BACKOFF_BASE_SECONDS": env.number("QUANGBA_BACKOFF_BASE", 30),
            "BACKOFF_CAP_SECONDS": env.number("QUANGBA_BACKOFF_CAP", 6 * 3600),
            # Extraction confidence under this holds the article for review.
            "MIN_CONFIDENCE": env.number("QUANGBA_MIN_CONFIDENCE", 0.5),
            # Rows a stage claims per scheduler pass.
            "CLAIM_LIMIT": env.integer("QUANGBA_CLAIM_LIMIT", 200),
            # Work handed to the next stage is claimed as soon as it commits, not at the next pass.
            "EXPRESS": env.flag("QUANGBA_EXPRESS", True),
            # Pushes a minute one ingest API key may send.
            "PUSH_PER_MINUTE": env.integer("QUANGBA_PUSH_PER_MINUTE", 120),
            # A whole article an outlet pushed stays on its entry this long after it was stored.
            "PUSH_KEEP_DAYS": env.integer("QUANGBA_PUSH_KEEP_DAYS", 30),
            # WebSub: subscribe to the hub a feed names; ask for leases this long; while a lease is in
            # force and the hub misses nothing, check the feed itself only this often.
            "WEBSUB": env.flag("QUANGBA_WEBSUB", True),
            "WEBSUB_LEASE_SECONDS": env.integer("QUANGBA_WEBSUB_LEASE_SECONDS", 10 * 24 * 3600),
            "WEBSUB_POLL_SECONDS": env.integer("QUANGBA_WEBSUB_POLL_SECONDS", 6 * 3600),
        },
        "QUANGBA_COMMENTS": {
            "PER_IP": env.integer("QUANGBA_COMMENTS_PER_IP", 5),
            "PER_ARTICLE": env.integer("QUANGBA_COMMENTS_PER_ARTICLE", 30),
            "WINDOW": env.integer("QUANGBA_COMMENTS_WINDOW", 600),
            # Set when a proxy in front puts the reader's address in a header (e.g. X-Real-IP).
            "TRUSTED_PROXY_HEADER": env.text("QUANGBA_TRUSTED_PROXY_HEADER"),
        },
        "TRANSLATION_ENGINES": engines,
        "TRANSLATION_ROUTES": routes,
        # Pages baked to files (see README "Serving"); nginx or a CDN serves this directory with
        # `try_files $uri/index.html @django`.
        "QUANGBA_BAKE": env.flag("QUANGBA_BAKE", True),
        "QUANGBA_BAKED_DIR": env.path("QUANGBA_BAKED_DIR", var_dir / "baked"),
        "QUANGBA_API": {
            "PAGE_SIZE": env.integer("QUANGBA_API_PAGE_SIZE", 20),
            "MAX_PAGE_SIZE": env.integer("QUANGBA_API_MAX_PAGE_SIZE", 100),
            "MAX_AGE": env.integer("QUANGBA_API_MAX_AGE", 60),
        },
        "QUANGBA_API_CORS_ORIGINS": env.items("QUANGBA_API_CORS_ORIGINS"),
        # Partner video clips are linked; the demo partners live on http://127.0.0.1:87xx.
        "QUANGBA_CSP": {
            "default-src": ["'self'"],
            "script-src": ["'self'"],
            "style-src": ["'self'"],
            # Pictures, logos and posters are the portal's own (the media stage): its origin and
            # the media storage's; video files are still the partners' (media-src).
            "img-src": ["'self'", *media_origin, *env.items("QUANGBA_CSP_IMG_SRC")],
            "media-src": ["'self'", *media_origin, "https:", *local_origins, *env.items("QUANGBA_CSP_MEDIA_SRC")],
            "frame-src": ["https://www.youtube-nocookie.com"],
            "connect-src": ["'self'"],
            "font-src": ["'self'"],
            "object-src": ["'none'"],
            "base-uri": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": ["'none'"],
            **({"upgrade-insecure-requests": []} if production else {}),
        },
        "QUANGBA_CSP_REPORT_ONLY": env.flag("QUANGBA_CSP_REPORT_ONLY"),
        # The media stage: pictures and posters fetched (at most MAX_BYTES, MAX_PIXELS), checked,
        # rendered at WIDTHS (cards cropped at CARD_WIDTHS) in AVIF, WebP and JPEG/PNG, kept.
        "QUANGBA_MEDIA": {
            "MAX_BYTES": env.integer("QUANGBA_MEDIA_MAX_BYTES", 15 * 1024 * 1024),
            "MAX_PIXELS": env.integer("QUANGBA_MEDIA_MAX_PIXELS", 40_000_000),
            "WIDTHS": tuple(int(w) for w in env.items("QUANGBA_MEDIA_WIDTHS", "320,640,960,1280,1920")),
            "CARD_WIDTHS": tuple(int(w) for w in env.items("QUANGBA_MEDIA_CARD_WIDTHS", "320,640,960")),
            "MAX_TRIES": env.integer("QUANGBA_MEDIA_MAX_TRIES", 6),
            # Pictures come from partners' image servers, several per article: a shorter wait.
            "POLITENESS_SECONDS": env.number("QUANGBA_MEDIA_POLITENESS", 0.2),
        },
        "QUANGBA_PERMISSIONS_POLICY": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        # The embedded web server (quangba.web.front): what nginx's client_body_timeout and
        # client_max_body_size do in production, and the threads Django answers in.
        "QUANGBA_WEB": {
            "THREADS": env.integer("QUANGBA_WEB_THREADS", 8),
            "BODY_TIMEOUT": env.number("QUANGBA_BODY_TIMEOUT", 15),
            "MAX_BODY_BYTES": env.integer("QUANGBA_MAX_BODY_BYTES", 1024 * 1024),
        },
        "QUANGBA_DEMO": {
            "ADDR": env.text("QUANGBA_DEMO_ADDR", "127.0.0.1:8000"),
            "PARTNER_PORT": env.integer("QUANGBA_DEMO_PARTNER_PORT", 8701),
            "ADMIN_PASSWORD": env.text("QUANGBA_DEMO_ADMIN_PASSWORD"),
        },
    }
