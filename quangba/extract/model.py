"""The result of extraction: one slotted dataclass per article, one per image."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime


class ExtractionError(Exception):
    """The page cannot yield an article; `reason` says why, `url` says which page."""

    def __init__(self, reason: str, url: str | None = None):
        self.reason = reason
        self.url = url
        super().__init__(f"{reason} ({url})" if url else reason)


@dataclass(slots=True)
class ExtractedImage:
    """A figure of the article: absolute URL, caption and photo credit kept apart."""

    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(slots=True)
class ExtractedArticle:
    """An article as the outlet published it, before translation or filing."""

    url: str | None = None
    canonical_url: str | None = None
    title: str = ""
    lead: str = ""
    body_html: str = ""
    text: str = ""
    images: list[ExtractedImage] = field(default_factory=list)
    author: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    language: str = ""
    tags: list[str] = field(default_factory=list)
    section_hint: str = ""
    extractor: str = ""
    confidence: float = 0.0

    def as_dict(self) -> dict:
        """A JSON-ready dict (datetimes as ISO 8601 strings)."""
        data = asdict(self)
        for key in ("published_at", "updated_at"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        return data
