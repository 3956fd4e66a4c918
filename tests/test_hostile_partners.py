"""What one partner's pages and feeds may not do: write over another outlet's articles, or slip a
non-web URL (javascript:, data:) into anything the portal stores or shows."""
import json
import re

import pytest

from _servers import ScriptedServer
from quangba.articles.models import Article
from quangba.core.scheduler import run_until_idle
from quangba.ingest.models import Entry
from quangba.sources.models import Feed, Outlet

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"><meta property="og:url" content="{canonical}">
<meta property="article:published_time" content="2026-11-07T08:52:11+07:00">
<link rel="canonical" href="{canonical}"></head><body><article><h1>{title}</h1>
<p class="sapo">{lead}</p><div class="detail-content"><p>{body}</p>
<p>Đoạn thứ hai của bài viết kể chi tiết hơn về sự kiện, với nhiều con số và tên người cụ thể.</p>
<p>Đoạn thứ ba kết thúc bài viết bằng ý kiến của người dân địa phương và kế hoạch sắp tới.</p>
</div></article></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{name}</title>
<link>{base}/</link><description>Tin</description>
<item><title>{title}</title><link>{link}</link><guid>{link}</guid>
<pubDate>Sat, 07 Nov 2026 01:52:11 GMT</pubDate></item></channel></rss>"""


def partner(server, slug, name, *, title, lead, body, canonical=None, link_path="/bai-viet.html"):
    base = server.url
    link = base + link_path
    page = PAGE.format(title=title, lead=lead, body=body, canonical=canonical or link)
    server.routes.update({
        "/feed.rss": (200, {"Content-Type": "application/rss+xml"},
                      FEED.format(name=name, base=base, title=title, link=link).encode()),
        link_path: (200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()),
    })
    outlet = Outlet.objects.create(name=name, slug=slug, homepage=base + "/", language="vi",
                                   allow_private_addresses=True)
    return Feed.objects.create(outlet=outlet, url=base + "/feed.rss")


def test_a_canonical_on_another_outlets_host_does_not_overwrite_its_article():
    with ScriptedServer({}) as a_site, ScriptedServer({}) as b_site:
        partner(a_site, "bao-a", "Báo A", title="Hà Nội khánh thành cầu mới qua sông Hồng",
                lead="Cây cầu thứ bảy qua sông Hồng được khánh thành sáng nay.",
                body="Cây cầu dài 1,5 km nối quận Long Biên với trung tâm thành phố Hà Nội.")
        assert run_until_idle(timeout=60)
        original = Article.objects.get(outlet__slug="bao-a")
        victim_url = original.original_url
        # Another partner's page claims to be that article.
        partner(b_site, "bao-b", "Báo B", canonical=victim_url, title="Tin giả mạo ghi đè",
                lead="Nội dung này không phải của Báo A và không được thay bài của Báo A.",
                body="Một đối tác khác cố tình đặt canonical trỏ về bài của Báo A để ghi đè.")
        assert run_until_idle(timeout=60)

    kept = Article.objects.get(pk=original.pk)
    assert (kept.outlet.slug, kept.title, kept.version, kept.original_url) == \
        ("bao-a", original.title, 1, victim_url)
    assert kept.versions.count() == 1
    theirs = Article.objects.get(outlet__slug="bao-b")
    assert theirs.title == "Tin giả mạo ghi đè" and theirs.original_url.startswith(b_site.url)
    assert theirs.canonical_url == ""  # a canonical on a host the outlet does not own is not kept
    entry = Entry.objects.get(feed__outlet__slug="bao-b")
    assert "canonical" in entry.notes and victim_url in entry.notes


def test_a_feed_linking_into_another_outlets_site_makes_an_article_of_its_own():
    with ScriptedServer({}) as a_site, ScriptedServer({}) as b_site:
        partner(a_site, "bao-a", "Báo A", title="Lễ hội hoa Đà Lạt khai mạc",
                lead="Lễ hội hoa Đà Lạt năm nay thu hút hàng vạn du khách.",
                body="Thành phố Đà Lạt trang hoàng rực rỡ với hàng triệu bông hoa đủ màu sắc.")
        assert run_until_idle(timeout=60)
        original = Article.objects.get()
        feed = partner(b_site, "bao-b", "Báo B", title="x", lead="x", body="x")
        # Báo B's feed lists Báo A's own article URL.
        b_site.routes["/feed.rss"] = (200, {"Content-Type": "application/rss+xml"}, FEED.format(
            name="Báo B", base=b_site.url, title="Lễ hội hoa", link=original.original_url).encode())
        assert run_until_idle(timeout=60)
    assert Article.objects.get(pk=original.pk).outlet.slug == "bao-a"
    assert Article.objects.filter(outlet=feed.outlet).count() == 1
    assert Article.objects.count() == 2


HOSTILE_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Bài có liên kết độc</title>
<meta property="og:url" content="javascript:alert(1)"><meta property="og:image" content="javascript:alert(2)">
<meta property="article:published_time" content="2026-11-07T08:52:11+07:00">
<link rel="canonical" href="javascript:alert(3)"></head><body><article><h1>Bài có liên kết độc</h1>
<p class="sapo">Một đối tác gửi những đường dẫn không phải trang web vào mọi chỗ có thể.</p>
<div class="detail-content"><p>Đoạn một có <a href="javascript:alert(4)">liên kết</a> và
<a href="data:text/html,&lt;script&gt;alert(5)&lt;/script&gt;">một liên kết khác</a> về Hà Nội.</p>
<figure><img src="javascript:alert(6)" alt="a"><figcaption>Ảnh một. Ảnh: A</figcaption></figure>
<figure><img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDcpPC9zY3JpcHQ+PC9zdmc+" alt="b">
<figcaption>Ảnh hai. Ảnh: B</figcaption></figure>
<p>Đoạn hai kể chi tiết hơn về sự kiện, với nhiều con số và tên người cụ thể ở Hà Nội.</p>
<p>Đoạn ba kết thúc bài viết bằng ý kiến của người dân địa phương và kế hoạch sắp tới.</p>
</div></article></body></html>"""

HOSTILE_FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Báo Độc</title><link>{base}/</link><description>x</description>
<item><title>Bài có liên kết độc</title><link>{base}/bai.html</link><guid>bai-1</guid>
<pubDate>Sat, 07 Nov 2026 01:52:11 GMT</pubDate>
<enclosure url="javascript:alert(8)" type="video/mp4" length="10"/>
<media:content url="data:video/mp4;base64,AAAA" type="video/mp4"/>
<media:content url="{base}/clip.mp4" type="video/mp4"/>
<media:thumbnail url="javascript:alert(9)"/></item>
<item><title>Liên kết javascript</title><link>javascript:alert(10)</link><guid>bai-2</guid></item>
</channel></rss>"""

NOT_WEB = re.compile(r"""(?:href|src|poster|url|isBasedOn|"url")\W{1,3}\s*(?:javascript|data|vbscript):""", re.I)


def public_surfaces(client, article) -> dict[str, str]:
    from django.core.cache import cache

    cache.clear()
    paths = [article.get_absolute_url(), "/vi/", "/vi/feeds/rss.xml", "/vi/feeds/atom.xml",
             f"/api/v1/articles/{article.pk}/", "/api/v1/articles/", f"/vi/outlets/{article.outlet.slug}/"]
    return {path: client.get(path).content.decode() for path in paths}


def test_partner_urls_that_are_not_web_urls_are_neither_stored_nor_shown(client):
    with ScriptedServer({}) as site:
        site.routes.update({
            "/feed.rss": (200, {"Content-Type": "application/rss+xml"}, HOSTILE_FEED.format(base=site.url).encode()),
            "/bai.html": (200, {"Content-Type": "text/html; charset=utf-8"}, HOSTILE_PAGE.encode()),
        })
        outlet = Outlet.objects.create(name="Báo Độc", slug="bao-doc", homepage=site.url + "/", language="vi",
                                       allow_private_addresses=True)
        Feed.objects.create(outlet=outlet, url=site.url + "/feed.rss")
        assert run_until_idle(timeout=60)
    article = Article.objects.get()
    assert Entry.objects.count() == 1  # the item whose link is javascript: is not taken
    stored = json.dumps([article.original_url, article.canonical_url, article.media,
                         list(article.images.values_list("url", flat=True)), article.body_html])
    assert not re.search(r"(javascript|data|vbscript):", stored), stored
    assert article.original_url == site.url + "/bai.html"
    assert [m["url"] for m in article.media] == [site.url + "/clip.mp4"]
    for path, html in public_surfaces(client, article).items():
        assert not NOT_WEB.search(html), (path, NOT_WEB.search(html))


def test_urls_stored_before_are_not_shown_either(client, settings):
    """Rows an earlier version stored (or an editor typed) are filtered where they are shown."""
    from _factories import make_article

    settings.QUANGBA_BAKE = False
    outlet = Outlet.objects.create(name="Báo Cũ", slug="bao-cu", homepage="https://baocu.example/", language="vi",
                                   logo_url="https://baocu.example/logo.png")
    article = make_article(outlet, 1)
    Article.objects.filter(pk=article.pk).update(
        original_url="javascript:alert(1)",
        media=[{"url": "javascript:alert(2)", "type": "video/mp4", "poster": "data:image/png;base64,AAAA"},
               {"url": "https://youtube.com/watch?v=abcdefghijk", "type": "text/html", "poster": "javascript:x"}])
    Outlet.objects.filter(pk=outlet.pk).update(homepage="javascript:alert(3)", logo_url="data:image/png;base64,AA")
    article.images.update(url="javascript:alert(4)")
    article.refresh_from_db()
    for path, html in public_surfaces(client, article).items():
        assert not NOT_WEB.search(html), (path, NOT_WEB.search(html))


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>", "vbscript:x", "//evil.example/x", "http:/x",
                                 "https://", "ftp://x.example/a", "http://x.example/\nSet-Cookie: a", ""])
def test_web_url_refuses_what_is_not_an_http_url(url):
    from quangba.core.text import web_url

    assert web_url(url) == ""


def test_web_url_keeps_web_urls():
    from quangba.core.text import web_url

    for url in ("http://x.example/a?b=c#d", "HTTPS://X.example/Đà-Nẵng", "https://[::1]:8443/a"):
        assert web_url(f"  {url} ") == url
