"""The translation stage of the pipeline: which articles need which languages, and doing one.

One ArticleTranslation row per (article, target language) holds the state; the scheduler leases
due rows and enqueues them, so a dead worker's translation is picked up again."""
import logging
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quangba.articles.models import Article
from quangba.articles.signals import content_changed
from quangba.core.errors import PipelineError
from quangba.core.stages import record_failure
from quangba.core.text import slugify

from . import ArticleDoc, Glossary, GlossaryEntry, ImageDoc, Router, TranslationError, translate_article
from .glossary import merge
from .models import ArticleTranslation, GlossaryTerm, TranslationMemoryEntry

log = logging.getLogger(__name__)


class TranslationFailed(PipelineError):
    """No engine could translate the article; transient when the engine may come back."""

    def __init__(self, error: TranslationError):
        super().__init__(str(error), retry_after=getattr(error, "retry_after", None))
        self.transient = bool(getattr(error, "transient", False))


@lru_cache(maxsize=1)
def router() -> Router:
    return Router.from_settings(settings.TRANSLATION_ENGINES, settings.TRANSLATION_ROUTES)


def targets_for(article: Article) -> list[str]:
    """The site languages this article should be translated into (those with an engine)."""
    return [code for code, _name in settings.LANGUAGES
            if code != article.language and router().engines_for(article.language, code)]


class DatabaseMemory:
    """The translation memory in the database, keyed by MemoryKey.digest()."""

    def get_many(self, keys):
        keys = list(keys)
        by_digest = {key.digest(): key for key in keys}
        rows = TranslationMemoryEntry.objects.filter(digest__in=list(by_digest)).values_list("digest", "translation")
        return {by_digest[digest]: translation for digest, translation in rows}

    def put_many(self, items):
        rows = [TranslationMemoryEntry(digest=key.digest(), engine=key.engine, source_language=key.source,
                                       target_language=key.target, source_text=key.text, translation=value)
                for key, value in items.items()]
        TranslationMemoryEntry.objects.bulk_create(rows, ignore_conflicts=True)


def glossary_for(source: str, target: str) -> Glossary:
    """The editors' terms for the pair ahead of the starter glossary."""
    terms = [GlossaryEntry(t.source, t.target or t.source, dnt=t.do_not_translate,
                           case_sensitive=t.case_sensitive, strict=t.strict, note=t.note)
             for t in GlossaryTerm.objects.filter(source_language=source, target_language=target)]
    return merge([Glossary(terms, source, target), Glossary.starter(source, target)])


def request_translations(article: Article) -> int:
    """Mark the article's translations due where missing or out of date. Idempotent."""
    due = 0
    for language in targets_for(article):
        translation, created = ArticleTranslation.objects.get_or_create(article=article, language=language)
        if created or (translation.source_hash != article.content_hash
                       and translation.status != ArticleTranslation.Status.PENDING):
            ArticleTranslation.objects.filter(pk=translation.pk).update(
                status=ArticleTranslation.Status.PENDING, attempts=0, next_attempt_at=timezone.now())
            due += 1
    return due


def _doc(article: Article) -> ArticleDoc:
    return ArticleDoc(title=article.title, lead=article.lead, body_html=article.body_html, author=article.author,
                      images=[ImageDoc(i.url, i.caption, i.credit, i.alt) for i in article.images.all()])


def run_translation(translation_id: int) -> str:
    """Translate one (article, language), store it and run the QA gate. Records failures."""
    translation = ArticleTranslation.objects.select_related("article").filter(pk=translation_id).first()
    if translation is None or translation.status != ArticleTranslation.Status.PENDING:
        return "skipped"
    article = translation.article
    source_hash = article.content_hash
    engines = router().engines_for(article.language, translation.language)
    try:
        if not engines:
            raise TranslationFailed(TranslationError(
                f"no engine configured for {article.language}→{translation.language}"))
        try:
            result = translate_article(_doc(article), article.language, translation.language, engines,
                                       memory=DatabaseMemory(),
                                       glossary=glossary_for(article.language, translation.language))
        except TranslationError as exc:
            raise TranslationFailed(exc) from exc
    except Exception as exc:
        failure = record_failure(translation, exc, state_field="status",
                                 failed_value=ArticleTranslation.Status.FAILED)
        return "failed" if failure.permanent else "retry"
    doc = result.doc
    with transaction.atomic():
        # The article may have changed while the engine worked: then this result is stale.
        if Article.objects.filter(pk=article.pk, content_hash=source_hash).exists():
            translation.title = doc.title[:500]
            translation.slug = slugify(doc.title) or "article"
            translation.lead = doc.lead
            translation.body_html = doc.body_html
            translation.images = [{"url": i.url, "caption": i.caption, "credit": i.credit, "alt": i.alt}
                                  for i in doc.images]
            translation.qa_issues = result.qa.reasons()
            translation.status = (ArticleTranslation.Status.PUBLISHED if result.qa.passed
                                  else ArticleTranslation.Status.REVIEW)
            translation.engines = ",".join(result.engines_used)[:200]
            translation.engine_calls = result.engine_calls
            translation.segments_sent = result.segments_sent
            translation.segments_total = result.segments_total
            translation.source_hash = source_hash
            translation.translated_at = timezone.now()
            translation.last_error = ""
            translation.save()
            transaction.on_commit(lambda: content_changed.send(sender=ArticleTranslation, articles=[article.pk]))
            transaction.on_commit(lambda: reindex(article))
            return translation.status
        translation.next_attempt_at = timezone.now()
        translation.save(update_fields=["next_attempt_at"])
        return "stale"


def reindex(article: Article) -> None:
    """The article's search entry carries its translations' words: refresh it."""
    from modelsearch.tasks import insert_or_update_object_task

    insert_or_update_object_task.enqueue(article._meta.app_label, article._meta.model_name, article.pk)


def dispatch_due(now, lease: timedelta, limit: int = 200) -> int:
    """Scheduler hook: lease and enqueue due translations."""
    from .tasks import translate

    from quangba.articles.scheduler import queued_args

    sent, waiting = 0, queued_args(translate)
    due = ArticleTranslation.objects.filter(status=ArticleTranslation.Status.PENDING, next_attempt_at__lte=now) \
        .values_list("pk", "next_attempt_at")[:limit]
    for pk, attempt_at in due:
        if ArticleTranslation.objects.filter(pk=pk, next_attempt_at=attempt_at).update(next_attempt_at=now + lease) \
                and pk not in waiting:
            translate.enqueue(pk)
            sent += 1
    return sent


def sweep(now, lease: timedelta, limit: int = 200) -> int:
    """Scheduler hook: find articles whose translations are missing or stale (a crash between
    ingest and request, a newly configured language) and mark them due."""
    from django.db.models import F

    requested = 0
    for language in [code for code, _name in settings.LANGUAGES]:
        sources = [code for code, _name in settings.LANGUAGES if code != language and router().engines_for(code, language)]
        if not sources:
            continue
        for article in Article.objects.filter(language__in=sources).exclude(
                translations__language=language).only("pk", "language", "content_hash")[:limit]:
            requested += request_translations(article)
    stale = ArticleTranslation.objects.exclude(source_hash=F("article__content_hash")) \
        .exclude(status=ArticleTranslation.Status.PENDING).select_related("article")[:limit]
    for translation in stale:
        requested += request_translations(translation.article)
    return requested
