"""The ingest stage: a feed entry's page is fetched, extracted and stored as an Article.

Idempotent: the stored article changes only when the extracted content's hash changes, and each
change keeps a version. The article and the entry's state are written in one transaction.
"""
import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quangba.core.errors import PipelineError
from quangba.core.http import GuardedClient
from quangba.core.stages import record_failure
from quangba.core.text import slugify
from quangba.extract import ExtractedArticle, ExtractionError, extract
from quangba.sources.models import Entry, Outlet, identity_hash
from quangba.stories.similarity import near_duplicate
from quangba.taxonomy.filing import place_slugs, section_for
from quangba.taxonomy.models import Place, Section

from .models import Article, ArticleImage, ArticleVersion
from .signals import article_changed

log = logging.getLogger(__name__)


class ExtractionFailed(PipelineError):
    """The page was fetched but yielded no article (empty, not an article, unreadable)."""


@dataclass
class Outcome:
    article_id: int | None
    action: str  # "created", "updated", "unchanged", "held", "failed", "retry", "skipped"


def client_for(outlet: Outlet) -> GuardedClient:
    """The guarded client with the outlet's address policy."""
    return GuardedClient.from_settings(allow_private=outlet.allow_private_addresses)


def content_hash(doc: ExtractedArticle) -> str:
    payload = [doc.title, doc.lead, doc.body_html, doc.author,
               [(i.url, i.caption, i.credit, i.alt) for i in doc.images]]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def run_entry(entry_id: int) -> Outcome:
    """Run the ingest stage for one entry, recording success or a typed failure on it."""
    entry = Entry.objects.select_related("feed__outlet").filter(pk=entry_id).first()
    if entry is None or entry.state != Entry.State.PENDING:
        return Outcome(entry.article_id if entry else None, "skipped")
    outlet = entry.feed.outlet
    try:
        with client_for(outlet) as client:
            response = client.get(entry.url)
        try:
            doc = extract(response.content, url=response.url, rules=outlet.extraction_rules or None)
        except ExtractionError as exc:
            raise ExtractionFailed(exc.reason, url=entry.url) from exc
        return store(entry, doc, fetched_url=response.url)
    except Exception as exc:  # every failure is recorded on the entry; the worker goes on
        failure = record_failure(entry, exc, state_field="state", failed_value=Entry.State.FAILED,
                                 extra_fields=("updated_at",))
        if not isinstance(exc, PipelineError):
            log.exception("ingest of entry %s (%s) failed unexpectedly", entry.pk, entry.url)
        return Outcome(None, "failed" if failure.permanent else "retry")


def _status_for(outlet: Outlet, doc: ExtractedArticle) -> tuple[str, str]:
    minimum = settings.QUANGBA_PIPELINE["MIN_CONFIDENCE"]
    if doc.confidence < minimum:
        return Article.Status.REVIEW, (
            f"extraction confidence {doc.confidence:.2f} is under {minimum:.2f}: check the body against the original")
    if outlet.publish == Outlet.Publish.REVIEW:
        return Article.Status.REVIEW, "the outlet's agreement asks for review before publishing"
    return Article.Status.PUBLISHED, ""


def _section(outlet: Outlet, entry: Entry, doc: ExtractedArticle) -> Section:
    # A video item is filed under Video whatever its outlet calls it.
    if any(str(m.get("type", "")).startswith(("video/", "text/html")) for m in entry.media):
        return Section.for_slug("video")
    slug = section_for(outlet_map=outlet.section_map, categories=[doc.section_hint, *entry.categories],
                       url=doc.url or entry.url, language=outlet.language, title=doc.title, text=doc.text)
    return Section.for_slug(slug)


@transaction.atomic
def store(entry: Entry, doc: ExtractedArticle, *, fetched_url: str) -> Outcome:
    """Create or update the entry's article from `doc`, keeping a version on each change."""
    outlet = entry.feed.outlet
    identity = identity_hash(doc.canonical_url or fetched_url or entry.url)
    digest = content_hash(doc)
    article = (Article.objects.select_for_update().filter(identity=identity).first()
               or (Article.objects.select_for_update().filter(pk=entry.article_id).first()
                   if entry.article_id else None)
               or republished(outlet, doc))
    now = timezone.now()
    fields = dict(
        title=doc.title[:500] or entry.title[:500], lead=doc.lead, body_html=doc.body_html, text=doc.text,
        author=doc.author[:300], source_updated_at=doc.updated_at, section_hint=doc.section_hint[:200],
        tags=doc.tags, media=entry.media, extractor=doc.extractor, confidence=doc.confidence,
        canonical_url=(doc.canonical_url or "")[:1000], content_hash=digest,
    )
    if article is None:
        status, reason = _status_for(outlet, doc)
        article = Article.objects.create(
            outlet=outlet, identity=identity, original_url=(doc.canonical_url or fetched_url)[:1000],
            language=outlet.language, slug=slugify(fields["title"]) or "article",
            published_at=doc.published_at or entry.published_at or now, section=_section(outlet, entry, doc),
            status=status, review_reason=reason, version=1, **fields,
        )
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
        if doc.published_at:
            article.published_at = doc.published_at
        if not article.section_locked:
            article.section = _section(outlet, entry, doc)
        if article.status == Article.Status.REVIEW:
            article.status, article.review_reason = _status_for(outlet, doc)
        article.save()
        action = "updated"
    if action != "unchanged":
        _write_images(article, doc)
        article.places.set(Place.for_slugs(place_slugs(article.title, article.lead, article.text)))
        ArticleVersion.objects.create(
            article=article, number=article.version, title=article.title, lead=article.lead,
            body_html=article.body_html, author=article.author, content_hash=digest,
            images=[{"url": i.url, "caption": i.caption, "credit": i.credit, "alt": i.alt} for i in doc.images],
            source_url=fetched_url[:1000],
        )
    if action != "unchanged":
        transaction.on_commit(lambda: _announce(article, action))
    entry.article = article
    entry.state = Entry.State.DONE
    entry.last_error = ""
    entry.save(update_fields=["article", "state", "last_error", "updated_at"])
    if action == "created" and article.status == Article.Status.REVIEW:
        action = "held"
    return Outcome(article.pk, action)


def _announce(article: Article, action: str) -> None:
    """Tell the later stages; one failing must not undo or fail this one (their sweeps retry)."""
    for receiver, result in article_changed.send_robust(sender=Article, article=article, action=action):
        if isinstance(result, Exception):
            log.error("after ingest of article %s, %s failed: %r", article.pk, receiver, result)


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
    article.images.all().delete()
    ArticleImage.objects.bulk_create([
        ArticleImage(article=article, position=n, url=image.url[:1000], caption=image.caption,
                     credit=image.credit[:300], alt=image.alt[:500], width=image.width, height=image.height)
        for n, image in enumerate(doc.images) if image.url
    ])
