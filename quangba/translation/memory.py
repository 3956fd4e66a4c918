"""Translation memory: (engine, source, target, normalized segment) → translation.

The pipeline talks to any object with ``get_many`` and ``put_many``; the library ships an
in-process one, the Django app a database-backed one keyed by :meth:`MemoryKey.digest`.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

_WHITESPACE = re.compile(r"\s+")

# The memory's "engine" for segments an editor approved: looked up before any engine, for every
# engine, on the segment as written (no glossary fingerprint: the editor already chose the terms).
EDITORS = "editors"


def normalize(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, trimmed: what the engine and the key see."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class MemoryKey:
    """One memory entry's identity. ``engine`` may carry a glossary fingerprint (``deepl+g1a2b``)."""

    engine: str
    source: str
    target: str
    text: str

    @classmethod
    def approved(cls, source: str, target: str, text: str) -> "MemoryKey":
        """The key of an editor-approved translation of ``text``."""
        return cls(EDITORS, source, target, normalize(text))

    def digest(self) -> str:
        """A stable 64-hex-char hash, for an indexed database column."""
        raw = "\x1f".join((self.engine, self.source, self.target, self.text))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@runtime_checkable
class TranslationMemory(Protocol):
    """Storage for past translations, shared across articles."""

    def get_many(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        """Translations known for ``keys``; unknown keys are simply absent."""
        ...

    def put_many(self, items: Mapping[MemoryKey, str]) -> None:
        """Remember new translations (replacing older ones for the same key)."""
        ...


class InMemoryTranslationMemory:
    """A dict-backed memory for the library, the benchmark and tests."""

    def __init__(self) -> None:
        self.entries: dict[MemoryKey, str] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def get_many(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        return {key: self.entries[key] for key in keys if key in self.entries}

    def put_many(self, items: Mapping[MemoryKey, str]) -> None:
        self.entries.update(items)


class NullTranslationMemory:
    """Remembers nothing: every segment goes to the engine."""

    def get_many(self, keys: Iterable[MemoryKey]) -> dict[MemoryKey, str]:
        return {}

    def put_many(self, items: Mapping[MemoryKey, str]) -> None:
        return None
