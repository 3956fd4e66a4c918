"""Integration tests against the real Apertium (Debian ``apertium`` + ``apertium-eng-spa``)."""
import shutil
import subprocess

import pytest

from quangba.translation import ArticleDoc, Glossary, ImageDoc, InMemoryTranslationMemory, TranslationError, translate_article
from quangba.translation.engines.apertium import ApertiumEngine


def _eng_spa_installed() -> bool:
    if not shutil.which("apertium"):
        return False
    return "eng-spa" in subprocess.run(["apertium", "-l"], capture_output=True, text=True).stdout.split()


pytestmark = pytest.mark.skipif(not _eng_spa_installed(),
                                reason="needs Apertium with the eng-spa mode: apt-get install -y apertium apertium-eng-spa")

SENTENCES = [
    "The government announced new measures on Monday.",
    "He said the plan will work.",
    "Prices rose sharply in the capital last week.",
    "The minister met farmers in the north.",
    "Tourists visited the old town and its famous bridge.",
    "The committee will meet again next month.",
    "Rain is expected in the central provinces.",
    "She didn't agree with the decision.",
]


@pytest.fixture(scope="module")
def engine():
    return ApertiumEngine("apertium", {"TIMEOUT": 60})


def test_languages_from_installed_modes(engine):
    assert ("en", "es") in engine.languages() and engine.supports("en", "es")


def test_one_batch_equals_one_call_per_segment(engine):
    batched = engine.translate(SENTENCES, "en", "es")
    single = [engine.translate([s], "en", "es")[0] for s in SENTENCES]
    assert batched == single and len(batched) == len(SENTENCES)
    assert batched[1] == "Dijo que el plan obrará."


def test_html_mode_keeps_inline_markup_and_escapes_text(engine):
    out = engine.translate(['The <strong>red</strong> car of <a href="/x.html">the minister</a>.',
                            "Profits & <losses>"], "en", "es", html=False)
    assert out[0].startswith("El") and "<strong>" not in out[0]
    assert "&" in out[1] and "<" in out[1]
    [html_out] = engine.translate(['The <strong>red</strong> car of <a href="/x.html">the minister</a>.'],
                                  "en", "es", html=True)
    # Markup and links survive; Apertium keeps a tag at its position when words reorder ("red car" →
    # "coche rojo" puts <strong> on "coche"), so only the markup and the words are checked.
    assert html_out.count("<strong>") == html_out.count("</strong>") == 1 and "rojo" in html_out
    assert '<a href="/x.html">' in html_out and "ministro</a>" in html_out


def test_unknown_word_marks_are_removed(engine):
    [out] = engine.translate(["The glorbnik spoke with ZZQ officials today."], "en", "es")
    assert "glorbnik" in out and "*" not in out and "#" not in out


def test_placeholders_survive_and_glossary_terms_come_back(engine):
    glossary = Glossary.starter("en", "es")
    doc = ArticleDoc(
        title="Hanoi hosts the ASEAN summit",
        lead="The Ministry of Foreign Affairs said 1,000,000 visitors are expected in Ho Chi Minh City on 7/3/2026.",
        body_html=('<p>The <strong>Prime Minister</strong> met reporters from <a href="https://example.vn/a">Tuoi Tre</a>.</p>'
                   "<ul><li>Can Tho is in the Mekong Delta.</li></ul>"),
        images=[ImageDoc("a.jpg", caption="Delegates arrive in Da Nang", credit="Photo: Vietnam News Agency")])
    result = translate_article(doc, "en", "es", [engine], InMemoryTranslationMemory(), glossary)
    out = result.doc
    assert result.engine_calls == 1  # HTML and plain parts share one apertium run
    assert out.title.startswith("Hanói") and "ASEAN" in out.title
    assert "Ministerio de Asuntos Exteriores" in out.lead and "Ciudad Ho Chi Minh" in out.lead
    assert "1,000,000" in out.lead and "7/3/2026" in out.lead
    assert "<strong>Primer Ministro</strong>" in out.body_html
    assert '<a href="https://example.vn/a">Tuoi Tre</a>' in out.body_html
    assert "Can Tho" in out.body_html and "delta del Mekong" in out.body_html
    assert out.images[0].credit == "Foto: Agencia Vietnamita de Noticias"
    assert "QGX" not in str(out)
    assert not [i for i in result.qa.issues if i.code in ("glossary", "placeholder", "number")], result.qa.reasons()


def test_missing_mode_is_a_permanent_error(engine):
    with pytest.raises(TranslationError) as err:
        engine.translate(["Xin chào"], "vi", "en")
    assert not err.value.transient and "vie-eng" in str(err.value)


def _has(*modes) -> bool:
    installed = subprocess.run(["apertium", "-l"], capture_output=True, text=True).stdout.split()
    return all(m in installed for m in modes)


@pytest.mark.skipif(not _has("eng-cat", "cat-spa"), reason="needs apertium-eng-cat and apertium-spa-cat for the pivot")
def test_words_eng_spa_lacks_go_through_catalan(engine):
    # eng-spa alone leaves "growers" and "shipment" in English; the Catalan pivot knows them.
    [out] = engine.translate(["The growers sent a shipment of rice."], "en", "es")
    assert "growers" not in out and "shipment" not in out and "*" not in out
    assert "productores" in out


def test_compounds_are_split_into_words_the_pair_knows(engine):
    [out] = engine.translate(["They walked along the riverbank."], "en", "es")
    assert "riverbank" not in out and "río" in out


@pytest.mark.skipif(not shutil.which("apertium") or not __import__("pathlib").Path("/usr/share/dict/spanish").exists(),
                    reason="needs the wspanish and wamerican word lists")
def test_leftover_check_on_real_word_lists(engine):
    from quangba.translation.qa import SegmentPair, check_translation
    pair = SegmentPair("title", "title", "Growers ship rice", "Los growers envían arroz")
    assert [i.code for i in check_translation([pair], "en", "es").issues] == ["leftover_words"]
    doc = ArticleDoc(title="Ha Long Bay welcomes tourists", lead="", body_html="<p>Hoi An is in Quang Nam.</p>")
    result = translate_article(doc, "en", "es", [engine], InMemoryTranslationMemory(), Glossary.starter("en", "es"))
    assert "Ha Long" in result.doc.title and "Hoi An" in result.doc.body_html, result.doc
    assert result.qa.passed, result.qa.reasons()
