"""Typed errors of the pipeline. Each says whether retrying can help, and carries what a person
needs to act on it."""


class PipelineError(Exception):
    """Base of every error a stage records. `transient` errors are retried with backoff;
    permanent ones are recorded and shown in the back office, never retried blindly."""

    transient = False

    def __init__(self, reason: str, *, url: str | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.url = url
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.reason} ({self.url})" if self.url else self.reason


class FetchError(PipelineError):
    """A fetch failed for a reason that may pass: timeout, connection reset, 5xx, 429."""

    transient = True

    def __init__(self, reason: str, *, url: str | None = None, status: int | None = None,
                 retry_after: float | None = None, transient: bool | None = None, content: bytes = b""):
        super().__init__(reason, url=url, retry_after=retry_after)
        self.status = status
        self.content = content  # the error page, if the server sent one (a bot challenge says so there)
        if transient is not None:
            self.transient = transient


class FetchRefused(FetchError):
    """The fetch guard refused the request (address, scheme, robots.txt, size): retrying won't help."""

    transient = False
