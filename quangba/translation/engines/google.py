"""Google Cloud Translation v3 (Advanced) over REST, with a per-pair glossary resource."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .http import HTTPEngine


class GoogleTranslateEngine(HTTPEngine):
    """``POST /v3/projects/{PROJECT}/locations/{LOCATION}:translateText``.

    OPTIONS: ``PROJECT``, ``LOCATION`` (``global``; glossaries need a region such as
    ``us-central1``), ``ACCESS_TOKEN`` (OAuth bearer), ``URL``, ``TIMEOUT``, ``GLOSSARIES``
    (``{"vi-en": "quangba-vi-en"}``: glossary ids made beforehand from our TSV, which Google
    loads from Cloud Storage), ``MODEL`` (optional model resource).
    """

    default_url = "https://translation.googleapis.com"
    max_batch = 128
    max_chars = 30_000

    def __init__(self, alias: str = "google", options: Mapping[str, Any] | None = None):
        super().__init__(alias, options)
        self.project = self.options.get("PROJECT", "")
        self.location = self.options.get("LOCATION", "global")
        self.glossaries: dict[str, str] = dict(self.options.get("GLOSSARIES", {}))
        if not self.project:
            raise self.error("OPTIONS has no PROJECT")

    @property
    def parent(self) -> str:
        return f"projects/{self.project}/locations/{self.location}"

    def headers(self) -> dict[str, str]:
        headers = super().headers()
        if self.options.get("ACCESS_TOKEN"):
            headers["Authorization"] = f"Bearer {self.options['ACCESS_TOKEN']}"
        return headers

    def uses_native_glossary(self, source: str, target: str) -> bool:
        return f"{source}-{target}" in self.glossaries

    def translate(self, segments: Sequence[str], source: str, target: str, *, html: bool = False,
                  glossary: Mapping[str, str] | None = None) -> list[str]:
        if not segments:
            return []
        payload: dict[str, Any] = {"contents": list(segments), "sourceLanguageCode": source,
                                   "targetLanguageCode": target,
                                   "mimeType": "text/html" if html else "text/plain"}
        if self.options.get("MODEL"):
            payload["model"] = self.options["MODEL"]
        glossary_name = self.glossaries.get(f"{source}-{target}")
        if glossary_name:
            if "/" not in glossary_name:
                glossary_name = f"{self.parent}/glossaries/{glossary_name}"
            payload["glossaryConfig"] = {"glossary": glossary_name, "ignoreCase": False}
        body = self.request("POST", f"/v3/{self.parent}:translateText", json=payload)
        # With a glossary Google answers twice; the glossary-applied list is the one we want.
        key = "glossaryTranslations" if glossary_name and "glossaryTranslations" in body else "translations"
        try:
            texts = [item["translatedText"] for item in body[key]]
        except (KeyError, TypeError) as exc:
            raise self.error(f"answer has no {key}[].translatedText") from exc
        return self.check_count(segments, texts)

    def languages(self) -> set[tuple[str, str]]:
        body = self.request("GET", f"/v3/{self.parent}/supportedLanguages")
        langs = body.get("supportedLanguages", [])
        sources = [l["languageCode"] for l in langs if l.get("supportSource")]
        targets = [l["languageCode"] for l in langs if l.get("supportTarget")]
        return {(s, t) for s in sources for t in targets if s != t}
