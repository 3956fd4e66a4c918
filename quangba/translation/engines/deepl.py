"""DeepL API v2, using its glossaries for the pair's terms."""
from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from .http import HTTPEngine

# DeepL wants a regional variant for some targets.
TARGET_VARIANTS = {"en": "EN-US", "pt": "PT-BR", "zh": "ZH-HANS"}


class DeepLEngine(HTTPEngine):
    """``POST /v2/translate`` (``tag_handling=html`` for HTML) with a glossary made on first use.

    OPTIONS: ``AUTH_KEY``, ``URL`` (``https://api-free.deepl.com`` for free keys), ``TIMEOUT``,
    ``GLOSSARIES`` (``{"en-de": "glossary-id"}`` to use existing ones), ``CREATE_GLOSSARIES``
    (True: upload the pair's glossary once per distinct content), ``FORMALITY``.
    """

    default_url = "https://api.deepl.com"
    max_batch = 50
    max_chars = 100_000

    def __init__(self, alias: str = "deepl", options: Mapping[str, Any] | None = None):
        super().__init__(alias, options)
        self.glossary_ids: dict[str, str] = dict(self.options.get("GLOSSARIES", {}))
        self._created: dict[str, str] = {}

    def headers(self) -> dict[str, str]:
        if not self.options.get("AUTH_KEY"):
            raise self.error("OPTIONS has no AUTH_KEY (from the DeepL account page)")
        return {**super().headers(), "Authorization": f"DeepL-Auth-Key {self.options['AUTH_KEY']}"}

    def uses_native_glossary(self, source: str, target: str) -> bool:
        return f"{source}-{target}" in self.glossary_ids or self.options.get("CREATE_GLOSSARIES", True)

    def glossary_id(self, source: str, target: str, glossary: Mapping[str, str] | None) -> str | None:
        """The configured glossary for the pair, or one uploaded for exactly these entries."""
        if f"{source}-{target}" in self.glossary_ids:
            return self.glossary_ids[f"{source}-{target}"]
        if not glossary or not self.options.get("CREATE_GLOSSARIES", True):
            return None
        # DeepL rejects tabs and newlines inside entries.
        tsv = "\n".join(f"{s}\t{t}" for s, t in sorted(glossary.items())
                        if not set("\t\n") & set(s + t))
        digest = hashlib.sha256(f"{source}-{target}\n{tsv}".encode()).hexdigest()[:16]
        if digest not in self._created:
            body = self.request("POST", "/v2/glossaries", json={
                "name": f"quangba-{source}-{target}-{digest}", "source_lang": source.upper(),
                "target_lang": target.upper(), "entries": tsv, "entries_format": "tsv"})
            self._created[digest] = body["glossary_id"]
        return self._created[digest]

    def translate(self, segments: Sequence[str], source: str, target: str, *, html: bool = False,
                  glossary: Mapping[str, str] | None = None) -> list[str]:
        if not segments:
            return []
        payload: dict[str, Any] = {"text": list(segments), "source_lang": source.upper(),
                                   "target_lang": TARGET_VARIANTS.get(target, target.upper())}
        if html:
            payload["tag_handling"] = "html"
        if self.options.get("FORMALITY"):
            payload["formality"] = self.options["FORMALITY"]
        glossary_id = self.glossary_id(source, target, glossary)
        if glossary_id:
            payload["glossary_id"] = glossary_id
        body = self.request("POST", "/v2/translate", json=payload)
        try:
            texts = [item["text"] for item in body["translations"]]
        except (KeyError, TypeError) as exc:
            raise self.error("answer has no translations[].text") from exc
        return self.check_count(segments, texts)

    def languages(self) -> set[tuple[str, str]]:
        sources = [lang["language"].lower() for lang in self.request("GET", "/v2/languages",
                                                                     params={"type": "source"})]
        targets = {lang["language"].lower().split("-")[0]
                   for lang in self.request("GET", "/v2/languages", params={"type": "target"})}
        return {(s, t) for s in sources for t in targets if s != t}
