"""Embedded metadata: JSON-LD (NewsArticle and kin), OpenGraph, meta tags, <link rel=canonical>."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from lxml import etree

ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "backgroundnewsarticle", "techarticle", "scholarlyarticle", "report",
    "socialmediaposting", "liveblogposting", "posting", "webpage", "review", "recipe",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(slots=True)
class PageMetadata:
    """What the page says about itself, field by field, before any body extraction."""

    title: str = ""
    description: str = ""
    canonical_url: str = ""
    site_name: str = ""
    author: str = ""
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = ""
    image: str = ""
    article_body: str = ""
    generator: str = ""
    rules_hint: str = ""
    jsonld_type: str = ""


def _names(value) -> list[str]:
    """Person/organisation names from a JSON-LD author value (string, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return _names(name) if name else []
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _first_str(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value:
        return _first_str(value[0])
    if isinstance(value, dict):
        return _first_str(value.get("url") or value.get("@id") or value.get("name") or "")
    return ""


def _walk_jsonld(data, out: list[dict]) -> None:
    # Iterative, so a hostile deeply nested JSON-LD cannot exhaust the stack.
    stack = [data]
    while stack and len(out) < 50:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item[:50]))
        elif isinstance(item, dict):
            out.append(item)
            for key in ("@graph", "mainEntity", "itemListElement"):
                if isinstance(item.get(key), (list, dict)):
                    stack.append(item[key])


def _types(item: dict) -> set[str]:
    kind = item.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _jsonld_objects(tree) -> list[dict]:
    objects: list[dict] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = _CONTROL.sub(" ", (script.text or "").strip())
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # Some CMSs leave a trailing comma or HTML comment around the object.
            try:
                data = json.loads(raw.strip("<!->; \n").rstrip(","))
            except ValueError:
                continue
        _walk_jsonld(data, objects)
    return objects


def _resolve(value, by_id: dict):
    """Follow {"@id": …} references (Yoast-style @graph) to the object they name."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    if isinstance(value, list):
        return [_resolve(item, by_id) for item in value]
    return value


def _apply_jsonld(meta: PageMetadata, objects: list[dict]) -> None:
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 2}
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    # Prefer a real article type over a generic WebPage.
    articles.sort(key=lambda o: "webpage" in _types(o))
    for item in articles:
        meta.jsonld_type = meta.jsonld_type or sorted(_types(item))[0]
        meta.title = meta.title or html.unescape(_first_str(item.get("headline") or ""))
        meta.description = meta.description or html.unescape(_first_str(item.get("description") or ""))
        meta.published = meta.published or _first_str(item.get("datePublished") or item.get("dateCreated") or "")
        meta.modified = meta.modified or _first_str(item.get("dateModified") or "")
        if not meta.author:
            authors = _resolve(item.get("author") or item.get("creator"), by_id)
            meta.author = ", ".join(dict.fromkeys(n.strip() for n in _names(authors) if n.strip()))
        meta.section = meta.section or _first_str(item.get("articleSection") or "")
        if not meta.tags:
            keywords = item.get("keywords") or []
            meta.tags = [k.strip() for k in (keywords.split(",") if isinstance(keywords, str) else keywords)
                         if isinstance(k, str) and k.strip()]
        meta.language = meta.language or _first_str(item.get("inLanguage") or "")
        meta.image = meta.image or _first_str(item.get("image") or "")
        meta.article_body = meta.article_body or _first_str(item.get("articleBody") or "")
        if not meta.canonical_url:
            main = item.get("mainEntityOfPage")
            meta.canonical_url = _first_str(main) if isinstance(main, (str, dict)) else ""
    for item in objects:
        if "breadcrumblist" in _types(item) and not meta.section:
            crumbs = item.get("itemListElement") or []
            names = [_first_str(c.get("name") or (c.get("item") or {}).get("name", ""))
                     for c in crumbs if isinstance(c, dict) and isinstance(c.get("item", {}), dict)]
            names = [n for n in names if n and n.lower() not in {"home", "trang chủ", "trang chu"}]
            if names:
                meta.section = names[-1] if len(names) < 3 else names[-2]


_META_FIELDS = {
    "title": ("og:title", "twitter:title", "dc.title", "citation_title", "sailthru.title"),
    "description": ("og:description", "description", "twitter:description", "dc.description"),
    "canonical_url": ("og:url",),
    "site_name": ("og:site_name", "application-name", "publisher"),
    "author": ("article:author", "author", "dc.creator", "byl", "parsely-author", "sailthru.author",
               "citation_author", "twitter:creator"),
    "published": ("article:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
                  "date", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date",
                  "sailthru.date", "og:published_time", "citation_publication_date", "article.published",
                  "published_time", "dable:published_time", "its_publication"),
    "modified": ("article:modified_time", "datemodified", "og:updated_time", "lastmod", "dcterms.modified",
                 "last-modified"),
    "section": ("article:section", "parsely-section", "section", "dable:section", "category"),
    "image": ("og:image", "og:image:url", "twitter:image"),
    "language": ("og:locale", "language", "content-language", "dc.language"),
    "generator": ("generator",),
    "rules_hint": ("quangba-rules",),
}
_META_LOOKUP = {key: field_name for field_name, keys in _META_FIELDS.items() for key in keys}


def read_metadata(tree) -> PageMetadata:
    """Collect title, dates, author, section, tags, canonical URL and language from a parsed page."""
    meta = PageMetadata()
    _apply_jsonld(meta, _jsonld_objects(tree))
    found: dict[str, str] = {}
    tags: list[str] = []
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or node.get("http-equiv") or "")
        key = key.strip().lower()
        content = (node.get("content") or "").strip()
        if not key or not content:
            continue
        if key in ("article:tag", "news_keywords", "keywords") and not meta.tags:
            tags.extend(t.strip() for t in content.split(",") if t.strip())
            continue
        field_name = _META_LOOKUP.get(key)
        if field_name and field_name not in found:
            found[field_name] = content
    for field_name, content in found.items():
        if not getattr(meta, field_name):
            # Some CMSs escape entities twice in meta content ("Chi&#7871;n").
            setattr(meta, field_name, html.unescape(content) if "&" in content else content)
    if not meta.tags:
        meta.tags = list(dict.fromkeys(tags))[:30]
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            meta.canonical_url = link.get("href").strip()
            break
    if not meta.author:
        meta.author = _visible_byline(tree)
    if not meta.published:
        for node in tree.iterfind('.//*[@itemprop="datePublished"]'):
            meta.published = node.get("content") or node.get("datetime") or (node.text or "").strip()
            if meta.published:
                break
    if not meta.title:
        title = tree.find(".//title")
        if title is not None and title.text:
            meta.title = title.text.strip()
    if not meta.language:
        meta.language = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    for name in ("title", "description", "author", "section", "site_name"):
        value = getattr(meta, name)
        if "&" in value:
            setattr(meta, name, html.unescape(value))
    meta.language = meta.language.replace("_", "-").split("-")[0].lower()[:8]
    if meta.author.startswith(("http://", "https://")) and "facebook.com" in meta.author:
        meta.author = ""
    return meta


_BYLINE = etree.XPath("//*[@rel='author' or @itemprop='author' or contains(@class,'author') or contains(@class,'byline')]")
_BYLINE_CLASS = re.compile(r"author-?name|authorName|author_name|post-author|byline|article-author|entry-author|"
                           r"by-author|author-link|^author$", re.I)
_BY_PREFIX = re.compile(r"^(?:by|written by|posted by|author:?|tác giả:?)\s+", re.I)


def _visible_byline(tree) -> str:
    """The byline printed on the page when no metadata names the author."""
    for node in _BYLINE(tree)[:40]:
        if node.tag in ("script", "style", "meta", "link", "body", "html") or not (
                node.get("rel") == "author" or node.get("itemprop") == "author"
                or _BYLINE_CLASS.search(node.get("class") or "")):
            continue
        named = node.find('.//*[@itemprop="name"]')
        value = named.get("content") or text_of(named) if named is not None else text_of(node)
        value = _BY_PREFIX.sub("", value or "").strip(" ,|")
        if 2 < len(value) <= 60 and not re.search(r"\d{4}|@|https?:|\bview\b|\bposts?\b|\bmore\b", value, re.I):
            return value
    return ""


def text_of(node) -> str:
    """Whitespace-collapsed text content of an element."""
    if node is None:
        return ""
    return " ".join(etree.tostring(node, method="text", encoding="unicode", with_tail=False).split())
