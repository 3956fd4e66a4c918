"""The site in a real browser (Debian's Chromium through Playwright) against a live server:
a reader's path, accessibility (axe-core), screenshots, and hostile content that must not run."""
import os
from datetime import datetime, timezone as dt_timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="Debian's chromium is not installed (apt-get install chromium; make test does it)"),
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]}


@pytest.fixture
def local_only(page):
    """Every request leaving loopback is aborted and recorded: nothing reaches a third party."""
    outside = []

    def route(route):
        host = urlsplit(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return outside


@pytest.fixture
def site(transactional_db, settings):
    """A small published site: Vietnamese and English articles, a Spanish translation, videos."""
    from quangba.articles import listings
    from quangba.search import index

    from quangba.articles.models import Article, ArticleImage
    from quangba.comments import forms as comment_forms
    from quangba.sources.models import Outlet
    from quangba.taxonomy.models import Section
    from quangba.articles.models import ArticleTranslation

    settings.QUANGBA_BAKE = False
    comment_forms.MIN_SECONDS = 0
    vi = Outlet.objects.create(name="Báo Sông Hồng", slug="song-hong", homepage="http://127.0.0.1/", language="vi")
    en = Outlet.objects.create(name="Hanoi Daily", slug="hanoi-daily", homepage="http://127.0.0.1/", language="en")
    figure = ('<figure><img src="/static/quangba/sample.svg" alt="{alt}" width="640" height="360">'
              '<figcaption>{alt}. <span>Ảnh: Lan Anh</span></figcaption></figure>')
    made = []
    for n, (outlet, language, section, title) in enumerate([
        (vi, "vi", "travel", "Mùa thu Hà Nội rực rỡ sắc vàng"),
        (vi, "vi", "heritage", "Festival Huế khai mạc ở Ngọ Môn"),
        (en, "en", "travel", "Autumn colours in Ha Noi"),
        (vi, "vi", "video", "Video: phố cổ Hội An lung linh đèn lồng"),
    ]):
        article = Article.objects.create(
            outlet=outlet, identity=f"a{n}", original_url=f"https://partner.example/{n}.html", language=language,
            title=title, slug=f"bai-{n}", lead="Sapo của bài viết về Hà Nội và Huế.",
            body_html="<p>Đoạn văn thứ nhất về Hà Nội.</p>" + figure.format(alt=f"Ảnh minh họa {n}") +
                      "<p>Đoạn văn thứ hai.</p>",
            text="Đoạn văn thứ nhất về Hà Nội. Đoạn văn thứ hai.",
            published_at=datetime(2026, 11, 7, 1, n, tzinfo=dt_timezone.utc), section=Section.for_slug(section),
            status=Article.Status.PUBLISHED, content_hash=str(n),
            media=[{"url": "https://www.youtube.com/embed/Xm3kQ9pL2vT", "type": "text/html", "duration": "85"}]
            if section == "video" else [])
        ArticleImage.objects.create(article=article, position=0, url="/static/quangba/sample.svg",
                                    caption=f"Ảnh minh họa {n}", credit="Lan Anh", width=640, height=360)
        made.append(article)
    ArticleTranslation.objects.create(
        article=made[2], language="es", title="Colores de otoño en Hanói", slug="colores-de-otono-en-hanoi",
        lead="El otoño llega a Hanói.", body_html="<p>Primer párrafo.</p>", source_hash="2",
        status=ArticleTranslation.Status.PUBLISHED)
    for article in made:  # as the bake stage would
        index.update([article.pk])
        listings.update([article.pk])
    return made


def shoot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for label, width, height in (("phone", 390, 844), ("desktop", 1366, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]
            if v.get("impact") in ("serious", "critical")]


def test_a_readers_path(page, live_server, site, local_only, settings):
    base = settings.SITE_URL = live_server.url  # readers reach the site at its own address
    page.goto(base + "/vi/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert serious_violations(page) == []
    shoot(page, "home")

    page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Du lịch").click()
    assert page.url.endswith("/vi/travel/")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Mùa thu Hà Nội rực rỡ sắc vàng").first.click()
    assert page.locator("h1").inner_text() == "Mùa thu Hà Nội rực rỡ sắc vàng"
    assert page.locator("time[datetime]").first.get_attribute("datetime").endswith("+07:00")
    assert page.locator("figure figcaption").first.is_visible()
    assert page.locator(".source a").first.get_attribute("href") == "https://partner.example/0.html"
    assert serious_violations(page) == []
    shoot(page, "article")
    article_url = page.url

    page.get_by_role("link", name="Viết bình luận").click() if page.get_by_role(
        "link", name="Viết bình luận").count() else page.locator("a.button").click()
    page.fill("input[name=name]", "Mai")
    page.fill("input[name=email]", "mai@example.org")
    page.fill("textarea[name=text]", "Bài viết rất hay!")
    with page.expect_navigation():
        page.locator("form.comment-form button[type=submit]").click()
    assert page.locator(".messages").is_visible()

    page.fill("header input[name=q]", "ha noi")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/vi/search/" in page.url
    assert page.locator("ol.results mark").first.inner_text() in ("Hà", "Nội")
    assert serious_violations(page) == []

    page.goto(article_url)
    assert page.locator("nav.languages a").count() == 0  # the article exists in Vietnamese only
    page.goto(base + "/en/")
    page.get_by_role("link", name="Español").click()
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("link", name="Colores de otoño en Hanói").first.click()
    assert page.locator(".mt-note").is_visible()

    page.goto(base + "/vi/video/")
    page.locator(".card h3 a").first.click()
    assert page.locator("iframe").count() == 0 and not local_only  # nothing left loopback yet
    page.locator("a.yt-lite").click()
    page.wait_for_selector("iframe")
    assert page.locator("iframe").get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert all("youtube-nocookie.com" in url for url in local_only)

    # Checked last: the test thread and the live server share one in-memory database.
    from quangba.comments.models import Comment

    assert Comment.objects.filter(name="Mai", status=Comment.Status.PENDING).count() == 1


def test_hostile_content_and_comments_do_not_run(page, live_server, site, local_only, settings):
    settings.SITE_URL = live_server.url
    from quangba.articles.models import Article
    from quangba.comments.models import Comment
    from quangba.extract import extract

    hostile = """<html><head><title>Tin nóng</title><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
    </head><body><article><h1>Tin nóng về Hà Nội</h1><div class="detail-content">
    <p>Đoạn một về Hà Nội, đủ dài để là một bài báo thật sự với nhiều chữ và nhiều ý.</p>
    <script>window.pwned = 1</script><img src=x onerror="window.pwned=2">
    <p onclick="window.pwned=3">Đoạn hai <a href="javascript:window.pwned=4">bấm</a> và nhiều chữ nữa.</p>
    <svg><script>window.pwned=5</script></svg><iframe src="javascript:window.pwned=6"></iframe>
    <form action="javascript:window.pwned=7"><input name=x></form>
    <p style="background:url(javascript:window.pwned=8)">Đoạn ba.</p>
    <object data="data:text/html,<script>parent.pwned=9</script>"></object></div></article></body></html>"""
    doc = extract(hostile, url="http://127.0.0.1/hostile.html")
    article = site[0]
    # Stored as extracted (sanitized once), and a raw copy that skipped it: render sanitizes again.
    Article.objects.filter(pk=article.pk).update(body_html=doc.body_html + hostile)
    Comment.objects.create(article=article, language="vi", name="<script>window.pwned=10</script>",
                           email="x@example.org", text="<img src=x onerror=window.pwned=11>",
                           status=Comment.Status.APPROVED)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_timeout(500)
    assert page.evaluate("window.pwned === undefined")
    assert dialogs == []
    assert page.locator(".story script, .story iframe, .story form, .story object, .story svg").count() == 0
    assert "<script>window.pwned=10</script>" in page.locator(".comments").inner_text()
