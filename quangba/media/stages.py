"""The media stage: an article's pictures (and its videos' posters) kept by the portal before it
is published, so no page ever loads a picture from a partner's server.

A picture that cannot be kept is recorded on its image row (`media_error`, shown in the admin)
and the article goes on without it — never with a broken or hot-linked picture. A transient
failure (a timeout, a 5xx) is tried again with backoff by the `media-retry` stage, in the
background, up to `QUANGBA_MEDIA["MAX_TRIES"]`; a picture refused for what it is (a bomb, not a
picture, an SVG photo) is not. When a retried picture is kept, the article's pages are baked
again. The stage keeps the outlet's logo along with its articles' pictures (again when the
outlet's logo URL changes)."""
from __future__ import annotations

import time
from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from quangba.articles import licence
from quangba.articles.models import Article, ArticleImage
from quangba.core.errors import FetchError
from quangba.core.retry import backoff_delay
from quangba.core.stages import Stage, send
from quangba.core.text import web_url
from quangba.sources.models import Outlet

from . import pictures, store

LOGO_RECHECK = timedelta(hours=6)  # a logo that could not be kept is tried again this much later
LOGO_REBAKE = 50  # the outlet's latest pages baked again when its logo is (newly) kept
RUN_SECONDS = 240  # fetching stops after this long in one run (well inside the lease)


def posters(article: Article) -> list[str]:
    """The poster URLs of the article's videos, in order, once each."""
    found = []
    for item in article.media or []:
        url = web_url(item.get("poster") or "") if isinstance(item, dict) else ""
        if url and url not in found:
            found.append(url)
    return found


def sync_posters(article: Article, rows: list[ArticleImage]) -> list[ArticleImage]:
    """Image rows for the videos' posters (kept like any picture; `poster_for` says which)."""
    wanted = posters(article)
    have = {row.url: row for row in rows if row.poster_for}
    stale = [row.pk for url, row in have.items() if url not in wanted]
    if stale:
        ArticleImage.objects.filter(pk__in=stale).delete()
    start = max([row.position for row in rows] + [999]) + 1
    new = [ArticleImage(article=article, position=start + n, url=url[:1000], poster_for=url[:1000])
           for n, url in enumerate(u for u in wanted if u not in have)]
    if new:
        ArticleImage.objects.bulk_create(new)
    return [row for row in rows if row.pk not in stale] + new


def needs_work(row: ArticleImage, now, claimed: bool = False) -> bool:
    """Whether the row's picture is to be fetched now (`claimed`: the retry stage holds it)."""
    if row.file_id is not None and row.file.renditions:
        return False
    if claimed:
        return True
    if row.media_tries and row.media_retry_at is None:
        return False  # refused for good, or given up on
    return row.media_retry_at is None or row.media_retry_at <= now


def keep_rows(outlet: Outlet, rows: list[ArticleImage], claimed: bool = False) -> tuple[list[ArticleImage], bool]:
    """Fetch and keep each row's picture; returns the rows changed and whether any was newly kept.
    A run stops fetching after RUN_SECONDS (a gallery of slow pictures must not outlive its
    lease): the rest are left due now, for the retry stage."""
    now, changed, kept = timezone.now(), [], False
    limit = store.conf()["MAX_TRIES"]
    deadline = time.monotonic() + RUN_SECONDS
    with store.client(outlet.allow_private_addresses) as fetcher:
        for row in rows:
            if not needs_work(row, now, claimed):
                continue
            if time.monotonic() > deadline:
                row.media_retry_at = now
                changed.append(row)
                continue
            row.media_tries += 1
            try:
                row.file = store.keep(row.url, fetcher=fetcher)
                row.media_error, row.media_retry_at, kept = "", None, True
            except pictures.NotAPicture as exc:
                row.media_error, row.media_retry_at = f"refused: {exc}"[:500], None
            except FetchError as exc:
                row.media_error = f"{type(exc).__name__}: {exc}"[:500]
                row.media_retry_at = now + backoff_delay(row.media_tries, retry_after=exc.retry_after) \
                    if exc.transient and row.media_tries < limit else None
            changed.append(row)
    return changed, kept


class Media(Stage):
    """An article's pictures and posters kept, then on down the chain (with what could be kept)."""

    name = "media"
    rows_per_task = 4

    def run(self, key) -> None:
        article = Article.objects.select_related("outlet").filter(pk=key).first()
        changed = []
        if article is not None:
            keep_logo(article.outlet)
        if article is not None and licence.images(article.outlet):
            rows = sync_posters(article, list(article.images.select_related("file")))
            # Fetching happens before the transaction: it stays short.
            changed, _kept = keep_rows(article.outlet, rows)
        with self.commit(key):
            if changed:
                ArticleImage.objects.bulk_update(changed, FIELDS)
            self.hand_off([key])


FIELDS = ["file", "media_error", "media_tries", "media_retry_at"]


class Retry(Stage):
    """Pictures due for another try (a transient failure, or a restored article's released files),
    one image row each, in the background; a picture kept for an article already on the site has
    its pages baked again. Last in the chain: it hands nothing on."""

    name = "media-retry"
    model = ArticleImage
    due_field = "media_retry_at"
    background = True

    def pending(self):
        return ArticleImage.objects.filter(media_retry_at__isnull=False)

    def accept(self, keys) -> None:
        ArticleImage.objects.filter(pk__in=list(keys)).update(media_retry_at=timezone.now())

    def run(self, key) -> None:
        row = ArticleImage.objects.select_related("article__outlet", "file").filter(pk=key).first()
        if row is None:
            return
        changed, kept = keep_rows(row.article.outlet, [row], claimed=True) \
            if licence.images(row.article.outlet) else ([], False)
        if not changed:
            row.media_retry_at = None  # kept meanwhile, or images no longer allowed: nothing to retry
        with self.commit(key, media_retry_at=row.media_retry_at):
            if changed:
                ArticleImage.objects.filter(pk=key).update(
                    file=row.file, media_error=row.media_error, media_tries=row.media_tries)
            if kept and row.article.status == Article.Status.PUBLISHED:
                send("bake", [row.article_id])


def keep_logo(outlet: Outlet) -> bool:
    """Keep the outlet's logo when it is not kept yet or its address changed: claimed by one
    conditional UPDATE, so one worker fetches it; after a failure, tried again LOGO_RECHECK later.
    Returns whether a logo was newly kept (the outlet's latest pages are then baked again)."""
    if not outlet.logo_url or outlet.logo_url == outlet.logo_source:
        return False
    now = timezone.now()
    claimed = Outlet.objects.filter(pk=outlet.pk).exclude(logo_url=F("logo_source")).filter(
        Q(logo_checked_at__isnull=True) | Q(logo_checked_at__lte=now - LOGO_RECHECK)).update(logo_checked_at=now)
    if not claimed:
        return False
    try:
        with store.client(outlet.allow_private_addresses) as fetcher:
            media = store.keep(web_url(outlet.logo_url), kind=pictures.LOGO, fetcher=fetcher)
    except (pictures.NotAPicture, FetchError) as exc:
        Outlet.objects.filter(pk=outlet.pk).update(logo_error=f"{type(exc).__name__}: {exc}"[:500])
        return False
    Outlet.objects.filter(pk=outlet.pk).update(logo_file=media, logo_source=outlet.logo_url, logo_error="")
    outlet.logo_file, outlet.logo_source = media, outlet.logo_url
    send("bake", list(Article.objects.filter(outlet=outlet, status=Article.Status.PUBLISHED)
                      .order_by("-published_at").values_list("pk", flat=True)[:LOGO_REBAKE]))
    return True
