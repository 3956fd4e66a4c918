"""Sources that are not RSS or Atom: sitemaps (Google News sitemaps, plain sitemaps and sitemap
indexes) and JSON Feed 1.1. Each is read into the same entry records feedparser's feeds give
(`feeds.parse_entries` picks the reader by the body), under the same byte cap and identity rules.

Many outlets publish a news sitemap (the last 48 hours, with titles and publication dates) where
their RSS is partial. A plain sitemap can list a whole archive: only its entries changed within
SITEMAP_WINDOW (by `lastmod`) are taken, and undated ones only up to SITEMAP_UNDATED, newest first
as sitemaps list them. An index names its child sitemaps: `feeds.fetch` reads the newest few."""
import hashlib
import html
import json
import mimetypes
import re
import zlib
from datetime import datetime, timedelta

from dateutil import parser as date_parser
from django.utils import timezone
from lxml import etree

from quangba.core.errors import PipelineError
from quangba.core.text import web_url

NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
VIDEO = "http://www.google.com/schemas/sitemap-video/1.1"
SITEMAP_WINDOW = timedelta(days=2)  # what a news sitemap holds; older pages come from the archive, not a poll
SITEMAP_UNDATED = 100  # undated <url>s of a plain sitemap taken per poll, first listed first
SITEMAP_CHILDREN = 3  # child sitemaps of an index read per poll, newest lastmod first
MAX_ITEMS = 1000  # entries taken from one source per poll (Google News: at most 1,000 URLs a sitemap)


class FeedParseError(PipelineError):
    """The body is not a feed, sitemap or JSON Feed that can be read."""


# The first element's name, after the XML declaration, comments, processing instructions, a DOCTYPE.
_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)


_TAGS = re.compile(r"<[^>]*>")
# A zone at the end of an RFC 822 or ISO 8601 date: "Z", "+07:00", "+0700", "GMT", "EST"…
_ZONED = re.compile(r"(?:[zZ]|[+-]\d\d:?\d\d|\b[A-Z]{1,5})\s*$")


def naive_in(text: str, zone) -> datetime | None:
    """A feed date written without a zone ("2026-11-07 08:52", "Sat, 07 Nov 2026 08:52:11"),
    read in `zone`; None when it has one (feedparser reads those right) or is not a date."""
    if not isinstance(text, str) or not text.strip() or zone is None or _ZONED.search(text.strip()):
        return None
    try:
        moment = date_parser.parse(text.strip(), dayfirst=False)
    except (ValueError, OverflowError):
        return None
    return timezone.make_aware(moment, zone) if moment.tzinfo is None else None


def plain_summary(text: str, limit: int = 2000) -> str:
    """A feed item's summary as plain text (kept as the excerpt of a page that turns out walled)."""
    return " ".join(html.unescape(_TAGS.sub(" ", text[:20000])).split())[:limit]


def kind_of(content: bytes) -> str:
    """'json' (JSON Feed), 'urlset' / 'sitemapindex' (sitemaps) or 'feed' (RSS, Atom, RDF: feedparser)."""
    head = content[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode()
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "json"
    root = _ROOT.search(_COMMENT.sub(b"", head))
    name = root.group(1).decode() if root else ""
    return name if name in ("urlset", "sitemapindex") else "feed"


def gunzipped(content: bytes, limit: int, url: str) -> bytes:
    """A gzip file's content (sitemaps are often served as sitemap.xml.gz), refused past `limit`
    bytes as it is inflated: a few KB can inflate to gigabytes."""
    out, rest = b"", content
    while rest:  # a .gz file may hold several members, one after another
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise FeedParseError(f"not a readable gzip file: {exc}", url=url) from exc
        if len(out) > limit or inflater.unconsumed_tail:
            raise FeedParseError(f"not a readable feed: inflates past the {limit:,}-byte cap (a compression bomb?)",
                                 url=url)
        if not inflater.eof:
            raise FeedParseError("not a readable gzip file: it ends before its end", url=url)
        rest = inflater.unused_data
    return out


def iso_date(text, zone=None) -> datetime | None:
    """An aware date from W3C/RFC 3339 text (without a zone: `zone`, the outlet's, else the
    site's time zone), or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        moment = date_parser.isoparse(text.strip())
    except (ValueError, OverflowError):
        return None
    # Without a zone, the site's (the outlets' own: Asia/Ho_Chi_Minh by default), as pages are read.
    return moment if moment.tzinfo else timezone.make_aware(moment, zone or timezone.get_default_timezone())


def _fingerprint(*parts) -> str:
    return hashlib.sha256(json.dumps([str(p or "") for p in parts], ensure_ascii=False).encode()).hexdigest()


def _xml(content: bytes, url: str):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise FeedParseError(f"not a readable sitemap: {exc}", url=url) from exc


def _videos(node) -> list[dict]:
    """The clips of a sitemap <url> (Google's video extension), as feed media: the file, or the
    player page when only that is given, with its poster and duration."""
    found = []
    for video in node.iterfind(f"{{{VIDEO}}}video"):
        content = web_url((video.findtext(f"{{{VIDEO}}}content_loc") or "").strip())
        player = web_url((video.findtext(f"{{{VIDEO}}}player_loc") or "").strip())
        if not (content or player):
            continue
        duration = (video.findtext(f"{{{VIDEO}}}duration") or "").strip()
        kind = (mimetypes.guess_type(content)[0] or "") if content else "text/html"
        item = {"url": content or player, "type": kind, "duration": duration if duration.isdigit() else ""}
        poster = web_url((video.findtext(f"{{{VIDEO}}}thumbnail_loc") or "").strip())
        if poster:
            item["poster"] = poster
        found.append(item)
    return found


def parse_sitemap(content: bytes, url: str, now: datetime | None = None, zone=None) -> tuple[list[dict], list[str]]:
    """(entries, child sitemap URLs) of a sitemap or sitemap index. News entries keep their title,
    publication date and keywords; plain ones their lastmod, within SITEMAP_WINDOW."""
    root = _xml(content, url)
    name = etree.QName(root).localname
    now = now or timezone.now()
    if name == "sitemapindex":
        children, seen = [], {url}
        for node in root.iterfind("{*}sitemap"):
            loc = web_url((node.findtext("{*}loc") or "").strip())
            if loc and loc not in seen:
                seen.add(loc)
                children.append((iso_date(node.findtext("{*}lastmod"), zone) or now - SITEMAP_WINDOW * 10, loc))
        children.sort(key=lambda pair: pair[0], reverse=True)
        return [], [loc for _when, loc in children[:SITEMAP_CHILDREN]]
    if name != "urlset":
        raise FeedParseError(f"not a sitemap: the root element is <{name}>", url=url)
    entries, undated = [], 0
    for node in root.iterfind("{*}url"):  # hand-written sitemaps often leave out the namespace
        loc = web_url((node.findtext("{*}loc") or "").strip())
        if not loc:
            continue
        news = node.find(f"{{{NEWS}}}news")
        title = (news.findtext(f"{{{NEWS}}}title") or "").strip() if news is not None else ""
        published = iso_date(news.findtext(f"{{{NEWS}}}publication_date"), zone) if news is not None else None
        modified = iso_date(node.findtext("{*}lastmod"), zone)
        if news is None:  # a plain sitemap may list the whole archive: what changed lately
            if modified is None:
                undated += 1
                if undated > SITEMAP_UNDATED:
                    continue
            elif modified < now - SITEMAP_WINDOW:
                continue
        keywords = (news.findtext(f"{{{NEWS}}}keywords") or "") if news is not None else ""
        entries.append({
            "guid": "", "url": loc[:1000], "title": title[:1000], "published_at": published or modified,
            "categories": [k.strip() for k in keywords.split(",") if k.strip()][:20], "media": _videos(node),
            "summary": "",
            "fingerprint": _fingerprint(loc, title, published and published.isoformat(), modified and modified.isoformat()),
        })
        if len(entries) >= MAX_ITEMS:
            break
    return entries, []


def parse_json_feed(content: bytes, url: str, zone=None) -> tuple[str, list[dict]]:
    """(title, entries) of a JSON Feed (1.0 or 1.1). Items of the wrong shape are skipped; a body
    that is not a JSON Feed at all is refused."""
    try:
        data = json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"not a readable JSON Feed: {exc}", url=url) from exc
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        raise FeedParseError("not a JSON Feed: no https://jsonfeed.org/version/ in \"version\"", url=url)
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedParseError("not a readable JSON Feed: \"items\" is not a list", url=url)
    entries = []
    for item in items[:MAX_ITEMS]:
        if not isinstance(item, dict):
            continue
        link = web_url(item.get("url") if isinstance(item.get("url"), str) else "")
        if not link:
            continue
        guid = item.get("id")
        guid = str(guid) if isinstance(guid, (str, int)) and not isinstance(guid, bool) else ""
        title = item.get("title") if isinstance(item.get("title"), str) else ""
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        published = iso_date(item.get("date_published"), zone) or iso_date(item.get("date_modified"), zone)
        media = []
        for attachment in item.get("attachments") if isinstance(item.get("attachments"), list) else []:
            if isinstance(attachment, dict) and web_url(attachment.get("url") if isinstance(attachment.get("url"), str) else ""):
                size = attachment.get("size_in_bytes")
                media.append({"url": web_url(attachment["url"]), "type": str(attachment.get("mime_type") or "")[:100],
                              "length": str(size) if isinstance(size, int) and not isinstance(size, bool) else "",
                              "duration": str(attachment.get("duration_in_seconds") or "")[:20]})
        entries.append({
            "guid": guid.strip()[:1000], "url": link[:1000], "title": title[:1000], "published_at": published,
            "categories": [t for t in tags if isinstance(t, str) and t][:20], "media": media,
            "summary": plain_summary(next((item[k] for k in ("summary", "content_text", "content_html")
                                           if isinstance(item.get(k), str) and item[k].strip()), "")),
            "fingerprint": _fingerprint(link, title, item.get("date_modified"), item.get("summary"),
                                        item.get("content_html")),
        })
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    return title[:300], entries


_LINK_HEADER = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]*)*)")
_LINK_TAG = re.compile(rb"<(?:[\w-]+:)?link\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;,>]+))""")


def _rels(value: str) -> set[str]:
    return set(value.lower().split())


def hub_links(content: bytes, link_headers: list[str], url: str) -> tuple[str, str]:
    """(hub, self) that a feed names for WebSub: its Link headers first, then its own links
    (<link rel="hub"> in RSS and Atom, "hubs" and "feed_url" in a JSON Feed). Empty when none."""
    hub = topic = ""
    for header in link_headers:
        for target, params in _LINK_HEADER.findall(header):
            rels = next((_rels(m[1] or m[2] or m[3]) for m in _ATTR.findall(params) if m[0].lower() == "rel"), set())
            hub = hub or (target.strip() if "hub" in rels else "")
            topic = topic or (target.strip() if "self" in rels else "")
    if hub and topic:
        return web_url(hub), web_url(topic)
    if kind_of(content) == "json":
        try:
            data = json.loads(content)
        except (ValueError, RecursionError):
            return web_url(hub), web_url(topic)
        if isinstance(data, dict):
            for item in data.get("hubs") if isinstance(data.get("hubs"), list) else []:
                if isinstance(item, dict) and str(item.get("type", "")).lower() == "websub" and isinstance(item.get("url"), str):
                    hub = hub or item["url"]
            topic = topic or (data["feed_url"] if isinstance(data.get("feed_url"), str) else "")
        return web_url(hub), web_url(topic)
    for tag in _LINK_TAG.findall(content[:65536]):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag.decode("utf-8", "replace"))}
        rels = _rels(attrs.get("rel", ""))
        hub = hub or (attrs.get("href", "").strip() if "hub" in rels else "")
        topic = topic or (attrs.get("href", "").strip() if "self" in rels else "")
    return web_url(html.unescape(hub)), web_url(html.unescape(topic))
