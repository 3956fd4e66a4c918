"""A kept picture as HTML: `<picture>` with an AVIF and a WebP `<source>`, a JPEG (PNG) `<img>`
fallback, every width in `srcset`, `sizes` for the slot it fills, its width and height (no layout
shift) and its average colour while it loads. Slots: "card" and "rail" use the 16:9 card crop,
"body" and "lead" the whole picture; logos keep their aspect at the height asked."""
from __future__ import annotations

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .addresses import ORDER, fallback, renditions, url
from .models import MediaFile

SIZES = {
    "card": "(min-width: 1100px) 340px, (min-width: 700px) 45vw, 100vw",
    "rail": "96px",
    "body": "(min-width: 1100px) 720px, 100vw",
    "lead": "(min-width: 1100px) 720px, 100vw",
}
VARIANT = {"card": "card", "rail": "card", "body": "full", "lead": "full"}


def placeholder_class(colour: str) -> str:
    """The site style sheet's class nearest a "#rrggbb" colour (4 levels a channel: `ph-RGB`), so
    the placeholder needs no inline style and the CSP allows none."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "ph-" + "".join(str(min(3, round(value / 85))) for value in (red, green, blue))


def _srcset(items: list[dict]) -> str:
    return ", ".join(f"{url(r['n'])} {r['w']}w" for r in sorted(items, key=lambda r: r["w"]))


def picture(media: MediaFile | None, slot: str = "body", *, alt: str = "", lazy: bool = True,
            css: str = "") -> SafeString:
    """The `<picture>` of a kept picture for `slot`; "" when there is none."""
    if media is None or not media.renditions:
        return mark_safe("")
    variant = VARIANT.get(slot, "full")
    items = renditions(media, variant)
    plain = [r for r in items if r["f"] not in ORDER]
    if not plain:
        return mark_safe("")
    sizes = SIZES.get(slot, SIZES["body"])
    sources = "".join(
        format_html('<source type="image/{}" srcset="{}" sizes="{}">', fmt, _srcset(group), sizes)
        for fmt in ORDER if (group := [r for r in items if r["f"] == fmt]))
    largest = max(plain, key=lambda r: r["w"])
    chosen = fallback(media, variant, 640 if slot in ("card", "rail") else 960)
    loading = ' loading="lazy"' if lazy else ' fetchpriority="high"'
    style = f' class="{placeholder_class(media.placeholder)}"' if media.placeholder else ""
    return format_html(
        '<picture{}>{}<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} decoding="async"{}></picture>',
        mark_safe(f' class="{escape(css)}"') if css else "", mark_safe(sources), url(chosen["n"]), _srcset(plain),
        sizes, largest["w"], largest["h"], alt, mark_safe(loading), mark_safe(style))


def logo(media: MediaFile | None, height: int = 24, css: str = "logo") -> SafeString:
    """An outlet's logo at `height` CSS pixels, its width from its own aspect (a 240×48 wordmark
    stays a wordmark); twice the pixels for sharp screens."""
    if media is None or not media.renditions:
        return mark_safe("")
    width = max(1, round(height * media.width / media.height)) if media.height else height
    if media.format == "svg":
        return format_html('<img class="{}" src="{}" alt="" width="{}" height="{}" loading="lazy">',
                           css, url(media.renditions[0]["n"]), width, height)
    one, two = fallback(media, "full", width), fallback(media, "full", width * 2)
    srcset = f"{url(one['n'])} 1x" + (f", {url(two['n'])} 2x" if two and two["n"] != one["n"] else "")
    return format_html('<img class="{}" src="{}" srcset="{}" alt="" width="{}" height="{}" loading="lazy">',
                       css, url(one["n"]), srcset, width, height)
