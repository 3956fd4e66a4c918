"""WebSub: a feed naming a hub is subscribed to (intent verified by the hub over HTTP), signed
pushes go straight down the chain, forged, unsigned or out-of-lease pushes are refused and
recorded, and polling falls back to the feed's own rhythm when the hub is silent."""
import hashlib
import hmac
import time
from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from _servers import ScriptedServer
from quangba.articles.models import Article
from quangba.core.scheduler import run_until_idle
from quangba.core.worker import WorkerThread
from quangba.demo.hub import Hub
from quangba.ingest import websub
from quangba.ingest.feeds import FetchedFeed, PollResult
from quangba.ingest.formats import hub_links
from quangba.ingest.models import Entry
from quangba.ingest.stages import Poll
from quangba.sources.models import Feed, Outlet, Subscription
from quangba.web.bake import file_for
from test_ingest import PAGE

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE = "/van-hoa/khai-mac-festival-hue-2026.html"


def atom(base: str, hub: str, entries: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<entry><id>{base}{path}</id><title>{title}</title><link rel='alternate' href='{base}{path}'/>"
        f"<published>{timezone.now().isoformat()}</published><updated>{timezone.now().isoformat()}</updated></entry>"
        for path, title in entries)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Báo Thử</title>"
            f"<link rel='hub' href='{hub}'/><link rel='self' href='{base}/atom.xml'/><id>{base}/</id>"
            f"<updated>{timezone.now().isoformat()}</updated>{items}</feed>").encode()


def signed(secret: str, body: bytes, method: str = "sha256") -> str:
    return f"{method}=" + hmac.new(secret.encode(), body, getattr(hashlib, method)).hexdigest()


def test_hub_and_self_are_found_in_headers_and_bodies():
    assert hub_links(b"<rss/>", ['<https://hub.example/>; rel="hub", <https://x.example/feed>; rel="self"'],
                     "https://x.example/feed") == ("https://hub.example/", "https://x.example/feed")
    assert hub_links(b"<?xml version='1.0'?><rss><channel><atom:link rel='hub' href='https://h.example/a?x=1&amp;y=2'/>"
                     b"<atom:link href=\"https://x.example/rss\" rel=\"self\"/></channel></rss>", [], "") == \
        ("https://h.example/a?x=1&y=2", "https://x.example/rss")
    assert hub_links(b'{"version": "https://jsonfeed.org/version/1.1", "feed_url": "https://x.example/f.json", '
                     b'"hubs": [{"type": "rssCloud", "url": "https://c.example/"}, {"type": "WebSub", '
                     b'"url": "https://h.example/"}]}', [], "") == ("https://h.example/", "https://x.example/f.json")
    assert hub_links(b"<rss><link rel='hub' href='javascript:alert(1)'/></rss>", [], "") == ("", "")


def test_a_push_through_the_hub_is_live_without_a_scheduler_pass(live_server, settings):
    """Subscribe (the hub verifies at our callback), then the hub pushes a new item: stored,
    filed, published and baked by the express chain alone — no scheduler runs in this test."""
    settings.SITE_URL = live_server.url
    hub = Hub().start()
    entries = [(ARTICLE, "Khai mạc Festival Huế 2026")]
    with ScriptedServer({}) as site:
        site.routes["/atom.xml"] = lambda handler: (200, {"Content-Type": "application/atom+xml"},
                                                    atom(site.url, hub.url, entries))
        site.routes[ARTICLE] = (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.replace("{base}", site.url).encode())
        new = "/du-lich/hue-don-khach.html"
        site.routes[new] = (200, {"Content-Type": "text/html; charset=utf-8"},
                            PAGE.replace("{base}", site.url).replace(ARTICLE, new)
                            .replace("Khai mạc Festival Huế 2026", "Huế đón vạn khách dịp lễ hội").encode())
        outlet = Outlet.objects.create(name="Báo Thử", slug="bao-thu", homepage=site.url + "/", language="vi",
                                       allow_private_addresses=True)
        feed = Feed.objects.create(outlet=outlet, url=site.url + "/atom.xml")
        Poll().run(feed.pk)  # one check: the hub is asked, and verifies at our callback meanwhile
        topic = site.url + "/atom.xml"
        deadline = time.monotonic() + 20
        while not hub.subscribed(topic) and time.monotonic() < deadline:
            time.sleep(0.05)  # (the test's in-memory SQLite is shared with the live server: keep off it)
        assert run_until_idle(timeout=120)
        subscription = Subscription.objects.get(feed=feed)
        assert subscription.state == Subscription.State.VERIFIED and subscription.lease_until > timezone.now()
        assert hub.subscribed(topic) == [websub.callback_url(subscription.callback_token)]
        feed.refresh_from_db()
        assert (feed.next_check_at - timezone.now()).total_seconds() > settings.QUANGBA_PIPELINE["POLL_MIN_SECONDS"]

        worker = WorkerThread(interval=0.05)
        worker.start()
        try:
            entries.insert(0, (new, "Huế đón vạn khách dịp lễ hội"))
            began = time.monotonic()
            assert [status for _cb, status in hub.publish(topic, atom(site.url, hub.url, entries[:1]),
                                                          "application/atom+xml")] == [202]
            article = None
            while time.monotonic() - began < 30:
                try:
                    article = Article.objects.filter(original_url=site.url + new, status=Article.Status.PUBLISHED).first()
                except OperationalError:  # the test's in-memory SQLite does not wait for the writers' lock
                    article = None
                if article is not None and file_for(article.get_absolute_url()).exists():
                    break
                time.sleep(0.05)
            live_after = time.monotonic() - began
        finally:
            worker.stop()
            worker.join(timeout=10)
            hub.stop()
        assert article is not None and file_for(article.get_absolute_url()).exists(), "not live within 30 s"
        print(f"WebSub push → article live: {live_after:.2f} s")
        subscription.refresh_from_db()
        assert subscription.pushes == 1 and subscription.last_push_at and not subscription.missed


@pytest.fixture
def subscription(db):
    outlet = Outlet.objects.create(name="Báo Thử", slug="bao-thu", homepage="https://thu.example/", language="vi")
    feed = Feed.objects.create(outlet=outlet, url="https://thu.example/atom.xml")
    return Subscription.objects.create(
        feed=feed, hub="https://hub.example/", topic=feed.url, secret="s3cret", callback_token="tok",
        state=Subscription.State.VERIFIED, requested_at=timezone.now(), lease_until=timezone.now() + timedelta(days=5))


@pytest.mark.parametrize("header, status, says", [
    ("", 403, "no X-Hub-Signature"),
    ("sha256=" + "0" * 64, 403, "does not match"),
    ("sha1=whatever", 403, "not sha256"),
    ("md5", 403, "not sha256"),
])
def test_forged_or_unsigned_pushes_are_refused_and_recorded(client, subscription, header, status, says):
    body = atom("https://thu.example", "https://hub.example/", [("/a.html", "Tin giả")])
    headers = {"HTTP_X_HUB_SIGNATURE": header} if header else {}
    response = client.post("/websub/tok/", body, content_type="application/atom+xml", **headers)
    assert response.status_code == status
    subscription.refresh_from_db()
    assert says in subscription.last_error and subscription.pushes == 0
    assert Entry.objects.count() == 0


def test_a_signed_push_is_taken_in_each_method(client, subscription):
    for n, method in enumerate(("sha256", "sha512", "sha384")):
        body = atom("https://thu.example", "https://hub.example/", [(f"/a{n}.html", f"Tin {n}")])
        response = client.post("/websub/tok/", body, content_type="application/atom+xml",
                               HTTP_X_HUB_SIGNATURE=signed("s3cret", body, method))
        assert response.status_code == 202
    assert Entry.objects.count() == 3
    subscription.refresh_from_db()
    assert subscription.pushes == 3 and subscription.last_error == ""


def test_a_push_after_the_lease_is_refused_and_the_feed_polled_again(client, subscription):
    Subscription.objects.filter(pk=subscription.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    body = atom("https://thu.example", "https://hub.example/", [("/a.html", "Tin")])
    response = client.post("/websub/tok/", body, content_type="application/atom+xml",
                           HTTP_X_HUB_SIGNATURE=signed("s3cret", body))
    assert response.status_code == 410 and Entry.objects.count() == 0
    subscription.refresh_from_db()
    assert "no lease was in force" in subscription.last_error
    assert websub.interval(subscription, 300) == 300  # polled at its own rhythm
    assert websub.needs_request(subscription, timezone.now())


def test_verification_echoes_only_our_own_request(client, subscription):
    Subscription.objects.filter(pk=subscription.pk).update(state=Subscription.State.REQUESTED, lease_until=None)
    wrong = client.get("/websub/tok/", {"hub.mode": "subscribe", "hub.topic": "https://evil.example/",
                                        "hub.challenge": "abc"})
    assert wrong.status_code == 404
    assert client.get("/websub/nope/", {"hub.mode": "subscribe", "hub.topic": subscription.topic,
                                        "hub.challenge": "abc"}).status_code == 404
    right = client.get("/websub/tok/", {"hub.mode": "subscribe", "hub.topic": subscription.topic,
                                        "hub.challenge": "abc", "hub.lease_seconds": "3600"})
    assert right.status_code == 200 and right.content == b"abc"
    subscription.refresh_from_db()
    assert subscription.state == Subscription.State.VERIFIED
    assert 3500 < (subscription.lease_until - timezone.now()).total_seconds() <= 3600
    denied = client.get("/websub/tok/", {"hub.mode": "denied", "hub.topic": subscription.topic,
                                         "hub.reason": "not allowed"})
    assert denied.status_code == 200
    subscription.refresh_from_db()
    assert subscription.state == Subscription.State.DENIED and "not allowed" in subscription.last_error


def test_polling_is_rare_while_the_hub_pushes_and_normal_when_it_misses(subscription, settings):
    rare = settings.QUANGBA_PIPELINE["WEBSUB_POLL_SECONDS"]
    assert websub.interval(subscription, 300) == rare  # the renewal (in 2.5 days) is further off
    assert websub.interval(subscription, 3 * 24 * 3600) < 3 * 24 * 3600  # checked before the renewal is due
    websub.note_check(subscription, PollResult(200, [1, 2], [], 2))
    subscription.refresh_from_db()
    assert subscription.missed and "2 new item(s)" in subscription.last_error
    assert websub.interval(subscription, 300) == 300


def test_a_lease_is_renewed_half_way_and_an_unreachable_hub_is_recorded(subscription, settings):
    now = timezone.now()
    subscription.requested_at, subscription.lease_until = now - timedelta(days=6), now + timedelta(days=4)
    subscription.save()
    assert websub.needs_request(subscription, now)
    assert websub.interval(subscription, 300) == settings.QUANGBA_PIPELINE["POLL_MIN_SECONDS"]

    class DeadHub:
        def post(self, url, data):
            from quangba.core.errors import FetchError
            raise FetchError("connection refused", url=url)

    kept = websub.keep_subscribed(subscription.feed, FetchedFeed(304), DeadHub())  # unchanged feed: renewed too
    assert kept.secret != "s3cret" and kept.callback_token != "tok"  # a new secret with each request
    assert "subscribing at https://hub.example/ failed" in kept.last_error
    # A feed that stops naming a hub loses its subscription.
    assert websub.keep_subscribed(subscription.feed, FetchedFeed(200, "", []), DeadHub()) is None
    assert not Subscription.objects.exists()
