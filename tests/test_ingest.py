"""Feed polling and the ingest stage against scripted loopback servers: success, failure, retry."""
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from _servers import ScriptedServer
from quangba.articles.models import Article
from quangba.core.models import AuditEntry
from quangba.core.scheduler import run_until_idle
from quangba.ingest.feeds import FeedParseError, parse_entries
from quangba.ingest.models import Entry
from quangba.ingest.store import fetch_and_extract, store
from quangba.sources.models import Feed, Outlet

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Khai mạc Festival Huế 2026 - Báo Thử</title>
<meta property="og:title" content="Khai mạc Festival Huế 2026">
<meta property="article:published_time" content="2026-11-07T08:52:11+07:00">
<link rel="canonical" href="{base}/van-hoa/khai-mac-festival-hue-2026.html">
</head><body><header><nav><a href="/">Trang chủ</a></nav></header>
<article><h1 class="title">Khai mạc Festival Huế 2026</h1>
<p class="sapo">Tối 7/11, Festival Huế 2026 khai mạc tại Đại Nội với hàng nghìn du khách.</p>
<div class="detail-content">
<p>Lễ khai mạc diễn ra tại quảng trường Ngọ Môn, thu hút đông đảo người dân và du khách trong và ngoài nước đến xem.</p>
<figure><img src="{base}/img/ngo-mon.jpg" alt="Ngọ Môn"><figcaption>Quảng trường Ngọ Môn đêm khai mạc. Ảnh: Minh Anh</figcaption></figure>
<p>Festival năm nay kéo dài một tuần với hơn 50 chương trình nghệ thuật, ẩm thực và trình diễn di sản của cố đô.</p>
<p>Ban tổ chức cho biết số lượng du khách đăng ký tham dự tăng mạnh so với kỳ trước, đặc biệt là khách quốc tế.</p>
</div></article><footer>© Báo Thử</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo Thử</title>
<link>{base}/</link><description>Tin</description>
<item><title>Khai mạc Festival Huế 2026</title><link>{base}/van-hoa/khai-mac-festival-hue-2026.html</link>
<guid>{base}/van-hoa/khai-mac-festival-hue-2026.html</guid><category>Văn hóa</category>
<pubDate>Sat, 07 Nov 2026 01:52:11 GMT</pubDate></item>
<item><title>Bài đã gỡ</title><link>{base}/gone.html</link><guid>gone-1</guid></item>
<item><title>Máy chủ bận</title><link>{base}/busy.html</link><guid>busy-1</guid></item>
</channel></rss>"""


def make_routes(server_url: str) -> dict:
    html = PAGE.replace("{base}", server_url).encode()
    feed = FEED.replace("{base}", server_url).encode()
    return {
        "/feed.rss": (200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, feed),
        "/van-hoa/khai-mac-festival-hue-2026.html": (200, {"Content-Type": "text/html; charset=utf-8"}, html),
        "/gone.html": (404, {}, b"gone"),
        "/busy.html": (503, {"Retry-After": "3600"}, b"busy"),
        "/broken.rss": (200, {"Content-Type": "application/rss+xml"}, b"\x00\x01 this is not a feed <<<"),
    }


@pytest.fixture
def site():
    server = ScriptedServer({})
    with server:
        server.routes.update(make_routes(server.url))
        yield server


def outlet_with_feed(site, path="/feed.rss") -> Feed:
    outlet = Outlet.objects.create(name="Báo Thử", slug="bao-thu", homepage=site.url + "/", language="vi",
                                   allow_private_addresses=True)
    return Feed.objects.create(outlet=outlet, url=site.url + path)


def test_parse_entries_reads_rss():
    title, entries = parse_entries(FEED.replace("{base}", "http://x.example").encode(), "http://x.example/feed")
    assert title == "Báo Thử"
    assert [e["title"] for e in entries][0] == "Khai mạc Festival Huế 2026"
    assert entries[0]["categories"] == ["Văn hóa"]
    assert entries[0]["published_at"].isoformat() == "2026-11-07T01:52:11+00:00"


def test_parse_entries_refuses_garbage():
    with pytest.raises(FeedParseError):
        parse_entries(b"\x00\x01 not a feed <<<", "http://x.example/feed")


def test_pipeline_records_success_permanent_failure_and_retry(site):
    feed = outlet_with_feed(site)
    assert run_until_idle(timeout=60)
    feed.refresh_from_db()
    assert feed.last_status == 200 and feed.error_count == 0 and feed.etag == '"v1"'

    article = Article.objects.get()
    assert article.title == "Khai mạc Festival Huế 2026"
    assert article.section.slug == "heritage"  # "Văn hóa" through the default category table
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at.isoformat() == "2026-11-07T01:52:11+00:00"
    assert article.images.get().credit.startswith("Minh Anh")

    gone = Entry.objects.get(guid__endswith="gone-1")
    assert gone.state == Entry.State.FAILED and "404" in gone.last_error
    busy = Entry.objects.get(guid__endswith="busy-1")
    assert busy.state == Entry.State.PENDING and "503" in busy.last_error
    assert busy.next_attempt_at > timezone.now() + timedelta(minutes=59)  # Retry-After honoured


def test_broken_feed_is_recorded_and_others_go_on(site):
    broken = outlet_with_feed(site, "/broken.rss")
    good = Feed.objects.create(outlet=broken.outlet, url=site.url + "/feed.rss")
    assert run_until_idle(timeout=60)
    broken.refresh_from_db()
    good.refresh_from_db()
    assert broken.error_count == 1 and "not a readable feed" in broken.last_error
    assert broken.next_check_at > timezone.now()
    assert good.error_count == 0 and Article.objects.count() == 1


def test_feed_paused_after_repeated_failures(site, settings):
    settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "FEED_PAUSE_AFTER_ERRORS": 3}
    feed = outlet_with_feed(site, "/broken.rss")
    for _ in range(3):
        Feed.objects.filter(pk=feed.pk).update(next_check_at=timezone.now())
        run_until_idle(timeout=30)
    feed.refresh_from_db()
    assert feed.paused and feed.error_count == 3
    pause = AuditEntry.objects.get(action="pause")
    assert pause.automatic and "3 failed checks in a row" in pause.reason


def test_private_address_refused_for_an_outlet_not_allowed_it(site):
    feed = outlet_with_feed(site)
    Outlet.objects.update(allow_private_addresses=False)
    run_until_idle(timeout=30)
    feed.refresh_from_db()
    assert "non-public address" in feed.last_error
    assert Article.objects.count() == 0


def test_run_entry_twice_creates_nothing_new(site):
    outlet_with_feed(site)
    run_until_idle(timeout=60)
    entry = Entry.objects.select_related("feed__outlet").get(guid__endswith="festival-hue-2026.html")
    doc, fetched_url = fetch_and_extract(entry)
    with transaction.atomic():
        outcome = store(entry, doc, fetched_url=fetched_url)
    assert outcome.action == "unchanged" and not outcome.changed
    assert Article.objects.count() == 1 and Article.objects.get().versions.count() == 1


def test_articles_get_their_places_and_local_pages_list_them(site, client):
    outlet_with_feed(site)
    run_until_idle(timeout=60)
    article = Article.objects.get()
    assert [p.slug for p in article.places.all()] == ["hue"]
    assert article.title in client.get("/vi/local/hue/").content.decode()
    local = client.get("/vi/local/").content.decode()
    assert "/vi/local/hue/" in local and "Huế" in local
    assert client.get("/en/local/hue/").status_code == 200  # exists, lists nothing in English
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/vi/local/hue/"' in page


def test_sections_fall_back_to_the_text_model():
    from quangba.taxonomy.filing import section_for

    sport = ("Đội tuyển bóng đá Việt Nam thắng 2-0 trong trận đấu vòng loại, huấn luyện viên khen các cầu thủ "
             "ghi bàn và thủ môn giữ sạch lưới trước hàng vạn cổ động viên trên sân Mỹ Đình.")
    economy = ("Ngân hàng Nhà nước giảm lãi suất điều hành, tỷ giá ổn định, xuất khẩu tăng và chỉ số chứng khoán "
               "VN-Index tăng điểm; doanh nghiệp được vay vốn với lãi suất thấp hơn để mở rộng sản xuất kinh doanh.")
    assert section_for(outlet_map={}, categories=["Khác"], language="vi", title="Giảm lãi suất", text=economy) \
        == "business"  # through the VNTC topic model: Kinh doanh
    assert section_for(outlet_map={}, categories=["Khác"], language="vi", title="Thắng 2-0", text=sport) == "news"
    assert section_for(outlet_map={"Khác": "travel"}, categories=["Khác"], language="vi", text=sport) == "travel"
    english = ("The central bank cut its policy rate as exports rose and investors returned to the stock "
               "market, the finance ministry said, with GDP growth forecast at 8 percent.")
    assert section_for(outlet_map={}, categories=[], language="en", title="Rates cut", text=english) == "business"
    assert section_for(outlet_map={}, categories=[], language="en", text="") == "news"


def test_a_category_that_only_says_news_gives_way_to_clear_keywords():
    from quangba.demo.outlets import load_outlets
    from quangba.demo.partners import section_map
    from quangba.taxonomy.filing import section_for

    trails = next(o for o in load_outlets() if o.slug == "heritage-trails")
    cruise = next(a for a in trails.articles if a.slug.startswith("ha-long-bay-after-dark"))
    assert section_map(trails)[cruise.category.name] == "news"  # the partner's "Travel News"
    filed = section_for(outlet_map=section_map(trails), categories=[cruise.category.name], language="en",
                        title=cruise.title, text="\n".join(cruise.body))
    assert filed == "travel"
    # Unclear keywords leave the partner's News; a specific category is never overruled.
    metro = "The city's third metro line began trial runs on its underground section on Monday."
    assert section_for(outlet_map={"News": "news"}, categories=["News"], language="en", title="Metro", text=metro) == "news"
    tours = "Tourists and visitors crowd the beach resort; travel agents sell tours and homestays."
    assert section_for(outlet_map={"Business": "business"}, categories=["Business"], language="en",
                       title="Tourism", text=tours) == "business"


def test_dates_in_the_future_are_not_believed_and_the_editors_see_why(site):
    """An article dated years ahead sat on top of every list until then (feed readers' users
    report it): the page's and the feed's future dates are set aside, noted on the entry."""
    base = site.url
    future_page = PAGE.replace("{base}", base).replace("2026-11-07T08:52:11+07:00", "2031-01-01T08:00:00+07:00")
    future_feed = FEED.replace("{base}", base).replace("Sat, 07 Nov 2026 01:52:11 GMT", "Wed, 01 Jan 2031 01:00:00 GMT")
    site.routes["/van-hoa/khai-mac-festival-hue-2026.html"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                                              future_page.encode())
    site.routes["/future.rss"] = (200, {"Content-Type": "application/rss+xml"}, future_feed.encode())
    before = timezone.now()
    outlet_with_feed(site, "/future.rss")
    assert run_until_idle(timeout=60)
    article = Article.objects.get()
    assert before - timedelta(seconds=1) <= article.published_at <= timezone.now()
    notes = Entry.objects.get(article=article).notes
    assert "publication date 2031-01-01T08:00:00+07:00 is in the future" in notes
    assert "the feed's date 2031-01-01T01:00:00+00:00 is in the future" in notes
    assert "the fetch time is used" in notes


def test_an_update_claiming_a_future_date_keeps_the_published_one(site):
    outlet_with_feed(site)
    assert run_until_idle(timeout=60)
    article = Article.objects.get()
    first = article.published_at
    changed = PAGE.replace("{base}", site.url).replace("2026-11-07T08:52:11+07:00", "2031-01-01T08:00:00+07:00") \
        .replace("hàng nghìn du khách", "hơn mười nghìn du khách")
    site.routes["/van-hoa/khai-mac-festival-hue-2026.html"] = (200, {"Content-Type": "text/html; charset=utf-8"},
                                                              changed.encode())
    entry = Entry.objects.get(article=article)
    doc, fetched_url = fetch_and_extract(entry)
    with transaction.atomic():
        outcome = store(entry, doc, fetched_url=fetched_url)
    article.refresh_from_db()
    assert outcome.action == "updated" and "mười nghìn" in article.body_html + article.lead
    assert article.version == 2 and article.published_at == first
    assert "is in the future" in Entry.objects.get(pk=entry.pk).notes


def test_each_feed_is_checked_by_its_own_rhythm_and_what_it_asks(settings):
    """Half the mean gap between the items of the last week, never sooner than the feed's ttl,
    Cache-Control or Expires ask, between POLL_MIN_SECONDS and POLL_MAX_SECONDS."""
    from quangba.ingest.feeds import FetchedFeed, fresh_for, next_interval

    now = timezone.now()

    def fetched(minutes_apart, count, asked=0):
        return FetchedFeed(200, records=[{"published_at": now - timedelta(minutes=n * minutes_apart)}
                                         for n in range(count)] + [{"published_at": None}], asked_seconds=asked)

    assert next_interval(fetched(60, 10), 900, now) == 30 * 60  # hourly items: every half hour
    assert next_interval(fetched(1, 20), 900, now) == 120  # a burst: the floor
    assert next_interval(fetched(60, 1), 900, now) == 24 * 3600  # one item this week: once a day
    assert next_interval(fetched(60 * 24 * 8, 5), 900, now) == 24 * 3600  # nothing this week
    assert next_interval(fetched(60, 10, asked=7200), 900, now) == 7200  # the feed asks for two hours
    assert next_interval(FetchedFeed(304), 900, now) == 900  # unchanged: as before
    settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "POLL_MIN_SECONDS": 600, "POLL_MAX_SECONDS": 3600}
    assert next_interval(fetched(1, 20), 900, now) == 600 and next_interval(fetched(60, 1), 900, now) == 3600
    assert fresh_for({"cache-control": "public, max-age=300"}) == 300
    assert fresh_for({"cache-control": "no-cache, max-age=300"}) == 0
    assert fresh_for({"expires": "Mon, 30 Nov 2026 12:10:00 GMT", "date": "Mon, 30 Nov 2026 12:00:00 GMT"}) == 600
    assert fresh_for({"expires": "0"}) == 0


def test_a_poll_sets_the_feeds_next_check_from_its_rhythm_and_ttl(site):
    feed = outlet_with_feed(site)
    from email.utils import format_datetime

    hourly = "".join(f"<item><title>Tin {n}</title><link>{site.url}/gone.html?n={n}</link><guid>h-{n}</guid>"
                     f"<pubDate>{format_datetime(timezone.now() - timedelta(hours=n))}</pubDate></item>" for n in range(6))
    busy = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bận</title><ttl>{{ttl}}</ttl>{hourly}</channel></rss>'
    site.routes["/busy.rss"] = (200, {"Content-Type": "application/rss+xml"}, busy.replace("{ttl}", "5").encode())
    site.routes["/ttl.rss"] = (200, {"Content-Type": "application/rss+xml", "Cache-Control": "max-age=5400"},
                               busy.replace("{ttl}", "30").encode())
    hourly_feed = Feed.objects.create(outlet=feed.outlet, url=site.url + "/busy.rss")
    asking = Feed.objects.create(outlet=feed.outlet, url=site.url + "/ttl.rss")
    run_until_idle(timeout=60)
    for one in (feed, hourly_feed, asking):
        one.refresh_from_db()
    # The sample feed's items are weeks old: a quiet feed, checked once a day.
    assert feed.interval_seconds == 24 * 3600 and feed.next_check_at > timezone.now() + timedelta(hours=23)
    assert hourly_feed.interval_seconds == 1800  # an item an hour: every half hour (its ttl of 5 min is less)
    assert asking.interval_seconds == 5400  # the same rhythm, but it asks for 90 minutes
    assert timezone.now() + timedelta(minutes=89) < asking.next_check_at < timezone.now() + timedelta(minutes=91)


def test_checks_are_an_interval_apart_start_to_start(site, monkeypatch):
    """The next check was set from the end of this one, so a feed's checks drifted later by the
    fetch's and the chain's time each round (a 30 s feed was checked every 31-32 s)."""
    import time

    from quangba.ingest import feeds as feed_module
    from quangba.ingest.stages import Poll

    feed = outlet_with_feed(site)
    slow = feed_module.fetch

    def slow_fetch(*args, **kwargs):
        time.sleep(1.5)  # a slow partner server
        return slow(*args, **kwargs)

    monkeypatch.setattr(feed_module, "fetch", slow_fetch)
    began = timezone.now()
    Poll().run(feed.pk)
    feed.refresh_from_db()
    assert feed.next_check_at - began < timedelta(seconds=feed.interval_seconds, milliseconds=500)
