"""A takedown is gone from every public surface at once, and a restore brings it back: every baked
file (other articles' "Related" and "Also reported by" blocks included, in every language), the
feeds, the sitemaps, search and the API — through `quangba takedown` / `quangba restore`, the same
Actions the admin runs."""
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from quangba.articles.models import Article
from quangba.core.models import AuditEntry
from quangba.core.scheduler import run_until_idle
from quangba.stories.models import RelatedArticle, StoryArticle
from quangba.web.bake import baked_root

pytestmark = pytest.mark.slow


def baked_files() -> dict[str, str]:
    root = baked_root()
    return {str(p.relative_to(root)): p.read_text("utf-8") for p in root.rglob("index.html")}


def mentions(html: str, article: Article) -> bool:
    return bool(re.search(rf"/article/{article.pk}-", html)) or article.original_url in html


def public_surfaces(client: Client, article: Article) -> dict[str, str]:
    from django.core.cache import cache

    cache.clear()
    paths = [f"/{code}/feeds/rss.xml" for code in ("vi", "en", "es")] + [
        "/sitemap-articles-0.xml", "/sitemap-news.xml", "/api/v1/articles/?limit=100", "/api/v1/stories/",
        f"/{article.language}/search/?q=" + "+".join(re.findall(r"\w+", article.title)[:3])]
    return {path: client.get(path).content.decode() for path in paths}


def test_takedown_and_restore_of_an_article_and_an_outlet_reach_every_page(partners):
    assert run_until_idle(timeout=300)
    # An article other pages show: in a story of several outlets, or another article's related reading.
    shown_elsewhere = set(RelatedArticle.objects.values_list("other_id", flat=True))
    grouped = {link.article_id for link in StoryArticle.objects.all()
               if StoryArticle.objects.filter(story_id=link.story_id).count() > 1}
    article = Article.objects.published().filter(pk__in=shown_elsewhere & grouped).order_by("pk").first() \
        or Article.objects.published().filter(pk__in=grouped).first()
    before = [path for path, html in baked_files().items() if mentions(html, article)]
    assert len(before) >= 3, before  # its own page, home, and at least one other page

    call_command("takedown", article.original_url, reason="the partner withdrew it")
    assert run_until_idle(timeout=120)
    still = [path for path, html in baked_files().items() if mentions(html, article)]
    assert still == [], still
    client = Client()
    assert client.get(article.get_absolute_url()).status_code == 410
    for path, body in public_surfaces(client, article).items():
        assert not mentions(body, article) and f'"id": {article.pk},' not in body, path
    entry = AuditEntry.objects.get(action="takedown", target_id=str(article.pk))
    assert entry.reason == "the partner withdrew it" and entry.user is None and not entry.automatic

    call_command("restore", str(article.pk))
    assert run_until_idle(timeout=120)
    back = [path for path, html in baked_files().items() if mentions(html, article)]
    assert set(before) <= set(back), set(before) - set(back)
    assert client.get(article.get_absolute_url()).status_code == 200

    # A whole outlet taken down: none of its articles on any baked page, in any language; restored: back.
    from quangba.sources.actions import RestoreOutlet, TakedownOutlet

    theirs = list(Article.objects.published().filter(outlet=article.outlet))
    showing = lambda: sorted(path for path, html in baked_files().items()  # noqa: E731
                             if any(mentions(html, a) for a in theirs))
    before = showing()
    assert len(theirs) >= 2 and len(before) >= len(theirs)
    TakedownOutlet(article.outlet, reason="the agreement ended").run()
    assert run_until_idle(timeout=120)
    assert showing() == []
    for path, body in public_surfaces(client, theirs[0]).items():
        assert not any(mentions(body, a) for a in theirs), path
    RestoreOutlet(article.outlet, reason="renewed").run()
    assert run_until_idle(timeout=120)
    assert set(before) <= set(showing()), set(before) - set(showing())


def test_the_commands_name_what_they_cannot_find(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no article is known by"):
        call_command("takedown", "https://nowhere.example/a.html")
