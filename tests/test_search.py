"""Search: diacritics-insensitive, per language, filtered, highlighted, paginated."""
import pytest

from quangba.articles.models import Article
from quangba.core.stages import send
from quangba.sources.models import Outlet
from quangba.core.text import fold_aligned
from quangba.search.index import Query
from quangba.web.search import highlight
from _factories import make_article

pytestmark = pytest.mark.django_db


def test_fold_aligned_keeps_positions():
    text = "Đường phố Hà Nội ộ ẵ ế"
    assert len(fold_aligned(text)) == len(text)
    assert fold_aligned(text) == "duong pho ha noi o a e"


def test_highlight_marks_matches_in_the_original_text():
    snippet = highlight("Sáng nay, Hà Nội đón <khách> quốc tế tại Hồ Gươm.", Query.parse("ha noi", "vi").words)
    assert "<mark>Hà</mark> <mark>Nội</mark>" in snippet and "&lt;khách&gt;" in snippet


@pytest.fixture
def indexed(outlets, drain_tasks):
    vi, en = outlets
    hanoi = make_article(vi, 1, section="travel")
    Article.objects.filter(pk=hanoi.pk).update(title="Mùa thu Hà Nội rực rỡ", text="Phố cổ Hà Nội đông khách.")
    hue = make_article(vi, 2, section="heritage")
    Article.objects.filter(pk=hue.pk).update(title="Festival Huế khai mạc", text="Đại Nội Huế lung linh.")
    english = make_article(en, 3, language="en", section="travel")
    Article.objects.filter(pk=english.pk).update(title="Autumn in Ha Noi", text="Ha Noi old quarter.")
    send("bake", Article.objects.values_list("pk", flat=True))  # the bake stage indexes them
    drain_tasks()
    return hanoi, hue, english


def test_without_diacritics_finds_vietnamese(client, indexed):
    html = client.get("/vi/search/", {"q": "ha noi"}).content.decode()
    assert "Mùa thu <mark>Hà</mark> <mark>Nội</mark>" in html
    assert "Festival Huế" not in html
    assert "Autumn" not in html  # per language


def test_with_diacritics_and_other_language(client, indexed):
    assert "Festival <mark>Huế</mark>" in client.get("/vi/search/", {"q": "Huế"}).content.decode()
    assert "Autumn in <mark>Ha</mark> <mark>Noi</mark>" in client.get("/en/search/", {"q": "hà nội"}).content.decode()


def test_filters(client, indexed):
    assert "Mùa thu" not in client.get("/vi/search/", {"q": "ha noi", "section": "heritage"}).content.decode()
    assert "Mùa thu" in client.get("/vi/search/", {"q": "ha noi", "section": "travel"}).content.decode()
    assert "Mùa thu" not in client.get("/vi/search/", {"q": "ha noi", "to": "2026-11-06"}).content.decode()
    assert "Mùa thu" in client.get("/vi/search/", {"q": "ha noi", "from": "2026-11-07"}).content.decode()
    assert "Mùa thu" not in client.get("/vi/search/", {"q": "ha noi", "outlet": "hanoi-daily"}).content.decode()


def test_withdrawn_and_taken_down_are_not_found(client, indexed):
    hanoi = indexed[0]
    Article.objects.filter(pk=hanoi.pk).update(status=Article.Status.WITHDRAWN)
    assert "Mùa thu" not in client.get("/vi/search/", {"q": "ha noi"}).content.decode()
    Article.objects.filter(pk=hanoi.pk).update(status=Article.Status.PUBLISHED)
    Outlet.objects.filter(slug="song-hong").update(active=False)
    assert "Mùa thu" not in client.get("/vi/search/", {"q": "ha noi"}).content.decode()


def test_pagination_and_empty_result(client, outlets, drain_tasks):
    for n in range(13):
        article = make_article(outlets[0], n)
        Article.objects.filter(pk=article.pk).update(title=f"Đà Nẵng tin số {n}")
    send("bake", Article.objects.values_list("pk", flat=True))
    drain_tasks()
    first = client.get("/vi/search/", {"q": "da nang"}).content.decode()
    assert first.count("<li><h2>") == 10 and 'rel="next"' in first and "13" in first
    second = client.get("/vi/search/", {"q": "da nang", "page": 2}).content.decode()
    assert second.count("<li><h2>") == 3
    empty = client.get("/vi/search/", {"q": "zzzz"}).content.decode()
    assert "Nothing matches" in empty or "Không" in empty


def test_search_form_in_every_page_header(client, outlets):
    article = make_article(outlets[0], 1)
    for path in ("/vi/", "/vi/travel/", article.get_absolute_url(), "/vi/outlets/"):
        assert 'name="q"' in client.get(path).content.decode()


def test_phrases_and_words(client, indexed):
    hanoi, hue, english = indexed
    assert "Mùa thu" in client.get("/vi/search/", {"q": '"pho co" ha noi'}).content.decode()
    assert "Mùa thu" not in client.get("/vi/search/", {"q": '"noi pho"'}).content.decode()


def test_a_takedown_leaves_the_index(client, indexed, drain_tasks):
    from quangba.articles.actions import TakedownArticle

    hanoi, _hue, _english = indexed
    TakedownArticle(hanoi, reason="withdrawn by the outlet").run()
    drain_tasks()
    assert "Mùa thu" not in client.get("/vi/search/", {"q": "ha noi"}).content.decode()


def test_the_index_holds_one_document_per_readable_language(indexed):
    from django.db import connection

    from quangba.search.index import row_id

    hanoi, _hue, english = indexed
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM search_document ORDER BY rowid")
        rows = [r[0] for r in cursor.fetchall()]
    assert row_id(hanoi.pk, "vi") in rows and row_id(english.pk, "en") in rows and len(rows) == 3
