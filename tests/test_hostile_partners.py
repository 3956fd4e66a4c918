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
