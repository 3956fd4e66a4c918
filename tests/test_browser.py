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
def site(transactional_db, settings, monkeypatch):
    """A small published site: Vietnamese and English articles, a Spanish translation, videos."""
    from _factories import kept_picture
    from quangba.articles import listings
    from quangba.search import index

    from quangba.articles.models import Article, ArticleImage
    from quangba.comments import forms as comment_forms
    from quangba.sources.models import Outlet
    from quangba.taxonomy.models import Section
    from quangba.articles.models import ArticleTranslation

    settings.QUANGBA_BAKE = False
    monkeypatch.setattr(comment_forms, "MIN_SECONDS", 0)  # the time trap, for this test only
    Section.ensure_all()  # as the migration does (a transactional test starts from empty tables)
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
                                    caption=f"Ảnh minh họa {n}", credit="Lan Anh", width=640, height=360,
                                    file=kept_picture(f"minh-hoa-{n}", 960, 540))  # as the media stage keeps it
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
    page.locator(".card .title a").first.click()
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
    Article.objects.filter(pk=article.pk).update(comment_count=1)  # as the moderation action keeps it
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_timeout(500)
    assert page.evaluate("window.pwned === undefined")
    assert dialogs == []
    assert page.locator(".story script, .story iframe, .story form, .story object, .story svg").count() == 0
    assert "<script>window.pwned=10</script>" in page.locator(".comments").inner_text()


# Every page a reader meets, in each language, at phone and desktop width: screenshots under
# test-artifacts/ to look at, and the faults a reader trips on checked in the browser.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) problems.push("page wider than the screen");
  for (const img of document.querySelectorAll("main img")) {
    const box = img.getBoundingClientRect();
    if (box.width > width) problems.push("image wider than the screen: " + img.src);
    if (box.height > 900) problems.push("giant image: " + img.src + " " + Math.round(box.height) + "px");
    const ratio = img.naturalWidth && img.naturalHeight ? img.naturalWidth / img.naturalHeight : 0;
    if (img.classList.contains("logo") && ratio && Math.abs(box.width / box.height - ratio) > 0.05)
      problems.push("logo out of its aspect: " + img.src);
  }
  for (const el of document.querySelectorAll("main h1, main h2, main h3, main p, main a"))
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible" && el.clientWidth)
      problems.push("text overflows: " + el.tagName + " " + el.textContent.slice(0, 40));
  for (const block of document.querySelectorAll("main section"))
    if (!block.textContent.trim()) problems.push("empty block: " + block.className);
  return problems;
}"""
# Letters only Vietnamese uses: in the page's own words (menus, headings, buttons) of an English
# or Spanish page they are untranslated text. Article content (titles, outlet names) is excluded.
VIETNAMESE_IN_CHROME = """() => {
  const chrome = document.querySelectorAll("header .sections, header form, footer, main > h1, main h2:not(.card *), .comments > p, button, label");
  const text = Array.from(chrome).map(el => el.innerText).join(" ");
  return (text.match(/[^\\s]*[đăơưĐĂƠƯ\\u1EA0-\\u1EF9][^\\s]*/g) || []).filter(w => !/^(Tiếng|Việt)$/.test(w));
}"""


@pytest.mark.parametrize("language", ["vi", "en", "es"])
def test_every_page_in_each_language_looks_right(page, live_server, site, local_only, settings, language):
    settings.SITE_URL = base = live_server.url
    readable = {"vi": site[0].get_absolute_url(), "en": site[2].get_absolute_url(),
                "es": site[2].translations.get(language="es").get_absolute_url()}
    long_query = "Hà Nội " * 80  # a 500-character query must not break the phone layout
    pages = {
        "home": f"/{language}/", "section": f"/{language}/travel/", "article": readable[language],
        "search": f"/{language}/search/?q={long_query.strip()}", "404": f"/{language}/nothing-here/",
        "comment": f"/{language}/article/{(site[0] if language == 'vi' else site[2]).pk}/comment/",
        "outlets": f"/{language}/outlets/",
        "local": f"/{language}/local/", "privacy": f"/{language}/privacy/",
    }
    from quangba.taxonomy.models import Section

    for name, path in pages.items():
        for label, width, height in (("phone", 390, 844), ("desktop", 1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            response = page.goto(base + path)
            assert response.status == (404 if name == "404" else 200), (path, response.status)
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("lang") == language
            menu = Section.objects.count() + 2  # Home, the sections, Outlets
            assert page.locator("nav.sections a").count() == menu, f"{path}: no menu"  # error and comment pages too
            assert page.locator("nav.languages").count() == 1, f"{path}: no language switcher"
            assert page.evaluate(LAYOUT_PROBLEMS) == [], (path, label)
            if language != "vi":
                assert page.evaluate(VIETNAMESE_IN_CHROME) == [], (path, label)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{language}-{name}-{label}.png"), full_page=True)
    # The article page's side column is filled from its section's fragment, never with empty blocks.
    page.goto(base + readable[language])
    page.wait_for_load_state("networkidle")
    if language == "vi":
        assert page.locator("aside.rail section li").count() >= 1
    else:  # the only article in English (and in Spanish): nothing else to show, so no column at all
        assert page.locator("aside.rail").count() == 0
    assert page.locator(f'aside.rail li[data-id="{site[2].pk if language != "vi" else site[0].pk}"]').count() == 0


def test_a_sent_comment_is_shown_to_its_reader(page, live_server, site, settings):
    settings.SITE_URL = live_server.url
    page.goto(live_server.url + f"/en/article/{site[2].pk}/comment/")
    page.fill("input[name=name]", "Mai")
    page.fill("input[name=email]", "mai@example.org")
    page.fill("textarea[name=text]", "Lovely autumn photos.\nMore, please!")
    with page.expect_navigation():
        page.locator("form.comment-form button[type=submit]").click()
    sent = page.locator("section.sent blockquote")
    assert sent.inner_text() == "Lovely autumn photos.\nMore, please!"
    assert page.locator(".messages").inner_text().startswith("Thank you")
    assert page.locator("nav.sections a").count() >= 5
