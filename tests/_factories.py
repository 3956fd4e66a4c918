"""Small factories for tests that need published articles without running the pipeline (their
listings are kept as the bake stage would)."""
from datetime import datetime, timezone as dt_timezone

from quangba.articles import listings
from quangba.articles.models import Article, ArticleImage
from quangba.demo.media import png
from quangba.media import store
from quangba.taxonomy.models import Section

BODY = ('<p>Đoạn một về Hà Nội.</p><figure><img src="https://img.example/a.jpg" alt="Hồ Gươm">'
        '<figcaption>Hồ Gươm buổi sáng. <span class="credit">Ảnh: Lan Anh</span></figcaption></figure>'
        '<p>Đoạn hai.</p><script>alert(1)</script>')


def kept_picture(name: str = "ho-guom", width: int = 480, height: int = 270):
    """A picture the media stage has kept (rendered into the test's media directory once)."""
    data = png(name, "river", width, height)
    return store.keep_bytes(data, url=f"https://img.example/{name}.png")


def make_article(outlet, n, *, language="vi", section="travel", status=Article.Status.PUBLISHED, **extra):
    article = Article.objects.create(
        outlet=outlet, identity=f"{outlet.slug}-{n}", original_url=f"https://{outlet.slug}.example/{n}.html",
        language=language, title=f"Bài {n} của {outlet.name}", slug=f"bai-{n}", lead=f"Sapo {n}.",
        body_html=BODY, published_at=datetime(2026, 11, 7, 1, n % 60, tzinfo=dt_timezone.utc),
        section=Section.for_slug(section), status=status, content_hash=str(n), confidence=0.9, **extra)
    ArticleImage.objects.create(article=article, position=0, url="https://img.example/a.jpg",
                                caption="Hồ Gươm buổi sáng.", credit="Lan Anh", width=960, height=540,
                                file=kept_picture())
    listings.update([article.pk])  # as the bake stage would
    return article


def keep_poster(article, url: str, name: str = "poster"):
    """A video's poster the media stage has kept for `article` (an image row marked `poster_for`)."""
    return article.images.create(position=1000, url=url, poster_for=url, file=kept_picture(name, 640, 360)).file
