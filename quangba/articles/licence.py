"""A partner's licence terms, decided here once for every surface that shows its articles: pages,
feeds, the API and search engines' metadata. Excerpt-only outlets share their title and lead;
outlets that do not allow images have none shown (nor video posters)."""
import re

from quangba.core.html import clean_body
from quangba.core.text import web_url
from quangba.sources.models import Outlet

FIGURES = re.compile(r"<figure\b.*?</figure>|<img\b[^>]*>", re.S | re.I)


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
        html = FIGURES.sub("", html)
    return clean_body(html)


def shown_images(article) -> list:
    """The article's pictures that may be shown: allowed by the outlet and kept by the portal
    (prefetched `images` are used when there); videos' posters are not among them."""
    if not images(article.outlet):
        return []
    return [image for image in article.images.all() if not image.poster_for and image.kept]


def poster_row(article, item: dict):
    """The kept poster of a video (an image row), when images are allowed."""
    address = web_url(item.get("poster") or "") if isinstance(item, dict) else ""
    if not address or not images(article.outlet):
        return None
    return next((image for image in article.images.all() if image.poster_for == address and image.kept), None)


def lead_image(article):
    """The first picture that may be shown, else a video's kept poster (an image row), or None."""
    shown = shown_images(article)
    if shown:
        return shown[0]
    for item in article.media or []:
        if (row := poster_row(article, item)) is not None:
            return row
    return None


def poster(article, item: dict) -> str:
    """A video's kept poster URL, or ""."""
    row = poster_row(article, item)
    return row.src if row is not None else ""
