"""Where a kept picture is read from: the media storage's URL of each rendition, the fallback
rendition for a width, and absolute forms for feeds, the API and search engines' metadata."""
from __future__ import annotations

import re

from django.conf import settings
from django.core.files.storage import storages

ORDER = ("avif", "webp")  # the modern formats, offered first in this order; the others are fallbacks


def storage():
    return storages["media"]


def url(name: str) -> str:
    return storage().url(name)


def absolute(address: str) -> str:
    """A media URL made absolute with the site's address (for feeds, the API, JSON-LD)."""
    return address if "://" in address else settings.SITE_URL + address


def absolute_html(html: str) -> str:
    """`html` with the media storage's relative addresses (in src and srcset) made absolute."""
    base = url("")
    if "://" in base or not base.startswith("/"):
        return html
    return re.sub(r'(?<=["\s,])' + re.escape(base), lambda _m: settings.SITE_URL + base, html)


def renditions(media, variant: str) -> list[dict]:
    """The renditions of one variant ("full", "card"); the whole picture's where it has no such crop."""
    found = [r for r in media.renditions if r["v"] == variant]
    return found or [r for r in media.renditions if r["v"] == "full"]


def fallback(media, variant: str = "full", width: int = 960) -> dict | None:
    """The JPEG/PNG (SVG) rendition closest to `width` from below (else the smallest)."""
    plain = [r for r in renditions(media, variant) if r["f"] not in ORDER]
    if not plain:
        return None
    below = [r for r in plain if r["w"] <= width]
    return max(below, key=lambda r: r["w"]) if below else min(plain, key=lambda r: r["w"])


def src(media, variant: str = "full", width: int = 960) -> str:
    """One URL of the picture (the fallback format) near `width`, or ""."""
    if media is None or not media.renditions:
        return ""
    chosen = fallback(media, variant, width)
    return url(chosen["n"]) if chosen else ""
