"""Site search: folded full-text queries through the portal's index (quangba.search), filters,
highlighted snippets."""
import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.html import strip_tags
from django.utils.translation import get_language

from quangba.articles.localize import in_language, localize
from quangba.articles.models import Article
from quangba.core import params
from quangba.core.text import fold_aligned
from quangba.search import index
from quangba.search.index import Query
from quangba.sources.models import Outlet
from quangba.taxonomy.models import Section

from .cache import cached_page

PER_PAGE = 10
SNIPPET_CHARS = 220
_WORD = re.compile(r"\w+", re.U)


def highlight(text: str, terms: list[str], limit: int = SNIPPET_CHARS) -> str:
    """An escaped snippet of `text` around the first match, with every match in <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    folded = fold_aligned(text)
    spans = []
    for term in terms:
        spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", folded)]
    spans.sort()
    start = max(0, spans[0][0] - limit // 3) if spans else 0
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + limit)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    out, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        out += [html.escape(text[cursor:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        cursor = e
    out.append(html.escape(text[cursor:end]))
    return mark_safe(("…" if start else "") + "".join(out) + ("…" if end < len(text) else ""))


@dataclass
class Hit:
    article: Article
    title: str
    snippet: str


@cached_page
def search(request):
    language = get_language()
    text = (request.GET.get("q") or "").strip()[:200]
    filters = {key: (request.GET.get(key) or "").strip() for key in ("section", "outlet", "from", "to")}
    outlet = Outlet.objects.filter(slug=filters["outlet"], active=True).first() if filters["outlet"] else None
    query = Query.parse(text, language, section=filters["section"] if Section.objects.filter(
        slug=filters["section"]).exists() else "", outlet=outlet.pk if outlet else None,
        since=params.day("from", filters["from"]), until=params.day("to", filters["to"], end=True))
    number = params.whole_number("page", request.GET.get("page"), default=1, minimum=1, maximum=1000)
    page, hits = None, []
    if query.words:
        results = index.search(query, page=number, per_page=PER_PAGE)
        page = Paginator(range(results.total), PER_PAGE).get_page(number)
        terms = query.words
        found = {a.pk: a for a in in_language(Article.objects.published().filter(pk__in=results.ids).for_cards(),
                                              language)}
        for pk in results.ids:
            article = found.get(pk)
            if article:
                localize(article, language)
                if article.translation is not None:
                    article.text = strip_tags(article.body_html)
                body = article.lead if any(t in fold_aligned(article.lead) for t in terms) else article.text
                hits.append(Hit(article, highlight(article.title, terms, 500), highlight(body, terms)))
    return render(request, "web/search.html", {
        "query": text, "filters": filters, "page": page, "hits": hits,
        "params": urlencode({k: v for k, v in {"q": text, **filters}.items() if v}),
        "sections": Section.objects.all(), "outlets": Outlet.objects.filter(active=True, language=language),
        "alternates": [],
    })
