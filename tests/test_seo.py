"""For search engines: sitemaps with hreflang, the news sitemap, robots.txt, and the head tags of
article pages (JSON-LD, OpenGraph, Twitter card, canonical)."""
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree, html as lxml_html

from quangba.articles.models import Article
from quangba.web.seo import ld_json
from test_feeds_out import VIDEO, translate
from _factories import kept_picture, make_article

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml",
      "news": "http://www.google.com/schemas/sitemap-news/0.9"}
HOST = "http://testserver"


def published_ago(article, hours):
    """Move an article's publication date to `hours` ago."""
    article.published_at = timezone.now() - timedelta(hours=hours)
    article.save(update_fields=["published_at"])
    return article


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def urlset(client, url) -> dict[str, dict[str, str]]:
    """{loc: {hreflang: href}} of a sitemap."""
    return {u.findtext("s:loc", namespaces=NS): {link.get("hreflang"): link.get("href")
                                                 for link in u.findall("xhtml:link", NS)}
            for u in xml(client, url).findall("s:url", NS)}


def head(client, article_url):
    response = client.get(article_url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content), response.content.decode()


def json_ld(doc) -> dict:
    return {data["@type"]: data for data in
            (json.loads(s.text) for s in doc.xpath('//script[@type="application/ld+json"]'))}


def meta(doc, name) -> list[str]:
    return doc.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')


def test_sitemap_index_names_the_page_and_article_sitemaps(client, outlets):
    make_article(outlets[0], 1)
    root = xml(client, "/sitemap.xml")
    assert [loc.text for loc in root.findall("s:sitemap/s:loc", NS)] == \
        [f"{HOST}/sitemap-pages.xml", f"{HOST}/sitemap-articles-0.xml"]


def test_article_sitemap_lists_each_version_with_hreflang_alternates(client, outlets):
    vi, en = outlets
    translated = make_article(vi, 2)
    translate(translated)
    alone = make_article(en, 3, language="en")
    make_article(vi, 4, status=Article.Status.WITHDRAWN)
    make_article(vi, 5, status=Article.Status.REVIEW)
    urls = urlset(client, "/sitemap-articles-0.xml")
    original = f"{HOST}/vi/article/{translated.pk}-bai-2/"
    english = f"{HOST}/en/article/{translated.pk}-article-{translated.pk}/"
    assert set(urls) == {original, english, HOST + alone.get_absolute_url()}
    assert urls[original] == urls[english] == {"vi": original, "en": english}
    assert urls[HOST + alone.get_absolute_url()] == {}  # one language: no alternates to name


def test_taken_down_outlets_leave_the_sitemaps(client, outlets):
    vi, en = outlets
    make_article(vi, 6)
    published_ago(make_article(en, 7, language="en"), 1)
    en.active = False
    en.save()
    assert all("/en/article/" not in loc for loc in urlset(client, "/sitemap-articles-0.xml"))
    assert xml(client, "/sitemap-news.xml").findall("s:url", NS) == []


def test_page_sitemap_has_home_and_sections_in_every_language(client, outlets):
    urls = urlset(client, "/sitemap-pages.xml")
    assert urls[f"{HOST}/en/"] == {"vi": f"{HOST}/vi/", "en": f"{HOST}/en/", "es": f"{HOST}/es/",
                                   "x-default": f"{HOST}/"}
    assert urls[f"{HOST}/es/travel/"]["vi"] == f"{HOST}/vi/travel/"
    assert client.get("/travel/").status_code == 302  # x-default sends readers to their language


def test_news_sitemap_has_the_last_48_hours(client, outlets):
    vi, _en = outlets
    fresh = published_ago(make_article(vi, 8), 3)
    translate(fresh)
    published_ago(make_article(vi, 9), 49)
    root = xml(client, "/sitemap-news.xml")
    entries = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    assert set(entries) == {HOST + fresh.get_absolute_url(), f"{HOST}/en/article/{fresh.pk}-article-{fresh.pk}/"}
    english = entries[f"{HOST}/en/article/{fresh.pk}-article-{fresh.pk}/"]
    assert english.findtext("news:news/news:publication/news:name", namespaces=NS) == "Vietnam Promotion Portal"
    assert english.findtext("news:news/news:publication/news:language", namespaces=NS) == "en"
    assert english.findtext("news:news/news:title", namespaces=NS) == f"Article {fresh.pk} in English"
    published = english.findtext("news:news/news:publication_date", namespaces=NS)
    assert published == timezone.localtime(fresh.published_at).isoformat()
    original = entries[HOST + fresh.get_absolute_url()]
    assert original.findtext("news:news/news:publication/news:language", namespaces=NS) == "vi"


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_off_admin_and_search(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert {"Disallow: /vi/search/", "Disallow: /en/search/", "Disallow: /es/search/"} <= set(lines)
    assert "Disallow: /vi/article/*/comment/" in lines
    assert f"Sitemap: {HOST}/sitemap.xml" in lines and f"Sitemap: {HOST}/sitemap-news.xml" in lines


def test_article_page_has_news_article_json_ld(client, outlets):
    outlets[0].logo_file = kept_picture("logo-song-hong", 240, 48)
    outlets[0].save()
    article = make_article(outlets[0], 10, author="Lan Anh")
    doc, _text = head(client, article.get_absolute_url())
    url = HOST + article.get_absolute_url()
    data = json_ld(doc)
    news = data["NewsArticle"]
    assert news["@context"] == "https://schema.org"
    assert news["headline"] == article.title and news["inLanguage"] == "vi"
    assert news["datePublished"] == "2026-11-07T08:10:00+07:00"
    assert news["dateModified"] >= news["datePublished"]
    assert news["isBasedOn"] == "https://song-hong.example/10.html"
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert news["sourceOrganization"]["name"] == "Báo Sông Hồng"
    assert news["sourceOrganization"]["url"] == "https://songhong.example/"
    assert news["sourceOrganization"]["logo"]["url"] == HOST + outlets[0].logo_file.src(width=480)  # the portal's copy
    assert news["publisher"]["@type"] == "Organization" and news["publisher"]["url"] == f"{HOST}/vi/"
    logo = news["publisher"]["logo"]["url"]  # the portal's own logo, which had none (extruct)
    assert logo.startswith(f"{HOST}/static/quangba/logo") and logo.endswith(".png")
    assert client.get(logo.removeprefix(HOST)).status_code == 200
    assert news["author"] == [{"@type": "Person", "name": "Lan Anh"}]
    picture = article.images.get().file
    assert news["image"] == [{"@type": "ImageObject", "url": HOST + picture.src(), "width": picture.width,
                              "height": picture.height, "copyrightNotice": "© Báo Sông Hồng",
                              "creator": {"@type": "Person", "name": "Lan Anh"}, "creditText": "Lan Anh"}]
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{HOST}/vi/", f"{HOST}/vi/travel/", url]
    assert [c["position"] for c in crumbs] == [1, 2, 3] and crumbs[2]["name"] == article.title
    assert doc.xpath('//link[@rel="canonical"]/@href') == [url]


def test_the_portal_logo_can_be_set(client, outlets, settings):
    settings.QUANGBA_SITE_LOGO = "https://cdn.example/portal-logo.png"
    article = make_article(outlets[0], 12)
    doc, _text = head(client, article.get_absolute_url())
    assert json_ld(doc)["NewsArticle"]["publisher"]["logo"]["url"] == "https://cdn.example/portal-logo.png"


def test_no_executable_inline_script_and_json_ld_cannot_break_out(client, outlets):
    article = make_article(outlets[0], 11)
    article.title = "</script><script>alert(1)</script> & <!--"
    article.save(update_fields=["title"])
    doc, text = head(client, article.get_absolute_url())
    for script in doc.xpath("//script"):
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert "</script><script>alert" not in text
    assert json_ld(doc)["NewsArticle"]["headline"] == "</script><script>alert(1)</script> & <!--"
    assert str(ld_json({"x": "</script>\u2028"})) == \
        '<script type="application/ld+json">{"x":"\\u003C/script\\u003E\\u2028"}</script>'


def test_open_graph_and_twitter_tags(client, outlets):
    vi, _en = outlets
    article = make_article(vi, 12)
    translation = translate(article)
    translate(article, language="es", title="Artículo", slug="articulo")
    doc, _text = head(client, translation.get_absolute_url())
    assert meta(doc, "og:type") == ["article"]
    assert meta(doc, "og:title") == [translation.title]
    assert meta(doc, "og:description") == [translation.lead]
    assert meta(doc, "og:url") == [HOST + translation.get_absolute_url()]
    assert meta(doc, "og:image") == [HOST + article.images.get().file.src()]
    assert meta(doc, "og:locale") == ["en_US"]
    assert sorted(meta(doc, "og:locale:alternate")) == ["es_ES", "vi_VN"]
    assert meta(doc, "twitter:card") == ["summary_large_image"]
    assert meta(doc, "twitter:title") == [translation.title]
    news = json_ld(doc)["NewsArticle"]
    assert news["inLanguage"] == "en" and news["isBasedOn"] == "https://song-hong.example/12.html"
    assert news["translationOfWork"]["url"] == HOST + article.get_absolute_url()


def test_outlet_without_image_rights_shares_no_image(client, outlets):
    vi, _en = outlets
    vi.images_allowed = False
    vi.save()
    article = make_article(vi, 13, media=[VIDEO])
    doc, text = head(client, article.get_absolute_url())
    assert meta(doc, "og:image") == [] and meta(doc, "twitter:image") == []
    assert meta(doc, "twitter:card") == ["summary"]
    assert "image" not in json_ld(doc)["NewsArticle"]
    assert "img.example" not in text


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-pages.xml", "/sitemap-articles-0.xml",
                                 "/sitemap-news.xml", "/robots.txt"])
def test_sitemaps_stay_within_the_query_budget(client, outlets, url, django_assert_max_num_queries):
    vi, en = outlets
    for n in range(30):
        translate(published_ago(make_article(vi, 100 + n), 1))
        translate(make_article(en, 200 + n, language="en"), language="es", title=f"Artículo {n}", slug=f"a-{n}")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    if url == "/sitemap-articles-0.xml":
        assert len(etree.fromstring(response.content).findall("s:url", NS)) == 120
    if url == "/sitemap-news.xml":
        assert len(etree.fromstring(response.content).findall("s:url", NS)) == 60


def test_article_sitemaps_are_chunks_of_ids_each_under_50000_urls(client, outlets, monkeypatch):
    from quangba.web import sitemaps

    monkeypatch.setattr(sitemaps, "CHUNK", 2)
    articles = [make_article(outlets[0], n) for n in range(5)]
    index = client.get("/sitemap.xml").content.decode()
    chunks = sorted({a.pk // 2 for a in articles})
    assert [f"/sitemap-articles-{n}.xml" in index for n in chunks] == [True] * len(chunks)
    listed = [loc for n in chunks for loc in urlset(client, f"/sitemap-articles-{n}.xml")]
    assert sorted(listed) == sorted(f"{HOST}{a.get_absolute_url()}" for a in articles)
    assert client.get("/sitemap-articles-x.xml").status_code == 404


def test_a_chunk_of_ids_never_exceeds_the_sitemap_limit():
    from django.conf import settings

    from quangba.web.sitemaps import CHUNK

    assert CHUNK * max(10, len(settings.LANGUAGES)) <= 50_000


def test_every_surface_gives_the_articles_own_dates(client, outlets, settings):
    """Sitemap lastmod, Atom <updated>, JSON-LD dateModified and the API's updated_at agree, and
    come from the article (its outlet's update, else its publication), not from when it was stored."""
    import json as jsonlib
    import re as regex
    from datetime import datetime, timezone as tz

    from quangba.articles.models import Article

    article = make_article(outlets[0], 3)
    updated = datetime(2026, 11, 8, 3, 30, tzinfo=tz.utc)
    Article.objects.filter(pk=article.pk).update(source_updated_at=updated)
    settings.QUANGBA_BAKE = False
    page = client.get(article.get_absolute_url()).content.decode()
    ld = [jsonlib.loads(block) for block in regex.findall(r'<script type="application/ld\+json">(.*?)</script>', page)]
    news = next(item for item in ld if item["@type"] == "NewsArticle")
    assert news["dateModified"] == "2026-11-08T10:30:00+07:00"
    assert 'property="article:modified_time" content="2026-11-08T10:30:00+07:00"' in page
    api = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert api["updated_at"] == updated.isoformat()
    atom = client.get("/vi/feeds/atom.xml").content.decode()
    stamps = {datetime.fromisoformat(x) for x in regex.findall(r"<updated>([^<]*)</updated>", atom)}
    assert stamps == {updated}
    sitemap = client.get("/sitemap-articles-0.xml").content.decode()
    assert "<lastmod>2026-11-08</lastmod>" in sitemap


def test_english_dates_are_written_out(client, outlets):
    article = make_article(outlets[1], 4, language="en")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "7 November 2026" in html and "7/11/2026" not in html


def test_page_sitemap_lists_local_and_outlet_pages_in_every_language(client, outlets):
    """Province and outlet pages are indexable (200, no noindex) and were in no sitemap."""
    from quangba.taxonomy.models import Place

    vi, en = outlets
    en.active = False
    en.save()
    place = Place.for_slugs(["hue", "ha-noi"])[0]
    urls = urlset(client, "/sitemap-pages.xml")
    for lang in ("vi", "en", "es"):
        assert f"{HOST}/{lang}/local/" in urls and f"{HOST}/{lang}/outlets/" in urls
        assert f"{HOST}/{lang}/local/{place.slug}/" in urls
        assert f"{HOST}/{lang}/outlets/{vi.slug}/" in urls
        assert f"{HOST}/{lang}/outlets/{en.slug}/" not in urls  # a withdrawn partner's page is gone
    assert urls[f"{HOST}/es/local/{place.slug}/"]["vi"] == f"{HOST}/vi/local/{place.slug}/"
    assert client.get(f"/en/local/{place.slug}/").status_code == 200
    assert sum("/local/" in u for u in urls) == 3 * (Place.objects.count() + 1)


def test_every_indexable_page_a_reader_can_reach_is_in_a_sitemap(client, outlets):
    """Crawled from each home page two links deep: every page that answers 200 in HTML without
    noindex, is not kept from crawlers by robots.txt and has no query string is in a sitemap
    (About, Contact and Privacy were not)."""
    from urllib.parse import urlsplit

    from quangba.taxonomy.models import Place

    article = make_article(outlets[0], 30)
    article.places.add(Place.for_slugs(["ha-noi"])[0])
    translate(article)
    listed = set()
    for sitemap in xml(client, "/sitemap.xml").findall("s:sitemap/s:loc", NS):
        listed |= set(urlset(client, sitemap.text.removeprefix(HOST)))
    disallowed = [line.split(": ", 1)[1] for line in client.get("/robots.txt").content.decode().splitlines()
                  if line.startswith("Disallow: ")]

    def kept_from_crawlers(path):
        return any(path.startswith(rule.split("*")[0]) and path.endswith(rule.split("*")[-1]) for rule in disallowed)

    seen, frontier, indexable = set(), [f"/{lang}/" for lang in ("vi", "en", "es")], set()
    for _depth in range(3):
        found = []
        for path in frontier:
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            doc = lxml_html.fromstring(response.content)
            if not doc.xpath('//meta[@name="robots" and contains(@content, "noindex")]'):
                indexable.add(path)
            for href in doc.xpath("//a/@href"):
                link = urlsplit(href)
                if not link.netloc and not link.query and link.path.startswith("/") and not kept_from_crawlers(link.path):
                    found.append(link.path)
        frontier = found
    assert len(indexable) > 40
    missing = sorted(path for path in indexable if HOST + path not in listed)
    assert not missing, missing
