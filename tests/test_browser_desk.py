"""The desk in a real browser: an editor logs in, reads the sources board in Vietnamese and
English at phone and desktop width (screenshots under test-artifacts/), and nothing on it
overflows, is unlabelled or fails axe-core's serious checks."""
from datetime import timedelta

import pytest

from test_browser import (  # noqa: F401  (browser_type_launch_args: the fixture, shared)
    ARTIFACTS, CHROMIUM, LAYOUT_PROBLEMS, browser_type_launch_args, serious_violations)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                       reason="Debian's chromium is not installed (apt-get install chromium; make test does it)"),
]


@pytest.fixture
def board(transactional_db):
    from quangba.taxonomy.models import Section

    Section.ensure_all()  # as the migration does (a transactional test starts from empty tables)
    """Outlets in each state the board knows, with two weeks of intake."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from quangba.sources.health import tally
    from quangba.sources.models import Feed, Outlet

    from _factories import make_article
    from quangba.articles.models import Article
    from quangba.comments.models import Comment

    now = timezone.now()
    get_user_model().objects.create_user("bientap", "bientap@portal.example", "mat-khau-dai-1", is_staff=True)
    states = [
        ("Báo Sông Hồng", "song-hong", {"last_new_at": now - timedelta(minutes=20)}, 40),
        ("Hanoi Daily News", "hanoi-daily", {"error_count": 5, "failing_since": now - timedelta(hours=3),
                                             "last_error": "FetchError: HTTP 503", "last_new_at": now - timedelta(hours=4)}, 25),
        ("Tạp chí Di sản Văn hóa Việt Nam", "di-san", {"last_new_at": now - timedelta(hours=40)}, 3),
        ("Đất Việt", "dat-viet", {"error_count": 1, "failing_since": now - timedelta(minutes=10),
                                  "last_new_at": now - timedelta(hours=1)}, 12),
        ("Nhịp Sống Miền Trung", "nhip-song", {"paused": True, "error_count": 10, "last_new_at": now - timedelta(days=3)}, 0),
    ]
    for n, (name, slug, feed, per_day) in enumerate(states):
        outlet = Outlet.objects.create(name=name, slug=slug, homepage=f"https://{slug}.example/", language="vi",
                                       licence=Outlet.Licence.EXCERPT if n == 2 else Outlet.Licence.FULL,
                                       images_allowed=n != 2)
        Feed.objects.create(outlet=outlet, url=f"https://{slug}.example/rss.xml", last_checked_at=now, **feed)
        if n == 0:  # something for the editors to do
            make_article(outlet, 1, status=Article.Status.REVIEW, section="heritage",
                         review_reason="extraction confidence 0.42 is under 0.50: check the body against the original")
            make_article(outlet, 2, status=Article.Status.REVIEW, section="travel",
                         review_reason="the outlet's agreement asks for review before publishing")
            shown = make_article(outlet, 3)
            Comment.objects.create(article=shown, language="vi", name="Minh", email="minh@example.org",
                                   text="Bài viết rất hay, cảm ơn tòa soạn!")
        for day in range(14):
            for _ in range((per_day * (day % 5 + 3)) // 7 if day or n != 2 else 0):
                tally(outlet.pk, "ingested", now - timedelta(days=day))
        for _ in range(per_day // 2):
            tally(outlet.pk, "published", now)


def test_an_editor_reads_the_sources_board(page, live_server, board, settings):
    settings.SITE_URL = base = live_server.url
    page.goto(base + "/desk/sources/")
    assert "/admin/login/" in page.url  # staff only: sent to log in, and back after
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-dai-1")
    page.click("input[type=submit]")
    page.wait_for_url("**/desk/sources/")
    # Today: the desk's first page, with what needs a person and the day's intake.
    page.click("nav a[href='/desk/']")
    page.wait_for_url("**/desk/")
    for language, heading in (("vi", "Hôm nay"), ("en", "Today"), ("es", "Hoy")):
        page.click(f".desk-lang button[value={language}]")
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text() == heading
        assert page.locator("#sources-look + ul li").count() == 3  # failing, paused, idle
        assert page.locator("#held-articles + ol li").count() == 2
        for label, width, height in (("phone", 390, 844), ("desktop", 1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            wide = page.evaluate("() => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)")
            assert page.evaluate(LAYOUT_PROBLEMS) == [], (language, label, wide)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"desk-today-{language}-{label}.png"), full_page=True)
        assert serious_violations(page) == []
    page.click("nav a[href='/desk/sources/']")
    page.wait_for_url("**/desk/sources/")
    for language, heading in (("vi", "Nguồn tin"), ("en", "Sources"), ("es", "Fuentes")):
        page.click(f".desk-lang button[value={language}]")
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").inner_text() == heading
        assert page.locator("tr[data-outlet]").count() == 5
        assert page.locator('tr[data-outlet="hanoi-daily"]').get_attribute("data-status") == "failing"
        assert page.locator('tr[data-outlet="di-san"]').get_attribute("data-status") == "idle"
        assert page.locator('tr[data-outlet="nhip-song"]').get_attribute("data-status") == "paused"
        assert page.locator('tr[data-outlet="song-hong"] svg rect').count() == 14
        for label, width, height in (("phone", 390, 844), ("desktop", 1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            assert page.evaluate(LAYOUT_PROBLEMS) == [], (language, label)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"desk-sources-{language}-{label}.png"), full_page=True)
        assert serious_violations(page) == []
