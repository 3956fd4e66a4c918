"""Shared HTTP plumbing for web-API engines: one httpx client, errors mapped to TranslationError."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from quangba.core.http import parse_retry_after

from .base import Engine

# 408/425/429 and server errors usually pass; everything else needs a person (key, quota, request).
TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504, 529}


class HTTPEngine(Engine):
    """Base for engines behind an HTTP API. OPTIONS: ``URL``, ``TIMEOUT`` (seconds)."""

    default_url = ""

    def __init__(self, alias: str = "", options: Mapping[str, Any] | None = None):
        super().__init__(alias, options)
        self.url = str(self.options.get("URL", self.default_url)).rstrip("/")
        if not self.url:
            raise self.error("OPTIONS has no URL")
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        """A keep-alive client, created on first use so that settings can be loaded offline."""
        if self._client is None:
            self._client = httpx.Client(timeout=self.timeout, headers=self.headers())
        return self._client

    def headers(self) -> dict[str, str]:
        """Headers sent with every request (authentication goes here)."""
        return {"User-Agent": "quangba-translation"}

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request and return the decoded JSON, or raise a typed TranslationError."""
        url = path if path.startswith("http") else f"{self.url}{path}"
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise self.error(f"{method} {url} timed out after {self.timeout:g}s", transient=True) from exc
        except httpx.TransportError as exc:
            raise self.error(f"{method} {url} failed: {exc}", transient=True) from exc
        if response.status_code >= 400:
            raise self.error(f"{method} {url}: {self.error_message(response)}",
                             status=response.status_code,
                             transient=response.status_code in TRANSIENT_STATUS,
                             retry_after=parse_retry_after(response.headers.get("Retry-After")))
        try:
            return response.json()
        except ValueError as exc:
            raise self.error(f"{method} {url} answered with something other than JSON") from exc

    @staticmethod
    def error_message(response: httpx.Response) -> str:
        """The API's own explanation when it gives one, else the start of the body."""
        try:
            body = response.json()
        except ValueError:
            return response.text[:300] or response.reason_phrase
        if isinstance(body, dict):
            err = body.get("error", body.get("message", body))
            if isinstance(err, dict):
                err = err.get("message", err)
            return str(err)[:300]
        return str(body)[:300]

    def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None
