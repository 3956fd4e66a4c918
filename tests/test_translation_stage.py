"""The translation stage in the pipeline and on the site: requested on ingest, leased and run by
the worker, QA-gated, served under /es/ with hreflang alternates and a machine-translation note."""
import shutil
import subprocess

import pytest
from django.utils import timezone

from _factories import make_article
from quangba.articles.models import Article, ArticleTranslation
from quangba.core.models import AuditEntry
from quangba.core.stages import send
from quangba.translation import stages as service
from quangba.translation.models import GlossaryTerm, TranslationMemoryEntry

pytestmark = pytest.mark.django_db


def apertium_ready() -> bool:
    if not shutil.which("apertium"):
        return False
    modes = subprocess.run(["apertium", "-l"], capture_output=True, text=True).stdout.split()
    return "eng-spa" in modes


needs_apertium = pytest.mark.skipif(not apertium_ready(), reason="apertium with eng-spa is not installed "
                                    "(apt-get install apertium apertium-eng-spa; make test does it)")

ENGLISH_BODY = ('<p>The Ministry of Foreign Affairs said the festival in Hue drew 12,000 visitors on 7 November.</p>'
                '<figure><img src="https://img.example/hue.jpg" alt="The Imperial City at night">'
                '<figcaption>The Imperial City lit up for the opening night.</figcaption></figure>'
                '<p>Tourists from Ho Chi Minh City and Da Nang travelled by train.</p>')


@pytest.fixture
def routes(settings):
    settings.TRANSLATION_ROUTES = {"en-es": ["apertium"]}
    service.router.cache_clear()
    yield
    service.router.cache_clear()


@pytest.fixture
def english(outlets, routes):
    article = make_article(outlets[1], 1, language="en", section="heritage")
    Article.objects.filter(pk=article.pk).update(
        title="Hue festival opens with royal music", lead="The festival opened in Hue on Saturday night.",
        body_html=ENGLISH_BODY, slug="hue-festival-opens-with-royal-music")
    article.refresh_from_db()
    article.images.update(caption="The Imperial City lit up for the opening night.", credit="Hanoi Daily",
                          alt="The Imperial City at night", url="https://img.example/hue.jpg")  # the body's figure
    return article


def run_stage(drain_tasks):
    drain_tasks()


def test_targets_follow_configured_routes(english, settings):
    assert service.targets_for(english) == ["es"]
    settings.TRANSLATION_ROUTES = {}
    service.router.cache_clear()
    assert service.targets_for(english) == []


@needs_apertium
def test_the_chain_requests_translates_and_publishes(client, english, drain_tasks):
    send("translate", [english.pk])
    translation = ArticleTranslation.objects.get(article=english, language="es")
    assert translation.status == ArticleTranslation.Status.PENDING
    run_stage(drain_tasks)
    translation.refresh_from_db()
    assert translation.status == ArticleTranslation.Status.PUBLISHED, translation.qa_issues
    decision = AuditEntry.objects.get(action="publish translation")
    assert decision.automatic and decision.reason == "passed the QA gate"
    assert "Ministerio de Asuntos Exteriores" in translation.body_html  # glossary
    assert "Ciudad Ho Chi Minh" in translation.body_html
    assert "12,000" in translation.body_html or "12.000" in translation.body_html
    assert translation.images[0]["caption"] and translation.images[0]["caption"] != english.images.get().caption
    assert translation.images[0]["alt"] != "The Imperial City at night"

    page = client.get(translation.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and '<html lang="es">' in html
    assert translation.title in html and "<figcaption>" in html
    assert 'hreflang="en"' in html and 'hreflang="es"' in html
    assert "Traducción automática" in html or "Machine translation" in html
    assert english.original_url in html
    # The Spanish home lists it; the Vietnamese one does not.
    assert translation.title in client.get("/es/").content.decode()
    assert translation.title not in client.get("/vi/").content.decode()


@needs_apertium
def test_retranslating_an_unchanged_article_makes_no_engine_call(english, drain_tasks):
    service.request_translations(english)
    run_stage(drain_tasks)
    first = ArticleTranslation.objects.get(article=english)
    assert first.engine_calls >= 1 and TranslationMemoryEntry.objects.exists()
    # Same content again (another article sharing every segment, or a forced re-run).
    ArticleTranslation.objects.filter(pk=first.pk).update(status=ArticleTranslation.Status.PENDING,
                                                           next_attempt_at=timezone.now())
    run_stage(drain_tasks)
    again = ArticleTranslation.objects.get(pk=first.pk)
    assert again.engine_calls == 0 and again.status == ArticleTranslation.Status.PUBLISHED


@needs_apertium
def test_an_edit_sends_only_the_changed_segments(english, drain_tasks):
    service.request_translations(english)
    run_stage(drain_tasks)
    total = ArticleTranslation.objects.get(article=english).segments_total
    Article.objects.filter(pk=english.pk).update(
        title="Hue festival opens with royal music and lanterns", content_hash="changed")
    english.refresh_from_db()
    assert service.request_translations(english) == 1
    run_stage(drain_tasks)
    translation = ArticleTranslation.objects.get(article=english)
    assert translation.segments_sent == 1 < total and translation.source_hash == "changed"


@needs_apertium
def test_an_editors_glossary_term_is_applied_and_its_absence_fails_qa(client, english, drain_tasks):
    # An editor's term the engine cannot produce: the QA gate must notice it is missing.
    GlossaryTerm.objects.create(source_language="en", target_language="es", source="Imperial City",
                                target="Ciudad Imperial de Hue")
    service.request_translations(english)
    run_stage(drain_tasks)
    translation = ArticleTranslation.objects.get(article=english)
    assert translation.status == ArticleTranslation.Status.PUBLISHED, translation.qa_issues
    assert "Ciudad Imperial de Hue" in translation.body_html  # the editor's term, applied by the pipeline
    # A planted violation: the engine output is edited to drop the term, then QA runs again.
    from quangba.translation import GlossaryEntry
    from quangba.translation.qa import SegmentPair, check_translation

    term = GlossaryEntry("Imperial City", "Ciudad Imperial de Hue")
    pairs = [SegmentPair("title", "title", "The Imperial City at night", "La ciudad de noche", False, [term])]
    report = check_translation(pairs, "en", "es")
    assert not report.passed and any("Ciudad Imperial de Hue" in r for r in report.reasons())


def test_no_engine_is_a_recorded_failure_not_a_crash(english, drain_tasks, settings):
    translation = ArticleTranslation.objects.create(article=english, language="es")
    settings.TRANSLATION_ROUTES = {}
    service.router.cache_clear()
    drain_tasks()
    translation.refresh_from_db()
    assert "no engine configured" in translation.last_error and translation.attempts == 1


def test_review_translations_are_not_served(client, english):
    translation = ArticleTranslation.objects.create(
        article=english, language="es", title="Titular", slug="titular", status=ArticleTranslation.Status.REVIEW,
        source_hash=english.content_hash, qa_issues=["caption-0: leftover Vietnamese"])
    assert client.get(translation.get_absolute_url()).status_code == 404
    assert "Titular" not in client.get("/es/").content.decode()


@needs_apertium
def test_qa_gate_holds_a_leftover_vietnamese_caption(client, english, drain_tasks):
    english.images.update(caption="Quảng trường Ngọ Môn trong đêm khai mạc lễ hội")
    service.request_translations(english)
    run_stage(drain_tasks)
    translation = ArticleTranslation.objects.get(article=english)
    assert translation.status == ArticleTranslation.Status.REVIEW
    assert any("image" in reason or "caption" in reason for reason in translation.qa_issues), translation.qa_issues
    assert client.get(translation.get_absolute_url()).status_code == 404
    held = AuditEntry.objects.get(action="hold translation")
    assert held.automatic and held.reason.startswith("QA: ")
