"""The demo partner outlets, served over real loopback HTTP: feeds, pages, images, edits, shutdown."""
import re
import socket
from collections import defaultdict
from html import unescape
from html.parser import HTMLParser
from urllib.robotparser import RobotFileParser

import feedparser
import httpx
import pytest

from quangba.demo.chrome import plain
from quangba.demo.server import PartnerServer, load_outlets

OUTLETS = load_outlets()
SLUGS = [o.slug for o in OUTLETS]
FED = [o.slug for o in OUTLETS if o.feed_format != "push"]  # the others only push
SECTIONS = {"news", "political-system", "business", "heritage", "figure", "local", "product", "travel", "video"}


class MediaLinks(HTMLParser):
    """Collects every image/video URL a page asks the browser to load, lazy-loading attributes included."""

    def __init__(self):
        super().__init__()
        self.urls, self.iframes = set(), []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "iframe":
            self.iframes.append(a.get("src", ""))
        if tag not in ("img", "source", "video"):
            return
        for key in ("src", "data-src", "data-original", "poster"):
            if a.get(key) and not a[key].startswith("data:"):
                self.urls.add(a[key])
        for key in ("srcset", "data-srcset"):
            for part in (a.get(key) or "").split(","):
                if part.strip():
                    self.urls.add(part.split()[0])


@pytest.fixture(scope="module")
def sites():
    server = PartnerServer(host="127.0.0.1", base_port=0).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def http():
    # trust_env=False: a proxy from the environment must never sit between us and loopback.
    with httpx.Client(trust_env=False, timeout=10) as client:
        yield client


def test_enough_outlets_articles_and_languages():
    by_lang = defaultdict(int)
    for outlet in OUTLETS:
        by_lang[outlet.language] += len(outlet.articles)
    assert len(OUTLETS) >= 4
    assert sum(o.language == "vi" for o in OUTLETS) >= 2
    assert sum(o.language == "en" for o in OUTLETS) >= 2
    assert sum(by_lang.values()) >= 40
    assert by_lang["en"] >= 15


def test_outlet_terms_and_every_portal_section_covered():
    for o in OUTLETS:
        assert o.homepage_path == "/" and o.licence in ("full", "excerpt") and o.publish in ("auto", "review")
        assert isinstance(o.images_allowed, bool)
    assert {o.feed_format for o in OUTLETS} == {"rss", "atom", "news-sitemap", "push"}
    assert any(o.websub for o in OUTLETS)
    assert SECTIONS <= {a.section for o in OUTLETS for a in o.articles}


def test_articles_are_complete_and_dated_in_vietnam_time():
    for o in OUTLETS:
        for a in o.articles:
            assert 3 <= len([p for p in a.body if not p.startswith("## ")]) <= 8, a.slug
            assert a.title and a.sapo and a.author and 1 <= len(a.images) <= 3
            assert all(img.caption and img.credit for img in a.images)
            assert a.published.utcoffset().total_seconds() == 7 * 3600
            assert (a.published.year, a.published.month) == (2026, 11)


def test_same_story_groups_span_outlets_and_languages():
    stories = defaultdict(set)
    for o in OUTLETS:
        for a in o.articles:
            if a.story:
                stories[a.story].add((o.slug, o.language))
    multi = {k: v for k, v in stories.items() if len({s for s, _ in v}) >= 2}
    assert len(multi) >= 3
    assert any({lang for _, lang in v} == {"vi", "en"} for v in multi.values())


def test_urls_are_stable_across_loads():
    again = load_outlets()
    assert [a.path for o in again for a in o.articles] == [a.path for o in OUTLETS for a in o.articles]
    paths = [a.path for o in OUTLETS for a in o.articles]
    assert len(paths) == len(set(paths))


def test_each_outlet_has_its_own_origin(sites):
    origins = [sites.base_url(slug) for slug in SLUGS]
    assert len(set(origins)) == len(SLUGS)
    assert all(origin.startswith("http://127.0.0.1:") for origin in origins)


@pytest.mark.parametrize("slug", FED)
def test_feed_lists_every_article(sites, http, slug):
    response = http.get(sites.feed_url(slug))
    assert response.status_code == 200
    assert response.headers["ETag"] and response.headers["Last-Modified"]
    outlet = next(o for o in OUTLETS if o.slug == slug)
    if outlet.feed_format == "news-sitemap":  # feedparser does not read sitemaps; the portal does
        from quangba.ingest.feeds import parse_entries

        entries = parse_entries(response.content, str(response.url))[1]
        assert sorted(e["url"] for e in entries) == sorted(sites.article_urls(slug))
        assert all(e["title"] and e["published_at"] and e["categories"] for e in entries)
        return
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("atom10" if outlet.feed_format == "atom" else "rss20")
    assert sorted(e.link for e in feed.entries) == sorted(sites.article_urls(slug))
    for entry in feed.entries:
        assert entry.title and entry.id and entry.summary and entry.published_parsed and entry.tags


@pytest.mark.parametrize("slug", FED)
def test_feed_answers_conditional_get(sites, http, slug):
    first = http.get(sites.feed_url(slug))
    by_etag = http.get(sites.feed_url(slug), headers={"If-None-Match": first.headers["ETag"]})
    by_date = http.get(sites.feed_url(slug), headers={"If-Modified-Since": first.headers["Last-Modified"]})
    stale = http.get(sites.feed_url(slug), headers={"If-None-Match": '"something-else"'})
    assert (by_etag.status_code, by_date.status_code, stale.status_code) == (304, 304, 200)
    assert by_etag.content == b"" and by_etag.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize("slug", SLUGS)
def test_robots_allows_articles_but_not_admin(sites, http, slug):
    response = http.get(sites.base_url(slug) + "/robots.txt")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/plain")
    robots = RobotFileParser()
    robots.parse(response.text.splitlines())
    assert robots.can_fetch("quangba", sites.article_urls(slug)[0])
    assert robots.can_fetch("quangba", sites.feed_url(slug)) or slug not in FED
    assert not robots.can_fetch("quangba", sites.base_url(slug) + "/admin/")


@pytest.mark.parametrize("slug", SLUGS)
def test_homepage_links_every_article(sites, http, slug):
    response = http.get(sites.base_url(slug) + "/")
    assert response.status_code == 200
    for url in sites.article_urls(slug):
        assert f'href="{url}"' in response.text


@pytest.mark.parametrize("slug", SLUGS)
def test_article_pages_and_all_their_media_load(sites, http, slug):
    outlet = next(o for o in OUTLETS if o.slug == slug)
    for article, url in zip(outlet.articles, sites.article_urls(slug)):
        page = http.get(url)
        assert page.status_code == 200 and page.headers["Content-Type"] == "text/html; charset=utf-8"
        text = unescape(re.sub(r"<[^>]+>", "", page.text))
        assert f'<link rel="canonical" href="{url}">' in page.text
        for prop in ("og:title", "og:image", "og:description", "article:published_time"):
            assert f'property="{prop}"' in page.text, (url, prop)
        assert article.title in text and article.sapo in text and article.author in text
        assert all(plain(p.removeprefix("## ")) in text for p in article.body), url
        links = MediaLinks()
        links.feed(page.text)
        assert links.urls or links.iframes, url
        for media_url in links.urls:
            assert media_url.startswith(sites.base_url(slug)), media_url
            media = http.get(media_url)
            assert media.status_code == 200, media_url
            assert media.headers["Content-Type"] in ("image/png", "image/svg+xml", "video/mp4"), media_url
            if media.headers["Content-Type"] == "image/png":
                assert media.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_captions_carry_photo_credits(sites, http):
    for outlet in OUTLETS:
        article = outlet.articles[0]
        text = unescape(http.get(sites.base_url(outlet.slug) + article.path).text)
        word = "Ảnh" if outlet.language == "vi" else "Photo"
        for img in article.images[1 if article.video else 0:]:
            assert img.caption in text and f"{word}: " in text and img.credit in text


def test_some_outlets_publish_json_ld_and_others_do_not(sites, http):
    has_ld = {o.slug: "application/ld+json" in http.get(sites.article_urls(o.slug)[0]).text for o in OUTLETS}
    assert any(has_ld.values()) and not all(has_ld.values())
    assert has_ld == {o.slug: o.jsonld for o in OUTLETS}


def test_video_items_in_pages_and_feeds(sites, http):
    videos = [(o, a) for o in OUTLETS for a in o.articles if a.video]
    assert len(videos) >= 3
    assert any(a.video.youtube_id for _, a in videos) and any(a.video.path for _, a in videos)
    for outlet, article in videos:
        page = http.get(sites.base_url(outlet.slug) + article.path).text
        if article.video.youtube_id:
            assert f'src="https://www.youtube.com/embed/{article.video.youtube_id}"' in page
        else:
            assert "<video" in page and article.video.path in page
        if outlet.feed_format == "push":  # its clip goes to the portal as the push's media
            from quangba.demo.feeds import push_payload

            payload = push_payload(outlet, article, sites.base_url(outlet.slug))
            assert payload["media"][0]["poster"] and payload["media"][0]["duration"] == article.video.duration
            continue
        if outlet.feed_format == "news-sitemap":  # Google's video extension: the file and its poster
            from quangba.ingest.feeds import parse_entries

            entry = next(e for e in parse_entries(http.get(sites.feed_url(outlet.slug)).content, "")[1]
                         if e["url"].endswith(article.path))
            assert entry["media"][0]["type"] == "video/mp4" and entry["media"][0]["poster"]
            continue
        feed = feedparser.parse(http.get(sites.feed_url(outlet.slug)).content)
        entry = next(e for e in feed.entries if e.link.endswith(article.path))
        assert entry.media_content[0]["medium"] == "video" and entry.media_thumbnail[0]["url"]
        if article.video.path:
            assert any(e["type"] == "video/mp4" for e in entry.enclosures)


def test_unknown_paths_are_404_and_admin_is_forbidden(sites, http):
    base = sites.base_url(SLUGS[0])
    assert http.get(base + "/khong-co-bai-nay.html").status_code == 404
    assert http.get(base + "/admin/").status_code == 403
    assert http.get(base + "/i/2026/11/01/not-an-image.png").status_code == 404


def test_requests_log_nothing(sites, http, capfd):
    http.get(sites.feed_url(SLUGS[0]))
    http.get(sites.base_url(SLUGS[0]) + "/nope")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_edit_changes_page_and_feed_then_reset_restores():
    outlet = next(o for o in OUTLETS if o.feed_format == "rss")
    article = outlet.articles[-1]
    with PartnerServer() as server, httpx.Client(trust_env=False) as http:
        url, feed_url = server.base_url(outlet.slug) + article.path, server.feed_url(outlet.slug)
        before = http.get(feed_url)
        server.edit_article(outlet.slug, article.slug, title="Corrected headline",
                            append_paragraph="A paragraph added by the correction.")
        page = http.get(url).text
        assert "Corrected headline" in page and "A paragraph added by the correction." in page
        after = http.get(feed_url)
        assert after.headers["ETag"] != before.headers["ETag"]
        assert after.headers["Last-Modified"] != before.headers["Last-Modified"]
        assert http.get(feed_url, headers={"If-None-Match": before.headers["ETag"]}).status_code == 200
        assert http.get(feed_url, headers={"If-Modified-Since": before.headers["Last-Modified"]}).status_code == 200
        old = next(e for e in feedparser.parse(before.content).entries if e.link == url)
        new = next(e for e in feedparser.parse(after.content).entries if e.link == url)
        assert new.title == "Corrected headline" and new.updated_parsed > old.updated_parsed
        server.edit_article(outlet.slug, outlet.articles[0].slug, append_paragraph="Second correction.")
        assert http.get(feed_url).headers["Last-Modified"] != after.headers["Last-Modified"]
        server.reset()
        assert http.get(feed_url).headers["ETag"] == before.headers["ETag"]
        assert "Corrected headline" not in http.get(url).text
        with pytest.raises(KeyError):
            server.edit_article(outlet.slug, "no-such-article", title="x")


def _free_block(size: int) -> int:
    """A run of `size` consecutive free ports, found by binding them."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    start = probe.getsockname()[1]
    probe.close()
    for base in list(range(start, start + 200, size)) + list(range(30000, 40000, 97)):
        socks = []
        try:
            for n in range(size):
                s = socket.socket()
                s.bind(("127.0.0.1", base + n))
                socks.append(s)
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    pytest.skip("no block of free consecutive ports")


def test_fixed_base_port_gives_consecutive_ports_in_outlet_order():
    base = _free_block(len(OUTLETS))
    with PartnerServer(base_port=base) as server:
        assert [server.base_url(s) for s in SLUGS] == [f"http://127.0.0.1:{base + n}" for n in range(len(SLUGS))]


def test_stop_frees_the_ports():
    server = PartnerServer().start()
    ports = [int(server.base_url(s).rsplit(":", 1)[1]) for s in SLUGS]
    with httpx.Client(trust_env=False) as http:  # a keep-alive connection must not hold a port open
        assert http.get(server.feed_url(SLUGS[0])).status_code == 200
        server.stop()
        for port in ports:
            with pytest.raises(httpx.TransportError):
                http.get(f"http://127.0.0.1:{port}/robots.txt")
    for port in ports:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
