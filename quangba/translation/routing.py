"""Which engines serve a language pair, in what order, and how a failing call is retried."""
from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .engines.base import Engine, load_engines
from .errors import ConfigurationError, TranslationError


@dataclass(frozen=True)
class RetryPolicy:
    """Transient failures are retried ``attempts`` times with capped exponential backoff and jitter.

    A ``Retry-After`` longer than ``cap`` is not waited for here: the engine is given up for this
    run (the next engine in the pair's order takes over) and the error keeps the delay for the
    caller's scheduler.
    """

    attempts: int = 3
    base: float = 0.5
    cap: float = 30.0
    jitter: float = 0.2

    def delay(self, attempt: int, error: TranslationError) -> float | None:
        """Seconds to wait before retry number ``attempt`` (1-based), or None to stop retrying."""
        if not error.transient or attempt >= self.attempts:
            return None
        if error.retry_after is not None:
            return error.retry_after if error.retry_after <= self.cap else None
        backoff = min(self.cap, self.base * 2 ** (attempt - 1))
        return backoff * (1 + random.uniform(-self.jitter, self.jitter))


@dataclass
class CallStats:
    """What the engines were asked for during one run: the benchmark and the admin read this."""

    engine_calls: int = 0
    segments_sent: int = 0
    characters_sent: int = 0
    retries: int = 0
    by_engine: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def call_with_retry(engine: Engine, segments: Sequence[str], source: str, target: str, *,
                    html: bool = False, glossary: Mapping[str, str] | None = None,
                    policy: RetryPolicy = RetryPolicy(), stats: CallStats | None = None,
                    sleep: Callable[[float], None] = time.sleep) -> list[str]:
    """``engine.translate`` with transient failures retried according to ``policy``."""
    stats = stats if stats is not None else CallStats()
    attempt = 0
    while True:
        attempt += 1
        stats.engine_calls += 1
        stats.segments_sent += len(segments)
        stats.characters_sent += sum(map(len, segments))
        stats.by_engine[engine.alias] = stats.by_engine.get(engine.alias, 0) + 1
        try:
            return engine.translate(segments, source, target, html=html, glossary=glossary)
        except TranslationError as exc:
            exc.engine = exc.engine or engine.alias
            wait = policy.delay(attempt, exc)
            if wait is None:
                stats.failures.append(str(exc))
                raise
            stats.retries += 1
            sleep(wait)


class Router:
    """Per-pair engine order from settings, like DATABASES/CACHES:

    ``engines = {"apertium": {"BACKEND": "quangba.translation.engines.apertium.ApertiumEngine",
    "OPTIONS": {}}}`` and ``routes = {"en-es": ["apertium"], "vi-en": ["libretranslate",
    "openai"], "*": [...]}`` where ``"*"`` is the order for pairs not listed.
    """

    def __init__(self, engines: Mapping[str, Engine], routes: Mapping[str, Sequence[str]]):
        self.engines = dict(engines)
        self.routes = {pair: list(aliases) for pair, aliases in routes.items()}
        for pair, aliases in self.routes.items():
            for alias in aliases:
                if alias not in self.engines:
                    raise ConfigurationError(f"route {pair!r} names unknown engine {alias!r}")

    @classmethod
    def from_settings(cls, engines: Mapping[str, Mapping[str, Any]],
                      routes: Mapping[str, Sequence[str]]) -> Router:
        """Build the engines from their settings dicts and check the routes against them."""
        return cls(load_engines(engines), routes)

    def pairs(self) -> list[tuple[str, str]]:
        """Language pairs with an explicit route."""
        return [tuple(pair.split("-", 1)) for pair in self.routes if pair != "*"]

    def engines_for(self, source: str, target: str) -> list[Engine]:
        """Engines to try for the pair, in fallback order (may be empty: nothing configured)."""
        aliases = self.routes.get(f"{source}-{target}", self.routes.get("*", []))
        return [self.engines[alias] for alias in aliases]
