"""Apertium, the offline rule-based engine installed from Debian packages (``apertium-eng-spa`` …)."""
from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from typing import Any

from .. import lexicon
from .base import Engine

# ISO 639-1 → Apertium's ISO 639-3 codes, for the languages Debian ships pairs for.
ISO_TO_APERTIUM = {
    "en": "eng", "es": "spa", "ca": "cat", "fr": "fra", "pt": "por", "it": "ita", "gl": "glg",
    "oc": "oci", "eo": "epo", "ro": "ron", "an": "arg", "eu": "eus", "de": "deu", "nl": "nld",
    "af": "afr", "is": "isl", "sv": "swe", "da": "dan", "nb": "nob", "nn": "nno", "br": "bre",
    "cy": "cym", "ms": "msa", "id": "ind", "kk": "kaz", "tt": "tat", "ru": "rus", "uk": "ukr",
    "be": "bel", "mk": "mkd", "bg": "bul", "sr": "srp", "hr": "hrv", "bs": "bos", "sl": "slv",
    "pl": "pol", "cs": "ces", "sk": "slk", "mt": "mlt", "ar": "ara", "he": "heb", "hi": "hin",
    "ur": "urd", "vi": "vie",
}
APERTIUM_TO_ISO = {v: k for k, v in ISO_TO_APERTIUM.items()}
# Apertium also answers to some legacy two-letter and bibliographic codes.
APERTIUM_TO_ISO.update({"fre": "fr", "ger": "de", "dut": "nl", "rum": "ro"})

_SEG_OPEN = re.compile(r'<div data-seg="(\d+)">')
# Unknown (*), generation (#) and morphology (@) marks, dropped from the output (unless the
# source had the same text); a word can carry two after a pivot.
_MARK = re.compile(r"(?<![\w&#@*])[*#@]{1,2}(\w+)")
_UNKNOWN = re.compile(r"(?<![\w&#@*])\*{1,2}(\w+)")


def _unknown(text: str) -> list[str]:
    return _UNKNOWN.findall(text)


def _word(match: re.Match, translated: dict[str, str], *, lower: bool = False) -> str:
    """An unknown word's translation on its own, when it was found (else the word, marked)."""
    found = translated.get(match.group(1), "").strip().rstrip(".")
    if not found or _unknown(found) or found.startswith(("#", "@")):
        return match.group(0)
    return found[:1].lower() + found[1:] if lower else found


def _split_compound(word: str, language: str) -> str | None:
    """`word` as two words of the language's word list ("riverbank" → "river bank"), or None."""
    known = lexicon.words(language)
    if not known or not word.isalpha() or len(word) < 7:
        return None
    lower = word.lower()
    for cut in range(3, len(lower) - 2):
        head, tail = lower[:cut], lower[cut:]
        if head in known and tail in known and len(tail) >= 3:
            return f"{head} {tail}"
    return None
_SPACES = re.compile(r"[ \t]{2,}")


class ApertiumEngine(Engine):
    """Runs ``apertium -f html MODE`` once per batch.

    Segments are wrapped in ``<div data-seg="N">`` blocks: Apertium never moves words across a
    block element, whereas newlines, ``<br>`` or comments let it reorder across segments.

    OPTIONS: ``BINARY`` (default ``apertium``), ``DATA_DIR`` (passed as ``-d``), ``MODES``
    (``{"es-en": "spa-eng_US"}`` to pick a variant), ``PIVOTS`` (``{"en-es": ["ca", "gl"]}``, the
    default: languages to go through for segments with unknown words, when both pairs are
    installed), ``TIMEOUT`` seconds, ``MAX_BATCH``, ``MAX_CHARS``.
    """

    max_chars = 200_000
    max_batch = 1000
    batch_as_html = True

    def __init__(self, alias: str = "apertium", options: Mapping[str, Any] | None = None):
        super().__init__(alias, options)
        self.binary = self.options.get("BINARY", "apertium")
        self.data_dir = self.options.get("DATA_DIR")
        self.modes = dict(self.options.get("MODES", {}))
        # Pivot languages tried for segments with unknown words, per pair ({"en-es": ["ca"]}).
        self.pivots = {key: list(value) for key, value in self.options.get("PIVOTS", {"en-es": ["ca", "gl"]}).items()}
        self._installed: list[str] | None = None

    def _base_command(self) -> list[str]:
        path = shutil.which(self.binary)
        if not path:
            raise self.error(f"the {self.binary!r} binary is not installed (apt-get install apertium)")
        return [path] + (["-d", self.data_dir] if self.data_dir else [])

    def installed_modes(self) -> list[str]:
        """Mode names reported by ``apertium -l`` (e.g. ``eng-spa``, ``spa-eng_US``)."""
        if self._installed is None:
            try:
                out = subprocess.run(self._base_command() + ["-l"], capture_output=True, text=True,
                                     timeout=self.timeout, check=False).stdout
            except subprocess.TimeoutExpired as exc:
                raise self.error("apertium -l timed out", transient=True) from exc
            self._installed = [line.strip() for line in out.splitlines() if line.strip()]
        return self._installed

    def mode_for(self, source: str, target: str) -> str:
        """The Apertium mode translating ``source`` → ``target`` (``en``, ``es`` → ``eng-spa``)."""
        configured = self.modes.get(f"{source}-{target}")
        if configured:
            return configured
        return f"{ISO_TO_APERTIUM.get(source, source)}-{ISO_TO_APERTIUM.get(target, target)}"

    def languages(self) -> set[tuple[str, str]]:
        pairs = set()
        for mode in self.installed_modes():
            left, _, right = mode.partition("-")
            right = right.split("_")[0]
            if left and right and "-" not in right:
                pairs.add((APERTIUM_TO_ISO.get(left, left), APERTIUM_TO_ISO.get(right, right)))
        pairs.update(tuple(key.split("-", 1)) for key in self.modes)
        return pairs

    def translate(self, segments: Sequence[str], source: str, target: str, *, html: bool = False,
                  glossary: Mapping[str, str] | None = None) -> list[str]:
        if not segments:
            return []
        mode = self.mode_for(source, target)
        if mode not in self.installed_modes():
            raise self.error(f"Apertium mode {mode!r} is not installed "
                             f"(apt-get install apertium-{mode.split('_')[0]})")
        bodies = list(segments) if html else [htmllib.escape(s, quote=False) for s in segments]
        out = self._run(mode, bodies)
        # Segments with words the pair does not know go once more through a pivot language whose
        # pairs know more words (English → Catalan → Spanish knows "shipment", "growers"…); the
        # version with fewer unknown words wins.
        unknown = [i for i, text in enumerate(out) if _unknown(text)]
        for pivot in self.pivots.get(f"{source}-{target}", ()) if unknown else ():
            there, back = self.mode_for(source, pivot), self.mode_for(pivot, target)
            if not {there, back} <= set(self.installed_modes()):
                continue
            via = self._run(back, self._run(there, [bodies[i] for i in unknown]))
            for i, text in zip(unknown, via):
                if len(_unknown(text)) < len(_unknown(out[i])):
                    out[i] = text
            unknown = [i for i in unknown if _unknown(out[i])]
            if unknown:
                # Words still unknown, one by one through the pivot: "*growers" → "productores".
                words = sorted({w for i in unknown for w in _unknown(out[i]) if w.isalpha()})
                alone = dict(zip(words, self._run(back, self._run(there, words))))
                for i in unknown:
                    out[i] = _UNKNOWN.sub(lambda m: _word(m, alone), out[i])
                unknown = [i for i in unknown if _unknown(out[i])]
        if unknown:
            # Compounds the dictionaries lack, split into two words they know ("eggshell" →
            # "egg shell" → "cáscara de huevo").
            words = {w: split for w in {w for i in unknown for w in _unknown(out[i])}
                     if (split := _split_compound(w, source))}
            if words:
                alone = dict(zip(words, self._run(mode, list(words.values()))))
                for i in unknown:
                    out[i] = _UNKNOWN.sub(lambda m: _word(m, alone, lower=m.group(1)[:1].islower()), out[i])
        cleaned = [self._clean(text, src) for text, src in zip(out, bodies)]
        return cleaned if html else [htmllib.unescape(text) for text in cleaned]

    def _run(self, mode: str, bodies: list[str]) -> list[str]:
        """One Apertium call for the whole batch, unknown words marked with *."""
        payload = "".join(f'<div data-seg="{i}">{body}</div>\n' for i, body in enumerate(bodies))
        try:
            proc = subprocess.run(self._base_command() + ["-f", "html", mode], input=payload,
                                  capture_output=True, text=True, timeout=self.timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise self.error(f"apertium {mode} took longer than {self.timeout:g}s",
                             transient=True) from exc
        if proc.returncode != 0:
            raise self.error(f"apertium {mode} exited with {proc.returncode}: {proc.stderr.strip()[:300]}")
        return self.check_count(bodies, self._split(proc.stdout, len(bodies)))

    def _split(self, output: str, expected: int) -> list[str]:
        parts = _SEG_OPEN.split(output)
        numbers, texts = parts[1::2], parts[2::2]
        if [int(n) for n in numbers] != list(range(expected)):
            raise self.error("Apertium output lost or reordered the segment wrappers")
        return [text.rstrip().removesuffix("</div>") for text in texts]

    @staticmethod
    def _clean(text: str, source: str) -> str:
        """Drop leftover analysis marks (unless the source had them) and doubled spaces."""
        text = _SPACES.sub(" ", _MARK.sub(lambda m: m.group(0) if m.group(0) in source else m.group(1),
                                          text)).strip()
        # After an unknown first word Apertium capitalises the next one ("QGX1QGX Es en …").
        src, out = source.split(maxsplit=2), text.split(" ", 2)
        if (len(src) > 1 and len(out) > 1 and out[0] == src[0] and src[1][:1].islower()
                and out[1][:1].isupper() and not out[1].isupper()):
            out[1] = out[1][0].lower() + out[1][1:]
            text = " ".join(out)
        return text
