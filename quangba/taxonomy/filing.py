"""Filing an article: its section (the outlet's own category through its map, then the portal's
default category table, then a model of the text, then News) and the places on the 2025 map it
is about."""
import json
import logging
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from quangba.core.text import fold

from .models import DEFAULT_SECTION, SECTION_NAMES
from .focus import places_about
from .sections import classify_english, clear_english_section, section_for_topic
from .topics import predict

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def default_category_map() -> dict[str, str]:
    data = json.loads((Path(__file__).with_name("category_sections.json")).read_text("utf-8"))
    return {key: value for key, value in data.items() if not key.startswith("_")}


def _key(text: str) -> str:
    return " ".join(fold(text).lower().replace("-", " ").split())


def section_from_categories(*, outlet_map: dict[str, str], categories: list[str], url: str = "") -> str | None:
    """The section slug from the outlet's categories (breadcrumb, feed category) and URL path,
    looked up first in the outlet's map, then in the portal's default table; None if none fits."""
    candidates = [c for c in categories if c]
    candidates += [part for part in urlsplit(url).path.split("/")[:-1] if part]
    outlet_keys = {_key(k): v for k, v in (outlet_map or {}).items()}
    for table in (outlet_keys, default_category_map()):
        for candidate in candidates:
            slug = table.get(_key(candidate))
            if slug in SECTION_NAMES:
                return slug
    return None


def section_from_text(*, language: str, title: str, text: str) -> str:
    """The section a model of the text gives: the VNTC topic model for Vietnamese, the keyword
    classifier for English; News when neither applies or the model is unavailable."""
    try:
        if language == "vi":
            slug = section_for_topic(predict([f"{title}\n{text}"])[0])
        elif language == "en":
            slug = classify_english(text, title)
        else:
            slug = DEFAULT_SECTION
    except Exception:  # a broken model must not stop filing: News, and the log says why
        log.exception("section model failed; filing under %s", DEFAULT_SECTION)
        slug = DEFAULT_SECTION
    return slug if slug in SECTION_NAMES else DEFAULT_SECTION


def sections_from_texts(language: str, articles: list[tuple[str, str]]) -> list[str]:
    """section_from_text for many (title, text) pairs at once (the topic model runs in one batch)."""
    if language != "vi":
        return [section_from_text(language=language, title=title, text=text) for title, text in articles]
    try:
        slugs = [section_for_topic(topic) for topic in predict([f"{title}\n{text}" for title, text in articles])]
    except Exception:  # as section_from_text: a broken model files under News
        log.exception("section model failed; filing under %s", DEFAULT_SECTION)
        slugs = [DEFAULT_SECTION] * len(articles)
    return [slug if slug in SECTION_NAMES else DEFAULT_SECTION for slug in slugs]


def section_for(*, outlet_map: dict[str, str], categories: list[str], url: str = "", language: str = "",
                title: str = "", text: str = "", from_text: str | None = None) -> str:
    """The whole rule: outlet category first, then the text model, then News. A category that
    only says News ("Travel News", "Tin tức") gives way where an English article's keywords
    clearly name another section. `from_text`: the text model's answer, when it was asked already
    (for a batch of articles at once)."""
    slug = section_from_categories(outlet_map=outlet_map, categories=categories, url=url)
    if slug is None:
        if not text:
            return DEFAULT_SECTION
        return from_text or section_from_text(language=language, title=title, text=text)
    if slug == DEFAULT_SECTION and language == "en" and text:
        return clear_english_section(text, title) or slug
    return slug


def place_slugs(title: str, lead: str, body: str) -> list[str]:
    """The slugs of the provinces the article is about (not every one it mentions), strongest first."""
    return [place.slug for place in places_about(title, lead, body)]
