"""The extraction cascade, written down in one place:

1. per-outlet rules (data in rules/*.json): every field its selectors find, body included;
2. embedded metadata (JSON-LD NewsArticle, OpenGraph, meta tags): every field still missing.
   A JSON-LD articleBody is plain text without figures, so it checks the body (confidence) and
   stands in for it only when step 3 comes up short;
3. our generic main-content algorithm (generic.py) for the body, trafilatura as its last resort;
   dates the metadata lacks are read from the page (dates.find_page_date).

Each stage runs only for what the previous one left empty; the body is cleaned and sanitized last."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree, html as lxml_html

from . import clean, generic
from .boilerplate import strip_boilerplate
from .dates import find_page_date, parse_date
from .document import page_text, parse
from .metadata import read_metadata, text_of
from .model import ExtractedArticle, ExtractionError
from .people import clean_author, clean_title
from .rules import RuleSet, find_rule_set

MIN_BODY_CHARS = 200  # below this a stage "came up short" and the next one runs


def _rules_body(tree, rule_set: RuleSet):
    for selector in rule_set.get("body"):
        nodes = selector(tree)
        if nodes:
            return nodes[0]  # the outermost match, in document order
    return None


def _jsonld_body(article_body: str):
    holder = lxml_html.Element("div")
    for paragraph in re.split(r"\n\s*\n|\r\n|\n", article_body):
        if paragraph.strip():
            etree.SubElement(holder, "p").text = paragraph.strip()
    return holder


def _confidence(article: ExtractedArticle, truncated: bool, jsonld_body: str) -> float:
    words = len(article.text.split())
    score = 0.35 if words >= 40 else 0.1 if words else 0.0
    score += min(words, 300) / 300 * 0.3
    score += 0.1 if article.title else 0
    score += 0.1 if article.published_at else 0
    score += 0.1 if article.extractor.startswith("rules:") else 0.05
    if jsonld_body and words:
        # The outlet's own copy of the body is the best check we have.
        ours = set(article.text.lower().split())
        theirs = set(jsonld_body.lower().split())
        overlap = len(ours & theirs) / max(1, len(theirs))
        score = score * (0.6 + 0.4 * overlap)
    if truncated:
        score = min(score, 0.4)
    return round(max(0.0, min(1.0, score)), 3)


def _looks_truncated(html: str) -> bool:
    tail = html[-2048:].lower()
    return "</body" not in tail and "</html" not in tail


def extract(html: str | bytes, url: str | None = None, rules: str | dict | None = None) -> ExtractedArticle:
    """Extract the article of a page: title, lead, clean body, images, byline, dates, section.

    `rules` names a rule set (or gives one as a dict) when the caller knows the outlet; otherwise
    a rule set is found by the page's hint, host, generator or markup. Raises ExtractionError for
    input that is not a page (empty, binary, too large) and KeyError for an unknown rule-set name;
    a poor extraction comes back with a low `confidence` (< 0.5 means: send to review)."""
    if isinstance(rules, str):
        rules = find_rule_set(None, url, rules)  # an unknown name is the caller's KeyError
    try:
        return _extract(html, url, rules)
    except ExtractionError:
        raise
    except (ValueError, TypeError, AttributeError, AssertionError, IndexError, KeyError, RecursionError,
            MemoryError, etree.LxmlError) as exc:
        # A page that trips the extractor is one article for review, never a dead worker.
        raise ExtractionError(f"extraction failed: {type(exc).__name__}: {exc}", url) from exc


def _extract(html, url, rules) -> ExtractedArticle:
    html = page_text(html, url)
    tree = parse(html, url)
    meta = read_metadata(tree)
    if tree.find(".//noscript") is not None:
        clean.resolve_noscript_images(tree)  # before any stage drops <noscript>
    # Without a URL, the page's own canonical URL still names the outlet.
    rule_set = find_rule_set(tree, url or meta.canonical_url, rules, meta.rules_hint, meta.generator,
                             raw=html)
    base_url = url or (meta.canonical_url if meta.canonical_url.startswith("http") else None)
    h1 = tree.find(".//h1")
    article = ExtractedArticle(url=url, language=meta.language, tags=meta.tags)
    if meta.canonical_url:
        article.canonical_url = urljoin(base_url or "", meta.canonical_url) if base_url else meta.canonical_url

    found: dict[str, str] = {}
    if rule_set is not None:
        for name in ("title", "lead", "date", "updated", "author", "category"):
            found[name] = rule_set.first(name, tree)
        tags = [v for s in rule_set.get("tags") for v in s.values(tree)]
        if tags:
            article.tags = list(dict.fromkeys(tags))

    article.title = clean_title(found.get("title") or meta.title, meta.site_name, text_of(h1))
    article.lead = found.get("lead") or " ".join(meta.description.split())
    day_first = meta.language != "en"
    # Outlet rules read the outlet's own printed dates, which Vietnamese CMSs print day first.
    article.published_at = parse_date(found.get("date")) \
        or parse_date(meta.published, day_first=day_first) or find_page_date(tree, url, meta.language)
    article.updated_at = parse_date(found.get("updated")) or parse_date(meta.modified, day_first=day_first)
    outlet_names = " ".join(filter(None, (meta.site_name, urlsplit(url or meta.canonical_url or "").hostname)))
    article.author = clean_author(found.get("author") or meta.author, outlet_names)
    article.section_hint = found.get("category") or meta.section

    body, extractor = None, ""
    if rule_set is not None:
        body = _rules_body(tree, rule_set)
        if body is not None and len(text_of(body)) >= MIN_BODY_CHARS // 2:
            extractor = f"rules:{rule_set.name}"
            for selector in rule_set.get("remove"):
                for node in selector(body):
                    if node is not body:
                        node.drop_tree()
        else:
            body = None
    if body is None:
        body = generic.main_content(tree)
        extractor = "generic"
        if body is None or len(text_of(body)) < MIN_BODY_CHARS:
            if len(meta.article_body) >= MIN_BODY_CHARS:
                body, extractor = _jsonld_body(meta.article_body), "metadata"
            else:
                # The generic stage pruned the tree in place; trafilatura reads a fresh one.
                fallback = generic.trafilatura_body(parse(html, url), url)
                if fallback is not None:
                    body, extractor = fallback, "trafilatura"
    if body is not None:
        strip_boilerplate(body)
        article.images = clean.normalize_figures(body, base_url, rule_set.get("credit") if rule_set else None)
        clean.restructure(body)
        article.body_html, article.text, parsed = clean.body_html_and_text(body)
        if sum(len(image.caption) for image in article.images) > max(len(article.text), MIN_BODY_CHARS):
            article.text = clean.text_of_root(parsed, with_captions=True)  # a photo story: captions are the article
    article.extractor = extractor or "none"
    article.confidence = _confidence(article, _looks_truncated(html), meta.article_body)
    return article


__all__ = ["extract", "ExtractionError"]
