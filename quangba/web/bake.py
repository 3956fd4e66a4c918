"""Baked pages: home, section and article pages rendered to files when their content changes, so
the front web server (nginx `try_files`, a CDN, or BakedPagesMiddleware in the embedded setup)
answers them without Django. Anything not baked falls through to the views.

Pages are rendered in this process through the site's own handler, from the database as it is
now: neither the baked file nor the page cache answers a bake (`RENDER_KEY` in the request, a
WSGI key no client can set)."""
import gzip
import os
import shutil
import tempfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from datetime import timedelta

import brotli
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db.models import Prefetch, Q
from django.utils import timezone

from quangba.articles.models import Article, ArticleTranslation
from quangba.core.models import Counter
from quangba.stories.models import RelatedArticle, StoryArticle
from quangba.taxonomy.models import Section

RENDER_KEY = "quangba.render"
GENERATION = "content-generation"  # moved on by the bake stage after every change it bakes
_handler: WSGIHandler | None = None


def baked_root() -> Path:
    return Path(settings.QUANGBA_BAKED_DIR)


def file_for(path: str) -> Path | None:
    """The file a URL path is baked to (`/vi/travel/` → ROOT/vi/travel/index.html), or None when
    the path could escape the root."""
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    return baked_root().joinpath(*parts, "index.html")


# Brotli's quality 5 compresses a page to 0.266 of its size in 0.2 ms; 9 to 0.264 in 4 ms; 11 to
# 0.236 in 10 ms (117 sample pages): the bake stage writes several pages per article.
BROTLI_QUALITY = 5
ENCODINGS = {"br": ".br", "gzip": ".gz"}  # the files next to each page, as nginx's brotli_static/gzip_static read them


def compressed(body: bytes) -> dict[str, bytes]:
    """The page's bytes for each encoding in ENCODINGS (the same bytes every time for a page)."""
    return {".br": brotli.compress(body, quality=BROTLI_QUALITY), ".gz": gzip.compress(body, 9, mtime=0)}


def _write(path: str, body: bytes) -> None:
    target = file_for(path)
    if target is None:
        return
    # Each file written whole then renamed: a reader never sees half a page. The compressed
    # versions go first: the plain page is the one whose presence says the page is baked.
    for suffix, data in [*compressed(body).items(), ("", body)]:
        for attempt in range(3):
            # Another worker may drop the article's folder meanwhile (its slug changed, it was
            # taken down): make it again and write again, rather than fail the whole bake.
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".bake-")
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.chmod(tmp, 0o644)
                os.replace(tmp, f"{target}{suffix}")
                break
            except FileNotFoundError:
                if attempt == 2:
                    raise


def remove(path: str) -> None:
    target = file_for(path)
    if target is not None:
        for suffix in ("", *ENCODINGS.values()):
            Path(f"{target}{suffix}").unlink(missing_ok=True)


def render(path: str) -> bytes | None:
    """The page at `path` as the site serves it now, or None when it is not a plain 200 HTML page."""
    global _handler
    if _handler is None:
        _handler = WSGIHandler()
    site = urlsplit(settings.SITE_URL)
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": site.hostname or "127.0.0.1", "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc or "127.0.0.1", "wsgi.url_scheme": site.scheme or "http", "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(), "REMOTE_ADDR": "127.0.0.1", RENDER_KEY: True,
    }
    response = _handler.get_response(WSGIRequest(environ))
    if response.status_code != 200 or response.get("Content-Type", "").split(";")[0] != "text/html":
        return None
    return response.content


def bake_paths(paths: list[str]) -> int:
    """Render and write these pages; remove the files of those that no longer render."""
    if not settings.QUANGBA_BAKE:
        return 0
    written = 0
    for path in dict.fromkeys(paths):
        body = render(path)
        if body is None:
            remove(path)
        else:
            _write(path, body)
            written += 1
    return written


def bake_pages(paths: list[str]) -> int:
    """Pages an editor changed (a front page's picks) baked again now, and every process's page
    cache moved on."""
    Counter.bump(GENERATION)
    return bake_paths(paths)


def article_paths(article: Article) -> list[str]:
    """Every URL the article is readable at: its language and its published translations
    (prefetched as `public_translations`, or read here)."""
    translations = getattr(article, "public_translations", None)
    if translations is None:
        translations = article.translations.filter(status=ArticleTranslation.Status.PUBLISHED)
    return [article.get_absolute_url(article.language)] + [t.get_absolute_url() for t in translations]


def front_paths(section_slugs: set[str], languages=None) -> list[str]:
    """Home, the Local index (its counts move with every article that names a place), the first
    page of the given sections, and every section's side column of the article pages (its
    "Latest" moves with every article), in the given languages (all by default)."""
    paths = []
    every_section = Section.objects.values_list("slug", flat=True)
    for code in languages or [code for code, _name in settings.LANGUAGES]:
        paths += [f"/{code}/", f"/{code}/local/"]
        paths += [f"/{code}/{slug}/" for slug in sorted(section_slugs - {"local"})]
        paths += [f"/{code}/rail/{slug}/" for slug in every_section]
    return paths


def _with_pages():
    return Article.objects.select_related("section", "outlet").prefetch_related(
        Prefetch("translations", queryset=ArticleTranslation.objects.filter(
            status=ArticleTranslation.Status.PUBLISHED).only("pk", "article_id", "language", "slug"),
            to_attr="public_translations"))


def _drop_article_pages(article_id: int) -> None:
    """Every language's page of the article, whatever its slug was; the public ones are written
    again just after (meanwhile the views answer)."""
    for code, _name in settings.LANGUAGES:
        for directory in (baked_root() / code / "article").glob(f"{article_id}-*"):
            shutil.rmtree(directory, ignore_errors=True)


def bake_articles(article_ids: list[int], pages: set[tuple[str, int | None]] | None = None) -> int:
    """Bake again every page that shows these articles: their own; home, the Local index and the
    first page of their sections in the languages they are (or were) listed in (`pages`, from the
    listings update: (language, section id); without it, every language and section); the pages of
    the other reports of their stories (which list them under "Also reported by") and of the
    articles that list them as related reading. Drop the pages of those no longer public."""
    if not settings.QUANGBA_BAKE:
        return 0
    article_ids = list(dict.fromkeys(article_ids))
    story_ids = StoryArticle.objects.filter(article_id__in=article_ids).values("story_id")
    neighbours = list(StoryArticle.objects.filter(story_id__in=story_ids).exclude(article_id__in=article_ids)
                      .values_list("article_id", flat=True)[:200])
    neighbours += RelatedArticle.objects.filter(other_id__in=article_ids).values_list("article_id", flat=True)[:200]
    paths = []
    for pk in article_ids:
        _drop_article_pages(pk)
    for article in _with_pages().filter(pk__in=article_ids + neighbours):
        if article.status == Article.Status.PUBLISHED and article.outlet.active:
            paths += article_paths(article)
    if pages is None:
        fronts = front_paths(set(Section.objects.values_list("slug", flat=True)))
    else:
        slugs = dict(Section.objects.values_list("pk", "slug"))
        fronts = []
        for language in sorted({language for language, _section in pages}):
            fronts += front_paths({slugs[s] for code, s in pages if code == language and s in slugs}, [language])
    return bake_paths(paths + fronts)


def bake_all(days: int = 30, chunk: int = 500) -> int:
    """Bake the public pages from scratch (after a deploy or a template change): home, sections and
    the articles of the last `days` days now, newest first, a chunk at a time; older article pages
    are baked when first asked for (BakedPagesMiddleware)."""
    shutil.rmtree(baked_root(), ignore_errors=True)
    written = bake_paths(front_paths(set(Section.objects.values_list("slug", flat=True))))
    since = timezone.now() - timedelta(days=days)
    last = None
    while True:
        batch = _with_pages().published().filter(published_at__gte=since)
        if last is not None:
            batch = batch.filter(Q(published_at__lt=last[0]) | Q(published_at=last[0], pk__lt=last[1]))
        batch = list(batch.order_by("-published_at", "-pk")[:chunk])
        if not batch:
            return written
        last = (batch[-1].published_at, batch[-1].pk)
        written += bake_paths([path for article in batch for path in article_paths(article)])


BAKED_VIEWS = {"web:home", "web:section", "web:local", "web:article", "web:rail"}


def bake_on_request(request, response) -> None:
    """A page the bake stage keeps (home, sections, Local, articles) that was not baked yet (older
    than `quangba bake` went back) is written when first served — unless the content changed
    while it was rendered (the bake stage may have dropped it meanwhile)."""
    match = getattr(request, "resolver_match", None)
    # By the whole view name: another app's "home" (the desk's, say: staff only) is never baked.
    if (not settings.QUANGBA_BAKE or match is None or match.view_name not in BAKED_VIEWS
            or response.status_code != 200 or getattr(response, "streaming", False)
            or response.get("Content-Type", "").split(";")[0] != "text/html"):
        return
    if getattr(request, "generation_seen", None) == Counter.read(GENERATION):
        _write(request.path, response.content)
