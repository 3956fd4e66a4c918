"""An article an outlet sends whole (the ingest API) made into an ExtractedArticle: nothing to find
on a page, but the same cleaning as an extracted body — figures with split credits, the published
tag subset, nh3 last — so a pushed article can carry no more markup than a fetched one."""
from __future__ import annotations

from datetime import datetime

from . import clean
from .boilerplate import strip_boilerplate
from .cascade import _confidence
from .document import parse
from .model import ExtractedArticle, ExtractedImage, ExtractionError
from .people import clean_author

MIN_WORDS = 1  # a body with no word at all is refused; a short one is held by its confidence


def article_from_fields(*, url: str, title: str, body_html: str, lead: str = "", author: str = "",
                        published_at: datetime | None = None, updated_at: datetime | None = None,
                        images: list[ExtractedImage] | tuple = (), tags: list[str] | tuple = (),
                        section: str = "", language: str = "") -> ExtractedArticle:
    """The article from the fields its outlet sent. The body's own figures come first, then the
    `images` it does not already show. Raises ExtractionError when the body holds no text."""
    tree = parse(f"<html><body><article>{body_html}</article></body></html>", url)
    body = tree.find(".//article")
    article = ExtractedArticle(url=url, canonical_url=url, language=language, tags=list(tags))
    article.title = " ".join(title.split())
    article.lead = " ".join(lead.split())
    article.author = clean_author(author) if author else ""
    article.published_at, article.updated_at = published_at, updated_at
    article.section_hint = section
    strip_boilerplate(body)
    found = clean.normalize_figures(body, url)
    shown = {image.url for image in found}
    article.images = found + [image for image in images if image.url and image.url not in shown]
    clean.restructure(body)
    article.body_html, article.text, _parsed = clean.body_html_and_text(body)
    if len(article.text.split()) < MIN_WORDS:
        raise ExtractionError("the pushed body holds no text", url)
    article.extractor = "push"
    article.confidence = _confidence(article, False, "")
    return article
