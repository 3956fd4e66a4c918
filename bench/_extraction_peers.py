"""One adapter per extractor: page html → {"text", "title", "author", "date", "html"}."""
from __future__ import annotations

import re

from lxml import etree, html as lxml_html

_BLOCKS = re.compile(r"</(?:p|div|h\d|li|blockquote|tr|figcaption|pre|table|ul|ol|section)>|<br\s*/?>", re.I)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one block per paragraph."""
    if not fragment:
        return ""
    try:
        root = lxml_html.fromstring(_BLOCKS.sub(lambda m: m.group(0) + "\n\n", fragment))
    except Exception:
        return ""
    return "\n\n".join(" ".join(line.split()) for line in root.text_content().split("\n\n") if line.strip())


MOZILLA_URL = "http://fakehost/test/page.html"


def _iso(value) -> str:
    if not value:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def quangba():
    from quangba.extract import ExtractionError, extract

    def run(html: str, url: str | None) -> dict:
        try:
            article = extract(html, url)
        except ExtractionError:
            return {}
        captions = " ".join(f"{i.caption} {i.credit}" for i in article.images)
        return {"text": article.text, "lead": article.lead, "title": article.title, "author": article.author,
                "section": article.section_hint,
                "date": _iso(article.published_at), "html": article.body_html, "extra_text": captions,
                "images": [i.url for i in article.images]}
    return run


def quangba_generic():
    """quangba with every outlet rule set switched off: the generic extractor alone. The corpus's
    Vietnamese outlets all have hand-written rules, so `quangba` on them is an in-sample figure;
    this one is what an outlet without rules gets."""
    from quangba.extract import cascade

    cascade.find_rule_set = lambda *args, **kwargs: None
    return quangba()


def trafilatura():
    import trafilatura as lib

    def run(html: str, url: str | None) -> dict:
        # Images only where they are scored: include_images costs trafilatura text precision.
        doc = lib.bare_extraction(html, url=url, with_metadata=True, include_images=url == MOZILLA_URL)
        if doc is None:
            return {}
        body = etree.tostring(doc.body, encoding="unicode") if doc.body is not None else ""
        return {"text": doc.text or "", "title": doc.title or "", "author": doc.author or "",
                "date": doc.date or "", "html": body,
                "images": re.findall(r'<graphic[^>]+src="([^"]+)"', body)}
    return run


def trafilatura_plain():
    """trafilatura's plain `extract()` with its defaults: text only, no metadata (its fallback
    extractors still run: `fast=True` would be quicker still)."""
    import trafilatura as lib

    def run(html: str, url: str | None) -> dict:
        return {"text": lib.extract(html, url=url) or ""}
    return run


def readability():
    from readability import Document

    def run(html: str, url: str | None) -> dict:
        doc = Document(html, url=url)
        body = doc.summary(html_partial=True)
        return {"text": html_to_text(body), "title": doc.short_title() or "", "author": "", "date": "",
                "html": body, "images": re.findall(r'<img[^>]+src="([^"]+)"', body)}
    return run


def newspaper():
    import newspaper as lib

    config = lib.Config()
    config.fetch_images = False  # it would fetch every image over the network
    config.keep_article_html = True
    config.memorize_articles = False
    config.request_timeout = 1

    def run(html: str, url: str | None) -> dict:
        article = lib.Article(url or "http://example.com/article.html", config=config)
        article.download(input_html=html)
        article.parse()
        body = article.article_html or ""
        return {"text": article.text or "", "title": article.title or "", "author": ", ".join(article.authors),
                "date": _iso(article.publish_date), "html": body,
                "images": re.findall(r'<img[^>]+src="([^"]+)"', body)}
    return run


EXTRACTORS = {"quangba": quangba, "quangba-generic": quangba_generic, "trafilatura": trafilatura,
              "trafilatura-plain": trafilatura_plain, "readability": readability, "newspaper4k": newspaper}
