"""The search index the portal owns: SQLite FTS5 on the embedded default, PostgreSQL full text
(tsvector + GIN) at scale, one document per (article, language it can be read in) holding its
folded title and text ("ha noi" finds "Hà Nội": neither engine folds Vietnamese by itself) and the
tags the filters need.

A library's generic database backend does not scale here (modelsearch's SQLite plan loops over
every index row per query and re-averages over the whole index on each update), so the queries
are written for the two engines: a query takes the newest CANDIDATES matches and ranks only those
(bm25 / ts_rank) — a bounded cost whatever the size of the archive — and an update touches only
the article's own rows. Elasticsearch or OpenSearch stay available through modelsearch
(QUANGBA_SEARCH_BACKEND=modelsearch.backends.elasticsearch8 and the like)."""
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags

from quangba.articles.models import Article, ArticleTranslation
from quangba.core.text import fold

CANDIDATES = 1000
# PostgreSQL: the newest documents of a language read in order to see how common the matches are,
# and the fewest read in order after them, however large the table, before the GIN indexes are asked.
WINDOW, SCAN_LIMIT = 2000, 16000
# Every language a document can be in has a fixed slot in its row id (article id × 16 + slot).
SLOTS = ("vi", "en", "es", "fr", "zh", "ko", "ja", "de", "th", "lo", "km", "ru", "id", "ms", "it", "pt")
_TOKEN = re.compile(r"[a-z0-9]+")
_PHRASE = re.compile(r'"([^"]+)"')


def own_index() -> bool:
    """Whether the portal's own index is in use (else a modelsearch backend such as Elasticsearch)."""
    return not settings.QUANGBA_SEARCH_BACKEND.startswith("modelsearch.") or \
        settings.QUANGBA_SEARCH_BACKEND == "modelsearch.backends.database"


def row_id(article_id: int, language: str) -> int:
    return article_id * 16 + (SLOTS.index(language) if language in SLOTS else 15)


def folded(text: str) -> str:
    return " ".join(_TOKEN.findall(fold(text or "").lower()))


@dataclass
class Document:
    rowid: int
    language: str
    title: str
    body: str
    section: str
    outlet: int
    published_at: datetime

    @property
    def tags(self) -> str:
        """Filter tokens, letters and digits only (the tokenizer splits on anything else)."""
        month = timezone.localtime(self.published_at).strftime("%Y%m")
        return f"{tag('lang', self.language)} {tag('sec', self.section or 'none')} {tag('out', self.outlet)} m{month}"


def tag(kind: str, value) -> str:
    return kind + re.sub(r"[^a-z0-9]", "", str(value).lower())


def documents_of(article: Article) -> list[Document]:
    """The article's documents: one per language it can be read in (none unless public)."""
    if article.status != Article.Status.PUBLISHED or not article.outlet.active:
        return []
    section = article.section.slug if article.section_id else ""
    docs = [Document(row_id(article.pk, article.language), article.language, folded(article.title),
                     folded(f"{article.lead} {article.text}"), section, article.outlet_id, article.published_at)]
    for translation in article.translations.all():
        if translation.status == ArticleTranslation.Status.PUBLISHED:
            docs.append(Document(row_id(article.pk, translation.language), translation.language,
                                 folded(translation.title), folded(f"{translation.lead} {strip_tags(translation.body_html)}"),
                                 section, article.outlet_id, article.published_at))
    return docs


def update(article_ids: list[int]) -> None:
    """Replace the documents of these articles (removed when they are no longer public)."""
    articles = Article.objects.filter(pk__in=article_ids).select_related("outlet", "section") \
        .prefetch_related("translations")
    docs = [doc for article in articles for doc in documents_of(article)]
    backend().replace(article_ids, docs)


@dataclass
class Query:
    """What a reader asked: folded terms (all must match) and phrases, in one language, filtered."""

    terms: list[str]
    phrases: list[list[str]]
    language: str
    section: str = ""
    outlet: int | None = None
    since: datetime | None = None
    until: datetime | None = None

    @classmethod
    def parse(cls, text: str, language: str, **filters) -> "Query":
        phrases = [words for words in (_TOKEN.findall(fold(p).lower()) for p in _PHRASE.findall(text)) if words]
        rest = _PHRASE.sub(" ", text)
        terms = [t for t in _TOKEN.findall(fold(rest).lower()) if len(t) > 1 or t.isdigit()]
        return cls(terms=terms, phrases=phrases, language=language, **filters)

    @property
    def words(self) -> list[str]:
        return self.terms + [w for phrase in self.phrases for w in phrase]

    def months(self) -> list[str]:
        """The months the date range covers (the index's month tags), at most three years."""
        if not (self.since or self.until):
            return []
        first = timezone.localtime(self.since) if self.since else None
        last = timezone.localtime(self.until or timezone.now())
        if first is None or (last.year - first.year) * 12 + last.month - first.month > 36:
            return []
        months, year, month = [], first.year, first.month
        while (year, month) <= (last.year, last.month):
            months.append(f"m{year}{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


@dataclass
class Results:
    ids: list[int]  # article ids of the page asked for, best first
    total: int  # matches counted, at most CANDIDATES
    more: bool  # there were more matches than CANDIDATES


def score(needles: dict[str, int], title: str, body: str, length: int, average_length: float) -> float:
    """BM25 over the two fields (title weighs TITLE_WEIGHT, text 1) of a document that holds every
    word of the query; the words' weights (IDF) are left out: every candidate has all of them.
    The fields are folded words separated by single spaces, so a word or a phrase (`needles`:
    " word " → how many times the query says it) is counted with str.count on the padded text
    (C speed: 1,000 candidates in 15–45 ms, most of a query's time on SQLite); `length`: the
    text's words."""
    total = 0.0
    for text, weight, norm in ((title, TITLE_WEIGHT, K1), (body, 1.0, K1 * (1 - B + B * length / average_length))):
        padded = f" {text} "
        for needle, times in needles.items():
            tf = padded.count(needle)
            if tf:
                total += times * weight * tf * (K1 + 1) / (tf + norm)
    return total


def needles(query: Query) -> dict[str, int]:
    """What score() counts: each word and phrase of the query, space-padded, with how often it is asked."""
    found = {}
    for needle in [f" {term} " for term in query.terms] + [f" {' '.join(phrase)} " for phrase in query.phrases]:
        found[needle] = found.get(needle, 0) + 1
    return found


TITLE_WEIGHT, K1, B = 4.0, 1.2, 0.75


class SQLiteIndex:
    """FTS5: MATCH over the folded columns and the tags; the newest CANDIDATES matches by row id,
    ranked here by BM25 on their own text. FTS5's bm25() would cost 70–150 ms at 1 M documents
    whatever the LIMIT (it counts every document holding each word, the language tag's million
    included); reading the candidates' text costs 10–17 ms."""

    def replace(self, article_ids: list[int], docs: list[Document]) -> None:
        with connection.cursor() as cursor:
            for article_id in article_ids:
                cursor.execute("DELETE FROM search_document WHERE rowid BETWEEN %s AND %s",
                               [article_id * 16, article_id * 16 + 15])
            cursor.executemany("INSERT INTO search_document (rowid, title, body, tags) VALUES (%s, %s, %s, %s)",
                               [(d.rowid, d.title, d.body, d.tags) for d in docs])

    def expression(self, query: Query) -> str:
        quoted = [f'"{t}"' for t in query.terms] + [f'"{" ".join(p)}"' for p in query.phrases]
        parts = [f"tags:{tag('lang', query.language)}", "{title body}: (" + " AND ".join(quoted) + ")"]
        if query.section:
            parts.append(f"tags:{tag('sec', query.section)}")
        if query.outlet is not None:
            parts.append(f"tags:{tag('out', query.outlet)}")
        months = query.months()
        if months:
            parts.append("tags:(" + " OR ".join(months) + ")")
        return " AND ".join(parts)

    def candidates(self, query: Query) -> list[tuple[int, float]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid, title, body FROM search_document "
                           "WHERE search_document MATCH %s ORDER BY rowid DESC LIMIT %s",
                           [self.expression(query), CANDIDATES + 1])
            rows = cursor.fetchall()
        lengths = [body.count(" ") + 1 for _rowid, _title, body in rows]
        average, asked = sum(lengths) / max(len(rows), 1), needles(query)
        return [(rowid, score(asked, title, body, length, average))
                for (rowid, title, body), length in zip(rows, lengths)]


class PostgreSQLIndex:
    """tsvector (title weighted A, text B) with a GIN index, and the text's adjacent word pairs in a
    column of their own with another (migration 0002); the newest CANDIDATES matches by row id,
    ranked by ts_rank.

    Which plan finds the newest matches fastest depends on how common the matches are, which the
    planner can only guess (it takes the words of a query or a phrase as independent, and got it
    wrong by ten times either way at a million documents): reading the newest documents in order
    and testing each costs about 3 µs a document, fast when matches are common and a read of the
    whole archive when they are rare; the GIN indexes cost the words' posting lists plus one heap
    fetch per match, whatever its age. So the query reads a first WINDOW of the newest documents
    of the language (of the section) and measures there how common the matches are; it goes on
    reading in order while that costs less than the GIN indexes would (at least SCAN_LIMIT
    documents, more on a larger table), and otherwise asks the GIN indexes for the older matches,
    a phrase by its word pairs, so that no match needs its positions rechecked; the few it
    returns are checked exactly after."""

    def replace(self, article_ids: list[int], docs: list[Document]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_document WHERE rowid = ANY(%s)",
                           [[article_id * 16 + slot for article_id in article_ids for slot in range(16)]])
            cursor.executemany(
                "INSERT INTO search_document (rowid, language, section, outlet, published_at, document, pairs) "
                "SELECT %s, %s, %s, %s, %s, v, search_pairs(v) FROM (SELECT setweight(to_tsvector('simple', %s), 'A') "
                "|| setweight(to_tsvector('simple', %s), 'B') AS v) AS vector",
                [(d.rowid, d.language, d.section, d.outlet, d.published_at, d.title, d.body) for d in docs])

    @staticmethod
    def exact(query: Query) -> str:
        """The query as to_tsquery text: every word, every phrase word after word."""
        parts = [" & ".join(query.terms)] if query.terms else []
        parts += ["(" + " <-> ".join(phrase) + ")" for phrase in query.phrases]
        return " & ".join(parts)

    @staticmethod
    def indexed(query: Query) -> tuple[str, str]:
        """What the GIN indexes answer without rechecking positions: the words (one-word phrases
        included) as to_tsquery text, and the phrases' word pairs as tsquery input."""
        words = list(query.terms) + [phrase[0] for phrase in query.phrases if len(phrase) == 1]
        pairs = [f"'{a}_{b}'" for phrase in query.phrases for a, b in zip(phrase, phrase[1:])]
        return " & ".join(dict.fromkeys(words)), " & ".join(dict.fromkeys(pairs))

    def candidates(self, query: Query) -> list[tuple[int, float]]:
        scope, scope_params = ["language = %s"], [query.language]
        if query.section:
            scope.append("section = %s")
            scope_params.append(query.section)
        where, params = [], []
        if query.outlet is not None:
            where.append("outlet = %s")
            params.append(query.outlet)
        if query.since:
            where.append("published_at >= %s")
            params.append(query.since)
        if query.until:
            where.append("published_at <= %s")
            params.append(query.until)
        scope_sql, filters = " AND ".join(scope), "".join(f" AND {condition}" for condition in where)
        exact, wanted = self.exact(query), CANDIDATES + 1

        def read(below: int | None, rows: int, limit: int) -> list:
            """The first `limit` matches among the next `rows` documents of the scope, newest first
            (below row id `below`); the reading stops at the `limit`-th."""
            older = " AND rowid < %s" if below is not None else ""
            cursor.execute(
                "SELECT rowid, ts_rank(document, q) FROM (SELECT rowid, document, outlet, published_at "
                f"FROM search_document WHERE {scope_sql}{older} ORDER BY rowid DESC LIMIT %s) AS newest, "
                f"to_tsquery('simple', %s) AS q WHERE document @@ q{filters} ORDER BY rowid DESC LIMIT %s",
                [*scope_params, *([below] if below is not None else []), rows, exact, *params, limit])
            return list(cursor.fetchall())

        def last_read(below: int | None, rows: int) -> int | None:
            """The oldest row id of those `rows` documents (from the index alone); None when the
            scope ends before."""
            older = " AND rowid < %s" if below is not None else ""
            cursor.execute(f"SELECT rowid FROM search_document WHERE {scope_sql}{older} ORDER BY rowid DESC "
                           "OFFSET %s LIMIT 1", [*scope_params, *([below] if below is not None else []), rows - 1])
            row = cursor.fetchone()
            return row[0] if row else None

        with connection.cursor() as cursor:
            found = read(None, WINDOW, wanted)
            oldest = last_read(None, WINDOW) if len(found) < wanted else None
            if oldest is None:  # enough, or the window held every document there is
                return found
            need = wanted - len(found)
            # Reading on costs about need / rate documents, the GIN indexes about one heap fetch per
            # match, rate × size of the table: read on while that is the cheaper (rate ≥ √(need/size)).
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'search_document'")
            limit = max(SCAN_LIMIT, (need * max(cursor.fetchone()[0], 0)) ** 0.5)
            if found and need * WINDOW / len(found) <= limit:
                rows = int(min(2 * need * WINDOW / len(found), limit)) + 1
                found += read(oldest, rows, need)
                oldest = last_read(oldest, rows) if len(found) < wanted else None
                if oldest is None:
                    return found
                need = wanted - len(found)
            words, pairs = self.indexed(query)
            gin = (["document @@ to_tsquery('simple', %s)"] if words else []) + (["pairs @@ %s::tsquery"] if pairs else [])
            with transaction.atomic():
                # The GIN indexes only: the planner would otherwise read backwards through the
                # archive whenever it guesses (wrongly, here) that matches are common.
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
                cursor.execute(
                    "SELECT rowid, ts_rank(document, q) FROM (SELECT rowid, document FROM search_document "
                    f"WHERE {scope_sql} AND rowid < %s AND {' AND '.join(gin)}{filters} "
                    "ORDER BY rowid DESC LIMIT %s) AS older, to_tsquery('simple', %s) AS q "
                    "WHERE document @@ q ORDER BY rowid DESC",
                    [*scope_params, oldest, *[x for x in (words, pairs) if x], *params, need, exact])
                found += cursor.fetchall()
                cursor.execute("RESET enable_seqscan; RESET enable_indexscan")
            return found


def backend():
    return PostgreSQLIndex() if connection.vendor == "postgresql" else SQLiteIndex()


def search(query: Query, *, page: int, per_page: int) -> Results:
    """One page of the best of the newest CANDIDATES matches."""
    if not query.words:
        return Results([], 0, False)
    found = backend().candidates(query)
    more = len(found) > CANDIDATES
    found = found[:CANDIDATES]
    if (query.since or query.until) and connection.vendor != "postgresql":
        # Month tags narrowed the match; the exact days come from the articles.
        dates = Article.objects.filter(pk__in=[rowid // 16 for rowid, _score in found])
        if query.since:
            dates = dates.filter(published_at__gte=query.since)
        if query.until:
            dates = dates.filter(published_at__lte=query.until)
        keep = set(dates.values_list("pk", flat=True))
        found = [(rowid, score) for rowid, score in found if rowid // 16 in keep]
    ranked = sorted(found, key=lambda item: (-item[1], -item[0]))
    start = (page - 1) * per_page
    return Results([rowid // 16 for rowid, _score in ranked[start:start + per_page]], len(found), more)
