"""End to end: the sample partner sites over HTTP → a fresh database → the public pages."""
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client

from quangba.articles.models import Article, ArticleImage, ArticleVersion
from quangba.core.scheduler import run_until_idle
from quangba.demo.outlets import load_outlets
from quangba.ingest.models import Entry
from quangba.sources.models import Feed

pytestmark = pytest.mark.slow


def counts() -> dict:
    return {"articles": Article.objects.count(), "versions": ArticleVersion.objects.count(),
            "images": ArticleImage.objects.count(), "entries": Entry.objects.count()}


def poll_now():
    from django.utils import timezone

    Feed.objects.update(next_check_at=timezone.now())
    assert run_until_idle(timeout=300)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def links_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.links


def test_ingest_reingest_edit_and_render(partner_server, partners):
    samples = load_outlets()
    expected = sum(len(o.articles) for o in samples)

    # 1. First ingest over HTTP: every sample article arrives once, with its versions and images.
    poll_now()
    first = counts()
    failed = list(Entry.objects.exclude(state=Entry.State.DONE).values_list("url", "last_error"))
    assert not failed, failed
    assert first["articles"] == expected
    assert first["versions"] == expected
    assert first["images"] >= expected
    assert Article.objects.filter(published_at__isnull=True).count() == 0
    assert Article.objects.filter(section__isnull=True).count() == 0
    # Every sample is about a place but the National Assembly's debate, held in Hanoi.
    assert list(Article.objects.filter(places__isnull=True).values_list("title", flat=True)) == \
        ["Quốc hội thảo luận dự án Luật Du lịch (sửa đổi)"]
    assert Feed.objects.filter(error_count=0, last_status=200).count() == len(samples)
    check_stories(samples)

    # 2. Ingest again: the feeds answer 304 or list the same entries; nothing new, nothing doubled.
    poll_now()
    assert counts() == first
    assert set(Feed.objects.values_list("last_status", flat=True)) <= {200, 304}

    # 3. The outlet corrects one article: one update, the previous version kept.
    outlet = samples[0]
    edited_slug = outlet.articles[0].slug
    partner_server.edit_article(outlet.slug, edited_slug, title="Corrected: " + outlet.articles[0].title,
                                append_paragraph="Correction: an earlier version misstated the date.")
    poll_now()
    after = counts()
    assert after["articles"] == first["articles"]
    assert after["versions"] == first["versions"] + 1
    article = Article.objects.get(title__startswith="Corrected: ")
    assert article.version == 2
    assert list(article.versions.values_list("number", flat=True)) == [2, 1]
    assert not article.versions.get(number=1).title.startswith("Corrected")
    assert "misstated the date" in article.body_html

    # 4. The rendered site: every published article reachable from the home page by links.
    client = Client()
    published = Article.objects.published()
    assert published.count() >= 40
    reachable = crawl(client, published)
    for article in published:
        assert article.get_absolute_url() in reachable, article.title
    with_photos = [a for a in published if a.images.exists() and "<figcaption" in a.body_html]
    assert len(with_photos) >= 40 and len({a.outlet_id for a in with_photos}) >= 4


def crawl(client: Client, published) -> set[str]:
    """Follow internal links from each language's home page; assert none is broken."""
    seen: set[str] = set()
    queue = [f"/{code}/" for code in ("vi", "en", "es")]
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code == 301:  # an old slug (the edited title) redirects to the new one
            queue.append(response["Location"])
            continue
        assert response.status_code == 200, (path, response.status_code)
        html = response.content.decode()
        assert "No data" not in html
        if re.match(r"^/\w\w/article/\d+-", path):
            check_article_page(html)
        for href in links_of(html):
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(("/admin", "/static")):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in seen:
                queue.append(target)
    return seen


def check_article_page(html: str) -> None:
    assert re.search(r'<html lang="(vi|en|es)"', html)
    assert re.search(r'<time datetime="2026-[^"]+\+07:00"', html), "date in Vietnam time"
    assert 'class="source"' in html and re.search(r'Source:|Nguồn:|Fuente:', html)
    source = re.search(r'class="source">.*?<a href="(http://127\.0\.0\.1:\d+/[^"]+)"', html, re.S)
    assert source, "Source link to the original"
    assert 'class="outlet"' in html
    if 'class="video"' not in html:  # video items show their player instead of photos
        assert "<figure" in html and "<figcaption" in html, "captioned images"


def check_stories(samples):
    """Same-language reports of one event share a story; nothing unrelated is grouped."""
    from itertools import combinations

    from quangba.stories.models import StoryArticle

    truth = {}
    for outlet in samples:
        for sample in outlet.articles:
            truth[sample.path] = (sample.story or sample.path, outlet.language)
    links = list(StoryArticle.objects.select_related("article"))
    assert len(links) == sum(len(o.articles) for o in samples)
    labelled = []
    for link in links:
        path = next(p for p in truth if link.article.original_url.endswith(p))
        labelled.append((truth[path], link.story_id))
    grouped = 0
    for (label_a, story_a), (label_b, story_b) in combinations(labelled, 2):
        if story_a == story_b:
            assert label_a[0] == label_b[0], (label_a, label_b)  # precision, any languages
            grouped += 1
        elif label_a[1] == label_b[1]:
            assert label_a[0] != label_b[0], (label_a, label_b)  # recall within a language
    assert grouped >= 4
