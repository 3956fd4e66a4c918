"""An article as translation segments, and the same article rebuilt from their translations.

Segments: title, lead, each body block (inline markup kept), each image's caption, alt text
and credit, and the alt text of images inside the body. The body becomes a template whose
blocks carry ``data-qb-seg`` markers, so the rebuilt HTML has exactly the original structure.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field, replace

import lxml.html
from lxml import etree

from quangba.core.html import clean_body, limit_depth

# Blocks whose content is a segment when they hold no other block.
TEXT_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "figcaption",
               "dt", "dd", "caption", "div", "section", "article", "aside", "header", "footer"}
# Pure containers: never a segment themselves.
CONTAINERS = {"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "figure", "picture"}
BLOCKS = TEXT_BLOCKS | CONTAINERS | {"hr", "video", "audio", "iframe", "pre", "script", "style"}
# Left exactly as they are.
UNTRANSLATED = {"pre", "code", "script", "style", "iframe", "video", "audio", "svg", "math", "noscript"}
SEG_ATTR, ALT_ATTR, RUN_ATTR = "data-qb-seg", "data-qb-alt", "data-qb-run"


@dataclass
class ImageDoc:
    """An article image: caption, alt text and credit are translated, the URL is not."""

    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


@dataclass
class ArticleDoc:
    """The translatable parts of an article. ``author`` is carried over unchanged."""

    title: str
    lead: str = ""
    body_html: str = ""
    images: list[ImageDoc] = field(default_factory=list)
    author: str = ""


@dataclass(frozen=True)
class Segment:
    """One unit of an article: ``id`` like ``title``, ``body.3``, ``image.0.caption``."""

    id: str
    kind: str
    text: str
    html: bool = False


def _inner_html(el: etree._Element) -> str:
    text = htmllib.escape(el.text or "", quote=False)
    return text + "".join(etree.tostring(child, encoding=str, method="html", with_tail=True)
                          for child in el)


# Characters XML (and so lxml) refuses: C0 controls but tab/newline/CR, DEL, lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters no HTML/XML tree can hold (they carry no meaning anyway)."""
    return _NOT_XML.sub("", text or "")


def _parse_fragment(fragment: str) -> etree._Element:
    """The fragment under a <div>. Stored bodies parse as they are; anything lxml refuses
    (a whole page, odd tag names) is first reduced to the body subset."""
    try:
        root = lxml.html.fragment_fromstring(fragment or "", create_parent="div")
        for el in root.iter():  # lxml keeps attribute names it cannot hand back: find them now
            dict(el.attrib)
        return root
    except (ValueError, KeyError, AssertionError, etree.ParserError):
        return lxml.html.fragment_fromstring(xml_safe(clean_body(fragment)), create_parent="div")


def _set_inner_html(el: etree._Element, fragment: str) -> None:
    for child in list(el):
        el.remove(child)
    holder = _parse_fragment(xml_safe(fragment))
    el.text = holder.text
    for child in list(holder):
        el.append(child)


def _has_block(el: etree._Element) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCKS for d in el.iterdescendants())


def _has_text(el: etree._Element) -> bool:
    return bool("".join(el.itertext()).strip())


def _is_block(node: etree._Element) -> bool:
    return isinstance(node.tag, str) and node.tag in BLOCKS


def _wrap_runs(el: etree._Element) -> None:
    """Put loose inline content of a mixed block (``<li>text <ul>…</ul> tail</li>``) in spans."""
    text, el.text = el.text, None
    nodes = list(el)
    for node in nodes:
        el.remove(node)  # lxml keeps each node's tail with it
    run = None

    def current_run() -> etree._Element:
        nonlocal run
        if run is None:
            run = etree.SubElement(el, "span", {RUN_ATTR: "1"})
        return run

    if text and text.strip():
        current_run().text = text
    else:
        el.text = text
    for node in nodes:
        if _is_block(node):
            tail, node.tail = node.tail, None
            el.append(node)
            run = None
            if tail and tail.strip():
                current_run().text = tail
            else:
                node.tail = tail
        else:
            current_run().append(node)


def _walk(el: etree._Element, segments: list[Segment]) -> None:
    for child in list(el):
        if not isinstance(child.tag, str) or child.tag in UNTRANSLATED:
            continue
        if child.tag == "img":
            if (child.get("alt") or "").strip():
                child.set(ALT_ATTR, str(len(segments)))
                segments.append(Segment(f"body.{len(segments)}", "alt", child.get("alt"), html=False))
            continue
        if child.tag in CONTAINERS or (child.tag in TEXT_BLOCKS and _has_block(child)):
            if child.tag in TEXT_BLOCKS or (child.text and child.text.strip()) or any(
                    (c.tail or "").strip() for c in child):
                _wrap_runs(child)
            _walk(child, segments)
        elif child.tag in TEXT_BLOCKS or child.get(RUN_ATTR):
            if _has_text(child):
                child.set(SEG_ATTR, str(len(segments)))
                kind = "caption" if child.tag == "figcaption" else "block"
                segments.append(Segment(f"body.{len(segments)}", kind, _inner_html(child).strip(), True))
            for img in child.iter("img"):
                if (img.get("alt") or "").strip():
                    img.set(ALT_ATTR, str(len(segments)))
                    segments.append(Segment(f"body.{len(segments)}", "alt", img.get("alt"), html=False))


def segment_body(body_html: str) -> tuple[list[Segment], str]:
    """Body segments in document order, and the marked-up template :func:`rebuild_body` fills."""
    body_html = limit_depth(xml_safe(body_html))
    if not body_html.strip():
        return [], ""
    root = _parse_fragment(body_html)
    if root.text and root.text.strip() or any((c.tail or "").strip() for c in root):
        _wrap_runs(root)
    segments: list[Segment] = []
    _walk(root, segments)
    return segments, _inner_html(root)


def rebuild_body(template: str, translations: dict[str, str]) -> str:
    """The template with each marked block's content replaced by ``translations["body.N"]``."""
    if not template:
        return ""
    root = lxml.html.fragment_fromstring(template, create_parent="div")
    for el in root.xpath(f"//*[@{SEG_ATTR}]"):
        key = f"body.{el.attrib.pop(SEG_ATTR)}"
        if key in translations:
            original = _inner_html(el)
            before = [(d.tag, dict(d.attrib)) for d in el.iterdescendants() if isinstance(d.tag, str)]
            # Keep the whitespace that separated this block from its neighbours.
            lead = original[:len(original) - len(original.lstrip())]
            trail = original[len(original.rstrip()):]
            _set_inner_html(el, lead + translations[key].strip() + trail)
            after = [d for d in el.iterdescendants() if isinstance(d.tag, str)]
            # Engines may touch attributes (links, image sources, our alt markers): when the tags
            # came back in the same order, put the original attributes back.
            if [tag for tag, _ in before] == [d.tag for d in after]:
                for (_, attrib), node in zip(before, after):
                    node.attrib.clear()
                    node.attrib.update(attrib)
    for img in root.xpath(f"//img[@{ALT_ATTR}]"):
        key = f"body.{img.attrib.pop(ALT_ATTR)}"
        if key in translations:
            img.set("alt", translations[key])
    for run in root.xpath(f"//span[@{RUN_ATTR}]"):
        run.drop_tag()
    return _inner_html(root)


def segment_article(doc: ArticleDoc) -> tuple[list[Segment], str]:
    """All segments of an article and its body template."""
    segments = [Segment("title", "title", doc.title)]
    if doc.lead.strip():
        segments.append(Segment("lead", "lead", doc.lead))
    body, template = segment_body(doc.body_html)
    segments.extend(body)
    for i, image in enumerate(doc.images):
        for part in ("caption", "alt", "credit"):
            value = getattr(image, part)
            if value.strip():
                segments.append(Segment(f"image.{i}.{part}", part, value))
    return segments, template


def rebuild_article(doc: ArticleDoc, template: str, translations: dict[str, str]) -> ArticleDoc:
    """A copy of ``doc`` with every translated segment put in place (missing ones kept as is)."""
    images = [replace(image, **{part: translations.get(f"image.{i}.{part}", getattr(image, part))
                                for part in ("caption", "alt", "credit")})
              for i, image in enumerate(doc.images)]
    return ArticleDoc(title=translations.get("title", doc.title),
                      lead=translations.get("lead", doc.lead),
                      body_html=rebuild_body(template, translations) if template else doc.body_html,
                      images=images, author=doc.author)
