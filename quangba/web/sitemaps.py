"""Sitemaps for search engines (every page in every language it exists in, with hreflang
alternates), a Google News sitemap of the last 48 hours, and robots.txt naming them."""
from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.html import escape
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from quangba.articles.models import Article, ArticleTranslation, Listing
from quangba.sources.models import Outlet
from quangba.taxonomy.models import Place, Section

from .seo import site_name

CHUNK = 2_000  # article ids per article sitemap: a file costs tens of milliseconds; even with 25 languages, at most 50,000 URLs
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


def site_languages() -> list[str]:
    """The codes of the site's languages (settings.LANGUAGES)."""
    return [code for code, _name in settings.LANGUAGES]


PRIORITY = {"home": "1.0", "section": "0.8", "index": "0.6", "place": "0.6", "outlet": "0.5", "about": "0.3"}
SLUG = "0-slug"  # stands for an id and a slug in a pattern reversed once per language


def reversed_once(name: str, **kwargs) -> dict[str, list[str]]:
    """A URL pattern's path in each site language, split where SLUG stands: a sitemap of
    thousands of URLs reverses each pattern once per language, not once per URL."""
    patterns = {}
    for code in site_languages():
        with override(code):
            patterns[code] = reverse(name, kwargs=kwargs).split(SLUG)
    return patterns


class ArticlePaths:
    """Article URLs without resolving each one: the pattern is reversed once per language."""

    def __init__(self):
        self.patterns = reversed_once("web:article", pk=0, slug="slug")

    def __call__(self, language: str, pk: int, slug: str) -> str:
        head, tail = self.patterns[language]
        return f"{head}{pk}-{slug or 'a'}{tail}"


def _page_paths() -> list[tuple[str, dict[str, str]]]:
    """(kind, {language: path}) of every indexable page that is not an article: home, each
    section, the Local index and each province, the outlets index and each active partner, and
    the portal's own pages (About, Contact, Privacy)."""
    fixed = [(kind, {code: path for code, (path,) in reversed_once(name).items()})
             for kind, name in [("home", "web:home"), ("index", "web:local"), ("index", "web:outlets"),
                                ("about", "web:about"), ("about", "web:contact"), ("about", "web:privacy")]]
    sections = []
    for section in Section.objects.exclude(slug="local"):  # Local's page is its index, listed below
        paths = {}
        for code in site_languages():
            with override(code):
                paths[code] = section.get_absolute_url()
        sections.append(("section", paths))
    found = fixed[:1] + sections + fixed[1:]
    for kind, name, rows in [("place", "web:place", Place.objects.order_by("slug")),
                             ("outlet", "web:outlet", Outlet.objects.filter(active=True).order_by("slug"))]:
        patterns = reversed_once(name, slug=SLUG)
        for slug in rows.values_list("slug", flat=True):
            found.append((kind, {code: f"{head}{slug}{tail}" for code, (head, tail) in patterns.items()}))
    return found


def page_sitemap(request) -> HttpResponse:
    """/sitemap-pages.xml: every page of _page_paths in each language, each <url> naming all
    versions and the unprefixed x-default (which sends readers to their language) as hreflang
    alternates. Written straight out: hundreds of partners and provinces cost milliseconds, not a
    reverse() per URL and alternate."""
    origin = request.build_absolute_uri("/").rstrip("/")
    default = settings.LANGUAGE_CODE
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for kind, paths in _page_paths():
        versions = [(code, escape(origin + path)) for code, path in paths.items()]
        versions.append(("x-default", escape(origin + paths[default].replace(f"/{default}/", "/", 1))))
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>' for code, url in versions)
        out += [f"<url><loc>{url}</loc><changefreq>hourly</changefreq><priority>{PRIORITY[kind]}</priority>"
                f"{links}</url>" for code, url in versions if code != "x-default"]
    out.append("</urlset>\n")
    return HttpResponse("\n".join(out), content_type="application/xml; charset=utf-8")


def article_sitemap(request, chunk: int) -> HttpResponse:
    """The published articles whose ids fall in one chunk of CHUNK ids, each version a <url> naming
    the others as hreflang alternates: at most CHUNK × languages ≤ 50,000 URLs a file, written
    straight out (a file costs its own rows, in tens of milliseconds)."""
    first = chunk * CHUNK
    paths, origin, languages = ArticlePaths(), request.build_absolute_uri("/").rstrip("/"), set(site_languages())
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    rows = Article.objects.published().filter(pk__gte=first, pk__lt=first + CHUNK).order_by("pk") \
        .values_list("pk", "language", "slug", "source_updated_at", "published_at")
    translated: dict[int, list[tuple[str, str]]] = {}
    for article_id, code, slug in ArticleTranslation.objects.filter(
            article_id__gte=first, article_id__lt=first + CHUNK, status=ArticleTranslation.Status.PUBLISHED,
            language__in=languages).values_list("article_id", "language", "slug"):
        translated.setdefault(article_id, []).append((code, slug))
    for pk, language, slug, updated_at, published_at in rows:
        found = [(language, paths(language, pk, slug))]
        found += [(code, paths(code, pk, other)) for code, other in translated.get(pk, ()) if code != language]
        lastmod = timezone.localtime(max(published_at, updated_at or published_at)).date().isoformat()
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(origin + path)}"/>'
                        for code, path in found) if len(found) > 1 else ""
        out += [f"<url><loc>{escape(origin + path)}</loc><lastmod>{lastmod}</lastmod>"
                f"<changefreq>daily</changefreq>{links}</url>" for _code, path in found]
    out.append("</urlset>\n")
    return HttpResponse("\n".join(out), content_type="application/xml; charset=utf-8")


def news_urls(origin: str) -> list[dict]:
    """The newest versions published in the last 48 hours, at most NEWS_LIMIT (Google News reads
    no more): their listings, newest first, then their titles (a statement per language, then two)."""
    since = timezone.now() - NEWS_WINDOW
    # Per language on the listings' own index, then merged: one query over every language would
    # sort the whole 48 hours (tens of thousands of rows at national volume) to keep 1,000.
    rows = sorted((row for code in site_languages() for row in Listing.objects.filter(
        language=code, published_at__gte=since).order_by("-published_at", "-article_id")
        .values_list("article_id", "language", "published_at")[:NEWS_LIMIT]),
        key=lambda row: (row[2], row[0]), reverse=True)[:NEWS_LIMIT]
    ids = {pk for pk, _code, _when in rows}
    originals = {pk: (code, slug, title) for pk, code, slug, title in
                 Article.objects.filter(pk__in=ids).values_list("pk", "language", "slug", "title")}
    translations = {(pk, code): (slug, title) for pk, code, slug, title in ArticleTranslation.objects.filter(
        article_id__in=ids, status=ArticleTranslation.Status.PUBLISHED).values_list("article_id", "language", "slug",
                                                                                     "title")}
    paths, names = ArticlePaths(), {}
    for code in site_languages():
        with override(code):
            names[code] = site_name()  # the publication's name in the language of the entry
    urls = []
    for pk, code, published_at in rows:
        original = originals.get(pk)
        if original is None:
            continue
        slug, title = original[1:] if original[0] == code else translations.get((pk, code), (None, None))
        if title is not None:
            urls.append({"location": origin + paths(code, pk, slug), "language": code, "title": title,
                         "publication": names[code], "publication_date": published_at})
    return urls


def article_chunks() -> range:
    """The chunks of article ids that hold published articles: two index lookups (one query asking
    for both MIN and MAX would read the whole index on SQLite)."""
    ids = Listing.objects.values_list("article_id", flat=True)
    first, last = ids.order_by("article_id").first(), ids.order_by("-article_id").first()
    if first is None:
        return range(0)
    return range(first // CHUNK, last // CHUNK + 1)


def sitemap_index(request):
    """/sitemap.xml: the pages' sitemap, then one sitemap per chunk of articles."""
    names = ["pages"] + [f"articles-{n}" for n in article_chunks()]
    locations = [request.build_absolute_uri(reverse("sitemap-section", kwargs={"section": name})) for name in names]
    return render(request, "web/sitemap_index.xml", {"locations": locations},
                  content_type="application/xml; charset=utf-8")


def sitemap_section(request, section):
    """/sitemap-pages.xml and /sitemap-articles-<n>.xml."""
    if section == "pages":
        return page_sitemap(request)
    chunk = section.removeprefix("articles-")
    if not chunk.isdigit() or section == chunk:
        raise Http404("No such sitemap.")
    return article_sitemap(request, int(chunk))


def news_sitemap(request):
    """/sitemap-news.xml: the Google News sitemap (publication, language, date, title)."""
    urls = news_urls(request.build_absolute_uri("/").rstrip("/"))
    return render(request, "web/sitemap_news.xml", {"urlset": urls}, content_type="application/xml; charset=utf-8")


def robots(request):
    """/robots.txt: where the sitemaps are, and what crawlers should leave alone."""
    private = []
    for code in site_languages():
        with override(code):
            # Search results and comment forms are endless or thin pages, not content.
            private += [reverse("web:search"), reverse("comments:form", kwargs={"pk": 0}).replace("/0/", "/*/")]
    return render(request, "web/robots.txt", {
        "disallow": ["/admin/", *private],
        "sitemaps": [request.build_absolute_uri(reverse(name)) for name in ("sitemap", "sitemap-news")],
    }, content_type="text/plain; charset=utf-8")
