"""Turn a chosen body element into the published subset: figures with split credits, resolved
lazy images, no boilerplate, sanitized by nh3 (always the last step), plus its plain text."""
from __future__ import annotations

import re
from urllib.parse import urljoin

import nh3
from lxml import etree, html as lxml_html

from quangba.core.html import bounded
from quangba.core.text import web_url

from .model import ExtractedImage

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "figure", "img", "figcaption", "a", "strong", "em", "br", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"},
                      "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "table", "figure",
              "div", "section", "article", "pre", "dl", "dt", "dd", "tr", "td", "th", "figcaption",
              "header", "footer", "main", "aside", "nav", "form", "hr", "center", "details", "summary"}
RENAME = {"h1": "h2", "h5": "h4", "h6": "h4", "b": "strong", "i": "em", "dt": "p", "dd": "p", "pre": "p",
          "summary": "p", "address": "p", "center": "div"}
DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "button", "input", "select", "textarea",
             "svg", "canvas", "video", "audio", "object", "embed", "template", "link", "meta", "nav",
             "label", "dialog", "ins", "source")

# Credits as outlets print them: "… Ảnh: Hữu Khoa", "(Ảnh: TTXVN)", "Photo: Reuters", "Photo by X".
_CREDIT = re.compile(
    r"(?:^|[\s(\[\-–—|.,/])\s*((?:Ảnh|Anh|Ảnh minh họa|Ảnh minh hoạ|Ảnh chụp màn hình|Nguồn ảnh|Nguồn|Photo|Photos|"
    r"Photograph|Image|Picture|Credit|Source|Đồ họa|Đồ hoạ|Video|Graphic|Foto|Bildquelle)"
    r"\s*(?::|by\b|credit:)\s*[^()\[\]]{2,80}?)\s*[)\]]?\s*\.?\s*$",
    re.I,
)
_PHOTO_BY = re.compile(r"(?:^|[\s(\-–—|])((?:Photo|Image|Picture)s?\s+(?:by|courtesy of)\s+[^()]{2,60})\)?\.?$", re.I)
_LAZY_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-srcset",
               "data-hi-res-src", "data-full-src", "data-original-src", "data-echo", "data-img-src",
               "data-actualsrc", "data-large-file")
_PLACEHOLDER = re.compile(r"^data:|blank\.(gif|png)|spacer|placeholder|lazy|pixel\.(gif|png)|1x1|grey\.gif", re.I)
_SRCSET_ITEM = re.compile(r"(\S+)\s+(\d+(?:\.\d+)?)([wx])")


def split_credit(caption: str) -> tuple[str, str]:
    """Split "Caption text. Ảnh: Name" into ("Caption text.", "Name")."""
    caption = " ".join(caption.split())
    for pattern in (_CREDIT, _PHOTO_BY):
        found = pattern.search(caption)
        if found:
            credit_part = found.group(1)
            head = caption[: found.start(1)].rstrip(" (-–—|[/,")
            credit = re.split(r"\s*(?::|\bby\b|credit:)\s*", credit_part, maxsplit=1, flags=re.I)[-1]
            credit = credit.strip(" .)]")
            if not head and not credit:
                break
            return head.strip(), credit
    return caption, ""


def _best_from_srcset(srcset: str) -> str:
    best, best_size = "", -1.0
    for url, size, _unit in _SRCSET_ITEM.findall(srcset):
        if float(size) > best_size:
            best, best_size = url, float(size)
    if not best:
        first = srcset.strip().split(",")[0].strip().split(" ")[0]
        return first
    return best


def image_source(img) -> str:
    """The real URL of a possibly lazy-loaded <img>: data-src & co., then srcset, then src."""
    src = (img.get("src") or "").strip()
    for attr in _LAZY_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return _best_from_srcset(value) if attr.endswith("srcset") else value
    srcset = img.get("srcset") or img.get("data-srcset")
    if (not src or _PLACEHOLDER.search(src)) and srcset:
        return _best_from_srcset(srcset)
    if not src or src.startswith("data:"):
        parent = img.getparent()
        if parent is not None and parent.tag == "picture":
            for source in parent.iterfind("source"):
                candidate = source.get("srcset") or source.get("data-srcset")
                if candidate:
                    return _best_from_srcset(candidate)
        return ""
    return src


def resolve_noscript_images(root) -> None:
    """Replace a lazy placeholder with the <img> its <noscript> twin carries."""
    for noscript in list(root.iter("noscript")):
        img = noscript.find(".//img")
        if img is None:
            raw = "".join(noscript.itertext())
            if "<img" not in raw:
                continue
            try:
                img = lxml_html.fragment_fromstring(raw, create_parent="div").find(".//img")
            except (etree.ParserError, ValueError):
                continue
            if img is None:
                continue
        previous = noscript.getprevious()
        if previous is not None and previous.tag == "img" and (
                not image_source(previous) or _PLACEHOLDER.search(image_source(previous))):
            previous.drop_tree()
        img.tail = noscript.tail
        noscript.getparent().replace(noscript, img)


def _int(value) -> int | None:
    try:
        number = int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 100_000 else None


def _caption_of(figure) -> str:
    parts = [" ".join(c.text_content().split()) for c in figure.iter("figcaption")]
    return " ".join(p for p in parts if p)


def normalize_figures(body, base_url: str | None, credit_selectors=None) -> list[ExtractedImage]:
    """Make every picture a <figure><img><figcaption>, resolve its URL and return the images
    with captions and credits split."""
    images: list[ExtractedImage] = []
    seen: set[str] = set()
    # Captions laid out as a table (img row + caption row) are figures too.
    for table in list(body.iter("table")):
        imgs = table.findall(".//img")
        if len(imgs) == 1 and len(" ".join(table.text_content().split())) < 400:
            figure = lxml_html.Element("figure")
            figure.append(imgs[0])
            imgs[0].tail = None
            caption = " ".join(table.text_content().split())
            if caption:
                etree.SubElement(figure, "figcaption").text = caption
            figure.tail = table.tail
            table.getparent().replace(table, figure)
    _adopt_loose_captions(body)
    for img in list(body.iter("img")):
        parent = img.getparent()
        if parent is None:
            continue  # it left with a figure rebuilt before it
        src = image_source(img)
        if not src or _PLACEHOLDER.search(src.rsplit("/", 1)[-1]) and not img.get("data-src"):
            img.drop_tree()
            continue
        absolute = web_url(urljoin(base_url, src) if base_url else src)
        if not absolute:  # javascript:, data: and the like never become an image
            img.drop_tree()
            continue
        figure = next((a for a in img.iterancestors("figure")), None)
        caption = _caption_of(figure) if figure is not None else ""
        credit = ""
        if figure is not None and credit_selectors:
            for select in credit_selectors:
                nodes = select(figure)
                if nodes:
                    credit = " ".join(nodes[0].text_content().split())
                    for node in nodes:
                        node.drop_tree()
                    caption = _caption_of(figure)
                    break
        if not caption:
            caption = " ".join((img.get("data-caption") or "").split())
        if not credit:
            credit = " ".join((img.get("data-credit") or img.get("data-mediaviewer-credit") or "").split())
        published_caption = caption
        if credit and credit not in caption:
            published_caption = " ".join(filter(None, (caption, credit)))
        if caption and not credit:
            caption, credit = split_credit(caption)
        elif credit and caption.rstrip(" .)").endswith(credit):
            caption = caption.rstrip(" .)")[: -len(credit)].rstrip(" (-–—|/").strip()
        credit = re.sub(r"^(?:Ảnh|Photo|Nguồn|Source)\s*:\s*", "", credit, flags=re.I).strip(" .()")
        for attr in list(img.attrib):
            if attr not in ("alt", "width", "height"):
                del img.attrib[attr]
        img.set("src", absolute)
        if absolute not in seen:
            seen.add(absolute)
            images.append(ExtractedImage(url=absolute, caption=caption, credit=credit,
                                       alt=" ".join((img.get("alt") or "").split()),
                                       width=_int(img.get("width")), height=_int(img.get("height"))))
        if figure is not None:
            # Rebuild the figure as img + one figcaption: wrappers, pictures and links go.
            for child in list(figure):
                figure.remove(child)
            figure.text = None
            img.tail = None
            figure.append(img)
            if published_caption:
                # The body keeps the caption as the outlet printed it; `images` carries it split.
                etree.SubElement(figure, "figcaption").text = published_caption
    for figure in list(body.iter("figure")):
        if figure.find(".//img") is None:
            figure.drop_tree()  # a video or embed we cannot carry: its caption alone means nothing
    return images


def _adopt_loose_captions(body) -> None:
    """A short paragraph right after a caption-less figure that ends in a credit ("… (Ảnh: X).")
    is that figure's caption, as several CMSs lay it out."""
    for figure in list(body.iter("figure")):
        if figure.find(".//figcaption") is not None or figure.find(".//img") is None:
            continue
        following = figure.getnext()
        if following is None or (figure.tail or "").strip():
            continue
        if following.tag == "figcaption":
            figure.append(following)  # a caption printed just after its figure, not inside it
            following.tail, figure.tail = None, following.tail
            continue
        if following.tag != "p":
            continue
        text = " ".join(following.text_content().split())
        if text and len(text) < 400 and split_credit(text)[1]:
            caption = etree.SubElement(figure, "figcaption")
            caption.text = text
            following.drop_tree()


_DIV_LIKE = {"div", "section", "article", "main", "header", "footer", "aside", "span", "font"}


def _has_block_child(node) -> bool:
    return any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in node)


def _wrap_inline_runs(node) -> None:
    """Give loose text of a block (text, inline tags, <br> breaks) its own <p> elements."""
    children = list(node)
    text, node.text = node.text, None
    for child in children:
        node.remove(child)  # the tail travels with the child
    paragraph = None

    def fresh():
        return etree.SubElement(node, "p")

    if text and text.strip():
        paragraph = fresh()
        paragraph.text = text
    for child in children:
        tail, child.tail = child.tail, None
        if child.tag == "br" or (isinstance(child.tag, str) and child.tag in BLOCK_TAGS) or child.tag == "img":
            paragraph = None
            if child.tag != "br":
                node.append(child)
        else:
            if paragraph is None:
                paragraph = fresh()
            paragraph.append(child)
        if tail and tail.strip():
            if paragraph is None:
                paragraph = fresh()
                paragraph.text = tail
            elif len(paragraph):
                paragraph[-1].tail = (paragraph[-1].tail or "") + tail
            else:
                paragraph.text = (paragraph.text or "") + tail


def restructure(body) -> None:
    """Rename tags to the subset (h1→h2, b→strong…) and give loose text in divs its own
    paragraphs, so sanitizing (which unwraps divs) does not glue paragraphs together."""
    for node in list(body.iter()):
        tag = node.tag
        if not isinstance(tag, str):
            continue
        if tag in RENAME:
            node.tag = tag = RENAME[tag]
        if tag in _DIV_LIKE and tag not in ("span", "font") or node is body:
            has_text = (node.text or "").strip() or any((c.tail or "").strip() for c in node)
            if has_text:
                _wrap_inline_runs(node)
        elif tag == "a":
            href = (node.get("href") or "").strip()
            if href.lower().startswith(("javascript:", "#", "mailto:", "tel:")) or not href:
                node.drop_tag()


def sanitize(fragment_html: str, *, bound: bool = True) -> str:
    """The only HTML we publish: nh3 with the article subset, links made safe. `bound=False`
    only for markup serialized from a tree parsed out of this function's own output (its length
    and depth are bounded already)."""
    return nh3.clean(
        bounded(fragment_html) if bound else fragment_html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener nofollow",
        url_schemes={"http", "https"}, strip_comments=True,
        clean_content_tags={"script", "style"},
    )


_EMPTY_P = re.compile(r"<(p|h2|h3|h4|li|strong|em|a|blockquote|figcaption)>(\s|&nbsp;|<br>)*</\1>")
# Source indentation left between two blocks is noise; between inline tags it is a space.
_BETWEEN_BLOCKS = re.compile(r"(</(?:p|h2|h3|h4|ul|ol|li|blockquote|table|figure|tr)>)\s+(?=<)")
_TEXT_BLOCKS = {"p", "h2", "h3", "h4", "li", "tr", "blockquote", "figcaption", "caption"}


def body_html_and_text(body):
    """The sanitized body HTML, its plain text, and its parsed form for `text_of_root` (one parse)."""
    html = body_html_of(body)
    if not html:
        return "", "", None
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    return html, text_of_root(root), root


def body_html_of(body) -> str:
    """Serialize and sanitize the cleaned body element."""
    inner = (body.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in body
    )
    cleaned = sanitize(inner)
    # Unwrapped spans and fonts can leave text loose at the top level: give it paragraphs.
    root = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    for node in [root, *root.iter("blockquote", "li", "td")]:
        if ((node.text or "").strip() or any((c.tail or "").strip() for c in node)) and _has_block_child(node):
            _wrap_inline_runs(node)
    cleaned = (root.text or "") + "".join(etree.tostring(c, encoding="unicode", method="html") for c in root)
    for _ in range(3):
        cleaned = _EMPTY_P.sub("", cleaned)
    # The sanitizer runs last too: re-serializing a re-parsed tree must not bring markup back.
    # The tree came from sanitize()'s bounded output (wrapping adds one level): not bounded again.
    return sanitize(_BETWEEN_BLOCKS.sub(r"\1\n", cleaned).strip(), bound=False)


def text_of_body(body_html: str, with_captions: bool = False) -> str:
    """Plain text of a sanitized body: one paragraph per innermost block, blank lines between."""
    if not body_html:
        return ""
    return text_of_root(lxml_html.fragment_fromstring(body_html, create_parent="div"), with_captions)


def _block_text(node) -> str:
    pieces = []
    for event, sub in etree.iterwalk(node, events=("start", "end")):
        if event == "start":
            pieces.append("\n" if sub.tag == "br" else "")
            pieces.append(sub.text or "")
        elif sub is not node:
            pieces.append(sub.tail or "")
    return "\n".join(" ".join(piece.split()) for piece in "".join(pieces).split("\n")).strip()


def text_of_root(root, with_captions: bool = False) -> str:
    """Plain text of a parsed sanitized body: one paragraph per innermost block."""
    blocks = _TEXT_BLOCKS if with_captions else _TEXT_BLOCKS - {"figcaption"}
    parts: list[str] = []
    for node in root.iter(*blocks):
        if any(inner.tag in blocks for inner in node.iterdescendants()):
            continue  # its inner blocks speak for it
        if not with_captions and any(a.tag == "figcaption" for a in node.iterancestors()):
            continue
        if node.tag == "tr":
            line = " | ".join(" ".join(cell.text_content().split()) for cell in node if cell.tag in ("td", "th"))
        else:
            line = _block_text(node)
        line = line.strip()
        if line:
            parts.append(line)
    return "\n\n".join(parts)
