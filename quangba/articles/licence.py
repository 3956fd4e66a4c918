"""A partner's licence terms, decided here once for every surface that shows its articles: pages,
feeds, the API and search engines' metadata. Excerpt-only outlets share their title and lead;
outlets that do not allow images have none shown (nor video posters)."""
import re
from dataclasses import dataclass

from quangba.core.html import clean_body
from quangba.core.text import web_url
from quangba.sources.models import Outlet

_FIGURES = re.compile(r"<figure\b.*?</figure>|<img\b[^>]*>", re.S | re.I)


def full_text(outlet: Outlet) -> bool:
    """Whether the outlet lets the portal show its whole article (not an excerpt)."""
    return outlet.licence != Outlet.Licence.EXCERPT


def images(outlet: Outlet) -> bool:
    """Whether the outlet lets the portal show its images and video posters."""
    return bool(outlet.images_allowed)


def body_html(article) -> str | None:
    """The body as it may be shown, sanitized again (it was before storage too): None for an
    excerpt-only outlet, without figures when images are not allowed."""
    if not full_text(article.outlet):
        return None
    html = article.body_html or ""
    if not images(article.outlet):
        html = _FIGURES.sub("", html)
    return clean_body(html)


def shown_images(article) -> list:
    """The article's images that may be shown (prefetched `images` are used when there)."""
    return [image for image in article.images.all() if image.src] if images(article.outlet) else []


@dataclass(frozen=True)
class Poster:
    """A video's poster standing in for a card's image."""

    src: str
    width: int | None = None
    height: int | None = None


def lead_image(article):
    """The first image that may be shown, else a video's poster, or None."""
    shown = shown_images(article)
    if shown:
        return shown[0]
    for item in article.media or []:
        if isinstance(item, dict) and (src := poster(article, item)):
            return Poster(src, item.get("width"), item.get("height"))
    return None


def poster(article, item: dict) -> str:
    """A video's poster URL, when images are allowed."""
    return web_url(item.get("poster") or "") if images(article.outlet) else ""
