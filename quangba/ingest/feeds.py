"""Feed polling: conditional GET through the guarded client, feedparser, entry upsert. The poll
stage (`stages.Poll`) fetches first and writes in one transaction after."""
import hashlib
import json
import logging
import re
from calendar import timegm
from dataclasses import dataclass
from datetime import datetime, timezone as dt_timezone
from email.utils import parsedate_to_datetime

import feedparser
from feedparser.encodings import convert_to_utf8
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from quangba.core.errors import PipelineError
from quangba.core.html import limit_depth_bytes
from quangba.core.http import GuardedClient
from quangba.core.retry import backoff_delay
from quangba.core.text import identity_hash, web_url
from quangba.sources.models import Feed

from . import formats
from .formats import FeedParseError
from .models import Entry

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    status: int
    new: list[int]
    changed: list[int]
    seen: int

    @property
    def due(self) -> list[int]:
        """Entries that need the ingest stage now."""
        return self.new + self.changed


def _when(struct) -> datetime | None:
    if not struct:
        return None
    try:
        return datetime.fromtimestamp(timegm(struct), tz=dt_timezone.utc)
    except (OverflowError, ValueError, TypeError):
        return None


def _media(item) -> list[dict]:
    """Enclosures and media:content of an item (videos, audio, images), with a poster if given."""
    found: list[dict] = []
    for enclosure in item.get("enclosures", []) or []:
        if web_url(enclosure.get("href")):
            found.append({"url": web_url(enclosure["href"]), "type": enclosure.get("type", ""),
                          "length": enclosure.get("length", "")})
    for media in item.get("media_content", []) or []:
        url = web_url(media.get("url"))
        if url and not any(m["url"] == url for m in found):
            found.append({"url": url, "type": media.get("type", media.get("medium", "")),
                          "duration": media.get("duration", "")})
    posters = [web_url(t.get("url")) for t in item.get("media_thumbnail", []) or []]
    if found and any(posters):
        found[0]["poster"] = next(p for p in posters if p)
    return found


_ENTITY_DECLARATION = re.compile(rb"""<!ENTITY(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)
_ENTITY_MARKS = tuple("<!ENTITY".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))


def _without_entity_declarations(content: bytes) -> bytes:
    """The feed without the ENTITY declarations of its prolog. feedparser's loose parser expands
    any declared entity whose value holds no "&", so a 100 KB feed could become gigabytes; feeds
    have no use for their own entities."""
    if not any(mark in content.upper() for mark in _ENTITY_MARKS):
        return content
    content = convert_to_utf8({}, content, feedparser.FeedParserDict())
    first = re.search(rb"<[A-Za-z]", content)
    head_end = first.start() if first else len(content)
    return _ENTITY_DECLARATION.sub(b"", content[:head_end]) + content[head_end:]


# No real feed has a tag this long; feedparser's fallback parser is quadratic on one.
_HUGE_TAG = re.compile(rb"<[^<>]{65536}")
# Nor 64 KB of text without a space or a tag, on which feedparser's fallback parser stalls.
_BREAKS = re.compile(rb"[\s<>]")


def parse_entries(content: bytes, feed_url: str) -> tuple[str, list[dict]]:
    """Parse a feed body into (feed title, entries as plain dicts). Raises FeedParseError."""
    title, entries, _children, _ttl = parse_source(content, feed_url)
    return title, entries


def parse_source(content: bytes, feed_url: str, zone=None) -> tuple[str, list[dict], list[str], int]:
    """(title, entries, child sitemaps to read, seconds its RSS `ttl` asks to wait) of an
    RSS/Atom/RDF feed, a JSON Feed, a sitemap or a sitemap index, told apart by the body. Dates
    written without a zone are read in `zone` (the outlet's; else the site's). Raises
    FeedParseError."""
    limit = settings.QUANGBA_PIPELINE["MAX_FEED_BYTES"]
    if content[:2] == b"\x1f\x8b":  # served as a .gz file, not with Content-Encoding
        content = formats.gunzipped(content, limit, feed_url)
    if len(content) > limit:
        raise FeedParseError(f"not a readable feed: {len(content):,} bytes is over the {limit:,}-byte cap "
                             "(feeds list recent items; raise QUANGBA_MAX_FEED_BYTES if this one is real)",
                             url=feed_url)
    content = _without_entity_declarations(content)
    if _HUGE_TAG.search(content):
        raise FeedParseError("not a readable feed: a tag over 64 KB long (a hostile or broken feed)", url=feed_url)
    if max(map(len, _BREAKS.split(content)), default=0) > 65536:
        raise FeedParseError("not a readable feed: over 64 KB without a space or a tag (a hostile or broken "
                             "feed)", url=feed_url)
    kind = formats.kind_of(content)
    if kind == "json":
        return *formats.parse_json_feed(content, feed_url, zone), [], 0
    if kind != "feed":
        return "", *formats.parse_sitemap(content, feed_url, zone=zone), 0
    try:
        # feedparser (and its HTML sanitizer) is quadratic on absurd nesting; feeds need a few levels.
        parsed = feedparser.parse(limit_depth_bytes(content),
                                  response_headers={"content-location": feed_url})
    except Exception as exc:  # feedparser itself breaks on some hostile bytes (e.g. &#xD800;)
        raise FeedParseError(f"not a readable feed: {type(exc).__name__}: {exc}", url=feed_url) from exc
    if parsed.bozo and not parsed.entries:
        raise FeedParseError(f"not a readable feed: {parsed.get('bozo_exception', 'unknown error')}",
                             url=feed_url)
    entries = []
    for item in parsed.entries:
        link = web_url(item.get("link") or "")
        guid = (item.get("id") or "").strip()
        if not link:
            continue
        categories = [t.get("term", "") for t in item.get("tags", []) or [] if t.get("term")]
        record = {
            "guid": guid[:1000], "url": link[:1000], "title": (item.get("title") or "")[:1000],
            "published_at": formats.naive_in(item.get("published") or item.get("updated"), zone)
            or _when(item.get("published_parsed") or item.get("updated_parsed")),
            "categories": categories, "media": _media(item),
            "summary": formats.plain_summary(item.get("summary") or ""),
        }
        # What the feed says of the item; a change (new date, title, summary) means re-fetch.
        record["fingerprint"] = hashlib.sha256(json.dumps(
            [link, record["title"], item.get("updated", ""), item.get("summary", "")],
            ensure_ascii=False).encode()).hexdigest()
        entries.append(record)
    ttl = str(parsed.feed.get("ttl", "")).strip()  # RSS: minutes the channel may be cached
    return parsed.feed.get("title", "")[:300], entries, [], int(ttl) * 60 if ttl.isdigit() else 0


@dataclass
class FetchedFeed:
    """What one conditional GET of a feed brought: 304, or its title and entries (with what could
    not be read of a sitemap index's children, for the editors)."""

    status: int
    title: str = ""
    records: list[dict] | None = None
    etag: str = ""
    last_modified: str = ""
    notes: str = ""
    asked_seconds: float = 0  # how long the feed says it stays fresh (ttl, Cache-Control, Expires)
    hub: str = ""  # the WebSub hub the feed names, and the topic (its own URL) it names itself by
    topic: str = ""


ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
          "application/xml;q=0.9, */*;q=0.5")


def fetch(feed: Feed, client: GuardedClient) -> FetchedFeed:
    """Fetch and parse `feed` (conditional GET) and, for a sitemap index, its newest children (an
    index inside an index is not followed, nor one naming itself; an index is fetched whole every
    time, since its children change under an unchanged body); writes nothing. Raises
    PipelineError, or the first child's error when no child could be read."""
    headers = {"Accept": ACCEPT}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    response = client.get(feed.url, headers=headers)
    if response.status == 304:
        return FetchedFeed(304)
    zone = feed.outlet.zone
    title, records, children, ttl = parse_source(response.content, response.url, zone)
    hub, topic = formats.hub_links(response.content, _all(response.headers, "link"), response.url)
    children = [child for child in children if child not in (feed.url, response.url)]
    notes, failures = [], []
    for child in children:
        try:
            sub = client.get(child, headers={"Accept": ACCEPT})
            _title, found, nested, _ttl = parse_source(sub.content, sub.url, zone)
            if nested:
                raise FeedParseError("a sitemap index inside a sitemap index is not followed", url=child)
        except PipelineError as exc:
            failures.append(exc)
            notes.append(f"{type(exc).__name__}: {exc}")
            continue
        records += found
    if children and len(failures) == len(children):
        raise failures[0]
    keys: set[str] = set()  # one entry per identity, the first listed (children may overlap)
    unique = [item for item in records if not ((item["guid"] or item["url"]) in keys or keys.add(item["guid"] or item["url"]))]
    unique = unique[:formats.MAX_ITEMS]
    asked = max(fresh_for(response.headers), ttl)
    if children:  # an index's body stays the same while its children change: no validators kept
        return FetchedFeed(200, title, unique, notes="; ".join(notes)[:2000], asked_seconds=asked)
    return FetchedFeed(200, title, unique, response.headers.get("etag", "")[:300],
                       response.headers.get("last-modified", "")[:100], "; ".join(notes)[:2000], asked,
                       hub=hub, topic=topic or response.url)


def _all(headers, name: str) -> list[str]:
    """Every value of a header (httpx.Headers, or a plain dict)."""
    return headers.get_list(name) if hasattr(headers, "get_list") else [v for v in [headers.get(name)] if v]


def fresh_for(headers) -> float:
    """Seconds the response says it stays fresh: Cache-Control max-age, else Expires − Date."""
    control = headers.get("cache-control", "").lower()
    if "no-cache" in control or "no-store" in control:
        return 0
    for directive in control.split(","):
        name, _, value = directive.strip().partition("=")
        if name == "max-age" and value.strip().strip('"').isdigit():
            return float(value.strip().strip('"'))
    expires, date = parsedate_to_datetime_or_none(headers.get("expires")), parsedate_to_datetime_or_none(headers.get("date"))
    if expires is not None:
        return max(0.0, (expires - (date or timezone.now())).total_seconds())
    return 0


def parsedate_to_datetime_or_none(value) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=dt_timezone.utc)


WEEK = 7 * 24 * 3600


def next_interval(fetched: FetchedFeed, current: int, now: datetime | None = None) -> int:
    """Seconds to a feed's next check: half the mean gap between the items it dated in the last
    week (a busy outlet is checked often, a quiet one rarely; under two such items, the longest
    wait), never sooner than the feed asks (ttl, Cache-Control, Expires), within POLL_MIN_SECONDS
    and POLL_MAX_SECONDS. A 304 keeps the current interval."""
    low, high = (settings.QUANGBA_PIPELINE["POLL_MIN_SECONDS"], settings.QUANGBA_PIPELINE["POLL_MAX_SECONDS"])
    if fetched.status == 304:
        return int(min(max(current, low), high))
    now = now or timezone.now()
    dates = sorted(r["published_at"] for r in fetched.records or ()
                   if r["published_at"] and 0 <= (now - r["published_at"]).total_seconds() <= WEEK)
    rhythm = (dates[-1] - dates[0]).total_seconds() / (len(dates) - 1) / 2 if len(dates) >= 2 else high
    return int(min(max(rhythm, fetched.asked_seconds, low), high))


def record(feed: Feed, fetched: FetchedFeed) -> PollResult:
    """Store what `fetch` brought: the entries, and the feed's health (a success)."""
    now = timezone.now()
    result = PollResult(304, [], [], 0) if fetched.status == 304 else store_entries(feed, fetched.records)
    if fetched.status != 304:
        feed.title = feed.title or fetched.title
        feed.etag, feed.last_modified = fetched.etag, fetched.last_modified
    feed.interval_seconds = next_interval(fetched, feed.interval_seconds, now)
    feed.last_checked_at = feed.last_success_at = now
    feed.last_status = fetched.status
    feed.error_count = 0
    feed.failing_since = None
    feed.last_error = fetched.notes  # a sitemap index's unreadable children, else nothing
    feed.save(update_fields=["title", "etag", "last_modified", "last_checked_at", "last_success_at",
                             "last_status", "error_count", "failing_since", "last_error", "interval_seconds"])
    return result


def store_entries(feed: Feed, records: list[dict]) -> PollResult:
    """New entries created, changed ones updated (the caller's transaction)."""
    new, changed = [], []
    for item in records:
        identity = identity_hash(item["guid"] or item["url"])
        entry = Entry.objects.filter(feed=feed, identity=identity).first()
        if entry is None:
            try:
                with transaction.atomic():
                    entry = Entry.objects.create(feed=feed, identity=identity, **item)
            except IntegrityError:
                continue  # another worker recorded it first
            new.append(entry.pk)
        elif entry.fingerprint != item["fingerprint"]:
            Entry.objects.filter(pk=entry.pk).update(**item)
            changed.append(entry.pk)
    if new:
        Feed.objects.filter(pk=feed.pk).update(last_new_at=timezone.now())
    return PollResult(200, new, changed, len(records))


def record_failure(feed: Feed, exc: PipelineError) -> bool:
    """Count a failed poll on the feed and move its next check on with backoff (honouring
    Retry-After). Returns whether the feed has now failed often enough to be paused."""
    feed.error_count += 1
    feed.failing_since = feed.failing_since or timezone.now()
    feed.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    feed.last_status = getattr(exc, "status", None)
    feed.last_checked_at = timezone.now()
    # The next check moves on even though this one failed.
    feed.next_check_at = timezone.now() + backoff_delay(feed.error_count, retry_after=exc.retry_after)
    feed.save(update_fields=["error_count", "failing_since", "last_error", "last_status", "last_checked_at",
                             "next_check_at"])
    log.warning("feed %s failed (%d in a row): %s", feed.url, feed.error_count, exc)
    return feed.error_count >= settings.QUANGBA_PIPELINE["FEED_PAUSE_AFTER_ERRORS"]
