"""Fetch, extract, store: a feed entry's page becomes an Article (in its source language).

Idempotent: the stored article changes only when the extracted content's hash changes, and each
change keeps a version. Filing, grouping, translation and publishing are the next stages' work.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from quangba.articles.images import image_dict
from quangba.articles.models import Article, ArticleImage, ArticleVersion
from quangba.core.errors import FetchError, PipelineError
from quangba.core.http import GuardedClient
from quangba.core.text import identity_hash, slugify, web_url
from quangba.extract import ExtractedArticle, ExtractionError, extract
from quangba.extract.document import decode
from quangba.extract.walls import Wall, find_wall
from quangba.sources.health import tally
from quangba.sources.models import Outlet
from quangba.stories.similarity import near_duplicate

from .models import Entry


class ExtractionFailed(PipelineError):
    """The page was fetched but yielded no article (empty, not an article, unreadable)."""


class Walled(PipelineError):
    """The page is a wall (bot challenge, login, paywalled teaser), not the article. A challenge
    may pass, so it is tried again; a wall still there at the last try marks the entry."""

    def __init__(self, wall: Wall, *, url: str):
        super().__init__(wall.reason, url=url)
        self.wall = wall
        self.transient = wall.passes


@dataclass
class Outcome:
    article_id: int | None
    action: str  # "created", "updated", "unchanged"

    @property
    def changed(self) -> bool:
        return self.action in ("created", "updated")


def client_for(outlet: Outlet) -> GuardedClient:
    """The guarded client with the outlet's address policy."""
    return GuardedClient.from_settings(allow_private=outlet.allow_private_addresses)


def fetch_and_extract(entry: Entry) -> tuple[ExtractedArticle, str]:
    """The entry's page, fetched through the guarded client and extracted; and the URL it was
    fetched from (after redirects). Writes nothing. Raises PipelineError."""
    outlet = entry.feed.outlet
    with client_for(outlet) as client:
        try:
            response = client.get(entry.url)
        except FetchError as exc:
            # Bot challenges answer 403 or 503 (Cloudflare, DDoS-Guard): a wall, not a broken page.
            wall = find_wall(decode(exc.content), "") if exc.content else None
            if wall is not None:
                raise Walled(wall, url=entry.url) from exc
            raise
    try:
        doc = extract(response.content, url=response.url, rules=outlet.extraction_rules or None)
    except ExtractionError as exc:
        wall = find_wall(decode(response.content), "")
        if wall is not None:  # nothing to extract from a challenge page either
            raise Walled(wall, url=entry.url) from exc
        raise ExtractionFailed(exc.reason, url=entry.url) from exc
    wall = find_wall(decode(response.content), doc.text)
    if wall is not None:
        raise Walled(wall, url=entry.url)
    return doc, response.url


def content_hash(doc: ExtractedArticle) -> str:
    payload = [doc.title, doc.lead, doc.body_html, doc.author,
               [(i.url, i.caption, i.credit, i.alt) for i in doc.images]]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def _site(url: str) -> tuple[str, int] | None:
    parts = urlsplit(url or "")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return ((parts.hostname or "").lower().removeprefix("www."), port) if parts.hostname else None


def owned_by(outlet: Outlet, url: str) -> bool:
    """Whether `url` lies on a site of the outlet: its homepage's or a feed's host (or a subdomain
    of one), on the same port."""
    site = _site(url)
    if site is None:
        return False
    host, port = site
    for home in [outlet.homepage, *outlet.feeds.values_list("url", flat=True)]:
        own = _site(home)
        if own and port == own[1] and (host == own[0] or host.endswith("." + own[0])):
            return True
    return False


def article_url(entry: Entry, doc: ExtractedArticle, fetched_url: str) -> tuple[str, str]:
    """The URL the article is known by (its identity and "Source:" link) and a note. An article
    belongs to its outlet: a canonical URL (or a redirect) onto a host the outlet does not own
    is not believed, and the note says so."""
    outlet = entry.feed.outlet
    notes = []
    canonical = web_url(doc.canonical_url or "")
    if doc.canonical_url and not owned_by(outlet, canonical):
        notes.append(f"canonical URL {doc.canonical_url[:300]} ignored: not on a site of {outlet.name}")
        canonical = ""
    fetched = web_url(fetched_url) if owned_by(outlet, fetched_url) else ""
    if fetched_url and not fetched and fetched_url != entry.url:
        notes.append(f"redirected to {fetched_url[:300]}, not a site of {outlet.name}: the feed's link is kept")
    return canonical or fetched or entry.url, "; ".join(notes)


# Clocks drift by minutes; a date further ahead is a mistake or an embargo trick, and an article
# dated in the future would sit on top of every list until then.
FUTURE_TOLERANCE = timedelta(minutes=15)


def sane_date(claimed: datetime | None, now: datetime, what: str, notes: list[str]) -> datetime | None:
    """`claimed`, or None (noted) when it lies beyond FUTURE_TOLERANCE in the future."""
    if claimed is not None and claimed > now + FUTURE_TOLERANCE:
        notes.append(f"{what} {claimed.isoformat()} is in the future: not believed")
        return None
    return claimed


def store(entry: Entry, doc: ExtractedArticle, *, fetched_url: str) -> Outcome:
    """Create or update the entry's article from `doc`, keeping a version on each change. Call it
    inside a transaction (the ingest stage's commit). Only this outlet's articles are looked at."""
    outlet = entry.feed.outlet
    url, note = article_url(entry, doc, fetched_url)
    now, notes = timezone.now(), [note] if note else []
    published = sane_date(doc.published_at, now, "the page's publication date", notes)
    listed = sane_date(entry.published_at, now, "the feed's date", notes)
    canonical = url if url == web_url(doc.canonical_url or "") else ""
    identity = identity_hash(url)
    digest = content_hash(doc)
    mine = Article.objects.select_for_update().filter(outlet=outlet)
    article = (mine.filter(identity=identity).first()
               or (mine.filter(pk=entry.article_id).first() if entry.article_id else None)
               or republished(outlet, doc))
    fields = dict(
        title=doc.title[:500] or entry.title[:500], lead=doc.lead, body_html=doc.body_html, text=doc.text,
        author=doc.author[:300], section_hint=doc.section_hint[:200],
        categories=[c for c in [doc.section_hint, *entry.categories] if c][:20],
        tags=doc.tags, media=entry.media, extractor=doc.extractor, confidence=doc.confidence,
        canonical_url=canonical[:1000], content_hash=digest,
        source_updated_at=sane_date(doc.updated_at, now, "the page's update date", notes),
    )
    if article is None:
        if not (published or listed):
            notes.append("no believable publication date on the page or in the feed: the fetch time is used")
        article = Article.objects.create(
            outlet=outlet, identity=identity, original_url=url[:1000],
            language=outlet.language, slug=slugify(fields["title"]) or "article",
            published_at=published or listed or now,
            status=Article.Status.PENDING, version=1, **fields,
        )
        tally(outlet.pk, "ingested", now)
        action = "created"
    elif article.content_hash == digest:
        action = "unchanged"
    elif doc.confidence < settings.QUANGBA_PIPELINE["MIN_CONFIDENCE"] and article.status == Article.Status.PUBLISHED:
        # A poor re-extraction must not overwrite a good published article: hold the change.
        raise ExtractionFailed(
            f"the changed page extracted with confidence {doc.confidence:.2f}; the published version is kept",
            url=entry.url)
    else:
        for key, value in fields.items():
            setattr(article, key, value)
        article.version += 1
        article.slug = slugify(article.title) or article.slug
        if published:  # a date not believed keeps the one the article has
            article.published_at = published
        article.save()
        action = "updated"
    if action != "unchanged":
        _write_images(article, doc)
        ArticleVersion.objects.create(
            article=article, number=article.version, title=article.title, lead=article.lead,
            body_html=article.body_html, author=article.author, content_hash=digest,
            images=[image_dict(i) for i in doc.images], source_url=fetched_url[:1000],
        )
    Entry.objects.filter(pk=entry.pk).update(article=article, notes="; ".join(notes)[:2000], updated_at=timezone.now())
    return Outcome(article.pk, action)


def republished(outlet: Outlet, doc: ExtractedArticle) -> Article | None:
    """The outlet's existing article this page repeats under a new URL (same title or lead, and
    near-identical text), so it updates that article instead of adding a second one."""
    if not doc.published_at:
        return None
    window = timedelta(hours=72)
    candidates = Article.objects.select_for_update().filter(
        outlet=outlet, published_at__range=(doc.published_at - window, doc.published_at + window)
    ).filter(Q(title=doc.title[:500]) | Q(lead=doc.lead) if doc.lead else Q(title=doc.title[:500]))
    for candidate in candidates[:5]:
        if near_duplicate(candidate.text, doc.text):
            return candidate
    return None


def _write_images(article: Article, doc: ExtractedArticle) -> None:
    """The article's image rows as the page now has them; a picture already kept under the same
    address keeps its file (the media stage does not fetch it again)."""
    kept = {url: file_id for url, file_id in article.images.filter(file__isnull=False).values_list("url", "file_id")}
    article.images.all().delete()
    ArticleImage.objects.bulk_create([
        ArticleImage(article=article, position=n, url=image.url[:1000], caption=image.caption,
                     credit=image.credit[:300], alt=image.alt[:500], width=image.width, height=image.height,
                     file_id=kept.get(image.url[:1000]))
        for n, image in enumerate(image for image in doc.images if web_url(image.url))
    ])
