"""Pictures checked and re-encoded, with no Django: a partner's bytes in, the portal's renditions out.

* `open_picture(data, kind=…)` sniffs the real type from the bytes (not the URL or the server's
  Content-Type), refuses what is not a picture of that kind, a decompression bomb (the pixel count
  is read from the header, before anything is decoded), a truncated or empty file; applies the
  EXIF orientation and keeps nothing else of the file's metadata (renditions are encoded from the
  pixels alone: no EXIF, no GPS).
* `render(picture, …)` writes the renditions: each width of `widths` up to the picture's own
  (never upscaled) in AVIF, WebP and a JPEG (PNG where the picture has transparency) fallback;
  with `ratio`, a crop to that aspect around a focal point (an editor's, or `attention()`'s guess).
* SVG is taken for logos only, rebuilt from a short list of drawing elements and attributes
  (`sanitize_svg`): no script, no event handler, no link or style that reaches outside the file.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from lxml import etree
from PIL import Image, ImageFilter, ImageOps, features

PHOTO, LOGO = "photo", "logo"
WIDTHS = (320, 640, 960, 1280, 1920)
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any news photo needs, far below a bomb
MAX_SVG_BYTES = 200_000

RASTER = {"jpeg", "png", "gif", "webp", "avif"}
AVIF = features.check("avif")
ENCODE = {  # Pillow format, options: quality for the size a reader's phone pays
    "avif": ("AVIF", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", {"quality": 80, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png",
        "gif": "image/gif", "svg": "image/svg+xml"}


class NotAPicture(ValueError):
    """The bytes are refused for good: retrying the same file cannot help."""


def sniff(data: bytes) -> str | None:
    """The picture type the bytes themselves say, or None."""
    head = data[:64]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis", b"mif1", b"msf1"):
        return "avif"
    text = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!--")) and b"<svg" in data[:4096].lower():
        return "svg"
    return None


@dataclass
class Picture:
    kind: str
    format: str  # what the file was
    width: int
    height: int
    image: Image.Image | None = None  # oriented pixels (raster)
    svg: bytes = b""  # the rebuilt drawing (SVG logos)

    @property
    def alpha(self) -> bool:
        return self.image is not None and self.image.mode in ("RGBA", "LA")


def open_picture(data: bytes, *, kind: str = PHOTO, max_pixels: int = MAX_PIXELS) -> Picture:
    """The checked picture. Raises NotAPicture with the reason."""
    if not data:
        raise NotAPicture("the file is empty")
    found = sniff(data)
    if found is None:
        raise NotAPicture("not a JPEG, PNG, GIF, WebP, AVIF or SVG file")
    if found == "svg":
        if kind != LOGO:
            raise NotAPicture("SVG is taken for logos only")
        svg, width, height = sanitize_svg(data)
        return Picture(kind, "svg", width, height, svg=svg)
    if found == "avif" and not AVIF:
        raise NotAPicture("AVIF cannot be read here (Pillow without AVIF)")
    try:
        with Image.open(io.BytesIO(data), formats=[found.upper()]) as image:
            width, height = image.size  # from the header: nothing decoded yet
            if width < 1 or height < 1:
                raise NotAPicture("the picture has no pixels")
            if width * height > max_pixels:
                raise NotAPicture(f"{width}×{height} pixels is over the cap of {max_pixels:,} "
                                  "(a decompression bomb, or a picture no page needs)")
            image.seek(0)  # an animated GIF or WebP: its first frame
            image.load()  # a truncated file fails here
            oriented = ImageOps.exif_transpose(image)
            has_alpha = oriented.mode in ("RGBA", "LA", "PA") or "transparency" in oriented.info
            pixels = oriented.convert("RGBA" if has_alpha else "RGB")
    except NotAPicture:
        raise
    except Image.DecompressionBombError as exc:
        raise NotAPicture(f"a decompression bomb: {exc}") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise NotAPicture(f"a broken {found.upper()} file: {exc}") from exc
    return Picture(kind, found, pixels.width, pixels.height, image=pixels)


# Renditions -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rendition:
    variant: str  # "full" (aspect kept) or "card" (cropped to the card's aspect)
    width: int
    height: int
    format: str
    data: bytes

    @property
    def mime(self) -> str:
        return MIME[self.format]


def widths_for(width: int, widths=WIDTHS) -> list[int]:
    """The widths below the picture's own, then its own (or the largest of `widths`): never upscaled."""
    top = min(width, max(widths))
    return [w for w in widths if w < top] + [top]


def fallback_format(picture: Picture) -> str:
    return "png" if picture.alpha else "jpeg"


def formats_for(picture: Picture) -> list[str]:
    return (["avif"] if AVIF else []) + ["webp", fallback_format(picture)]


def encode(image: Image.Image, fmt: str) -> bytes:
    name, options = ENCODE[fmt]
    if fmt == "jpeg" and image.mode != "RGB":
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, name, **options)
    return out.getvalue()


def render(picture: Picture, *, widths=WIDTHS, variant: str = "full", ratio: float | None = None,
           focal: tuple[float, float] | None = None, formats: list[str] | None = None) -> list[Rendition]:
    """The renditions of `picture`: each width × each format; `ratio` (width / height) crops to
    that aspect around `focal` (fractions of width and height; default the attention guess)."""
    if picture.image is None:
        raise ValueError("an SVG logo is kept as its one rebuilt drawing, not rendered")
    image = picture.image
    if ratio:
        box = crop_box(image.width, image.height, ratio, focal or attention(image))
        image = image.crop(box)
    out = []
    for width in widths_for(image.width, widths):
        height = max(1, round(image.height * width / image.width))
        sized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS,
                                                                reducing_gap=3.0)
        for fmt in formats or formats_for(picture):
            out.append(Rendition(variant, width, height, fmt, encode(sized, fmt)))
    return out


def placeholder(image: Image.Image) -> str:
    """The picture's average colour, "#rrggbb": what the reader sees while it loads."""
    red, green, blue = image.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    return f"#{red:02x}{green:02x}{blue:02x}"


def attention(image: Image.Image) -> tuple[float, float]:
    """Where the picture's detail is (fractions of width and height): the centre of edge energy
    of a small grey copy, pulled halfway back to the centre so a busy corner never wins alone."""
    small = image.convert("L")
    small.thumbnail((96, 96))
    edges = small.filter(ImageFilter.FIND_EDGES)
    width, height = edges.size
    pixels = edges.load()
    total = x_sum = y_sum = 0.0
    for y in range(1, height - 1):  # the outermost ring is the filter's own border
        for x in range(1, width - 1):
            value = pixels[x, y]
            total += value
            x_sum += value * x
            y_sum += value * y
    if total <= 0:
        return 0.5, 0.5
    return (0.5 + (x_sum / total / max(1, width - 1))) / 2, (0.5 + (y_sum / total / max(1, height - 1))) / 2


def crop_box(width: int, height: int, ratio: float, focal: tuple[float, float]) -> tuple[int, int, int, int]:
    """The largest box of aspect `ratio` inside width × height, centred as near `focal` as fits."""
    fx, fy = (min(1.0, max(0.0, float(v))) for v in focal)
    if width / height > ratio:  # too wide: cut the sides
        crop_w, crop_h = max(1, round(height * ratio)), height
    else:
        crop_w, crop_h = width, max(1, round(width / ratio))
    left = min(max(0, round(fx * width - crop_w / 2)), width - crop_w)
    top = min(max(0, round(fy * height - crop_h / 2)), height - crop_h)
    return left, top, left + crop_w, top + crop_h


# SVG logos --------------------------------------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SVG_ELEMENTS = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
                "tspan", "defs", "lineargradient", "radialgradient", "stop", "clippath", "mask", "title",
                "desc", "use", "symbol"}
SVG_ATTRIBUTES = {
    "id", "class", "width", "height", "viewbox", "preserveaspectratio", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke",
    "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "letter-spacing", "offset", "stop-color", "stop-opacity",
    "gradientunits", "gradienttransform", "spreadmethod", "fx", "fy", "clip-path", "clip-rule", "mask",
    "clippathunits", "maskunits", "dx", "dy", "style", "href", "version", "xml:space"}
_OUTSIDE = re.compile(r"url\s*\(\s*(?!['\"]?#)|@import|expression\s*\(|javascript:|data:", re.I)
_LENGTH = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


def sanitize_svg(data: bytes) -> tuple[bytes, int, int]:
    """The drawing rebuilt from allowed elements and attributes, with its width and height
    (from its own attributes or its viewBox). Raises NotAPicture."""
    if len(data) > MAX_SVG_BYTES:
        raise NotAPicture(f"an SVG logo of {len(data):,} bytes is over the cap of {MAX_SVG_BYTES:,}")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise NotAPicture(f"a broken SVG file: {exc}") from exc
    if etree.QName(root).localname.lower() != "svg":
        raise NotAPicture("the file's root is not <svg>")

    def rebuild(node, parent):
        if not isinstance(node.tag, str):
            return None
        name = etree.QName(node).localname
        if name.lower() not in SVG_ELEMENTS:
            return None  # script, foreignObject, image, a, style, animate, iframe…: the whole branch goes
        element = etree.SubElement(parent, f"{{{SVG_NS}}}{name}") if parent is not None \
            else etree.Element(f"{{{SVG_NS}}}{name}", nsmap={None: SVG_NS})
        for key, value in node.attrib.items():
            attribute = etree.QName(key).localname
            if attribute.lower() not in SVG_ATTRIBUTES or _OUTSIDE.search(value):
                continue
            if attribute == "href" and not value.startswith("#"):
                continue  # a <use> of anything but the file's own shapes
            element.set(attribute if attribute != "space" else "{http://www.w3.org/XML/1998/namespace}space", value)
        element.text = node.text
        for child in node:
            kept = rebuild(child, element)
            if kept is not None:
                kept.tail = child.tail
        return element

    clean = rebuild(root, None)
    width, height = _length(clean.get("width")), _length(clean.get("height"))
    box = (clean.get("viewBox") or clean.get("viewbox") or "").replace(",", " ").split()
    if (not width or not height) and len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0
        if box_w > 0 and box_h > 0:
            width, height = (width, round(width * box_h / box_w)) if width else \
                (round(height * box_w / box_h), height) if height else (round(box_w), round(box_h))
    if not width or not height:
        raise NotAPicture("the SVG logo says neither its size nor its viewBox")
    return etree.tostring(clean, xml_declaration=False, encoding="utf-8"), width, height


def _length(value: str | None) -> int:
    match = _LENGTH.match(value or "")
    return round(float(match.group(1))) if match else 0
