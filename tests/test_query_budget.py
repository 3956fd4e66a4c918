"""Every public page renders with at most 12 SQL queries, however many articles it shows."""
import pytest

from quangba.articles.models import Article
from quangba.core.stages import send
from quangba.comments.models import Comment
from quangba.articles.models import ArticleTranslation
from _factories import make_article

pytestmark = pytest.mark.django_db
BUDGET = 12


@pytest.fixture
def many(outlets, drain_tasks):
    sections = ["news", "business", "travel", "heritage", "video"]
    articles = [make_article(outlets[n % 2], n, language=("vi", "en")[n % 2], section=sections[n % 5],
                             media=[{"url": "https://www.youtube.com/embed/abcdefgh", "type": "text/html"}]
                             if n % 7 == 0 else [])
                for n in range(40)]
    for article in articles[:20]:
        Comment.objects.create(article=article, language=article.language, name="A", email="a@example.org",
                               text="ok", status=Comment.Status.APPROVED)
        Article.objects.filter(pk=article.pk).update(comment_count=1)  # as the moderation action keeps it
        ArticleTranslation.objects.create(article=article, language="es", title=f"Título {article.pk}",
                                          slug=f"titulo-{article.pk}", lead="Entradilla.", body_html="<p>Hola</p>",
                                          status=ArticleTranslation.Status.PUBLISHED,
                                          source_hash=article.content_hash)
    send("bake", [article.pk for article in articles])  # the bake stage indexes them
    drain_tasks()
    return articles


@pytest.mark.parametrize("path", ["/vi/", "/en/", "/es/", "/vi/travel/", "/es/news/", "/vi/outlets/",
                                  "/vi/outlets/song-hong/", "/vi/search/?q=bai", "/es/search/?q=titulo"])
def test_listing_pages(client, many, path, django_assert_max_num_queries, settings):
    settings.QUANGBA_BAKE = False  # measure the views, not the baked files
    with django_assert_max_num_queries(BUDGET):
        response = client.get(path)
    assert response.status_code == 200 and "X-Quangba-Baked" not in response
    if "search" in path:
        assert response.content.decode().count("<li><h2>") == 10


def test_article_pages(client, many, django_assert_max_num_queries):
    article = Article.objects.filter(language="vi", comments__isnull=False).first()
    translation = ArticleTranslation.objects.first()
    for url in (article.get_absolute_url(), translation.get_absolute_url(), f"/vi/article/{article.pk}/comment/"):
        with django_assert_max_num_queries(BUDGET):
            assert client.get(url).status_code == 200, url


@pytest.mark.slow
def test_every_public_page_of_a_real_ingest_keeps_the_budget(partners, settings):
    """The sample partners ingested through the whole chain (stories, related reading, places,
    translations, comments), then every public page a reader can reach crawled from the home pages
    — articles in every language, lists and their next pages, Local and places, outlets, the
    comment pages, feeds, sitemaps, search and the API — each rendered by the views, uncached, and
    its statements counted."""
    import re
    from collections import deque

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from quangba.core.scheduler import run_until_idle
    from quangba.stories.models import RelatedArticle

    assert run_until_idle(timeout=300)
    article = Article.objects.published().filter(pk__in=RelatedArticle.objects.values("article_id")).first()
    assert article is not None and Article.objects.published().count() >= 30  # the paths below run
    for n in range(3):
        Comment.objects.create(article=article, language=article.language, name="A", email="a@example.org",
                               text=f"ý kiến {n}", status=Comment.Status.APPROVED)
    Article.objects.filter(pk=article.pk).update(comment_count=3)  # as the moderation action keeps it
    settings.QUANGBA_BAKE = False
    client = Client()
    start = ["/vi/", "/en/", "/es/", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt", "/api/v1/articles/",
             "/api/v1/stories/", "/api/v1/sections/", "/api/v1/outlets/", "/api/v1/places/",
             "/api/v1/articles/?limit=100&lang=es", "/vi/search/?q=ha+noi", "/en/search/?q=vietnam", "/es/search/?q=hanoi",
             f"{article.get_absolute_url()}", f"/{article.language}/article/{article.pk}/comment/"]
    seen, queue, over, counted = set(start), deque(start), {}, 0
    link = re.compile(r'(?:href|src)="((?:/|\?|http://testserver/)[^"#]*)"')
    while queue and counted < 1500:
        path = queue.popleft()
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        counted += 1
        assert response.status_code in (200, 301, 302), (path, response.status_code)
        if len(queries) > BUDGET:
            over[path] = [q["sql"][:160] for q in queries.captured_queries]
        if response.status_code != 200:
            continue
        body = response.content.decode()
        found_links = link.findall(body)
        if response.get("Content-Type", "").startswith("application/json"):  # each article of a list
            found_links = [f"/api/v1/articles/{pk}/" for pk in re.findall(r'"id": ?(\d+)', body)] \
                if path.startswith(("/api/v1/articles/?", "/api/v1/articles/")) and path.count("/") == 4 else []
        for found in found_links:
            found = found.replace("http://testserver", "").replace("&amp;", "&")
            if found.startswith("?"):  # the next page of this list
                found = path.split("?")[0] + found
            if found.startswith(("/static/", "/media/", "/admin/", "/desk/")) or found in seen:
                continue
            if "?" in found and not re.search(r"[?&]page=2(&|$)", found):  # next pages, not every filter
                continue
            seen.add(found)
            queue.append(found)
    for part in ("/vi/local/", "/en/outlets/", "/es/feeds/", "/comment/", "page=2", "/api/v1/articles/", "/es/article/"):
        assert counted >= 150 and any(part in path for path in seen), (part, counted)
    assert over == {}, over
