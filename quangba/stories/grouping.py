"""Assigning articles to stories, incrementally: a new article joins the story of its best
match or founds one. Re-running on unchanged content changes nothing."""
import threading
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from quangba.articles.models import Article

from .models import Story, StoryArticle
from .similarity import Detector, Signature

_lock = threading.Lock()
_detector: Detector | None = None
_loaded_up_to = 0
_synced_at = 0.0
SYNC_EVERY = 5.0  # seconds: page views may use an index a few seconds old
HISTORY = timedelta(days=30)


def _signature(article: Article) -> Signature:
    return Signature.of(article.pk, language=article.language, outlet=article.outlet.slug,
                        published_at=article.published_at, title=article.title,
                        text=f"{article.lead} {article.text}")


def detector(*, fresh: bool = True) -> Detector:
    """The process's detector, brought up to date with links other processes wrote (`fresh`),
    or at most SYNC_EVERY seconds old."""
    global _detector, _loaded_up_to, _synced_at
    if _detector is None:
        _detector, _loaded_up_to = Detector(), 0
    elif not fresh and time.monotonic() - _synced_at < SYNC_EVERY:
        return _detector
    _synced_at = time.monotonic()
    since = timezone.now() - HISTORY
    links = StoryArticle.objects.filter(pk__gt=_loaded_up_to).select_related("article__outlet") \
        .filter(article__published_at__gte=since).order_by("pk")
    for link in links.iterator(chunk_size=500):
        article = link.article
        _detector.add(Signature.from_dict(article.pk, link.signature, language=article.language,
                                          outlet=article.outlet.slug, published_at=article.published_at))
        _loaded_up_to = max(_loaded_up_to, link.pk)
    return _detector


def reset() -> None:
    """Forget the in-process index (tests, or after bulk changes)."""
    global _detector, _loaded_up_to, _synced_at
    with _lock:
        _detector, _loaded_up_to, _synced_at = None, 0, 0.0


def lock_stories() -> None:
    """Inside a transaction: one worker process at a time assigns stories, so two reports of the
    same event arriving at once cannot found two stories (SQLite's write lock does it there)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('quangba.stories'))")


def assign(article: Article) -> StoryArticle:
    """Put the article in a story (idempotent). Call it inside a transaction."""
    with _lock:
        lock_stories()
        link = StoryArticle.objects.filter(article=article).first()
        if link is not None and link.content_hash == article.content_hash:
            return link
        index = detector()
        signature = _signature(article)
        matches = [m for m in index.candidates(signature)
                   if StoryArticle.objects.filter(article_id=m.key).exists()]
        with transaction.atomic():
            if link is not None:
                link.signature, link.content_hash = signature.to_dict(), article.content_hash
                link.save(update_fields=["signature", "content_hash"])
            elif matches:
                best = StoryArticle.objects.get(article_id=matches[0].key)
                link = StoryArticle.objects.create(story_id=best.story_id, article=article, score=matches[0].score,
                                                   signature=signature.to_dict(), content_hash=article.content_hash)
                Story.objects.filter(pk=best.story_id).update(updated_at=timezone.now())
            else:
                story = Story.objects.create(title=article.title[:500])
                link = StoryArticle.objects.create(story=story, article=article, signature=signature.to_dict(),
                                                   content_hash=article.content_hash)
        index.add(signature)
        return link


def story_members(article_ids: list[int]) -> dict[int, list[StoryArticle]]:
    """For each article, the other articles of its story (one query)."""
    links = StoryArticle.objects.filter(article_id__in=article_ids).values_list("article_id", "story_id")
    story_of = dict(links)
    members: dict[int, list[StoryArticle]] = {pk: [] for pk in article_ids}
    others = StoryArticle.objects.filter(story_id__in=set(story_of.values())) \
        .select_related("article__outlet").order_by("article__published_at")
    by_story: dict[int, list[StoryArticle]] = {}
    for link in others:
        by_story.setdefault(link.story_id, []).append(link)
    for pk, story_id in story_of.items():
        members[pk] = [link for link in by_story.get(story_id, []) if link.article_id != pk]
    return members


def related_ids(article: Article, *, exclude: set[int], limit: int = 8) -> list[int]:
    """Articles whose content is closest to this one's (its own story left out), best first."""
    with _lock:
        index = detector(fresh=False)
        signature = index.signatures.get(article.pk) or _signature(article)
        return [m.key for m in index.similar(signature, limit=limit, exclude=frozenset(exclude))]
