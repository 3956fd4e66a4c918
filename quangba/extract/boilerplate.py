"""Boilerplate inside an article body: share bars, related-article boxes, ads, newsletter
boxes and "Xem thêm" / "Đọc thêm" / "Read more" links. Runs on every body, rules or generic."""
from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

_DROP = {"script", "style", "noscript", "nav", "aside", "footer", "iframe", "button", "svg", "select",
         "input", "textarea", "template", "dialog", "link", "meta", "object", "embed", "canvas", "menu"}
_BOILERPLATE = re.compile(
    r"share|social|sharing|related|relate|lienquan|lien-quan|newsletter|subscri|advert|\bads?\b|"
    r"banner|sponsor|promo|comment|breadcrumb|\btags?\b|popular|most-read|recommend|outbrain|taboola|"
    r"widget|sidebar|toolbar|rating|readmore|read-more|xemthem|xem-them|doc-them|signup|cookie|modal|"
    r"print|author-box|bottom-box|RelatedNews|RelatedOneNews", re.I)
_MORE_LINK = re.compile(r"^\s*(?:xem thêm|đọc thêm|xem tiếp|tin liên quan|bài liên quan|read more|see also|"
                        r"related|also read|read also|more:|>>|»)", re.I)


@lru_cache(maxsize=8192)
def _is_boilerplate(marker: str) -> bool:
    return bool(_BOILERPLATE.search(marker))


def in_figure(node) -> bool:
    """True inside a <figure>: its wrappers are layout, never boilerplate."""
    return any(ancestor.tag == "figure" for ancestor in node.iterancestors())


def strip_boilerplate(body) -> None:
    """Drop share bars, related boxes, ads, newsletter boxes and "Xem thêm"/"Read more" links."""
    total = len(body.text_content()) or 1
    for node in list(body.iter(etree.Element)):
        if node is body or node.getparent() is None:
            continue
        tag = node.tag
        if tag in _DROP:
            node.drop_tree()
            continue
        marker = " ".join(filter(None, (node.get("class"), node.get("id"), node.get("type"))))
        if marker and _is_boilerplate(marker) and len(node.text_content()) < total * 0.4 \
                and not (tag in ("figure", "picture", "img") or in_figure(node)):
            node.drop_tree()
            continue
        if tag in ("p", "div", "li", "strong", "a", "em", "span", "h3", "h4"):
            text = node.text_content()
            if len(text) < 200 and _MORE_LINK.match(text):
                links = sum(len(a.text_content()) for a in node.iter("a")) if tag != "a" else len(text)
                if tag == "a" or links > 0.3 * len(text.strip()) or len(text.strip()) < 20:
                    node.drop_tree()
