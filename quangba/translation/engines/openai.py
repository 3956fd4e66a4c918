"""OpenAI-compatible chat completions (vLLM, llama.cpp server, Ollama …): one segment per request."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .http import HTTPEngine

LANGUAGE_NAMES = {
    "vi": "Vietnamese", "en": "English", "es": "Spanish", "fr": "French", "de": "German",
    "zh": "Chinese (Simplified)", "ja": "Japanese", "ko": "Korean", "ru": "Russian",
    "lo": "Lao", "km": "Khmer", "th": "Thai", "pt": "Portuguese", "ca": "Catalan", "ar": "Arabic",
}
_FENCE = re.compile(r"^```[\w-]*\n?|\n?```$")
_PREFIX = re.compile(r"^(translation|translated text|bản dịch)\s*:\s*", re.IGNORECASE)

SYSTEM_PROMPT = (
    "You are a professional news translator for a national news portal. Translate the user's "
    "text from {source} to {target}. Reply with the translation of that text alone: no notes, "
    "no quotes around it, no explanations. Keep every HTML tag and attribute exactly as it is. "
    "Keep tokens such as QGX1QGX unchanged; they stand for protected names. "
    "Keep all numbers and dates."
)


class OpenAICompatibleEngine(HTTPEngine):
    """``POST {URL}/chat/completions`` with the glossary in the system prompt.

    OPTIONS: ``URL`` (e.g. ``http://127.0.0.1:8000/v1``), ``MODEL``, ``API_KEY``, ``TIMEOUT``,
    ``TEMPERATURE`` (0), ``LANGUAGES`` (list of ``"vi-en"`` pairs the model is trusted with),
    ``GLOSSARY_IN_PROMPT`` (True; False protects terms with placeholders instead), ``EXTRA_BODY``.
    The model must already be loaded by the server: this engine never asks it to pull one.
    """

    max_batch = 1
    max_chars = 6000

    def __init__(self, alias: str = "openai", options: Mapping[str, Any] | None = None):
        super().__init__(alias, options)
        self.model = self.options.get("MODEL", "default")
        self.native_glossary = bool(self.options.get("GLOSSARY_IN_PROMPT", True))

    def headers(self) -> dict[str, str]:
        headers = super().headers()
        if self.options.get("API_KEY"):
            headers["Authorization"] = f"Bearer {self.options['API_KEY']}"
        return headers

    def messages(self, segment: str, source: str, target: str,
                 glossary: Mapping[str, str] | None) -> list[dict[str, str]]:
        """The chat messages for one segment, the glossary lines limited to terms it contains."""
        system = SYSTEM_PROMPT.format(source=LANGUAGE_NAMES.get(source, source),
                                      target=LANGUAGE_NAMES.get(target, target))
        terms = [(s, t) for s, t in (glossary or {}).items() if s.casefold() in segment.casefold()]
        if terms:
            system += "\nAlways translate these terms exactly like this:\n" + "\n".join(
                f"- {s} → {t}" for s, t in terms)
        return [{"role": "system", "content": system}, {"role": "user", "content": segment}]

    def translate(self, segments: Sequence[str], source: str, target: str, *, html: bool = False,
                  glossary: Mapping[str, str] | None = None) -> list[str]:
        return [self._one(segment, source, target, glossary) for segment in segments]

    def _one(self, segment: str, source: str, target: str, glossary: Mapping[str, str] | None) -> str:
        payload = {"model": self.model, "messages": self.messages(segment, source, target, glossary),
                   "temperature": float(self.options.get("TEMPERATURE", 0)), "stream": False,
                   **self.options.get("EXTRA_BODY", {})}
        body = self.request("POST", "/chat/completions", json=payload)
        try:
            text = body["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError) as exc:
            raise self.error("answer has no choices[0].message.content") from exc
        return self.clean(text or "", segment)

    @staticmethod
    def clean(text: str, segment: str) -> str:
        """Remove the wrappers chat models like to add: code fences, a label, quotes."""
        text = _PREFIX.sub("", _FENCE.sub("", text.strip()).strip())
        for quote in ('"', "“", "'"):
            if text.startswith(quote) and text.endswith(quote[-1] if quote != "“" else "”") \
                    and not segment.startswith(quote) and len(text) > 1:
                text = text[1:-1]
        return text.strip()

    def languages(self) -> set[tuple[str, str]]:
        return {tuple(pair.split("-", 1)) for pair in self.options.get("LANGUAGES", [])}

    def supports(self, source: str, target: str) -> bool:
        return not self.options.get("LANGUAGES") or (source, target) in self.languages()
