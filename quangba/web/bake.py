"""Baked pages: home, section and article pages rendered to files when their content changes, so
the front web server (nginx `try_files`, a CDN, or BakedPagesMiddleware in the embedded setup)
answers them without Django. Anything not baked falls through to the views."""
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.utils.translation import override

from quangba.articles.models import Article
from quangba.taxonomy.models import Section

log = logging.getLogger(__name__)
BYPASS_HEADER = "HTTP_X_QUANGBA_RENDER"  # set when baking, so the middleware renders instead of serving


def baked_root() -> Path:
    return Path(settings.QUANGBA_BAKED_DIR)


def file_for(path: str) -> Path | None:
    """The file a URL path is baked to (`/vi/travel/` → ROOT/vi/travel/index.html), or None when
    the path could escape the root."""
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    return baked_root().joinpath(*parts, "index.html")


def _write(path: str, body: bytes) -> None:
    target = file_for(path)
    if target is None:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written whole then renamed: a reader never sees half a page.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".bake-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(body)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


def remove(path: str) -> None:
    target = file_for(path)
    if target is not None and target.exists():
        target.unlink()


def _client() -> Client:
    host = urlsplit(settings.SITE_URL).netloc or "127.0.0.1"
    return Client(HTTP_HOST=host, **{BYPASS_HEADER: "1"})


def render_path(client: Client, path: str) -> bytes | None:
    """The page at `path` as the site serves it, or None when it is not a plain 200."""
    response = client.get(path)
    if response.status_code != 200 or response.get("Content-Type", "").split(";")[0] != "text/html":
        return None
    return response.content


def bake_paths(paths: list[str]) -> int:
    """Render and write these pages; remove the files of those that no longer render."""
    if not settings.QUANGBA_BAKE:
        return 0
    client, written = _client(), 0
    for path in dict.fromkeys(paths):
        body = render_path(client, path)
        if body is None:
            remove(path)
        else:
            _write(path, body)
            written += 1
    return written


def article_paths(article: Article) -> list[str]:
    """Every URL the article is readable at (its language and its published translations)."""
    from quangba.web.localize import languages_of

    paths = []
    for language in languages_of(article):
        if language == article.language:
            paths.append(article.get_absolute_url(language))
        else:
            translation = article.translations.filter(language=language).first()
            if translation:
                paths.append(translation.get_absolute_url())
    return paths


def front_paths(section_slugs: set[str]) -> list[str]:
    """Home and the first page of the given sections, in every language."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            paths.append(f"/{code}/")
            paths += [f"/{code}/{slug}/" for slug in sorted(section_slugs)]
    return paths


def bake_articles(article_ids: list[int]) -> int:
    """Re-bake the pages these articles appear on; drop the pages of those no longer public."""
    if not settings.QUANGBA_BAKE:
        return 0
    articles = list(Article.objects.filter(pk__in=article_ids).select_related("section", "outlet"))
    paths, sections = [], set()
    for article in articles:
        if article.section:
            sections.add(article.section.slug)
        # Every language's page of the article goes first, whatever its slug was; the public
        # ones are written again just after (meanwhile the views answer).
        for code, _name in settings.LANGUAGES:
            for directory in (baked_root() / code / "article").glob(f"{article.pk}-*"):
                shutil.rmtree(directory, ignore_errors=True)
        if article.status == Article.Status.PUBLISHED and article.outlet.active:
            paths += article_paths(article)
    return bake_paths(paths + front_paths(sections))


def bake_all() -> int:
    """Bake every public page from scratch (after a deploy or a template change)."""
    shutil.rmtree(baked_root(), ignore_errors=True)
    ids = list(Article.objects.published().values_list("pk", flat=True))
    paths = []
    for article in Article.objects.filter(pk__in=ids):
        paths += article_paths(article)
    return bake_paths(paths + front_paths(set(Section.objects.values_list("slug", flat=True))))


_sweep_cursor = 0
_swept_at = 0.0
SWEEP_EVERY = 1.0  # seconds between two batches


def sweep(now, lease, limit: int = 200) -> int:
    """Scheduler hook: a worker killed between a change's commit and its bake task leaves a page
    missing or older than its content. Walks the articles a batch per pass, round robin, and
    sends those to be baked again (published ones whose page is missing or stale, others whose
    page is still there)."""
    global _sweep_cursor, _swept_at
    from django_tasks_db.models import DBTaskResult

    from quangba.translation.models import ArticleTranslation

    from .tasks import bake

    # Bakes still waiting in the queue will do the work: don't pile more on them.
    if not settings.QUANGBA_BAKE or time.monotonic() - _swept_at < SWEEP_EVERY \
            or DBTaskResult.objects.filter(status="READY", task_path=bake.module_path).exists():
        return 0
    _swept_at = time.monotonic()

    batch = list(Article.objects.filter(pk__gt=_sweep_cursor).select_related("outlet").order_by("pk")[:limit])
    _sweep_cursor = batch[-1].pk if len(batch) == limit else 0
    translations: dict[int, list] = {}
    for translation in ArticleTranslation.objects.filter(
            article__in=batch, status=ArticleTranslation.Status.PUBLISHED).select_related("article"):
        translations.setdefault(translation.article_id, []).append(translation)
    stale = []
    for article in batch:
        if article.status == Article.Status.PUBLISHED and article.outlet.active:
            pages = [(article.get_absolute_url(article.language), article.modified_at)]
            pages += [(t.get_absolute_url(), t.translated_at or article.modified_at)
                      for t in translations.get(article.pk, [])]
            if any(_outdated(path, changed) for path, changed in pages):
                stale.append(article.pk)
        elif any(next((baked_root() / code / "article").glob(f"{article.pk}-*"), None)
                 for code, _name in settings.LANGUAGES):
            stale.append(article.pk)
    if stale:
        bake.enqueue(stale)
    return len(stale)


def _outdated(path: str, changed) -> bool:
    target = file_for(path)
    try:
        return target is None or target.stat().st_mtime < changed.timestamp()
    except FileNotFoundError:
        return True
