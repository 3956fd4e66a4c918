"""Search: diacritics-insensitive, per language, filtered, highlighted, paginated."""
import os

import pytest

from quangba.articles.models import Article
from quangba.core.stages import send
from quangba.sources.models import Outlet
from quangba.core.text import fold_aligned
from quangba.search import index
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



on_postgresql = pytest.mark.skipif(os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
                                   reason="PostgreSQL's index (make test-postgres runs it)")


@on_postgresql
def test_older_matches_come_from_the_index_exactly_as_the_newest_do(outlets, drain_tasks, monkeypatch):
    """The newest WINDOW documents are read in order, then more in order or the GIN indexes (a
    phrase by its word pairs) for the older matches. Each way must give what reading every document
    gives, phrases exact (the pairs of "ha noi" and "noi dong" are in the third article, not the
    phrase)."""
    texts = ["Phố cổ Hà Nội đông khách", "Hà Nội đông vui", "Nội đông Hà Nội", "Hà Nội và Huế", "Huế đông khách"]
    for n, text in enumerate(texts):
        article = make_article(outlets[0], n, section="travel" if n % 2 else "heritage")
        Article.objects.filter(pk=article.pk).update(title=f"Bài {n}", text=text)
    send("bake", Article.objects.values_list("pk", flat=True))
    drain_tasks()

    def found(text, **filters):
        return index.search(Query.parse(text, "vi", **filters), page=1, per_page=10).ids

    questions = [('"ha noi dong"', {}), ("dong", {}), ("dong", {"section": "travel"}), ('"noi dong" hue', {}),
                 ('"hue"', {}), ("zzz", {})]
    whole = [found(text, **filters) for text, filters in questions]
    monkeypatch.setattr(index, "WINDOW", 1)
    for scan_limit in (0, 1, 2, 100):  # the GIN indexes at once; after reading on in order a little, or to the end
        monkeypatch.setattr(index, "SCAN_LIMIT", scan_limit)
        assert [found(text, **filters) for text, filters in questions] == whole, scan_limit
    titles = [sorted(Article.objects.filter(pk__in=ids).values_list("title", flat=True)) for ids in whole]
    assert titles[0] == ["Bài 0", "Bài 1"] and titles[3] == [] and titles[4] == ["Bài 3", "Bài 4"]
    assert len(titles[1]) == 4 and set(titles[2]) <= {"Bài 1", "Bài 3"}


@on_postgresql
def test_replacing_a_document_finds_its_rows_through_the_primary_key(db):
    """An update touches the article's own rows: a statement the index cannot answer would read the
    whole table (1.6 s at a million documents) for every article indexed."""
    from django.db import connection, transaction

    statements = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: statements.append((sql, params))
                                    or execute(sql, params, many, context)):
        index.PostgreSQLIndex().replace([7, 8], [])
    sql, params = statements[0]
    # On a near-empty table the planner may as well walk another index whose second column is the
    # rowid (a whole-index scan at volume); asked with only the primary key left, in a savepoint
    # rolled back, the plan says whether that key alone answers the statement.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP INDEX search_document_recent, search_document_gin")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = " ".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    assert "search_document_pkey" in plan and "Seq Scan" not in plan, plan


def test_ranking_puts_the_title_and_the_repeated_word_first(outlets, drain_tasks):
    """Among the newest matches, BM25: a word in the title outweighs it in the text, a word said
    often outweighs it said once, the newest first among equals; a word asked twice counts twice."""
    texts = [("Tin sáng", "Giá gạo tăng nhẹ ở chợ."),  # once, in the text
             ("Giá gạo hôm nay", "Thị trường ổn định."),  # in the title
             ("Tin chiều", "Gạo, gạo và gạo: giá gạo xuất khẩu, gạo thơm."),  # often, in the text
             ("Tin tối", "Giá gạo tăng nhẹ ở chợ.")]  # as the first, newer
    for n, (title, text) in enumerate(texts):
        article = make_article(outlets[0], n)
        Article.objects.filter(pk=article.pk).update(title=title, text=text)
    send("bake", Article.objects.values_list("pk", flat=True))
    drain_tasks()

    def order(text):
        ids = index.search(Query.parse(text, "vi"), page=1, per_page=10).ids
        titles = dict(Article.objects.filter(pk__in=ids).values_list("pk", "title"))
        return [titles[pk] for pk in ids]

    assert order("gao") == ["Giá gạo hôm nay", "Tin chiều", "Tin tối", "Tin sáng"]
    assert order('gao "gia gao"')[0] == "Giá gạo hôm nay"
