"""LibreTranslate's HTTP API (self-hosted; Argos models installed on the server, never by us)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from .http import HTTPEngine


class LibreTranslateEngine(HTTPEngine):
    """``POST /translate`` with ``q`` as a list, ``format=text|html`` and an optional ``api_key``.

    OPTIONS: ``URL`` (e.g. ``http://127.0.0.1:5000``), ``API_KEY``, ``TIMEOUT``, ``MAX_BATCH``,
    ``MAX_CHARS`` (match the server's ``--char-limit``).
    """

    max_batch = 25
    max_chars = 5000

    def translate(self, segments: Sequence[str], source: str, target: str, *, html: bool = False,
                  glossary: Mapping[str, str] | None = None) -> list[str]:
        if not segments:
            return []
        payload = {"q": list(segments), "source": source, "target": target,
                   "format": "html" if html else "text"}
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        body = self.request("POST", "/translate", json=payload)
        translated = body.get("translatedText") if isinstance(body, dict) else None
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list):
            raise self.error("answer has no translatedText list")
        return self.check_count(segments, translated)

    def languages(self) -> set[tuple[str, str]]:
        pairs = set()
        for lang in self.request("GET", "/languages"):
            for target in lang.get("targets", []):
                if target != lang["code"]:
                    pairs.add((lang["code"], target))
        return pairs
