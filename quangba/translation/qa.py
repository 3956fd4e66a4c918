"""The QA gate every translated article passes before it may be published.

Each check looks at one segment pair (or the title pair) and returns typed issues with a
human-readable reason; a report with any ``error`` holds the article for review.
"""
from __future__ import annotations

import html as htmllib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from quangba.core import reasons

from . import lexicon
from .glossary import PLACEHOLDER_RE, GlossaryEntry

ERROR, WARNING = "error", "warning"
_TAGS = re.compile(r"<[^>]*>")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")
# Letters only Vietnamese uses: đ ă ơ ư and the tone-marked block U+1EA0–U+1EF9.
_VIETNAMESE_ONLY = re.compile(r"[đĐăĂơƠưƯ\u1EA0-\u1EF9]")


@dataclass(frozen=True)
class QAIssue:
    """One problem: ``code`` for filtering, ``reason`` for the reviewer, the segment for context."""

    code: str
    reason: str
    segment_id: str
    source: str = ""
    target: str = ""
    severity: str = ERROR


@dataclass
class QAReport:
    """All issues of one translated article; :attr:`passed` decides publication."""

    issues: list[QAIssue] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(issue.severity == ERROR for issue in self.issues)

    def reasons(self) -> list[str]:
        """One line per issue, as listed in the review queue."""
        return [f"{i.segment_id}: {i.reason}" for i in self.issues]

    def codes(self) -> set[str]:
        return {issue.code for issue in self.issues}


@dataclass(frozen=True)
class SegmentPair:
    """A source segment, its translation and the glossary entries found in the source."""

    id: str
    kind: str
    source: str
    target: str
    html: bool = False
    terms: Sequence[GlossaryEntry] = ()


def plain(text: str, html: bool = True) -> str:
    """Visible text: tags dropped, entities decoded, whitespace collapsed."""
    if html:
        text = htmllib.unescape(_TAGS.sub(" ", text))
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """Lower case without diacritics, đ → d: how names are compared across languages."""
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def _numbers(text: str) -> set[str]:
    """Numbers with separators, leading and trailing zeros removed (1.000.000 ≡ 1,000,000 ≡ 1 million)."""
    found = set()
    for raw in _NUMBER.findall(text):
        digits = re.sub(r"\D", "", raw).lstrip("0")
        if digits:
            found.add(digits.rstrip("0") or "0")
    return found


def _issue(code: str, reason: str, pair: SegmentPair, severity: str = ERROR) -> QAIssue:
    return QAIssue(code, reason, pair.id, pair.source, pair.target, severity)


def check_empty(pair: SegmentPair, source: str, target: str) -> list[QAIssue]:
    if plain(pair.source, pair.html) and not plain(pair.target, pair.html):
        return [_issue("empty", reasons.EMPTY(), pair)]
    return []


def check_leftover_source(pair: SegmentPair, source: str, target: str) -> list[QAIssue]:
    """Vietnamese-only letters in lower-case words of a non-Vietnamese target."""
    if target == "vi":
        return []
    text = plain(pair.target, pair.html)
    for entry in pair.terms:
        text = text.replace(entry.target, " ")
    # Capitalised words are mostly personal names, which keep their diacritics.
    leftovers = [w for w in _WORD.findall(text) if _VIETNAMESE_ONLY.search(w) and not w[:1].isupper()]
    words = _WORD.findall(text)
    if len(leftovers) >= 2 or (leftovers and len(leftovers) * 3 >= len(words)):
        return [_issue("leftover_source", reasons.LEFTOVER_SOURCE(words=" ".join(leftovers[:6])), pair)]
    return []


def check_glossary(pair: SegmentPair, source: str, target: str) -> list[QAIssue]:
    """Every glossary term found in the source must appear as its target term."""
    text = fold(plain(pair.target, pair.html))
    issues, seen = [], set()
    for entry in pair.terms:
        if entry.target in seen:
            continue
        seen.add(entry.target)
        if fold(entry.target) not in text:
            issues.append(_issue("glossary", reasons.GLOSSARY(source=entry.source, target=entry.target), pair))
    return issues


def check_placeholders(pair: SegmentPair, source: str, target: str) -> list[QAIssue]:
    if PLACEHOLDER_RE.search(pair.target):
        return [_issue("placeholder", reasons.PLACEHOLDER(), pair)]
    return []


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


def check_numbers(pair: SegmentPair, source: str, target: str) -> list[QAIssue]:
    """Numbers of 10 and more (amounts, years, days) must reach the translation; an ordinal may
    become a Roman numeral ("19th century" → "siglo XIX")."""
    text = plain(pair.source, pair.html)
    src = {n for n in _numbers(text) if len(n) > 1}
    translated = plain(pair.target, pair.html)
    roman = {n for n in _ORDINAL.findall(text) if re.search(rf"\b{_roman(int(n))}\b", translated)}
    missing = sorted(src - _numbers(translated) - roman)
    if missing:
        return [_issue("number", reasons.NUMBERS(numbers=", ".join(missing)), pair)]
    return []


def check_identical(pair: SegmentPair, source: str, target: str) -> list[QAIssue]:
    src, tgt = plain(pair.source, pair.html), plain(pair.target, pair.html)
    if source != target and src == tgt and len(_WORD.findall(src)) >= 4:
        return [_issue("identical", reasons.IDENTICAL(), pair)]
    return []


def check_length(pair: SegmentPair, source: str, target: str, bounds: tuple[float, float] = (0.4, 2.5)
                 ) -> list[QAIssue]:
    src, tgt = plain(pair.source, pair.html), plain(pair.target, pair.html)
    if len(src) < 40 or not tgt:
        return []
    ratio = len(tgt) / len(src)
    if bounds[0] <= ratio <= bounds[1]:
        return []
    severity = ERROR if ratio < bounds[0] / 2 or ratio > bounds[1] * 2 else WARNING
    return [_issue("length", reasons.LENGTH(ratio=f"{ratio:.1f}"), pair, severity)]


def leftover_words(pair: SegmentPair, source: str, target: str) -> list[str]:
    """Words of the source language copied into the translation: in the source text, in the
    source language's word list, not in the target's, not capitalised (names keep their form),
    not a protected glossary term. Nothing without both word lists."""
    source_words, target_words = lexicon.words(source), lexicon.words(target)
    if source_words is None or target_words is None or source == target:
        return []
    translated = plain(pair.target, pair.html)
    for entry in pair.terms:
        translated = translated.replace(entry.target, " ")
    copied = {w.lower() for w in _LETTERS.findall(plain(pair.source, pair.html))}
    # A word copied from the source that the target does not have: a source word (or an
    # unknown compound, "boatwoman", if longer than a few letters).
    return [w for w in _LETTERS.findall(translated)
            if len(w) > 2 and not w[:1].isupper() and w.lower() in copied and w.lower() not in target_words
            and (w.lower() in source_words or len(w) > 5)]


# Source-language words a published body may keep, as a share of its words.
LEFTOVER_BODY_SHARE = 0.01


def check_leftover_words(pairs: Sequence[SegmentPair], source: str, target: str) -> list[QAIssue]:
    """A title with a source-language word left in it is held; so is a body where such words
    pass LEFTOVER_BODY_SHARE of the words (fewer are named, as a warning)."""
    issues, left, total = [], [], 0
    for pair in pairs:
        found = leftover_words(pair, source, target)
        if pair.kind == "title" and found:
            issues.append(_issue("leftover_words", reasons.TITLE_LEFTOVERS(words=", ".join(found)), pair))
        elif pair.kind != "title":
            left += found
            total += len(_WORD.findall(plain(pair.target, pair.html)))
    if left:
        share = len(left) / max(total, 1)
        severity = ERROR if share > LEFTOVER_BODY_SHARE else WARNING
        issues.append(QAIssue("leftover_words", reasons.BODY_LEFTOVERS(
            count=len(left), share=f"{share:.1%}", words=", ".join(sorted(set(left))[:12])), "body", severity=severity))
    return issues


def source_names(title: str, title_case: bool = True) -> list[str]:
    """Runs of two or more capitalised words: names of people and places in a sentence-case title.

    ``title_case``: the language may capitalise every headline word (English); such a
    headline says nothing about names and yields none. Vietnamese headlines are sentence case.
    """
    words = title.split()
    capitalised = [w for w in words if w[:1].isupper()]
    if title_case and len(words) >= 4 and len(capitalised) / len(words) > 0.6:
        return []
    names, run = [], []
    for word in words + [""]:
        clean = word.strip(",.:;!?\"'“”‘’()[]")
        if clean[:1].isupper() and not clean.isdigit():
            run.append(clean)
        else:
            if len(run) >= 2:
                names.append(" ".join(run))
            run = []
    return names


def check_title_names(pair: SegmentPair, source: str, target: str) -> list[QAIssue]:
    """Names in the source title (not covered by the glossary) must survive, diacritics aside.

    A name's first word may go ("Ông Nguyễn Văn An" → "Nguyen Van An"): it is often an
    honorific or the capitalised first word of the headline.
    """
    title = plain(pair.source, pair.html)
    # Glossary terms are checked by check_glossary; a lower-case mark breaks the capital run.
    for entry in sorted(pair.terms, key=lambda e: -len(e.source)):
        title = title.replace(entry.source, "·")
    text = fold(plain(pair.target, pair.html))

    def kept(name: str) -> bool:
        folded = fold(name)
        tail = folded.split(" ", 1)[1] if folded.count(" ") >= 2 else folded
        return folded in text or tail in text

    common = lexicon.words(source) or frozenset()
    # A run of common words ("Metro Line", "Video A") is a capitalised phrase, not a name.
    names = [n for n in source_names(title, title_case=source != "vi")
             if not all(w.lower() in common or len(w) == 1 for w in n.split())]
    missing = [n for n in names if not kept(n)]
    if missing:
        return [_issue("name", reasons.TITLE_NAMES(names=", ".join(missing)), pair)]
    return []


SEGMENT_CHECKS = (check_empty, check_leftover_source, check_glossary, check_placeholders,
                  check_numbers, check_identical, check_length)


def check_translation(pairs: Iterable[SegmentPair], source: str, target: str) -> QAReport:
    """Run every check on every segment pair (and the title checks on the title), then the
    article-wide ones."""
    report, pairs = QAReport(), list(pairs)
    for pair in pairs:
        for check in SEGMENT_CHECKS:
            report.issues.extend(check(pair, source, target))
        if pair.kind == "title":
            report.issues.extend(check_title_names(pair, source, target))
    report.issues.extend(check_leftover_words(pairs, source, target))
    return report
