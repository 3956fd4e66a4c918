"""What the stage runner does with a failure: when to try again, and when to stop trying."""
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .errors import PipelineError


def lease_length() -> timedelta:
    """How long a claimed row is held: not finished by then, it is claimed again (its worker died)."""
    return timedelta(seconds=settings.QUANGBA_PIPELINE["LEASE_SECONDS"])


def backoff_delay(attempt: int, *, retry_after: float | None = None) -> timedelta:
    """Capped exponential backoff with full jitter; a server's Retry-After is a floor."""
    conf = settings.QUANGBA_PIPELINE
    base, cap = conf["BACKOFF_BASE_SECONDS"], conf["BACKOFF_CAP_SECONDS"]
    ceiling = min(cap, base * (2 ** max(0, attempt - 1)))
    seconds = ceiling / 2 + random.uniform(0, ceiling / 2)
    if retry_after is not None:
        seconds = max(seconds, min(retry_after, cap))
    return timedelta(seconds=seconds)


@dataclass
class Failure:
    """A recorded failure and what follows from it."""

    message: str
    retry_at: datetime | None  # None: permanent, an editor has to look

    @property
    def permanent(self) -> bool:
        return self.retry_at is None


def judge(exc: BaseException, attempts: int) -> Failure:
    """Decide the fate of a stage that raised `exc` on its `attempts`-th try."""
    max_attempts = settings.QUANGBA_PIPELINE["MAX_ATTEMPTS"]
    if isinstance(exc, PipelineError):
        message = f"{type(exc).__name__}: {exc}"
        if exc.transient and attempts < max_attempts:
            return Failure(message, timezone.now() + backoff_delay(attempts, retry_after=exc.retry_after))
        if exc.transient:
            message += f" (gave up after {attempts} attempts)"
        return Failure(message, None)
    # An unexpected exception is a bug or bad data: retry a few times, then hold for a person.
    message = f"unexpected {type(exc).__name__}: {exc}"
    if attempts < max_attempts:
        return Failure(message, timezone.now() + backoff_delay(attempts))
    return Failure(message + f" (gave up after {attempts} attempts)", None)
