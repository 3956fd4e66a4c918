"""Sources that are not RSS or Atom: Google News sitemaps, plain sitemaps, sitemap indexes (and
.xml.gz files) and JSON Feed 1.1, read into the same entries, with their hostile cases."""
import gzip
import json
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.utils import timezone

from _servers import ScriptedServer
from quangba.articles.models import Article
from quangba.core.scheduler import run_until_idle
from quangba.ingest.feeds import FeedParseError, parse_entries, parse_source
from quangba.ingest.formats import SITEMAP_UNDATED, kind_of
from quangba.ingest.models import Entry
from test_ingest import PAGE, outlet_with_feed

pytestmark = pytest.mark.django_db(transaction=True)

URLSET = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
          'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{}</urlset>')
ARTICLE_PATH = "/van-hoa/khai-mac-festival-hue-2026.html"


def news_url(loc, title, when, keywords=""):
    return (f"<url><loc>{loc}</loc><news:news><news:publication><news:name>Báo Thử</news:name>"
            f"<news:language>vi</news:language></news:publication><news:publication_date>{when}"
            f"</news:publication_date><news:title>{title}</news:title><news:keywords>{keywords}</news:keywords>"
            "</news:news></url>")


def recent(hours=1) -> str:
    return (timezone.now() - timedelta(hours=hours)).replace(microsecond=0).isoformat()


def test_kinds_are_told_apart_by_the_body():
    assert kind_of(b'\xef\xbb\xbf  {"version": "https://jsonfeed.org/version/1.1"}') == "json"
    assert kind_of(URLSET.format("").encode()) == "urlset"
    assert kind_of(b'<?xml version="1.0"?><!-- x --><sm:sitemapindex xmlns:sm="...">') == "sitemapindex"
    assert kind_of(b'<?xml version="1.0"?><rss version="2.0"><channel><description>&lt;urlset'
                   b'</description></channel></rss>') == "feed"
    assert kind_of(URLSET.format("").encode("utf-16")) == "urlset"


def test_news_sitemap_entries_keep_title_date_and_keywords():
    body = URLSET.format(news_url("http://x.example/a.html", "Khai mạc Festival Huế", "2026-11-07T08:52:11+07:00",
                                  "Văn hóa, Huế") + news_url("javascript:alert(1)", "Bad", "2026-11-07"))
    _title, entries = parse_entries(body.encode(), "http://x.example/sitemap-news.xml")
    assert len(entries) == 1  # not a web URL: skipped
    entry = entries[0]
    assert entry["url"] == "http://x.example/a.html" and entry["guid"] == ""
    assert entry["title"] == "Khai mạc Festival Huế" and entry["categories"] == ["Văn hóa", "Huế"]
    assert entry["published_at"] == datetime(2026, 11, 7, 1, 52, 11, tzinfo=dt_timezone.utc)


def test_plain_sitemap_takes_what_changed_lately_not_the_archive(settings):
    now = timezone.now()
    fresh = "".join(f"<url><loc>http://x.example/new-{n}.html</loc><lastmod>{recent(n + 1)}</lastmod></url>"
                    for n in range(3))
    archive = "".join(f"<url><loc>http://x.example/old-{n}.html</loc><lastmod>2019-01-0{n + 1}</lastmod></url>"
                      for n in range(5))
    undated = "".join(f"<url><loc>http://x.example/page-{n}.html</loc></url>" for n in range(SITEMAP_UNDATED + 50))
    _title, entries = parse_entries(URLSET.format(fresh + archive + undated).encode(), "http://x.example/sitemap.xml")
    urls = [e["url"] for e in entries]
    assert urls[:3] == [f"http://x.example/new-{n}.html" for n in range(3)]
    assert not any("/old-" in u for u in urls)
    assert sum("/page-" in u for u in urls) == SITEMAP_UNDATED
    assert entries[0]["published_at"] > now - timedelta(hours=2)


def test_a_changed_lastmod_is_a_change_to_fetch_again():
    one = parse_entries(URLSET.format(f"<url><loc>http://x.example/a</loc><lastmod>{recent(2)}</lastmod></url>")
                        .encode(), "u")[1][0]
    two = parse_entries(URLSET.format(f"<url><loc>http://x.example/a</loc><lastmod>{recent(1)}</lastmod></url>")
                        .encode(), "u")[1][0]
    assert one["fingerprint"] != two["fingerprint"]


@pytest.mark.parametrize("body, reason", [
    (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
     b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
     b'<url><loc>http://x.example/&c;</loc></url></urlset>', "Entity 'c' not defined"),  # declarations dropped
    (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.example/&x;</loc></url>'
     b'</urlset>', "Entity 'x' not defined"),  # an external entity is never read
    (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.example/a', "not a readable sitemap"),
    (gzip.compress(b"<" * 10 + b" " * (20 * 1024 * 1024)), "compression bomb"),
    (b"\x1f\x8b\x08\x00garbage", "not a readable gzip file"),
])
def test_hostile_sitemaps_are_refused(body, reason):
    with pytest.raises(FeedParseError, match=reason):
        parse_entries(body, "http://x.example/sitemap.xml")


def test_the_xml_parser_itself_reads_no_entity(tmp_path):
    """Past the declarations filter, lxml is told to resolve nothing, load no DTD, use no network."""
    from quangba.ingest.formats import parse_sitemap

    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    body = (f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">'
            '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.example/&x;&b;</loc>'
            f'<lastmod>{recent()}</lastmod></url></urlset>').encode()
    entries, _children = parse_sitemap(body, "http://x.example/sitemap.xml")
    assert all("root:" not in e["url"] and "aaaaaaaaaa" not in e["url"] for e in entries)


def test_what_a_second_reader_found_in_sitemaps():
    """Dates without a zone are the site's (Vietnam) time, not UTC; a sitemap without its namespace
    is still read; a comment naming another root does not mislead; a .gz of several members is read whole."""
    naive = URLSET.format(news_url("http://x.example/a.html", "Tin", "2026-11-07T08:00:00"))
    assert parse_entries(naive.encode(), "u")[1][0]["published_at"] == datetime(2026, 11, 7, 1, tzinfo=dt_timezone.utc)
    bare = f"<urlset><url><loc>http://x.example/b.html</loc><lastmod>{recent()}</lastmod></url></urlset>"
    assert [e["url"] for e in parse_entries(bare.encode(), "u")[1]] == ["http://x.example/b.html"]
    assert kind_of(b"<?xml version='1.0'?><!-- a copy of <urlset> --><rss version='2.0'>") == "feed"
    assert kind_of(b"<!-- <a href='x'> --><urlset xmlns='x'>") == "urlset"
    first, second = URLSET.format("")[:60].encode(), URLSET.format(news_url("http://x.example/c", "T", recent())).encode()[60:]
    assert [e["url"] for e in parse_entries(gzip.compress(first) + gzip.compress(second), "u")[1]] == ["http://x.example/c"]


def test_gzipped_sitemap_is_read():
    body = gzip.compress(URLSET.format(news_url("http://x.example/a.html", "Tin", recent())).encode())
    assert [e["url"] for e in parse_entries(body, "http://x.example/sitemap.xml.gz")[1]] == ["http://x.example/a.html"]


JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1", "title": "Báo Thử",
    "items": [
        {"id": "a-1", "url": "http://x.example/a.html", "title": "Khai mạc Festival Huế",
         "date_published": "2026-11-07T08:52:11+07:00", "tags": ["Văn hóa", 7],
         "attachments": [{"url": "http://x.example/v.mp4", "mime_type": "video/mp4", "size_in_bytes": 1234,
                          "duration_in_seconds": 61}, {"url": 5}, "nonsense"]},
        {"id": 42, "url": "http://x.example/b.html", "title": ["not", "a", "string"], "date_published": "yesterday",
         "tags": "Văn hóa"},
        {"id": "c", "url": {"href": "http://x.example/c.html"}},  # no usable URL: skipped
        "an item that is a string",
        {"id": True, "url": "http://x.example/d.html", "date_modified": "2026-11-08"},
    ],
}


def test_json_feed_items_are_read_and_wrong_types_do_no_harm():
    title, entries = parse_entries(json.dumps(JSON_FEED).encode(), "http://x.example/feed.json")
    assert title == "Báo Thử" and [e["url"] for e in entries] == [
        "http://x.example/a.html", "http://x.example/b.html", "http://x.example/d.html"]
    first, second, third = entries
    assert first["guid"] == "a-1" and first["categories"] == ["Văn hóa"]
    assert first["published_at"] == datetime(2026, 11, 7, 1, 52, 11, tzinfo=dt_timezone.utc)
    assert first["media"] == [{"url": "http://x.example/v.mp4", "type": "video/mp4", "length": "1234", "duration": "61"}]
    assert second["guid"] == "42" and second["title"] == "" and second["published_at"] is None
    assert second["categories"] == []
    # A date alone is midnight in the site's time zone (Vietnam, UTC+7).
    assert third["guid"] == "" and third["published_at"] == datetime(2026, 11, 7, 17, tzinfo=dt_timezone.utc)


@pytest.mark.parametrize("body, reason", [
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": {"a": 1}}', '"items" is not a list'),
    (b'{"title": "no version", "items": []}', "not a JSON Feed"),
    (b'["https://jsonfeed.org/version/1.1"]', "not a JSON Feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "not a readable JSON Feed"),
    (b"{" * 100_000, "not a readable"),
])
def test_broken_json_feeds_are_refused(body, reason):
    with pytest.raises(FeedParseError, match=reason):
        parse_source(body, "http://x.example/feed.json")


@pytest.fixture
def sitemaps():
    server = ScriptedServer({})
    with server:
        base = server.url
        page = PAGE.replace("{base}", base).encode()
        child = URLSET.format(news_url(base + ARTICLE_PATH, "Khai mạc Festival Huế 2026", recent(), "Văn hóa"))
        index = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 f"<sitemap><loc>{base}/sitemap-index.xml</loc></sitemap>"  # itself: not read again
                 f"<sitemap><loc>{base}/news-1.xml</loc><lastmod>{recent(1)}</lastmod></sitemap>"
                 f"<sitemap><loc>{base}/nested.xml</loc><lastmod>{recent(2)}</lastmod></sitemap>"
                 f"<sitemap><loc>{base}/missing.xml</loc><lastmod>{recent(3)}</lastmod></sitemap>"
                 "</sitemapindex>")
        xml = {"Content-Type": "application/xml"}
        server.routes.update({
            ARTICLE_PATH: (200, {"Content-Type": "text/html; charset=utf-8"}, page),
            "/sitemap-news.xml": (200, xml, child.encode()),
            "/sitemap-index.xml": (200, {**xml, "ETag": '"same-body"'}, index.encode()),
            "/news-1.xml": (200, xml, child.encode()),
            "/nested.xml": (200, xml, index.encode()),
            "/missing.xml": (404, {}, b"gone"),
            "/dead-index.xml": (200, xml, index.replace("news-1.xml", "missing.xml").replace(
                "/nested.xml", "/missing.xml").encode()),
            "/feed.json": (200, {"Content-Type": "application/feed+json"}, json.dumps({
                "version": "https://jsonfeed.org/version/1.1", "title": "Báo Thử",
                "items": [{"id": "hue", "url": base + ARTICLE_PATH, "title": "Khai mạc Festival Huế 2026",
                           "tags": ["Văn hóa"]}]}).encode()),
        })
        yield server


@pytest.mark.parametrize("path", ["/sitemap-news.xml", "/sitemap-index.xml", "/feed.json"])
def test_a_news_sitemap_an_index_or_a_json_feed_brings_the_article_in(sitemaps, path):
    feed = outlet_with_feed(sitemaps, path)
    assert run_until_idle(timeout=60)
    feed.refresh_from_db()
    article = Article.objects.get()
    assert article.title == "Khai mạc Festival Huế 2026" and article.status == Article.Status.PUBLISHED
    assert article.section.slug == "heritage"  # "Văn hóa", the sitemap's keyword or the JSON Feed's tag
    assert Entry.objects.count() == 1 and feed.last_status == 200 and feed.error_count == 0
    if path == "/sitemap-index.xml":  # read what could be read; the editors see what could not
        assert "inside a sitemap index" in feed.last_error and "404" in feed.last_error
        assert feed.etag == ""  # its children change under the same body: asked for whole each time
    else:
        assert feed.last_error == ""


def test_an_index_whose_children_all_fail_is_a_failed_check(sitemaps):
    feed = outlet_with_feed(sitemaps, "/dead-index.xml")
    run_until_idle(timeout=60)
    feed.refresh_from_db()
    assert feed.error_count == 1 and "404" in feed.last_error and Article.objects.count() == 0


def test_a_sitemaps_video_extension_gives_the_clip_and_its_poster():
    body = URLSET.replace('xmlns:news=', 'xmlns:video="http://www.google.com/schemas/sitemap-video/1.1" xmlns:news=')
    clip = ("<video:video><video:thumbnail_loc>http://x.example/poster.jpg</video:thumbnail_loc><video:title>Bình minh"
            "</video:title><video:content_loc>http://x.example/clip.mp4</video:content_loc><video:duration>104"
            "</video:duration></video:video><video:video><video:player_loc>https://www.youtube.com/embed/abc"
            "</video:player_loc></video:video><video:video><video:title>no location</video:title></video:video>")
    url = news_url("http://x.example/v.html", "Video: bình minh", recent()).replace("</url>", clip + "</url>")
    entry = parse_entries(body.format(url).encode(), "http://x.example/sitemap-news.xml")[1][0]
    assert entry["media"] == [
        {"url": "http://x.example/clip.mp4", "type": "video/mp4", "duration": "104", "poster": "http://x.example/poster.jpg"},
        {"url": "https://www.youtube.com/embed/abc", "type": "text/html", "duration": ""}]


def test_the_demo_has_an_outlet_that_publishes_only_a_news_sitemap(partner_server):
    """Heritage Trails has no feed: its pages link none, and the portal reads its news sitemap."""
    import httpx

    from quangba.demo.outlets import load_outlets

    trails = next(o for o in load_outlets() if o.slug == "heritage-trails")
    assert trails.feed_format == "news-sitemap"
    served = httpx.get(partner_server.feed_url("heritage-trails"))
    assert served.headers["content-type"].startswith("application/xml")
    title, entries = parse_entries(served.content, str(served.url))
    assert len(entries) == len(trails.articles) and all(e["title"] and e["published_at"] for e in entries)
    assert sum(bool(e["media"]) for e in entries) == sum(bool(a.video) for a in trails.articles)
    home = httpx.get(partner_server.base_url("heritage-trails") + "/").text
    assert 'rel="alternate" type="application/rss+xml"' not in home and "sitemap-news.xml" not in home


def test_dates_without_a_zone_are_read_in_the_outlets_zone():
    from zoneinfo import ZoneInfo

    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
           '<item><title>A</title><link>http://x.example/a</link><pubDate>Sat, 07 Nov 2026 08:52:11</pubDate></item>'
           '<item><title>B</title><link>http://x.example/b</link><pubDate>Sat, 07 Nov 2026 08:52:11 +0000</pubDate></item>'
           '<item><title>C</title><link>http://x.example/c</link><pubDate>2026-11-07T08:52:11</pubDate></item>'
           "</channel></rss>").encode()
    hanoi, new_york = ZoneInfo("Asia/Ho_Chi_Minh"), ZoneInfo("America/New_York")
    for zone, hour in ((hanoi, 1), (new_york, 13)):
        _t, entries, _c, _ttl = parse_source(rss, "http://x.example/rss", zone)
        naive, zoned, iso = (e["published_at"] for e in entries)
        assert naive == datetime(2026, 11, 7, hour, 52, 11, tzinfo=dt_timezone.utc) == iso
        assert zoned == datetime(2026, 11, 7, 8, 52, 11, tzinfo=dt_timezone.utc)  # its own zone wins
    sitemap = URLSET.format(news_url("http://x.example/a.html", "A", "2026-11-07T08:52:11")).encode()
    assert parse_source(sitemap, "http://x.example/s.xml", new_york)[1][0]["published_at"] == \
        datetime(2026, 11, 7, 13, 52, 11, tzinfo=dt_timezone.utc)


def test_an_outlets_zone_must_be_a_zone_name():
    from django.core.exceptions import ValidationError

    from quangba.sources.models import Outlet

    outlet = Outlet(name="T", slug="t", homepage="https://t.example/", language="vi", time_zone="Mars/Olympus")
    with pytest.raises(ValidationError):
        outlet.full_clean()
    assert str(outlet.zone) == "Asia/Ho_Chi_Minh"  # an unknown name falls back to the site's zone
