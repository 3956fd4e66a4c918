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
