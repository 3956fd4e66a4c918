"""Word lists of the site's languages, from the system's dictionaries (Debian's wspanish,
wamerican, wbritish…): the QA gate tells a source-language word left in a translation from a word
the target language really has. Without a list for a language the check has nothing to say."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

DICTIONARIES = {
    "es": ["spanish"], "en": ["american-english", "british-english", "american-english-large"],
    "fr": ["french"], "de": ["ngerman"], "it": ["italian"], "pt": ["portuguese", "brazilian"],
    "ca": ["catalan"], "nl": ["dutch"],
}


def search_path() -> list[Path]:
    """Where word lists are looked for (QUANGBA_WORD_LISTS, then /usr/share/dict)."""
    extra = [Path(p) for p in os.environ.get("QUANGBA_WORD_LISTS", "").split(os.pathsep) if p]
    return extra + [Path("/usr/share/dict")]


@lru_cache(maxsize=16)
def words(language: str) -> frozenset[str] | None:
    """The lower-cased words of `language`, or None when no list is installed."""
    found: set[str] = set()
    for name in DICTIONARIES.get(language, ()):
        for folder in search_path():
            path = folder / name
            if path.is_file():
                raw = path.read_bytes()
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:  # older lists are Latin-1
                    text = raw.decode("latin-1")
                found.update(line.strip().lower() for line in text.splitlines() if line.strip())
    return frozenset(found) or None
