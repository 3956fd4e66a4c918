"""The desk's first page, Today: what needs a person now (held articles and translations with
why, comments to moderate, sources that need a look) and today's intake by outlet and language,
each linking to where it is acted on; in a bounded number of queries."""
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from _factories import make_article
from quangba.articles.models import Article, ArticleTranslation
from quangba.comments.models import Comment
from quangba.sources.health import tally
from quangba.sources.models import Feed

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(get_user_model().objects.create_user("desk", "desk@example.org", "pw", is_staff=True))


def test_today_is_for_staff_only(client):
    assert "/admin/login/" in client.get("/desk/")["Location"]


def test_what_needs_a_person_is_listed_with_why_and_where_to_act(client, staff, outlets,
                                                                 django_assert_max_num_queries):
    vi, en = outlets
    held = make_article(vi, 1, status=Article.Status.REVIEW,
                        review_reason="extraction confidence 0.31 is under 0.50: check the body against the original")
    for n in range(2, 14):
        make_article(vi, n, status=Article.Status.REVIEW, review_reason="the outlet's agreement asks for review")
    published = make_article(en, 20)
    translation = ArticleTranslation.objects.create(
        article=published, language="es", title="Colores de otoño en Hanói", status=ArticleTranslation.Status.REVIEW,
        qa_issues=["leftover English: 3 words (autumn, colours, lake)"])
    Comment.objects.create(article=published, language="en", name="Mai", email="mai@example.org",
                           text="Lovely pictures of the Old Quarter")
    Feed.objects.create(outlet=en, url="https://hanoidaily.example/rss", error_count=4,
                        failing_since=timezone.now() - timedelta(hours=2), last_new_at=timezone.now())
    Feed.objects.create(outlet=vi, url="https://songhong.example/rss", last_new_at=timezone.now())
    for _ in range(3):
        tally(vi.pk, "ingested")
    tally(vi.pk, "published")
    tally(en.pk, "ingested")
    tally(en.pk, "translated")
    with django_assert_max_num_queries(12):
        response = client.get("/desk/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "4 articles ingested today, 1 published, 1 translations published." in html
    # Held articles: the count of all of them, the oldest ten shown with why, each to its preview.
    assert 'id="held-articles">Held articles <span class="n flag">13</span>' in html
    assert f'href="/desk/preview/article/{held.pk}/"' in html and "extraction confidence 0.31" in html
    assert html.count("<li><a href=\"/desk/preview/article/") == 10
    assert 'href="/desk/review/"' in html and 'href="/desk/review/?kind=translations"' in html
    assert f'href="/desk/translations/{translation.pk}/"' in html
    assert "leftover English: 3 words" in html
    assert "Lovely pictures of the Old Quarter" in html and "/admin/comments/comment/?status__exact=pending" in html
    assert 'href="/desk/sources/#outlet-hanoi-daily"' in html and "failing since" in html
    assert 'id="outlet-song-hong"' not in html  # healthy sources are on the board, not here
    intake = html[html.index('id="intake"'):]
    assert "Báo Sông Hồng" in intake and "Vietnamese" in intake and "English" in intake


def test_a_quiet_day_says_so_in_each_language(client, staff):
    english = client.get("/desk/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for quiet in ("Nothing held", "No translation is held", "No comment is waiting", "Every source is healthy",
                  "Nothing ingested yet today"):
        assert quiet in english
    vietnamese = client.get("/desk/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="vi">' in vietnamese and "Hôm nay" in vietnamese
    for english_word in ("Nothing held", "Held articles", "Today's intake", "Comments to moderate"):
        assert english_word not in vietnamese


def test_a_staff_page_is_never_baked_for_everyone(client, staff, settings):
    """The desk's first page is named "home" like the site's: baking on request took it for the
    public home page and wrote it under baked/desk/, served from then on to anyone and in the
    first visitor's language."""
    from quangba.web.bake import baked_root

    settings.QUANGBA_BAKE = True
    assert client.get("/desk/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert client.get("/desk/sources/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert not (baked_root() / "desk").exists()
    assert '<html lang="vi">' in client.get("/desk/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    client.logout()
    assert "/admin/login/" in client.get("/desk/")["Location"]


def test_the_pipelines_reasons_are_shown_in_the_editors_language(client, staff, outlets):
    from quangba.core import reasons

    make_article(outlets[0], 1, status=Article.Status.REVIEW,
                 review_reason=reasons.LOW_CONFIDENCE(confidence="0.42", minimum="0.50"))
    published = make_article(outlets[1], 2)
    ArticleTranslation.objects.create(article=published, language="es", title="Otoño",
                                      status=ArticleTranslation.Status.REVIEW,
                                      qa_issues=["title: " + reasons.TITLE_NAMES(names="Nga, Iran")])
    vietnamese = client.get("/desk/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "độ tin cậy khi trích xuất 0.42 thấp hơn 0.50" in vietnamese
    assert "title: tiêu đề bản dịch thiếu tên riêng: Nga, Iran" in vietnamese
    english = client.get("/desk/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "extraction confidence 0.42 is under 0.50" in english
