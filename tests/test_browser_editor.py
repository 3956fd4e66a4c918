"""An editor's day in a real browser: a held Spanish translation seen on Today, two segments fixed
side by side, published, and the public page shows the edit and "Translated by the editors"; a
story pinned on /en/ leads the baked home page within 5 s; two stories merged. Every desk page
(review, translation, front pages, story) screenshotted at phone and desktop width in each
language, checked for overflow and axe-core's serious findings."""
import time

import pytest

from test_browser import (  # noqa: F401  (browser_type_launch_args: the fixture, shared)
    ARTIFACTS, CHROMIUM, LAYOUT_PROBLEMS, browser_type_launch_args, serious_violations)
from test_translation_stage import ENGLISH_BODY, apertium_ready

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(),
                       reason="Debian's chromium is not installed (apt-get install chromium; make test does it)"),
    pytest.mark.skipif(not apertium_ready(), reason="apertium with eng-spa is not installed (make test installs it)"),
]

TITLE_FIX = "El festival de Hue se abre con música real"
PARAGRAPH_FIX = "Turistas de Ciudad Ho Chi Minh y Da Nang viajaron en tren."


@pytest.fixture
def newsroom(transactional_db, settings):
    """English reports in stories of their own, one with a Spanish translation the QA gate held."""
    from django.contrib.auth import get_user_model

    from _factories import make_article
    from quangba.articles import listings
    from quangba.articles.images import image_dict
    from quangba.articles.models import Article, ArticleTranslation
    from quangba.sources.models import Outlet
    from quangba.stories.models import Story, StoryArticle
    from quangba.taxonomy.models import Section
    from quangba.translation import stages as service, translate_article

    Section.ensure_all()
    settings.TRANSLATION_ROUTES = {"en-es": ["apertium"]}
    service.router.cache_clear()
    get_user_model().objects.create_superuser("bientap", "bientap@portal.example", "mat-khau-dai-1")
    en = Outlet.objects.create(name="Hanoi Daily", slug="hanoi-daily", homepage="https://hanoidaily.example/",
                               language="en")
    titles = ["Hue festival opens with royal music", "Rice harvest begins in the Mekong Delta",
              "New metro line carries its first riders", "Ha Long Bay welcomes cruise season",
              "Lanterns light up Hoi An for the full moon"]
    articles = []
    for n, title in enumerate(titles, 1):
        article = make_article(en, n, language="en", section="heritage" if n == 1 else "news")
        Article.objects.filter(pk=article.pk).update(title=title, slug=f"story-{n}", lead=f"{title}.",
                                                     body_html=ENGLISH_BODY if n == 1 else f"<p>{title}.</p>")
        article.refresh_from_db()
        story = Story.objects.create(title=title, reports=1)
        StoryArticle.objects.create(story=story, article=article, day=1, content_hash="x")
        articles.append(article)
    listings.update([a.pk for a in articles])
    result = translate_article(service.article_doc(articles[0]), "en", "es", service.router().engines_for("en", "es"))
    translation = ArticleTranslation.objects.create(
        article=articles[0], language="es", title=result.doc.title, slug=articles[0].slug, lead=result.doc.lead,
        body_html=result.doc.body_html, images=[image_dict(i) for i in result.doc.images],
        status=ArticleTranslation.Status.REVIEW, qa_passed=False, source_hash=articles[0].content_hash,
        qa_issues=["title: untranslated words in the title: royal"] + result.qa.reasons(), engines="apertium")
    yield articles, translation
    service.router.cache_clear()


def log_in(page, url: str) -> None:
    """Open a desk page, be sent to log in as the editor, come back to it, in English."""
    page.goto(url)
    page.fill("#id_username", "bientap")
    page.fill("#id_password", "mat-khau-dai-1")
    page.click("input[type=submit]")
    page.wait_for_url(url)
    page.click(".desk-lang button[value=en]")
    page.wait_for_load_state("networkidle")


def look(page, name: str, languages=("vi", "en", "es")):
    """Each language, phone and desktop: no overflow, screenshots kept, no serious axe finding."""
    for language in languages:
        page.click(f".desk-lang button[value={language}]")
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == language
        for label, width, height in (("phone", 390, 844), ("desktop", 1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            assert page.evaluate(LAYOUT_PROBLEMS) == [], (name, language, label)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"desk-{name}-{language}-{label}.png"), full_page=True)
        assert serious_violations(page) == [], (name, language)


def test_an_editor_fixes_a_translation_pins_a_story_and_merges_two(page, live_server, newsroom, settings):
    from quangba.stories.models import FrontPick, Story, StoryArticle
    from quangba.web.bake import file_for

    articles, translation = newsroom
    settings.SITE_URL = base = live_server.url
    log_in(page, base + "/desk/")
    # The held translation is on Today; it opens side by side.
    page.click(f"#held-translations + ol a[href='/desk/translations/{translation.pk}/']")
    page.wait_for_url(f"**/desk/translations/{translation.pk}/")
    assert "untranslated words in the title: royal" in page.locator("#seg-title .findings").inner_text()
    look(page, "translation")
    page.click(".desk-lang button[value=en]")
    page.wait_for_load_state("networkidle")
    page.fill("#t-title", TITLE_FIX)
    last_paragraph = page.locator("section.seg[data-segment^='body.'] textarea").last
    last_paragraph.fill(PARAGRAPH_FIX)
    page.click("button[name=publish]")
    page.wait_for_load_state("networkidle")
    assert "Saved and published." in page.locator(".desk-message").inner_text()
    assert page.locator("#seg-title .badge").last.inner_text() == "edited"
    # The public page shows the edit, credited to the editors.
    page.goto(base + translation.get_absolute_url())
    assert page.locator("h1").inner_text() == TITLE_FIX
    assert PARAGRAPH_FIX in page.locator(".body").inner_text()
    assert "Traducido por los editores" in page.locator(".mt-note").inner_text()
    # Its preview, as readers would see it, with the desk's buttons.
    page.goto(base + f"/desk/preview/translation/{translation.pk}/")
    assert page.locator(".preview-note button").count() == 1 and page.locator("h1").inner_text() == TITLE_FIX
    for label, width, height in (("phone", 390, 844), ("desktop", 1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate(LAYOUT_PROBLEMS) == [], ("preview", label)
        page.screenshot(path=str(ARTIFACTS / f"desk-preview-es-{label}.png"), full_page=False)
    assert serious_violations(page) == []
    # The review queue, with the translation now published and an article held.
    page.goto(base + "/desk/review/?kind=translations&status=published")
    assert page.locator(f"tr[data-id='{translation.pk}']").count() == 1
    look(page, "review")
    # Pin the third story on the English home page: it leads the baked page within 5 s.
    pinned = articles[2]
    story = StoryArticle.objects.get(article=pinned).story
    page.goto(base + "/desk/front/?language=en")
    page.click(".desk-lang button[value=en]")
    page.wait_for_load_state("networkidle")
    clicked = time.monotonic()
    page.click(f".stories-list li[data-story='{story.pk}'] button[value='pin:{story.pk}']")
    page.wait_for_load_state("networkidle")
    while time.monotonic() - clicked < 5 and pinned.get_absolute_url("en") not in _first_card(file_for("/en/")):
        time.sleep(0.1)
    assert pinned.get_absolute_url("en") in _first_card(file_for("/en/")), "not leading the baked home within 5 s"
    assert time.monotonic() - clicked < 5
    page.goto(base + "/en/")
    assert page.locator(".latest .card h3 a").first.get_attribute("href") == pinned.get_absolute_url("en")
    for label, width, height in (("phone", 390, 844), ("desktop", 1280, 900)):  # the reader's view of it
        page.set_viewport_size({"width": width, "height": height})
        assert page.evaluate(LAYOUT_PROBLEMS) == [], ("home with a pin", label)
        page.screenshot(path=str(ARTIFACTS / f"home-pinned-en-{label}.png"))
    assert FrontPick.objects.get().kind == "pin"
    # Merge the fourth and fifth stories.
    page.goto(base + "/desk/front/?language=en")
    four, five = (StoryArticle.objects.get(article=a).story_id for a in articles[3:5])
    page.check(f".stories-list li[data-story='{four}'] input[type=checkbox]")
    page.check(f".stories-list li[data-story='{five}'] input[type=checkbox]")
    page.click("button[name=merge]")
    page.wait_for_load_state("networkidle")
    assert "merged" in page.locator(".desk-message").inner_text()
    assert StoryArticle.objects.get(article=articles[4]).story_id == min(four, five)
    assert not Story.objects.filter(pk=max(four, five)).exists()
    look(page, "front")
    page.goto(base + f"/desk/stories/{min(four, five)}/")
    assert page.locator("tr[data-article]").count() == 2
    look(page, "story")


def _first_card(path) -> str:
    """The first card's link on a baked home page ("" when it is not baked)."""
    try:
        html = path.read_text()
    except FileNotFoundError:
        return ""
    start = html.find('id="latest-h"')
    return html[start:start + 4000].split('<h3 class="title"><a href="', 1)[-1].split('"', 1)[0] if start >= 0 else ""


def test_a_demo_source_that_fails_is_seen_failing_and_mailed(page, live_server, partner_server, partners, settings,
                                                             tmp_path):
    """The demo's Sông Hồng goes down: after three failed checks the board, in the browser, shows it
    failing with since when, and the staff's mail is a file under var/mail/."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from quangba.core.scheduler import run_until_idle
    from quangba.core.stages import send
    from quangba.sources import health
    from quangba.sources.models import Feed

    settings.SITE_URL = base = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = mail = tmp_path / "var" / "mail"
    # A backoff short enough for a test and longer than a scheduler pass: each check below is one
    # failed check (a shorter one let a slow pass find the feed due again and fail it on to paused).
    settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "BACKOFF_BASE_SECONDS": 3, "BACKOFF_CAP_SECONDS": 3}
    get_user_model().objects.create_user("bientap", "bientap@portal.example", "mat-khau-dai-1", is_staff=True)
    feed = Feed.objects.get(outlet__slug="song-hong", kind=Feed.Kind.POLLED)
    Feed.objects.exclude(pk=feed.pk).update(next_check_at=timezone.now() + timedelta(days=1))
    partner_server.fail("song-hong")
    for _check in range(health.FAILING_AFTER):
        send("poll", [feed.pk])
        assert run_until_idle(timeout=60)
    assert health.alert_staff() == 1
    [mailed] = mail.iterdir()
    assert "bientap@portal.example" in mailed.read_text(errors="replace")
    log_in(page, base + "/desk/sources/")
    row = page.locator('tr[data-outlet="song-hong"]')
    assert row.get_attribute("data-status") == "failing"
    assert "failing since" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "desk-sources-failing-en-desktop.png"), full_page=True)
