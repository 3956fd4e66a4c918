"""The engine interface every backend implements, and the settings loader (alias → BACKEND + OPTIONS)."""
from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import ConfigurationError, TranslationError


class Engine:
    """One machine-translation backend, configured by ``OPTIONS`` from settings.

    Subclasses implement :meth:`translate` and :meth:`languages`; the limits tell the pipeline
    how to batch: at most ``max_batch`` segments and ``max_chars`` characters per call.
    """

    max_chars: int = 5000
    max_batch: int = 50
    #: True when the engine can carry the glossary itself (prompt, DeepL/Google glossary).
    native_glossary: bool = False
    #: True when plain-text segments are best sent escaped in the same HTML batch (one call).
    batch_as_html: bool = False

    def __init__(self, alias: str = "", options: Mapping[str, Any] | None = None):
        self.alias = alias or type(self).__name__.lower()
        self.options = dict(options or {})
        self.max_chars = int(self.options.get("MAX_CHARS", self.max_chars))
        self.max_batch = int(self.options.get("MAX_BATCH", self.max_batch))
        self.timeout = float(self.options.get("TIMEOUT", 30))

    def translate(self, segments: Sequence[str], source: str, target: str, *, html: bool = False,
                  glossary: Mapping[str, str] | None = None) -> list[str]:
        """Translate ``segments`` from ``source`` to ``target`` (ISO 639-1), one output per input.

        With ``html=True`` the segments are HTML fragments whose tags must survive. ``glossary``
        (source term → target term) is only passed to engines with ``native_glossary``.
        """
        raise NotImplementedError

    def languages(self) -> set[tuple[str, str]]:
        """The (source, target) pairs this engine can translate right now."""
        raise NotImplementedError

    def supports(self, source: str, target: str) -> bool:
        """Whether the pair is available; engines that cannot tell say yes and fail later."""
        try:
            return (source, target) in self.languages()
        except TranslationError:
            return True

    def uses_native_glossary(self, source: str, target: str) -> bool:
        """Whether glossary terms for this pair go to the engine instead of placeholders."""
        return self.native_glossary

    def error(self, message: str, **kwargs: Any) -> TranslationError:
        """A :class:`TranslationError` tagged with this engine's alias."""
        return TranslationError(message, engine=self.alias, **kwargs)

    def check_count(self, sent: Sequence[str], got: Sequence[str]) -> list[str]:
        """Refuse an answer whose segment count differs from the request (it would misalign)."""
        if len(got) != len(sent):
            raise self.error(f"sent {len(sent)} segments, got {len(got)} back")
        return list(got)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.alias!r}>"


def import_backend(path: str) -> type[Engine]:
    """Import ``package.module.Class`` named by a BACKEND setting."""
    module_name, _, class_name = path.rpartition(".")
    try:
        backend = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ConfigurationError(f"cannot import translation BACKEND {path!r}: {exc}") from exc
    if not (isinstance(backend, type) and issubclass(backend, Engine)):
        raise ConfigurationError(f"translation BACKEND {path!r} is not an Engine subclass")
    return backend


def load_engines(config: Mapping[str, Mapping[str, Any]]) -> dict[str, Engine]:
    """Build engines from a settings dict: ``{alias: {"BACKEND": "...", "OPTIONS": {...}}}``."""
    engines = {}
    for alias, entry in config.items():
        if "BACKEND" not in entry:
            raise ConfigurationError(f"translation engine {alias!r} has no BACKEND")
        engines[alias] = import_backend(entry["BACKEND"])(alias, entry.get("OPTIONS", {}))
    return engines
