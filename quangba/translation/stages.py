"""The translation stage: one ArticleTranslation row per (article, target language). When an
article arrives, its rows are marked due and the original goes on to the publish stage at once;
each translation follows it there when its engine is done (the QA gate's findings on the row)."""
from functools import lru_cache

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from quangba.articles.images import image_dict
from quangba.articles.models import Article, ArticleTranslation
from quangba.core.errors import PipelineError
from quangba.core.models import Counter
from quangba.core.stages import Stage
from quangba.core.text import slugify

from . import ArticleDoc, Glossary, GlossaryEntry, ImageDoc, MemoryKey, Router, TranslationError, translate_article
from .glossary import merge
from .models import GlossaryTerm, TranslationMemoryEntry

SWEEP_BATCH = 500


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

    def approve(self, source: str, target: str, items: dict[str, str], user=None) -> None:
        """An editor's translations of source segments (`items`: source text → translation):
        they replace any earlier approval and come before every engine from now on."""
        rows = []
        for text, translation in items.items():
            key = MemoryKey.approved(source, target, text)
            rows.append(TranslationMemoryEntry(digest=key.digest(), engine=key.engine, source_language=source,
                                               target_language=target, source_text=key.text,
                                               translation=translation, approved_by=user))
        TranslationMemoryEntry.objects.bulk_create(rows, update_conflicts=True, unique_fields=["digest"],
                                                   update_fields=["translation", "approved_by"])


def glossary_for(source: str, target: str) -> Glossary:
    """The editors' terms for the pair ahead of the starter glossary."""
    terms = [GlossaryEntry(t.source, t.target or t.source, dnt=t.do_not_translate,
                           case_sensitive=t.case_sensitive, strict=t.strict, note=t.note)
             for t in GlossaryTerm.objects.filter(source_language=source, target_language=target)]
    return merge([Glossary(terms, source, target), Glossary.starter(source, target)])


def request_translations(article: Article, existing: list[ArticleTranslation] | None = None) -> int:
    """Mark the article's translations due where missing or out of date. Idempotent."""
    if existing is None:
        existing = list(article.translations.all())
    have = {t.language: t for t in existing}
    due = 0
    for language in targets_for(article):
        translation = have.get(language)
        if translation is None:
            ArticleTranslation.objects.get_or_create(article=article, language=language)
            due += 1
        elif translation.source_hash != article.content_hash and translation.status != ArticleTranslation.Status.PENDING:
            ArticleTranslation.objects.filter(pk=translation.pk).update(
                status=ArticleTranslation.Status.PENDING, attempts=0, last_error="", decided_by_editor=False,
                next_attempt_at=timezone.now())
            due += 1
    return due


def article_doc(article: Article) -> ArticleDoc:
    return ArticleDoc(title=article.title, lead=article.lead, body_html=article.body_html, author=article.author,
                      images=[ImageDoc(**image_dict(i)) for i in article.images.all()])


class Translate(Stage):
    name = "translate"
    model = ArticleTranslation
    background = True  # the original is live already; a second of engine time a language waits its turn
    due_field = "next_attempt_at"
    done = {"status": ArticleTranslation.Status.TRANSLATED, "last_error": ""}
    failed = {"status": ArticleTranslation.Status.FAILED}

    def pending(self):
        return ArticleTranslation.objects.filter(status=ArticleTranslation.Status.PENDING)

    def accept(self, keys) -> None:
        """Articles handed over: their translations are marked due, and the originals go on to
        the publish stage now (they do not wait for the engines)."""
        keys = list(keys)
        articles = Article.objects.filter(pk__in=keys).only("pk", "language", "content_hash") \
            .prefetch_related(Prefetch("translations", queryset=ArticleTranslation.objects.only(
                "pk", "article_id", "language", "source_hash", "status")))
        for article in articles:
            request_translations(article, list(article.translations.all()))
        self.hand_off(keys)

    def run(self, key) -> None:
        translation = ArticleTranslation.objects.select_related("article").get(pk=key)
        article = translation.article
        source_hash = article.content_hash
        engines = router().engines_for(article.language, translation.language)
        if not engines:
            raise TranslationFailed(TranslationError(f"no engine configured for {article.language}→{translation.language}"))
        try:
            result = translate_article(article_doc(article), article.language, translation.language, engines,
                                       memory=DatabaseMemory(),
                                       glossary=glossary_for(article.language, translation.language))
        except TranslationError as exc:
            raise TranslationFailed(exc) from exc
        if not Article.objects.filter(pk=article.pk, content_hash=source_hash).exists():
            self.again(key)  # the article changed while the engine worked: this result is stale
            return
        doc = result.doc
        with self.commit(key):
            ArticleTranslation.objects.filter(pk=key).update(
                title=doc.title[:500], slug=article.slug, lead=doc.lead, body_html=doc.body_html,
                images=[image_dict(i) for i in doc.images], qa_passed=result.qa.passed,
                qa_issues=result.qa.reasons(), engines=",".join(result.engines_used)[:200],
                engine_calls=result.engine_calls, segments_sent=result.segments_sent,
                segments_total=result.segments_total, source_hash=source_hash, translated_at=timezone.now(),
                by_editors=result.by_editors, machine={})
            self.hand_off([article.pk])

    def sweep(self, now) -> int:
        """Articles with no row for a language that has an engine now (a newly configured pair):
        a batch per pass, round robin, the cursor kept in the database."""
        cursor = Counter.read("sweep:translate")
        batch = list(Article.objects.filter(pk__gt=cursor).order_by("pk").only("pk", "language", "content_hash")
                     .prefetch_related(Prefetch("translations", queryset=ArticleTranslation.objects.only(
                         "pk", "article_id", "language", "source_hash", "status")))[:SWEEP_BATCH])
        Counter.write("sweep:translate", batch[-1].pk if len(batch) == SWEEP_BATCH else 0)
        requested = 0
        for article in batch:
            missing = set(targets_for(article)) - {t.language for t in article.translations.all()}
            if missing:
                requested += request_translations(article, list(article.translations.all()))
        return requested
