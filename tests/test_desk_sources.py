"""The desk's sources board: one row per outlet with its health, 14 days of intake drawn as SVG,
failing and idle outlets flagged and told to the staff by e-mail once per trouble, the counts
kept as things happen, and the monthly partner report as CSV."""
import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from _factories import make_article
from quangba.articles.actions import HoldArticle, PublishArticle, TakedownArticle
from quangba.articles.models import Article
from quangba.comments.actions import ApproveComment
from quangba.comments.models import Comment
from quangba.core.errors import FetchError
from quangba.ingest import feeds
from quangba.sources import health
from quangba.sources.models import Feed, Outlet, OutletDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_user("desk", "desk@example.org", "pw", is_staff=True)
    client.force_login(user)
    return user


def feed_of(outlet, n=0, **fields):
    return Feed.objects.create(outlet=outlet, url=f"{outlet.homepage}feed{n}.rss", **fields)


def board_rows(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-outlet="([^"]+)" data-status="([^"]+)"', html))


def test_the_desk_is_for_staff_only(client, outlets):
    assert client.get("/desk/sources/").status_code == 302  # to the login page
    assert "/admin/login/" in client.get("/desk/sources/")["Location"]
    reader = get_user_model().objects.create_user("reader", "r@example.org", "pw")
    client.force_login(reader)
    assert "/admin/login/" in client.get("/desk/sources/")["Location"]
    assert "/admin/login/" in client.get("/desk/sources/report.csv")["Location"]


def test_each_outlet_is_a_row_with_its_health(client, staff, outlets, django_assert_max_num_queries):
    healthy, failing = outlets
    now = timezone.now()
    feed_of(healthy, last_checked_at=now, last_new_at=now - timedelta(hours=2))
    feed_of(failing, error_count=4, failing_since=now - timedelta(hours=5), last_checked_at=now,
            last_new_at=now - timedelta(hours=1), last_error="FetchError: HTTP 503")
    idle = Outlet.objects.create(name="Báo Lặng", slug="bao-lang", homepage="https://lang.example/", language="vi")
    feed_of(idle, last_checked_at=now, last_new_at=now - timedelta(hours=30))
    patient = Outlet.objects.create(name="Tuần báo", slug="tuan-bao", homepage="https://tuan.example/",
                                    language="vi", idle_hours=24 * 7)  # a weekly: idle after its own threshold
    feed_of(patient, last_checked_at=now, last_new_at=now - timedelta(hours=30))
    paused = Outlet.objects.create(name="Báo Dừng", slug="bao-dung", homepage="https://dung.example/", language="vi")
    feed_of(paused, paused=True, error_count=10, last_new_at=now)
    for n in range(3):
        health.tally(healthy.pk, "ingested", now - timedelta(days=n))
    health.tally(healthy.pk, "ingested", now)
    with django_assert_max_num_queries(12):
        response = client.get("/desk/sources/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert board_rows(html) == {"bao-dung": "paused", "bao-lang": "idle", "hanoi-daily": "failing",
                                "song-hong": "ok", "tuan-bao": "ok"}
    assert list(board_rows(html))[:3] == ["hanoi-daily", "bao-dung", "bao-lang"]  # what needs a look first
    row = html[html.index('data-outlet="hanoi-daily"'):]
    row = row[:row.index("</tr>")]
    since = timezone.localtime(now - timedelta(hours=5)).strftime("%Y-%m-%d %H:%M")
    assert f"failing since {since} (4 failed checks in a row)" in row
    healthy_row = html[html.index('data-outlet="song-hong"'):]
    healthy_row = healthy_row[:healthy_row.index("</tr>")]
    assert healthy_row.count("<rect") == 14 and "4 articles in 14 days" in healthy_row
    assert "3 need a look" in html


def test_the_board_speaks_vietnamese(client, staff, outlets):
    feed_of(outlets[1], error_count=3, failing_since=timezone.now())
    html = client.get("/desk/sources/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="vi">' in html and "Nguồn tin" in html and "lỗi liên tiếp" in html
    for english in ("Last check", "Ingested", "failing since", "healthy"):
        assert english not in html


def test_a_feed_knows_when_it_started_failing_and_when_it_last_had_news(outlets):
    feed = feed_of(outlets[0])
    feeds.record_failure(feed, FetchError("HTTP 503", status=503))
    started = Feed.objects.get(pk=feed.pk).failing_since
    feeds.record_failure(feed, FetchError("HTTP 503", status=503))
    assert started is not None and Feed.objects.get(pk=feed.pk).failing_since == started  # the streak's start
    feed.refresh_from_db()
    records = [{"guid": "a", "url": "https://songhong.example/a.html", "title": "A", "published_at": None,
                "summary": "", "categories": [], "media": [], "fingerprint": "1"}]
    feeds.record(feed, feeds.FetchedFeed(status=200, records=records, title="", etag="", last_modified="",
                                         asked_seconds=0))
    feed.refresh_from_db()
    assert feed.failing_since is None and feed.error_count == 0 and feed.last_new_at is not None
    seen = feed.last_new_at
    feeds.record(feed, feeds.FetchedFeed(status=200, records=records, title="", etag="", last_modified="",
                                         asked_seconds=0))
    feed.refresh_from_db()
    assert feed.last_new_at == seen  # nothing new: the last new item stays


def test_the_staff_are_told_once_per_trouble_and_again_after_a_recovery(outlets, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.QUANGBA_ALERT_EMAILS = ["desk@portal.example"]
    get_user_model().objects.create_user("ed", "ed@portal.example", "pw", is_staff=True)
    get_user_model().objects.create_user("reader", "reader@example.org", "pw")  # not staff: not told
    vi, en = outlets
    now = timezone.now()
    feed_of(vi, last_new_at=now)
    failing = feed_of(en, error_count=3, failing_since=now - timedelta(hours=1), last_new_at=now)
    assert health.alert_staff(now) == 1
    [message] = mail.outbox
    assert message.to == ["desk@portal.example", "ed@portal.example"]
    assert "Hanoi Daily" in message.subject and "/desk/sources/#outlet-hanoi-daily" in message.body
    Feed.objects.filter(pk=failing.pk).update(error_count=7)
    assert health.alert_staff(now) == 0  # the same trouble, worse: no news
    Feed.objects.filter(pk=failing.pk).update(error_count=0, failing_since=None)
    assert health.alert_staff(now) == 0 and Outlet.objects.get(pk=en.pk).alerted_at is None  # healthy again
    Feed.objects.filter(pk=failing.pk).update(error_count=3, failing_since=now)
    assert health.alert_staff(now) == 1 and len(mail.outbox) == 2  # a new trouble is told
    later = now + timedelta(hours=25)  # and Sông Hồng has had nothing new for a day
    assert health.alert_staff(later) == 1 and "Báo Sông Hồng" in mail.outbox[-1].subject


def test_the_embedded_default_writes_the_mail_under_var(outlets, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.QUANGBA_ALERT_EMAILS = ["desk@portal.example"]
    feed_of(outlets[0], error_count=5, failing_since=timezone.now(), last_new_at=timezone.now())
    assert health.alert_staff() == 1
    [written] = (tmp_path / "mail").iterdir()
    assert "Báo Sông Hồng" in written.read_text(errors="replace") or "=?utf-8?" in written.read_text()


def test_counts_are_kept_as_things_happen_and_only_for_changes(outlets):
    vi = outlets[0]
    article = make_article(vi, 1, status=Article.Status.PENDING)
    PublishArticle(article, automatic=True, hand_off=False).run()
    article.refresh_from_db()
    PublishArticle(article, hand_off=False).run()  # already published: not counted again
    HoldArticle(article, reason="check", hand_off=False).run()
    article.refresh_from_db()
    TakedownArticle(article, reason="asked by the outlet", hand_off=False).run()
    comment = Comment.objects.create(article=article, language="vi", name="An", email="an@example.org", text="Hay")
    ApproveComment(comment, hand_off=False).run()
    day = OutletDay.objects.get(outlet=vi, day=timezone.localdate())
    assert (day.published, day.held, day.taken_down, day.comments) == (1, 1, 1, 1)


def test_the_monthly_partner_report(client, staff, outlets):
    vi, en = outlets
    october = date(2026, 10, 1)
    OutletDay.objects.create(outlet=vi, day=october, ingested=10, published=8, translated=5, held=2, comments=3)
    OutletDay.objects.create(outlet=vi, day=date(2026, 10, 31), ingested=4, published=4, taken_down=1)
    OutletDay.objects.create(outlet=vi, day=date(2026, 9, 30), ingested=99)  # another month
    OutletDay.objects.create(outlet=vi, day=date(2026, 11, 1), ingested=77)
    response = client.get("/desk/sources/report.csv?month=2026-10")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="partners-2026-10.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [["outlet", "name", "month", "ingested", "published", "translated", "held", "taken_down",
                     "comments"],
                    ["song-hong", "Báo Sông Hồng", "2026-10", "14", "12", "5", "2", "1", "3"],
                    ["hanoi-daily", "Hanoi Daily", "2026-10", "0", "0", "0", "0", "0", "0"]]
    days = list(csv.reader(io.StringIO(client.get(
        "/desk/sources/report.csv?month=2026-10&outlet=song-hong").content.decode())))
    assert len(days) == 1 + 31  # every day of the month, the quiet ones too
    assert days[1] == ["song-hong", "2026-10-01", "10", "8", "5", "2", "0", "3"]
    assert days[2] == ["song-hong", "2026-10-02", "0", "0", "0", "0", "0", "0"]
    assert days[31] == ["song-hong", "2026-10-31", "4", "4", "0", "0", "1", "0"]
    assert client.get("/desk/sources/report.csv?month=2026-13").status_code == 400
    assert client.get("/desk/sources/report.csv?month=abc").status_code == 400
    assert client.get("/desk/sources/report.csv?outlet=nobody").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_demo_partner_that_goes_down_is_flagged_and_mailed_then_healthy_again(partner_server, partners, client,
                                                                                settings, tmp_path):
    """The demo's Sông Hồng answers 503 everywhere: three failed checks later the board shows it
    failing, with since when, and the staff's mail is a file under var/mail/; back up, it is healthy."""
    from quangba.core.scheduler import run_until_idle
    from quangba.core.stages import send

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "var" / "mail"
    # A backoff short enough for a test and longer than a scheduler pass: each check below is one
    # failed check (a shorter one let a slow pass find the feed due again and fail it on to paused).
    settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "BACKOFF_BASE_SECONDS": 3, "BACKOFF_CAP_SECONDS": 3}
    get_user_model().objects.create_user("ed", "ed@portal.example", "pw", is_staff=True)
    feed = Feed.objects.get(outlet__slug="song-hong", kind=Feed.Kind.POLLED)
    Feed.objects.exclude(pk=feed.pk).update(next_check_at=timezone.now() + timedelta(days=1))  # only this one
    partner_server.fail("song-hong")
    for _check in range(health.FAILING_AFTER):  # the backoff is short here: checks may come faster
        send("poll", [feed.pk])
        assert run_until_idle(timeout=60)
    feed.refresh_from_db()
    assert feed.error_count >= health.FAILING_AFTER and feed.failing_since is not None and "503" in feed.last_error
    assert health.alert_staff() == 1
    [mailed] = (tmp_path / "var" / "mail").iterdir()
    assert "ed@portal.example" in mailed.read_text(errors="replace")
    client.force_login(get_user_model().objects.get(username="ed"))
    html = client.get("/desk/sources/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert board_rows(html)["song-hong"] == "failing" and "failing since" in html
    partner_server.recover("song-hong")
    send("poll", [feed.pk])
    assert run_until_idle(timeout=120)
    html = client.get("/desk/sources/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert board_rows(html)["song-hong"] == "ok"
    assert health.alert_staff() == 0 and Outlet.objects.get(slug="song-hong").alerted_at is None
