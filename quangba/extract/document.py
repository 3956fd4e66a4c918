"""From bytes or text to a parsed page, refusing what is not a web page."""
from __future__ import annotations

import re
import unicodedata

from lxml import etree, html as lxml_html

from .model import ExtractionError

MAX_BYTES = 8 * 1024 * 1024  # larger pages are not articles, and parsing them stalls a worker

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")
_ENCODING_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False,
                               collect_ids=False, recover=True)


def decode(data: bytes) -> str:
    """Decode page bytes: UTF-8 when the bytes are valid UTF-8 whatever the page declares,
    else the declared charset, else a detected one (windows-1258 for Vietnamese legacy pages)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _CHARSET.search(data[:4096])
        name = declared.group(1).decode("ascii", "ignore").lower() if declared else ""
        if name in ("", "utf-8", "utf8"):
            from charset_normalizer import from_bytes

            best = from_bytes(data[:200_000], cp_isolation=["windows-1258", "cp1252", "utf_8"]).best()
            name = best.encoding if best else "windows-1258"
        try:
            text = data.decode(name, errors="replace")
        except LookupError:
            text = data.decode("windows-1258", errors="replace")
    # windows-1258 writes tone marks as combining characters; compose them as UTF-8 pages do.
    return unicodedata.normalize("NFC", text)


def _check_text(text: str, url: str | None) -> None:
    if not text.strip():
        raise ExtractionError("empty page", url)
    sample = text[:4096]
    controls = len(_CONTROLS.findall(sample))
    if "\x00" in sample or controls > len(sample) * 0.05 or sample.count("\ufffd") > len(sample) * 0.1:
        raise ExtractionError("binary content, not an HTML page", url)
    if "<" not in sample and "<" not in text[:200_000]:
        raise ExtractionError("no HTML markup in the page", url)


def page_text(html: str | bytes, url: str | None = None) -> str:
    """The page as text: bytes decoded (see decode), ExtractionError for empty, binary or huge input."""
    if html is None:
        raise ExtractionError("no content", url)
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if len(data) > MAX_BYTES:
            raise ExtractionError(f"page too large ({len(data)} bytes, cap {MAX_BYTES})", url)
        if b"\x00" in data[:4096] and not data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise ExtractionError("binary content, not an HTML page", url)
        text = decode(data)
    elif isinstance(html, str):
        if len(html) > MAX_BYTES:
            raise ExtractionError(f"page too large ({len(html)} characters, cap {MAX_BYTES})", url)
        text = html
    else:
        raise ExtractionError(f"unsupported input type {type(html).__name__}", url)
    _check_text(text, url)
    return text


def parse(html: str | bytes, url: str | None = None):
    """Parse a page into an lxml tree, raising ExtractionError for empty, binary, huge or broken input."""
    text = _ENCODING_DECL.sub("", page_text(html, url), count=1)
    try:
        root = lxml_html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}", url) from exc
    if root is None or len(root) == 0:
        raise ExtractionError("unparseable HTML: no document", url)
    return root

