"""The ingest API's side of the pipeline: what a partner pushes (a URL to fetch now, or a whole
article) becomes an entry of its outlet's push feed and goes down the chain like any other — the
ingest stage fetches the URL or, for a whole article, stores what was sent without fetching.

A whole article is a JSON object with our field names or their NINJS 2.0 counterparts:

    url | uri                       the article's address on the outlet's site (its identity)
    title | headline                required
    body_html                       required: the body as HTML (cleaned like an extracted body)
    lead | descriptions[role=summary].value
    published_at | firstcreated     ISO 8601; without a zone, the outlet's time zone
    updated_at | versioncreated
    author | byline | bylines[].name
    images[]: url, caption, credit, alt, width, height
      or associations{}: type "picture", uri or renditions{}.href, description_text | headline,
      copyrightholder | creditline, width, height
    media[]: url, type, poster, duration (a clip or a player: videos are not in body_html)
    categories[] | subjects[].name, tags[] | keywords[], language
"""
from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from quangba.core.stages import send
from quangba.core.text import identity_hash, web_url
from quangba.extract import ExtractedImage
from quangba.extract.pushed import article_from_fields
from quangba.sources.models import Feed, IngestToken, Outlet

from . import formats
from .models import Entry
from .store import owned_by

KEY_PREFIX = "qb_"
# The fields that make a push a whole article (ours and NINJS's); a body with none of them is a URL
# to fetch. Fields we do not know are ignored either way, as NINJS senders carry many more.
ARTICLE_FIELDS = frozenset({
    "title", "headline", "body_html", "lead", "descriptions", "author", "byline", "bylines",
    "published_at", "firstcreated", "updated_at", "versioncreated", "images", "associations", "media",
    "categories", "subjects", "subject", "tags", "keywords", "language"})
MAX_TEXT = {"title": 500, "lead": 5000, "author": 300, "url": 1000}


class Refused(Exception):
    """What was sent cannot be taken; the message says why, `status` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


# Keys ------------------------------------------------------------------------------------------

def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def make_key(outlet: Outlet, name: str) -> tuple[IngestToken, str]:
    """A new key for `outlet`; the key itself is returned once and only its hash kept."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = IngestToken.objects.create(outlet=outlet, name=name[:100], prefix=key[:10], digest=digest_of(key))
    return token, key


def token_for(key: str) -> IngestToken | None:
    """The key's token, unless it is unknown or revoked."""
    if not key or len(key) > 200:
        return None
    return IngestToken.objects.select_related("outlet").filter(digest=digest_of(key), revoked_at__isnull=True).first()


# The outlet's push feed ------------------------------------------------------------------------

def push_feed(outlet: Outlet) -> Feed:
    """The feed an outlet's pushes are entries of (made on its first push; never polled)."""
    feed = Feed.objects.filter(outlet=outlet, kind=Feed.Kind.PUSH).first()
    if feed is not None:
        return feed
    url = outlet.homepage.split("#")[0] + "#ingest-api"
    try:
        with transaction.atomic():
            return Feed.objects.create(outlet=outlet, kind=Feed.Kind.PUSH, url=url[:1000],
                                       title=f"{outlet.name} — ingest API"[:300])
    except IntegrityError:  # a second push at the same moment made it
        return Feed.objects.get(outlet=outlet, kind=Feed.Kind.PUSH)


# Reading what was sent -------------------------------------------------------------------------

def _text(data: dict, *names: str, limit: int | None = None) -> str:
    for name in names:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise Refused(f"'{name}' must be a string, not {type(value).__name__}")
        if limit and len(value) > limit:
            raise Refused(f"'{name}' is {len(value):,} characters long; at most {limit:,}")
        if value.strip():
            return value.strip()
    return ""


def _date(data: dict, *names: str, zone=None) -> datetime | None:
    text = _text(data, *names)
    moment = formats.iso_date(text, zone)  # the feeds' own reading: without a zone, the outlet's
    if text and moment is None:
        raise Refused(f"'{names[0]}' is not an ISO 8601 date: {text[:60]!r}")
    return moment


def _list(data: dict, name: str) -> list:
    value = data.get(name, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise Refused(f"'{name}' must be a list, not {type(value).__name__}")
    return value


def _names(data: dict, *names: str) -> list[str]:
    """Strings, or objects with a "name", of the first list given."""
    for name in names:
        found = []
        for item in _list(data, name):
            value = item.get("name") if isinstance(item, dict) else item
            if not isinstance(value, str):
                raise Refused(f"'{name}' must hold strings or objects with a \"name\"")
            if value.strip():
                found.append(value.strip()[:200])
        if found:
            return found[:20]
    return []


def _number(value, what: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 100_000:
        raise Refused(f"{what} must be a whole number of pixels")
    return value


def _images(data: dict) -> list[dict]:
    images = []
    for item in _list(data, "images"):
        if not isinstance(item, dict):
            raise Refused("each of 'images' must be an object with a \"url\"")
        images.append({"url": _text(item, "url", limit=1000), "caption": _text(item, "caption", limit=2000),
                       "credit": _text(item, "credit", limit=300), "alt": _text(item, "alt", limit=500),
                       "width": _number(item.get("width"), "an image's width"),
                       "height": _number(item.get("height"), "an image's height")})
    associations = data.get("associations") or {}
    if not isinstance(associations, dict):
        raise Refused("'associations' must be an object (NINJS)")
    for item in associations.values():
        if not isinstance(item, dict) or item.get("type", "picture") != "picture":
            continue
        renditions = item.get("renditions") if isinstance(item.get("renditions"), dict) else {}
        best = max((r for r in renditions.values() if isinstance(r, dict) and r.get("href")),
                   key=lambda r: r.get("width") or 0, default={})
        images.append({"url": _text(item, "uri", limit=1000) or _text(best, "href", limit=1000),
                       "caption": _text(item, "description_text", "headline", limit=2000),
                       "credit": _text(item, "copyrightholder", "creditline", limit=300), "alt": "",
                       "width": _number(best.get("width"), "a rendition's width"),
                       "height": _number(best.get("height"), "a rendition's height")})
    for image in images:
        if not web_url(image["url"]):
            raise Refused(f"an image's URL must be an http(s) address: {image['url'][:200]!r}")
    return images[:50]


def _media(data: dict) -> list[dict]:
    media = []
    for item in _list(data, "media"):
        if not isinstance(item, dict) or not web_url(_text(item, "url", limit=1000)):
            raise Refused("each of 'media' must be an object with an http(s) \"url\"")
        poster = _text(item, "poster", limit=1000)
        if poster and not web_url(poster):
            raise Refused("a media item's 'poster' must be an http(s) address")
        duration = item.get("duration")
        if duration is not None and (isinstance(duration, bool) or not isinstance(duration, (int, float))):
            raise Refused("a media item's 'duration' must be a number of seconds")
        media.append({"url": web_url(item["url"]), "type": _text(item, "type", limit=100), "poster": web_url(poster),
                      "duration": str(int(duration)) if duration else ""})
    return media[:10]


def read_article(data: dict, outlet: Outlet) -> dict:
    """The pushed article checked and normalized (JSON-ready). Raises Refused."""
    url = web_url(_text(data, "url", "uri", limit=MAX_TEXT["url"]))
    if not url:
        raise Refused("'url' (or 'uri') must be the article's http(s) address on the outlet's site")
    if not owned_by(outlet, url):
        raise Refused(f"{url[:200]} is not on a site of {outlet.name}: an outlet writes only its own articles", 403)
    language = _text(data, "language", limit=10)
    if language and language.split("-")[0].lower() != outlet.language:
        raise Refused(f"'language' {language!r} is not {outlet.name}'s ({outlet.language})")
    lead = _text(data, "lead", limit=MAX_TEXT["lead"])
    if not lead:
        for item in _list(data, "descriptions"):
            if isinstance(item, dict) and item.get("role", "summary") in ("summary", "description"):
                lead = _text(item, "value", limit=MAX_TEXT["lead"])
                break
    bylines = _names(data, "bylines")
    article = {
        "url": url,
        "title": _text(data, "title", "headline", limit=MAX_TEXT["title"]),
        "body_html": _text(data, "body_html"),
        "lead": lead,
        "author": _text(data, "author", "byline", limit=MAX_TEXT["author"]) or ", ".join(bylines)[:300],
        "published_at": _date(data, "published_at", "firstcreated", zone=outlet.zone),
        "updated_at": _date(data, "updated_at", "versioncreated", zone=outlet.zone),
        "images": _images(data),
        "media": _media(data),
        "categories": _names(data, "categories", "subjects", "subject"),
        "tags": _names(data, "tags", "keywords"),
    }
    if not article["title"]:
        raise Refused("'title' (or 'headline') is required")
    if not article["body_html"]:
        raise Refused("'body_html' is required for a whole article (send only 'url' to have the page fetched)")
    for key in ("published_at", "updated_at"):
        article[key] = article[key].isoformat() if article[key] else None
    return article


def document(payload: dict):
    """The ExtractedArticle of a stored payload (the ingest stage's side)."""
    return article_from_fields(
        url=payload["url"], title=payload["title"], body_html=payload["body_html"], lead=payload["lead"],
        author=payload["author"],
        published_at=datetime.fromisoformat(payload["published_at"]) if payload["published_at"] else None,
        updated_at=datetime.fromisoformat(payload["updated_at"]) if payload["updated_at"] else None,
        images=[ExtractedImage(url=i["url"], caption=i["caption"], credit=i["credit"], alt=i["alt"],
                               width=i["width"], height=i["height"]) for i in payload["images"]],
        tags=payload["tags"], section=(payload["categories"] or [""])[0])


# Receiving -------------------------------------------------------------------------------------

def receive(outlet: Outlet, data) -> tuple[Entry, str]:
    """Take one push: {"url": …} with no article field (ARTICLE_FIELDS) asks for the page to be
    fetched now; a title, body or any other article field makes it a whole article. Returns the entry and "created", "updated" or "unchanged" (a repeat of what
    was already sent: nothing re-done). The entry goes to the ingest stage in the same
    transaction. Raises Refused."""
    if not isinstance(data, dict):
        raise Refused("the body must be a JSON object")
    if not ARTICLE_FIELDS.intersection(data):
        url = web_url(_text(data, "url", "uri", limit=MAX_TEXT["url"]))
        if not url:
            raise Refused("'url' must be an http(s) address")
        if not owned_by(outlet, url):
            raise Refused(f"{url[:200]} is not on a site of {outlet.name}: an outlet sends only its own pages", 403)
        payload, fields = None, {"title": "", "published_at": None, "categories": [], "media": []}
    else:
        payload = read_article(data, outlet)
        url = payload["url"]
        fields = {"title": payload["title"],
                  "published_at": datetime.fromisoformat(payload["published_at"]) if payload["published_at"] else None,
                  "categories": payload["categories"], "media": payload["media"]}
    # A URL pushed to be fetched is fetched again each time; a whole article only when it changed.
    fingerprint = hashlib.sha256(json.dumps([url, payload] if payload else [url, timezone.now().isoformat()],
                                            ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    feed = push_feed(outlet)
    try:
        return _take(feed, identity_hash(url), fingerprint, dict(guid=url, url=url, payload=payload, **fields))
    except IntegrityError:  # the same article pushed twice at once: the second finds the first's entry
        return _take(feed, identity_hash(url), fingerprint, dict(guid=url, url=url, payload=payload, **fields))


def _take(feed: Feed, identity: str, fingerprint: str, values: dict) -> tuple[Entry, str]:
    with transaction.atomic():
        entry = Entry.objects.select_for_update().filter(feed=feed, identity=identity).first()
        if entry is not None and entry.fingerprint == fingerprint and entry.state != Entry.State.FAILED:
            return entry, "unchanged"
        values["fingerprint"] = fingerprint
        if entry is None:
            entry, action = Entry.objects.create(feed=feed, identity=identity, **values), "created"
            Feed.objects.filter(pk=feed.pk).update(last_new_at=timezone.now())
        else:
            Entry.objects.filter(pk=entry.pk).update(**values)
            action = "updated"
        send("ingest", [entry.pk], urgent=True)
        Feed.objects.filter(pk=feed.pk).update(last_success_at=timezone.now(), last_checked_at=timezone.now(),
                                               last_status=200)
    entry.refresh_from_db()
    return entry, action
