"""Glossary and do-not-translate terms for one language pair, applied around the engine.

Before the engine, terms found in the source become placeholder tokens (``QGX3QGX``) that
Apertium, LibreTranslate and chat models all leave alone; after it, each token becomes the
target term. Engines with their own glossary get the terms instead (``native`` mode).
"""
from __future__ import annotations

import html as htmllib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from quangba.core.text import fold
from quangba.taxonomy.places import gazetteer

DATA_DIR = Path(__file__).parent / "data"
PLACEHOLDER = "QGX{}QGX"
# Engines sometimes split or lowercase the token; accept that when restoring.
PLACEHOLDER_RE = re.compile(r"QGX\s?(\d+)\s?QGX", re.IGNORECASE)
TAG_RE = re.compile(r"(<[^>]*>)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[–—-])\s*$")
_PREVIOUS_WORD = re.compile(r"(\w+)\W*$")


@dataclass(frozen=True)
class GlossaryEntry:
    """``source`` → ``target``; ``dnt`` terms are kept as ``target`` (usually the same text).

    ``strict`` entries are short words that are also common words or given names (Nga, Mỹ):
    they only match mid-sentence and not right after another capitalised word.
    """

    source: str
    target: str
    dnt: bool = False
    case_sensitive: bool = True
    strict: bool = False
    note: str = ""


def tone_variants(term: str) -> set[str]:
    """The term in both tone-mark placements (``hòa``/``hoà``, ``Thủy``/``Thuỷ``)."""
    variants = {unicodedata.normalize("NFC", term)}
    decomposed = unicodedata.normalize("NFD", term)
    marks = "\u0300\u0301\u0309\u0303\u0323"
    # Word-final oa/oe/uy: old style marks the second vowel, new style the first.
    old_to_new = re.compile(rf"([oOuU])([aAeEyY])([{marks}])(?!\w)")
    new_to_old = re.compile(rf"([oOuU])([{marks}])([aAeEyY])(?!\w)")
    for pattern, repl in ((old_to_new, r"\1\3\2"), (new_to_old, r"\1\3\2")):
        swapped = pattern.sub(repl, decomposed)
        variants.add(unicodedata.normalize("NFC", swapped))
    return variants


@dataclass
class Protected:
    """A segment with its terms replaced: ``text`` goes to the engine, ``slots`` come back."""

    text: str
    slots: dict[int, GlossaryEntry] = field(default_factory=dict)
    native_terms: dict[str, str] = field(default_factory=dict)
    matched: list[GlossaryEntry] = field(default_factory=list)


class Glossary:
    """The terms of one pair. Build from entries (the admin's rows) or :meth:`starter`."""

    def __init__(self, entries: Iterable[GlossaryEntry], source: str = "", target: str = ""):
        self.source, self.target = source, target
        self.entries = list(entries)
        self._forms: dict[str, GlossaryEntry] = {}
        self._folded: dict[str, GlossaryEntry] = {}
        for entry in self.entries:
            for form in tone_variants(entry.source):
                self._forms.setdefault(form, entry)
                if not entry.case_sensitive:
                    self._folded.setdefault(form.casefold(), entry)
        self._patterns: dict[bool, re.Pattern | None] = {}

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def from_tsv(cls, lines: Iterable[str], source: str = "", target: str = "") -> Glossary:
        """Parse ``source<TAB>target[<TAB>kind[<TAB>flags]]`` lines; ``a|b`` gives alternatives.

        kind is ``term`` (default) or ``dnt``; flags may hold ``strict`` and ``i`` (ignore case).
        """
        entries = []
        for line in lines:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            kind = cols[2].strip() if len(cols) > 2 else "term"
            flags = cols[3].split(",") if len(cols) > 3 else []
            target_term = cols[1].strip() if len(cols) > 1 and cols[1].strip() else cols[0].split("|")[0]
            for alt in cols[0].split("|"):
                if alt.strip():
                    entries.append(GlossaryEntry(alt.strip(), target_term, dnt=kind == "dnt",
                                                 case_sensitive="i" not in flags, strict="strict" in flags))
        return cls(entries, source, target)

    @classmethod
    def starter(cls, source: str, target: str) -> Glossary:
        """The glossary shipped in ``data/glossary.{source}-{target}.tsv`` (empty if none); from
        English into another language, every place the gazetteer knows (provinces, cities, towns,
        destinations, in their spellings without diacritics) is kept as it is: an engine turns
        "Ha Long" into "Ha Mucho tiempo" and "My Son" into "Mi Hijo"."""
        path = DATA_DIR / f"glossary.{source}-{target}.tsv"
        entries = []
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                entries = list(cls.from_tsv(fh, source, target).entries)
        if source == "en" and target != "vi":
            known = {entry.source for entry in entries}  # the file's own terms win ("Hanoi" → "Hanói")
            entries += [GlossaryEntry(name, name, dnt=True) for name in place_names_in_english()
                        if name not in known]
        return cls(entries, source, target)

    def as_dict(self) -> dict[str, str]:
        """Translatable terms as ``{source: target}`` for engines with a native glossary."""
        return {e.source: e.target for e in self.entries if not e.dnt}

    def _pattern(self, html: bool) -> re.Pattern | None:
        if html not in self._patterns:
            forms = sorted(self._forms, key=len, reverse=True)
            alternatives = []
            for form in forms:
                escaped = re.escape(htmllib.escape(form, quote=False) if html else form)
                alternatives.append(escaped if self._forms[form].case_sensitive else f"(?i:{escaped})")
            self._patterns[html] = (re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")
                                    if alternatives else None)
        return self._patterns[html]

    def lookup(self, found: str, html: bool = False) -> GlossaryEntry | None:
        """The entry a matched form belongs to."""
        form = htmllib.unescape(found) if html else found
        return self._forms.get(form) or self._folded.get(form.casefold())

    def find(self, text: str, html: bool = False) -> list[tuple[int, int, GlossaryEntry]]:
        """Non-overlapping ``(start, end, entry)`` matches, longest term first, outside tags."""
        pattern = self._pattern(html)
        if pattern is None:
            return []
        text = unicodedata.normalize("NFC", text)
        found, offset = [], 0
        for chunk in (TAG_RE.split(text) if html else [text]):
            if not (html and chunk.startswith("<")):
                for m in pattern.finditer(chunk):
                    entry = self.lookup(m.group(0), html)
                    if entry and not (entry.strict and self._ambiguous(chunk, m.start())):
                        found.append((offset + m.start(), offset + m.end(), entry))
            offset += len(chunk)
        return found

    @staticmethod
    def _ambiguous(text: str, start: int) -> bool:
        """A strict term at a sentence start or after a capitalised word may be a name or a verb."""
        before = text[:start]
        if _SENTENCE_START.search(before):
            return True
        previous = _PREVIOUS_WORD.search(before)
        return bool(previous and previous.group(1)[:1].isupper())

    def protect(self, text: str, *, html: bool = False, native: bool = False) -> Protected:
        """Replace terms by placeholders (all of them, or only do-not-translate ones if ``native``)."""
        text = unicodedata.normalize("NFC", text)
        result = Protected(text)
        numbers: dict[GlossaryEntry, int] = {}
        pieces, last = [], 0
        for start, end, entry in self.find(text, html):
            result.matched.append(entry)
            if native and not entry.dnt:
                result.native_terms[text[start:end]] = entry.target
                continue
            number = numbers.setdefault(entry, len(numbers) + 1)
            result.slots[number] = entry
            pieces.append(text[last:start] + PLACEHOLDER.format(number))
            last = end
        result.text = "".join(pieces) + text[last:]
        return result

    @staticmethod
    def restore(translated: str, protected: Protected, *, html: bool = False) -> str:
        """Put target terms back where the engine left the placeholders; drop unknown tokens."""
        def term(m: re.Match) -> str:
            entry = protected.slots.get(int(m.group(1)))
            if entry is None:
                return ""
            return htmllib.escape(entry.target, quote=False) if html else entry.target
        return PLACEHOLDER_RE.sub(term, translated)


def missing_placeholders(translated: str, protected: Protected) -> list[GlossaryEntry]:
    """Entries whose placeholder the engine dropped (checked before :meth:`Glossary.restore`)."""
    kept = {int(n) for n in PLACEHOLDER_RE.findall(translated)}
    return [entry for number, entry in protected.slots.items() if number not in kept]


def merge(glossaries: Iterable[Glossary | None]) -> Glossary:
    """One glossary from several (admin rows first, then the starter set)."""
    entries, pair = [], ("", "")
    for glossary in glossaries:
        if glossary is not None:
            entries.extend(glossary.entries)
            pair = pair if pair[0] else (glossary.source, glossary.target)
    return Glossary(entries, *pair)



@lru_cache(maxsize=1)
def place_names_in_english() -> list[str]:
    """The gazetteer's place names as English texts write them (no diacritics), longest first."""
    names = set()
    for spelling in gazetteer().spellings():
        plain = fold(spelling)
        words = plain.split()
        # Capitalised names only; one short word alone ("Ba") is too often something else.
        if plain.isascii() and all(w[:1].isupper() for w in words) and (len(words) > 1 or len(plain) >= 4):
            names.add(plain)
    return sorted(names, key=lambda n: (-len(n), n))
