"""Typed translation errors: a person reading one knows which engine failed, why, and whether to wait."""
from __future__ import annotations


class TranslationError(Exception):
    """An engine could not translate a batch.

    ``transient`` errors (timeouts, 429, 5xx) are worth retrying after ``retry_after`` seconds or a
    backoff; permanent ones (bad key, unsupported pair, malformed answer) need a person to act and
    go straight to the next engine in the pair's fallback order.
    """

    def __init__(self, message: str, *, engine: str = "", transient: bool = False,
                 retry_after: float | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.engine = engine
        self.transient = transient
        self.retry_after = retry_after
        self.status = status

    def __str__(self) -> str:
        kind = "transient" if self.transient else "permanent"
        where = f"[{self.engine}] " if self.engine else ""
        code = f" (HTTP {self.status})" if self.status else ""
        return f"{where}{self.message}{code} — {kind}"


class ConfigurationError(TranslationError):
    """The settings name an engine or pair that cannot work as written; fix the settings."""
