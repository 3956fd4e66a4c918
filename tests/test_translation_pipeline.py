"""Orchestration: memory reuse, routing with fallback, retries and long segments."""
import pytest

from quangba.translation import (ArticleDoc, ConfigurationError, Glossary, GlossaryEntry, ImageDoc,
                                 InMemoryTranslationMemory, RetryPolicy, Router, TranslationError,
                                 translate_article)
from _translation_fakes import RecordingEngine
from quangba.translation.memory import MemoryKey, TranslationMemory
from quangba.translation.routing import CallStats, call_with_retry

NO_SLEEP = {"sleep": lambda s: None}


def article(paragraphs, title="Tiêu đề bài viết"):
    return ArticleDoc(title=title, lead="Sapo bài viết.",
                      body_html="".join(f"<p>{p}</p>" for p in paragraphs),
                      images=[ImageDoc("a.jpg", caption="Chú thích", credit="Ảnh: TTXVN", alt="Mô tả")])


PARAS = [f"Đoạn văn số {i} của bài báo." for i in range(10)]


def test_unchanged_article_makes_no_engine_call():
    memory, engine = InMemoryTranslationMemory(), RecordingEngine("fake")
    first = translate_article(article(PARAS), "vi", "en", [engine], memory, **NO_SLEEP)
    # HTML blocks and plain-text parts (title, lead, image texts) go in two batches.
    assert first.engine_calls == 2 and first.segments_sent == first.segments_total == 15
    again = translate_article(article(PARAS), "vi", "en", [engine], memory, **NO_SLEEP)
    assert again.engine_calls == 0 and again.memory_hits == 15
    assert again.doc == first.doc


def test_edited_article_sends_only_changed_segments():
    memory, engine = InMemoryTranslationMemory(), RecordingEngine("fake")
    translate_article(article(PARAS), "vi", "en", [engine], memory, **NO_SLEEP)
    engine.calls.clear()
    edited = PARAS[:3] + ["Đoạn văn đã sửa."] + PARAS[4:] + ["Đoạn mới thêm."]
    result = translate_article(article(edited, title="Tiêu đề đã sửa"), "vi", "en", [engine], memory,
                               **NO_SLEEP)
    assert engine.calls == [["Đoạn văn đã sửa.", "Đoạn mới thêm."], ["Tiêu đề đã sửa"]]
    assert result.segments_sent == 3


def test_memory_is_shared_and_identical_segments_go_once():
    memory, engine = InMemoryTranslationMemory(), RecordingEngine("fake")
    translate_article(article(["Chung.", "Chung."]), "vi", "en", [engine], memory, **NO_SLEEP)
    assert engine.calls[0].count("Chung.") == 1
    other = translate_article(article(["Chung.", "Khác."], title="Bài khác"), "vi", "en", [engine],
                              memory, **NO_SLEEP)
    assert other.segments_sent == 2  # title and "Khác."
    assert isinstance(memory, TranslationMemory)
    assert len(MemoryKey("e", "vi", "en", "x").digest()) == 64


def test_fallback_to_next_engine_on_permanent_error():
    first, second = RecordingEngine("first"), RecordingEngine("second", phrases={"Tiêu": "Title"})
    first.fail.append(TranslationError("bad key", status=403))
    result = translate_article(article(PARAS[:1]), "vi", "en", [first, second], **NO_SLEEP)
    assert len(first.calls) == 1 and len(second.calls) == 2
    assert result.engines_used == ["second"] and result.doc.title.startswith("Title")


def test_transient_errors_are_retried_with_retry_after():
    engine, waits = RecordingEngine("fake"), []
    engine.fail += [TranslationError("busy", transient=True, retry_after=2, status=429),
                    TranslationError("oops", transient=True, status=503)]
    translate_article(article(PARAS[:1]), "vi", "en", [engine], sleep=waits.append,
                      retry=RetryPolicy(attempts=3, base=1, cap=10, jitter=0))
    assert waits == [2, 2] and len(engine.calls) == 4  # 3 tries of the first batch, then the second


def test_long_retry_after_hands_over_and_all_failing_raises_typed_error():
    engine = RecordingEngine("fake")
    engine.fail.append(TranslationError("quota", transient=True, retry_after=3600, status=429))
    with pytest.raises(TranslationError) as err:
        translate_article(article(PARAS[:1]), "vi", "en", [engine], **NO_SLEEP)
    assert err.value.transient and err.value.retry_after == 3600
    assert len(engine.calls) == 1
    with pytest.raises(ConfigurationError):
        translate_article(article(PARAS[:1]), "vi", "en", [])


def test_long_blocks_are_split_at_sentences_within_max_chars():
    engine = RecordingEngine("fake", {"MAX_CHARS": 60})
    long_para = " ".join(f"Câu thứ {i} nói về TP.HCM và PGS.TS. Lê." for i in range(6))
    result = translate_article(article([long_para]), "vi", "en", [engine], **NO_SLEEP)
    sent = [s for call in engine.calls for s in call]
    assert all(len(s) <= 60 for s in sent) and len(sent) > 6
    assert result.doc.body_html == f"<p>{long_para}</p>"


def test_batches_respect_max_batch():
    engine = RecordingEngine("fake", {"MAX_BATCH": 4})
    translate_article(article(PARAS), "vi", "en", [engine], **NO_SLEEP)
    assert [len(c) for c in engine.calls] == [4, 4, 2, 4, 1]  # 10 HTML blocks, then 5 plain parts


def test_native_glossary_goes_to_engine_and_keys_memory():
    class Native(RecordingEngine):
        native_glossary = True

        def translate(self, segments, source, target, *, html=False, glossary=None):
            self.glossaries = getattr(self, "glossaries", []) + [glossary]
            return super().translate(segments, source, target, html=html)

    engine, memory = Native("llm"), InMemoryTranslationMemory()
    glossary = Glossary([GlossaryEntry("Hà Nội", "Hanoi"), GlossaryEntry("VnExpress", "VnExpress", dnt=True)])
    translate_article(article(["VnExpress ở Hà Nội."]), "vi", "en", [engine], memory, glossary)
    assert "QGX1QGX ở Hà Nội." in engine.calls[0] and engine.glossaries[0] == {"Hà Nội": "Hanoi"}
    assert any(k.engine.startswith("llm+g") for k in memory.entries)


def test_router_from_settings():
    router = Router.from_settings(
        {"fake": {"BACKEND": "_translation_fakes.RecordingEngine", "OPTIONS": {"MAX_BATCH": 7}},
         "spare": {"BACKEND": "_translation_fakes.RecordingEngine"}},
        {"vi-en": ["fake", "spare"], "*": ["spare"]})
    assert [e.alias for e in router.engines_for("vi", "en")] == ["fake", "spare"]
    assert [e.alias for e in router.engines_for("en", "es")] == ["spare"]
    assert router.engines["fake"].max_batch == 7 and router.pairs() == [("vi", "en")]
    with pytest.raises(ConfigurationError):
        Router.from_settings({"x": {"BACKEND": "no.such.Engine"}}, {})
    with pytest.raises(ConfigurationError):
        Router({}, {"vi-en": ["missing"]})


def test_call_with_retry_counts_calls():
    engine, stats = RecordingEngine("fake"), CallStats()
    engine.fail.append(TranslationError("timeout", transient=True))
    assert call_with_retry(engine, ["a"], "vi", "en", stats=stats, sleep=lambda s: None) == ["a"]
    assert stats.engine_calls == 2 and stats.retries == 1


def test_translate_articles_shares_one_engine_run():
    from quangba.translation import translate_articles
    engine = RecordingEngine("fake", phrases={"Đoạn": "Paragraph"})
    docs = [article(PARAS[:2], title=f"Bài {i}") for i in range(3)]
    results = translate_articles(docs, "vi", "en", [engine], **NO_SLEEP)
    assert len(engine.calls) == 2 and [r.doc.title for r in results] == ["Bài 0", "Bài 1", "Bài 2"]
    assert results[2].doc.body_html.startswith("<p>Paragraph văn số 0")
