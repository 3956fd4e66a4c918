"""Generic main-content stage, for pages no rule set knows.

Hand-written because it must run on every page and quickly: one pruning pass, one scoring pass
(paragraph scores flow to their ancestors, discounted by link density), a sibling merge, then a
conditional clean of the winner. Trafilatura stays the last resort when this finds nothing."""
from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree, html as lxml_html

from .boilerplate import in_figure


_UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumb|combx|comment|communit|cover-wrap|disqus|extra|footer|gdpr|"
    r"header|legends|menu|related|relate|remark|replies|rss|shoutbox|sidebar|skyscraper|social|"
    r"sponsor|supplemental|ad-break|agegate|pagination|pager|popup|share|newsletter|subscri|cookie|"
    r"promo|navbar|masthead|widget|recirc|most-popular|trending|lienquan|tinlienquan|signup|paywall-msg",
    re.I)
_MAYBE = re.compile(r"and|article|body|column|content|main|shadow|story|entry|post|text|detail|"
                    r"so-panel|ck-widget|sow-editor|product-widget", re.I)  # page-builder blocks hold prose
_POSITIVE = re.compile(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|"
                       r"cms-body|singular|prose|rich-text", re.I)
_NEGATIVE = re.compile(r"-ad-|hidden|^hid$|banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|"
                       r"outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|"
                       r"tags|widget|byline|author|dateline|taboola|newsletter|subscri|recirc", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DROP = {"script", "style", "noscript", "nav", "aside", "footer", "iframe", "button", "svg", "select",
         "input", "textarea", "template", "dialog", "link", "meta", "object", "embed", "canvas", "menu"}
_PARAGRAPHS = {"p", "pre", "td", "blockquote"}
_BLOCKS = {"p", "div", "section", "article", "table", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3",
           "h4", "h5", "h6", "figure", "dl", "header", "footer", "form", "main", "aside", "nav"}
_TAG_BASE = {"div": 5, "article": 8, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
             "ol": -3, "ul": -3, "dl": -3, "form": -3, "th": -5, "li": -3, "address": -3,
             "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5}


@lru_cache(maxsize=8192)
def _weight_of(marker: str) -> int:
    return (-25 if _NEGATIVE.search(marker) else 0) + (25 if _POSITIVE.search(marker) else 0)


_UNLIKELY_LOWER = re.compile(_UNLIKELY.pattern.lower())
_MAYBE_LOWER = re.compile(_MAYBE.pattern.lower())
_NEVER_CONTENT = re.compile(r"comment|disqus|replies|respond|cookie|gdpr|popup|modal|signup|paywall", re.I)


@lru_cache(maxsize=16384)
def _unlikely(marker: str) -> bool:
    marker = marker.lower()  # then the patterns run without re.I, several times faster
    return bool(_UNLIKELY_LOWER.search(marker)) and not _MAYBE_LOWER.search(marker)


@lru_cache(maxsize=8192)
def _never_content(marker: str) -> bool:
    return bool(_NEVER_CONTENT.search(marker))


def _marker(node) -> str:
    return " ".join(filter(None, (node.get("class"), node.get("id"))))


def _class_weight(node) -> int:
    marker = _marker(node)
    return _weight_of(marker) if marker else 0


def _text_len(node) -> int:
    return len(" ".join(node.text_content().split()))


def _link_density(node, length: int | None = None) -> float:
    length = _text_len(node) if length is None else length
    if not length:
        return 0.0
    links = sum(_text_len(a) for a in node.iter("a") if not (a.get("href") or "").startswith("#"))
    return links / length


# Only blocks are judged by their class names: inline tags carry style classes, not roles.
_CONTAINERS = {"div", "section", "aside", "ul", "ol", "table", "header", "footer", "form", "dl", "nav"}
_NEVER_TEXT = {"script", "style", "noscript", "iframe", "svg", "template", "link", "meta", "object", "embed",
               "canvas", "select", "input", "textarea", "button"}


_PRUNE_CANDIDATES = etree.XPath(
    "//*[@hidden or @aria-hidden='true' or @style or self::nav or self::aside or self::footer or self::menu"
    " or self::dialog or ((@class or @id) and (self::div or self::section or self::ul or self::ol"
    " or self::table or self::header or self::form or self::dl))]"
)


def _prune(root) -> None:
    """Remove what is never article text: scripts, navigation, hidden and unlikely blocks —
    unless the block holds a large share of the page's text (wrappers named "widget", "share"…)."""
    total = len(root.text_content()) or 1
    etree.strip_elements(root, *_NEVER_TEXT, with_tail=False)
    dropped: set = set()
    for node in _PRUNE_CANDIDATES(root):  # in document order: a dropped block's descendants follow it
        if dropped and any(a in dropped for a in node.iterancestors()):
            continue  # gone with its ancestor: measuring it is wasted work
        tag = node.tag
        style = node.get("style")
        # React streams server-rendered parts in <div hidden id="S:0"> until scripts move them in.
        streamed = node.get("hidden") is not None and (node.get("id") or "").startswith("S:")
        doomed = tag in _DROP or node.get("hidden") is not None and not streamed \
            or node.get("aria-hidden") == "true" and tag != "img" or bool(style and _HIDDEN.search(style))
        by_name = False
        if not doomed and tag in _CONTAINERS:
            marker = _marker(node)
            doomed = by_name = bool(marker) and _unlikely(marker)
        if not doomed:
            continue
        length = len(node.text_content())
        if length >= total * 0.25:
            continue
        if by_name and length >= 2500 and not _never_content(marker) and _link_density(node) < 0.3:
            continue  # a long run of prose is no sidebar, whatever its wrapper is called
        node.drop_tree()
        dropped.add(node)


class _Measures:
    """One pass over the page's text blocks, summed into every ancestor: readability-style scores
    (three levels up), article text, boilerplate text, link text and all text."""

    __slots__ = ("scores", "good", "bad", "links", "chars", "_final")

    def __init__(self, root):
        self.scores = {}
        totals: dict = {}  # node -> [good, bad, links, chars] of the text blocks below it
        inside = 0  # how many text blocks the walk is in: nested blocks count with their outer one
        for event, node in etree.iterwalk(root, events=("start", "end")):
            tag = node.tag
            if event == "end":
                inside -= tag in _TEXT_BLOCKS
                parent = node.getparent()
                if parent is not None and node in totals:
                    into = totals.setdefault(parent, [0, 0, 0, 0])
                    for i, value in enumerate(totals[node]):
                        into[i] += value
                continue
            leaf = tag in _LOOSE_TEXT and not any(c.tag in _BLOCKS for c in node)
            block = tag in _TEXT_BLOCKS or leaf and bool((node.text or "").strip())
            scored = tag in _PARAGRAPHS or leaf and tag == "div"
            nested = inside > 0
            inside += tag in _TEXT_BLOCKS
            if not (block or scored):
                continue
            text = node.text_content()
            length = len(" ".join(text.split()))
            if not length:
                continue
            if block and not nested:
                links = sum(len(a.text_content()) for a in node.iter("a"))
                good = length - links if length >= 40 and links < 0.5 * length and tag not in ("dt", "th") else 0
                parent = node.getparent()
                if parent is not None:
                    into = totals.setdefault(parent, [0, 0, 0, 0])
                    into[0] += good
                    into[1] += links if good else length
                    into[2] += links
                    into[3] += length
            if length < 25 or not scored:
                continue
            score = 1 + text.count(",") + text.count("，") + min(length // 100, 3)
            ancestor, level = node.getparent(), 0
            while ancestor is not None and level < 3:
                if ancestor not in self.scores:
                    self.scores[ancestor] = _TAG_BASE.get(ancestor.tag, 0) + _class_weight(ancestor)
                self.scores[ancestor] += score / (1 if level == 0 else 2 if level == 1 else level * 3)
                ancestor, level = ancestor.getparent(), level + 1
        self.good = {node: t[0] for node, t in totals.items()}
        self.bad = {node: t[1] for node, t in totals.items()}
        self.links = {node: t[2] for node, t in totals.items()}
        self.chars = {node: t[3] for node, t in totals.items()}
        self._final: dict = {}

    def score(self, node) -> float:
        """Readability score discounted by the node's real link density (computed on demand)."""
        if node not in self._final:
            raw = self.scores.get(node)
            self._final[node] = -1e9 if raw is None else raw * (1 - _link_density(node))
        return self._final[node]

    def top(self):
        """The best-scoring node; link density is measured only where the raw score could still win."""
        best, best_score = None, -1e9
        for node in sorted(self.scores, key=self.scores.get, reverse=True):
            if self.scores[node] <= best_score:
                break
            if self.score(node) > best_score:
                best, best_score = node, self.score(node)
        return best

    def mass_winner(self):
        """The element maximising good text minus ALPHA × boilerplate text: it grows to take in
        every section of a long article and stops where menus, teasers and footers come in."""
        if not self.good:
            return None
        best = max(self.good, key=lambda n: self.good[n] - ALPHA * self.bad[n])
        return best if self.good[best] > 0 else None


def _with_siblings(top, score):
    parent = top.getparent()
    if parent is None:
        return top
    threshold = max(10.0, score(top) * 0.2)
    top_class = top.get("class")
    holder = lxml_html.Element("div")
    for sibling in list(parent):
        if not isinstance(sibling.tag, str):
            continue
        keep = sibling is top
        if not keep:
            bonus = score(top) * 0.2 if top_class and sibling.get("class") == top_class else 0
            keep = score(sibling) + bonus >= threshold
        if not keep and sibling.tag == "p":
            length = _text_len(sibling)
            density = _link_density(sibling, length)
            text = sibling.text_content().strip()
            keep = (length > 80 and density < 0.25) or (0 < length <= 80 and density == 0
                                                         and re.search(r"\.( |$)", text) is not None)
        if keep:
            tail, sibling.tail = sibling.tail, None
            holder.append(sibling)
            if tail and tail.strip():
                holder[-1].tail = tail
    return holder


def _cousins(root, top) -> tuple[list, list]:
    """Long articles cut into repeated blocks (`div.body__inner-container` × 5): the top block's
    same-tag, same-class cousins elsewhere on the page, before and after it."""
    css = top.get("class")
    if not css or not css.strip():
        return [], []
    same = {node for node in root.iter(top.tag) if node.get("class") == css and node is not top}
    if not same:
        return [], []
    parent = top.getparent()
    ancestors = set(top.iterancestors())
    before, after, seen_top = [], [], False
    for node in root.iter():
        if node is top:
            seen_top = True
            continue
        if node not in same or node in ancestors or node.getparent() is parent:
            continue  # direct siblings are the sibling merge's business
        if any(a is top for a in node.iterancestors()):
            continue
        length = _text_len(node)
        if length >= 100 and _link_density(node, length) < 0.3:
            (after if seen_top else before).append(node)
    return before, after


def _repeated_blocks(root, top):
    """Step-by-step pages: the top block sits one or two levels inside a block repeated down the
    page (`div.mod.step` × 12); every copy of that block, in page order, is the article."""
    for block in list(top.iterancestors())[:2]:
        css = block.get("class")
        if not css or block.getparent() is None:
            continue
        run = [node for node in root.iter(block.tag) if node.get("class") == css]
        run = [node for node in run if not any(a.get("class") == css and a.tag == block.tag
                                                for a in node.iterancestors())]
        if len(run) < 3:
            continue
        lengths = [_text_len(node) for node in run]
        links = sum(_link_density(node, length) * length for node, length in zip(run, lengths))
        if sum(lengths) < 2 * _text_len(top) or links > 0.3 * sum(lengths):
            continue
        holder = lxml_html.Element("div")
        for node in run:
            tail, node.tail = node.tail, None
            holder.append(node)
            node.tail = tail if tail and tail.strip() else None
        return holder
    return None


def _add_cousins(holder, cousins: tuple[list, list]) -> None:
    before, after = cousins
    for index, node in enumerate(before):
        holder.insert(index, node)
    for node in after:
        holder.append(node)


def _clean_conditionally(body) -> None:
    """Drop lists, tables and divs inside the winner that look like link farms or widgets."""
    for node in reversed(list(body.iter("div", "section", "ul", "ol", "table", "form", "header"))):
        if node is body or node.getparent() is None or in_figure(node):
            continue
        length = _text_len(node)
        weight = _class_weight(node)
        density = _link_density(node, length)
        if weight < 0 and length < 1000:
            node.drop_tree()
            continue
        if node.tag in ("ul", "ol") and density > 0.5 and length < 1000:
            node.drop_tree()
            continue
        commas = node.text_content().count(",")
        if commas >= 10:
            continue
        paragraphs = len(node.findall(".//p"))
        images = len(node.findall(".//img"))
        items = len(node.findall(".//li")) - 100
        if length < 25 and images == 0 and node.find(".//figure") is None and node.tag != "table":
            if not node.text_content().strip():
                node.drop_tree()
            continue
        if (images > 1 and paragraphs / images < 0.5 and node.find(".//figure") is None) \
                or (node.tag not in ("ul", "ol") and items > paragraphs) \
                or (weight < 25 and density > 0.2 and length < 500) \
                or (weight >= 25 and density > 0.5):
            node.drop_tree()


_TEXT_BLOCKS = {"p", "li", "td", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "figcaption", "th"}
_LOOSE_TEXT = {"div", "section", "span", "font", "article", "main"}
ALPHA = 1.5  # weight of boilerplate text against article text (tuned on ScrapingHub + WCXB)
RATIO = 0.15  # below this share of the text-mass winner, the readability winner is a fragment


def main_content(tree):
    """The element holding the article body, or None when nothing looks like one."""
    # The whole document, not <body>: broken markup can leave the article under <head>.
    root = tree
    _prune(root)
    measures = _Measures(root)
    mass, scores = measures.mass_winner(), measures.scores
    if not scores:
        if mass is None:
            return None
        content = mass
    else:
        top = measures.top()
        content = None
        if mass is not None and mass is not top and any(a is mass for a in top.iterancestors()):
            if _text_len(top) * (1 - _link_density(top)) < RATIO * measures.good[mass]:
                content = mass
        if content is None:
            content = _repeated_blocks(root, top)
        if content is None:
            cousins = _cousins(root, top)
            content = _with_siblings(top, measures.score)
            _add_cousins(content, cousins)
    for heading in list(content.iter("h1")):
        heading.drop_tree()
    _clean_conditionally(content)
    return content


def trafilatura_body(tree, url: str | None):
    """Trafilatura's reading of the page, as an element in our HTML subset (last resort)."""
    import trafilatura

    result = trafilatura.extract(tree, url=url, output_format="html", include_images=True,
                                 include_formatting=True, include_links=True, include_comments=False,
                                 include_tables=True)
    if not result:
        return None
    root = lxml_html.fromstring(result)
    body = root.find(".//body")
    return body if body is not None else root
