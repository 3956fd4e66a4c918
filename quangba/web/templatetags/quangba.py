"""Template helpers for the public site."""
import re
import unicodedata
from html import unescape as html_unescape
from urllib.parse import urlsplit

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from quangba.articles import licence
from quangba.core.text import web_url
from quangba.media import markup

register = template.Library()


@register.filter
def nfc(text) -> str:
    """Text in Unicode NFC (Django's own "Tiếng Việt" comes decomposed: searches, copies and
    validators read it as other letters)."""
    return unicodedata.normalize("NFC", str(text))


_IMG = re.compile(r"""<img\b[^>]*?\bsrc="([^"]*)"[^>]*>""", re.S | re.I)
_ALT = re.compile(r'\balt="([^"]*)"', re.I)
_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def outline(html: str, top: int = 2) -> str:
    """The body's headings renumbered under the page's <h1>: its highest level becomes `top`, and
    going down a heading moves one level at a time (outlets write h3 or h4 straight under their
    title; readers of an outline, and validators, see a skipped level)."""
    levels = sorted({int(level) for closing, level in _HEADING_TAG.findall(html) if not closing})
    if not levels:
        return html
    rank = {level: min(top + n, 6) for n, level in enumerate(levels)}  # there is no <h7>
    state = {"last": top - 1, "open": top}

    def renumber(match) -> str:
        if match.group(1):  # headings do not nest: a closing tag closes the one open
            return f"</h{state['open']}"
        state["open"] = state["last"] = min(rank[int(match.group(2))], state["last"] + 1)
        return f"<h{state['open']}"

    return _HEADING_TAG.sub(renumber, html)


@register.filter
def body(article) -> str:
    """The article's body as its licence allows (sanitized again at render), its headings under the
    page's title; "" for excerpts."""
    cleaned = outline(licence.body_html(article) or "")
    # The portal's own pictures (lazy, never blocking the first paint); none hot-linked.
    return mark_safe(_body_pictures(article, cleaned))


def _body_pictures(article, html: str) -> str:
    """The body's pictures as the portal's own `<picture>`s, matched to the article's kept images
    by the address the partner gave; a figure whose picture is not kept is left out (never a
    hot-linked or broken picture)."""
    if getattr(article, "pk", None) is None:  # an article not stored (a preview of text): nothing kept
        return licence.FIGURES.sub("", html)
    kept = {image.url: image.kept for image in article.images.all() if not image.poster_for}
    shown_so_far = []

    def swap(match):
        block = match.group(0)
        tag = _IMG.search(block)
        address = html_unescape(tag.group(1)) if tag else ""
        media = kept.get(address)
        if media is None:
            return ""
        alt = _ALT.search(tag.group(0))
        # The first picture is usually the page's largest paint: fetched at once, at high priority
        # (bench/media.py: LCP on a slow phone 2.5 s → 1.4 s); the others wait until scrolled to.
        shown = markup.picture(media, "body", alt=html_unescape(alt.group(1)) if alt else "", lazy=bool(shown_so_far))
        shown_so_far.append(media)
        return block[:tag.start()] + shown + block[tag.end():]

    return licence.FIGURES.sub(swap, html)


# Dates as each language writes them: 7/11/2026 is unambiguous in Vietnamese, not in English.
DATE_FORMATS = {"vi": "j/n/Y H:i", "en": "j F Y, H:i", "es": "j \\d\\e F \\d\\e Y, H:i"}
DAY_FORMATS = {"vi": "l, j/n/Y H:i", "en": "l j F Y, H:i", "es": "l j \\d\\e F \\d\\e Y, H:i"}


@register.filter
def newsdate(moment, kind: str = ""):
    """A date and time in the site's time zone, written the way the page's language writes dates
    ("day": with the weekday)."""
    if not moment:
        return ""
    formats = DAY_FORMATS if kind == "day" else DATE_FORMATS
    return date_format(timezone.localtime(moment), formats.get(get_language(), formats["en"]))


@register.filter
def lead_image(article):
    """The card's image, when the outlet allows images."""
    return licence.lead_image(article)


_YOUTUBE = re.compile(r"(?:youtube(?:-nocookie)?\.com/(?:embed/|watch\?v=|shorts/)|youtu\.be/)([\w-]{6,20})")


def _duration(value) -> str:
    try:
        seconds = int(float(value))
    except (TypeError, ValueError):
        return ""
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


@register.simple_tag
def videos(article) -> list[dict]:
    """The article's playable videos from its feed media: YouTube (lite embed) or direct files."""
    found, seen = [], set()
    for media in getattr(article, "media", None) or []:
        url = web_url(media.get("url") or "")
        kind = (media.get("type") or "").lower()
        youtube = _YOUTUBE.search(url)
        key = youtube.group(1) if youtube else url
        if not url or key in seen:
            continue
        item = {"poster": licence.poster(article, media), "duration": _duration(media.get("duration"))}
        if youtube:
            item.update(kind="youtube", id=youtube.group(1),
                        url=f"https://www.youtube-nocookie.com/embed/{youtube.group(1)}?autoplay=1")
        elif kind.startswith("video/") or url.lower().endswith((".mp4", ".webm", ".m4v", ".ogv")):
            item.update(kind="file", url=url, type=kind if kind.startswith("video/") else "video/mp4")
        else:
            continue
        seen.add(key)
        found.append(item)
    return found


@register.filter
def says_video(title: str) -> bool:
    """Whether a title already announces a video ("Video: …"), so no badge repeats it."""
    return (title or "").lower().startswith(("video", "vídeo", "clip"))


@register.filter
def has_video(article) -> bool:
    return bool(videos(article))


@register.filter
def has_youtube(article) -> bool:
    return any(v["kind"] == "youtube" for v in videos(article))


@register.filter
def host(url: str) -> str:
    """The host of a URL, as a reader recognises a site ("thanhnien.vn")."""
    name = urlsplit(url or "").hostname or ""
    return name.removeprefix("www.")


@register.simple_tag
def picture(image, slot: str = "card", alt: str = "", lazy: bool = True):
    """A kept picture (an image row) as `<picture>` for `slot` ("card", "rail", "body", "lead")."""
    return markup.picture(getattr(image, "kept", None), slot, alt=alt, lazy=lazy)


@register.simple_tag
def logo(outlet, height: int = 24):
    """The outlet's kept logo at `height` pixels, its aspect kept; "" until it is kept."""
    return markup.logo(outlet.kept_logo, int(height))
