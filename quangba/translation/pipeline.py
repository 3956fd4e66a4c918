"""Article translation, top to bottom: segment → protect terms → memory → engines → restore → QA.

Pure orchestration: engines, memory and glossary are passed in, so the Django task and the
benchmark run the same code.
"""
from __future__ import annotations

import hashlib
import html as htmllib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .engines.base import Engine
from .errors import ConfigurationError, TranslationError
from .glossary import Glossary, Protected
from .memory import EDITORS, InMemoryTranslationMemory, MemoryKey, TranslationMemory, normalize
from .qa import QAReport, SegmentPair, check_translation
from .routing import CallStats, RetryPolicy, call_with_retry
from .segment import ArticleDoc, Segment, rebuild_article, segment_article
from .splitter import pack, split_html, split_sentences

_HAS_LETTER = re.compile(r"[^\W\d_]")
_TAGS = re.compile(r"<[^>]*>")


@dataclass
class SegmentsResult:
    """Translations by segment id, plus what it cost and what each engine did."""

    translations: dict[str, str]
    stats: CallStats
    memory_hits: int = 0
    engine_of: dict[str, str] = field(default_factory=dict)
    terms: dict[str, list] = field(default_factory=dict)


@dataclass
class TranslatedDoc:
    """The translated article, the QA verdict and the numbers the benchmark reports."""

    doc: ArticleDoc
    source: str
    target: str
    qa: QAReport
    stats: CallStats
    segments_total: int
    memory_hits: int
    engine_of: dict[str, str]

    @property
    def engine_calls(self) -> int:
        return self.stats.engine_calls

    @property
    def segments_sent(self) -> int:
        return self.stats.segments_sent

    @property
    def engines_used(self) -> list[str]:
        return sorted(set(self.engine_of.values()))

    @property
    def by_editors(self) -> bool:
        """Every translated segment is one an editor approved."""
        return bool(self.engine_of) and set(self.engine_of.values()) == {EDITORS}


@dataclass
class _Unit:
    """One piece sent to an engine: a whole segment, or a sentence group of a long one."""

    segment: str
    index: int
    text: str
    html: bool
    key: MemoryKey


def _translatable(text: str, html: bool) -> bool:
    return bool(_HAS_LETTER.search(_TAGS.sub(" ", text) if html else text))


def _engine_key(engine: Engine, protected: Protected) -> str:
    """Engines given the glossary themselves produce glossary-dependent output: key on it."""
    if not protected.native_terms:
        return engine.alias
    terms = "\n".join(f"{s}\t{t}" for s, t in sorted(protected.native_terms.items()))
    return f"{engine.alias}+g{hashlib.sha256(terms.encode()).hexdigest()[:12]}"


def _pieces(text: str, html: bool, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    return pack(split_html(text) if html else split_sentences(text), limit)


def _batches(units: list[_Unit], engine: Engine) -> list[list[_Unit]]:
    """Units grouped by HTML mode into batches within the engine's count and size limits."""
    batches: list[list[_Unit]] = []
    groups = [units] if engine.batch_as_html else [[u for u in units if u.html is mode] for mode in (True, False)]
    for group in groups:
        current, size = [], 0
        for unit in group:
            if current and (len(current) >= engine.max_batch or size + len(unit.text) > engine.max_chars):
                batches.append(current)
                current, size = [], 0
            current.append(unit)
            size += len(unit.text)
        if current:
            batches.append(current)
    return batches


def translate_segments(segments: Sequence[Segment], source: str, target: str,
                       engines: Sequence[Engine], memory: TranslationMemory | None = None,
                       glossary: Glossary | None = None, *, retry: RetryPolicy = RetryPolicy(),
                       sleep: Callable[[float], None] = time.sleep) -> SegmentsResult:
    """Translate segments through the memory and then the engines in fallback order.

    Segments an editor approved (``MemoryKey.approved``) come from the memory before any engine
    (``engine_of`` says ``editors``). Only segments the memory does not know reach an engine;
    identical texts go once. An engine
    that fails (after retries for transient errors) hands what is left to the next one; when
    none is left a :class:`TranslationError` says what each engine answered.
    """
    if not engines:
        raise ConfigurationError(f"no translation engine is configured for {source}→{target}")
    memory = memory if memory is not None else InMemoryTranslationMemory()
    glossary = glossary or Glossary([], source, target)
    result = SegmentsResult({}, CallStats())
    pending = []
    for seg in segments:
        if _translatable(seg.text, seg.html):
            pending.append(seg)
        else:
            result.translations[seg.id] = seg.text
    approved = memory.get_many({MemoryKey.approved(source, target, seg.text) for seg in pending})
    if approved:
        still = []
        for seg in pending:
            text = approved.get(MemoryKey.approved(source, target, seg.text))
            if text is None:
                still.append(seg)
            else:
                result.translations[seg.id], result.engine_of[seg.id] = text, EDITORS
                result.memory_hits += 1
        pending = still
    errors: list[TranslationError] = []
    for engine in engines:
        if not pending:
            break
        native = engine.uses_native_glossary(source, target)
        protected = {seg.id: glossary.protect(seg.text, html=seg.html, native=native) for seg in pending}
        units: dict[str, list[_Unit]] = {}
        for seg in pending:
            prot = protected[seg.id]
            key_engine = _engine_key(engine, prot)
            units[seg.id] = [_Unit(seg.id, i, normalize(piece), seg.html,
                                   MemoryKey(key_engine, source, target, normalize(piece)))
                             for i, piece in enumerate(_pieces(normalize(prot.text), seg.html, engine.max_chars))]
        all_units = [u for us in units.values() for u in us]
        known = memory.get_many({u.key for u in all_units})
        result.memory_hits += sum(1 for u in all_units if u.key in known)
        misses = list({u.key: u for u in all_units if u.key not in known}.values())
        fresh: dict[MemoryKey, str] = {}
        native_terms = {t: term for p in protected.values() for t, term in p.native_terms.items()}
        try:
            for batch in _batches(misses, engine):
                as_html = engine.batch_as_html or batch[0].html
                texts = [u.text if u.html or not as_html else htmllib.escape(u.text, quote=False)
                         for u in batch]
                out = call_with_retry(engine, texts, source, target, html=as_html,
                                      glossary=native_terms or None, policy=retry,
                                      stats=result.stats, sleep=sleep)
                fresh.update({u.key: text if u.html or not as_html else htmllib.unescape(text)
                              for u, text in zip(batch, out)})
        except TranslationError as exc:
            errors.append(exc)
        if fresh:
            memory.put_many(fresh)
            known.update(fresh)
        still = []
        for seg in pending:
            if all(u.key in known for u in units[seg.id]):
                joined = " ".join(known[u.key] for u in units[seg.id])
                result.translations[seg.id] = Glossary.restore(joined, protected[seg.id], html=seg.html)
                result.engine_of[seg.id] = engine.alias
                result.terms[seg.id] = protected[seg.id].matched
            else:
                still.append(seg)
        pending = still
    if pending:
        detail = "; ".join(str(e) for e in errors) or "no engine answered"
        waits = [e.retry_after for e in errors if e.retry_after is not None]
        raise TranslationError(f"{len(pending)} segments could not be translated {source}→{target}: {detail}",
                               transient=any(e.transient for e in errors),
                               retry_after=min(waits) if waits else None)
    return result


def translate_article(doc: ArticleDoc, source: str, target: str, engines: Sequence[Engine],
                      memory: TranslationMemory | None = None, glossary: Glossary | None = None, *,
                      retry: RetryPolicy = RetryPolicy(),
                      sleep: Callable[[float], None] = time.sleep) -> TranslatedDoc:
    """Translate an article and run the QA gate on the result.

    ``engines`` is the pair's fallback order (``Router.engines_for``); ``memory`` and
    ``glossary`` are optional. Raises :class:`TranslationError` when no engine could finish.
    """
    segments, template = segment_article(doc)
    run = translate_segments(segments, source, target, engines, memory, glossary, retry=retry, sleep=sleep)
    translated = rebuild_article(doc, template, run.translations)
    pairs = [SegmentPair(seg.id, seg.kind, seg.text, run.translations[seg.id], seg.html,
                         tuple(run.terms.get(seg.id, ())))
             for seg in segments if run.engine_of.get(seg.id) != EDITORS]  # a person's choice is not re-judged
    return TranslatedDoc(doc=translated, source=source, target=target,
                         qa=check_translation(pairs, source, target), stats=run.stats,
                         segments_total=len(segments), memory_hits=run.memory_hits,
                         engine_of=run.engine_of)


def translate_articles(docs: Sequence[ArticleDoc], source: str, target: str, engines: Sequence[Engine],
                       memory: TranslationMemory | None = None, glossary: Glossary | None = None, *,
                       retry: RetryPolicy = RetryPolicy(),
                       sleep: Callable[[float], None] = time.sleep) -> list[TranslatedDoc]:
    """Several articles through one engine run (a backfill: one Apertium process, full batches).

    Each result carries the shared run's ``stats``; QA is per article.
    """
    parts = [segment_article(doc) for doc in docs]
    tagged = [Segment(f"{i}:{seg.id}", seg.kind, seg.text, seg.html)
              for i, (segments, _) in enumerate(parts) for seg in segments]
    run = translate_segments(tagged, source, target, engines, memory, glossary, retry=retry, sleep=sleep)
    results = []
    for i, (doc, (segments, template)) in enumerate(zip(docs, parts)):
        own = {seg.id: run.translations[f"{i}:{seg.id}"] for seg in segments}
        pairs = [SegmentPair(seg.id, seg.kind, seg.text, own[seg.id], seg.html,
                             tuple(run.terms.get(f"{i}:{seg.id}", ()))) for seg in segments
                 if run.engine_of.get(f"{i}:{seg.id}") != EDITORS]
        results.append(TranslatedDoc(
            doc=rebuild_article(doc, template, own), source=source, target=target,
            qa=check_translation(pairs, source, target), stats=run.stats, segments_total=len(segments),
            memory_hits=run.memory_hits,
            engine_of={seg.id: run.engine_of[f"{i}:{seg.id}"] for seg in segments if f"{i}:{seg.id}" in run.engine_of}))
    return results
