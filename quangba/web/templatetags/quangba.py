"""Template helpers for the public site."""
import re

from django import template
from django.utils.safestring import mark_safe

from quangba.core.html import clean_body

register = template.Library()

_IMAGES = re.compile(r"<figure\b.*?</figure>|<img\b[^>]*>", re.S | re.I)


@register.filter
def body(html: str, images_allowed: bool = True) -> str:
    """Article body HTML, sanitized again at render (it was sanitized before storage too)."""
    if not images_allowed:
        html = _IMAGES.sub("", html or "")
    cleaned = clean_body(html)
    # Images load lazily and never block the first paint.
    cleaned = cleaned.replace("<img ", '<img loading="lazy" decoding="async" ')
    return mark_safe(cleaned)


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
        url = (media.get("url") or "").strip()
        kind = (media.get("type") or "").lower()
        youtube = _YOUTUBE.search(url)
        key = youtube.group(1) if youtube else url
        if not url or key in seen:
            continue
        item = {"poster": media.get("poster", ""), "duration": _duration(media.get("duration"))}
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
def has_video(article) -> bool:
    return bool(videos(article))


@register.filter
def has_youtube(article) -> bool:
    return any(v["kind"] == "youtube" for v in videos(article))
