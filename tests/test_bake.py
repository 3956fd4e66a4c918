"""Baked pages: written when content changes, served without the views, removed on takedown."""
import pytest
from django.contrib.auth import get_user_model

from _factories import make_article
from quangba.articles.actions import TakedownArticle
from quangba.articles.models import Article
from quangba.comments.models import Comment
from quangba.core.stages import send
from quangba.web.bake import bake_all, file_for
from quangba.web.cache import forget

pytestmark = pytest.mark.django_db


def test_file_for_refuses_paths_that_escape():
    assert file_for("/vi/../../etc/") is None
    assert file_for("/vi/travel/").parts[-3:] == ("vi", "travel", "index.html")


def test_change_bakes_article_home_and_section(client, outlets, drain_tasks):
    article = make_article(outlets[0], 1, section="travel")
    send("bake", [article.pk])
    drain_tasks()
    for path in (article.get_absolute_url(), "/vi/", "/vi/travel/", "/vi/local/"):
        assert file_for(path).exists(), path
    # Only the pages that show it: the English home does not list a Vietnamese article.
    assert not file_for("/en/").exists() and not file_for("/vi/business/").exists()
    response = client.get(article.get_absolute_url())
    assert response["X-Quangba-Baked"] == "1" and article.title in response.content.decode()
    # A query the page reads, or a page not baked, goes to the views.
    assert "X-Quangba-Baked" not in client.get("/vi/travel/?page=2")
    assert "X-Quangba-Baked" not in client.get("/vi/search/?q=ha")


def test_takedown_removes_the_baked_page_and_answers_410(client, outlets, drain_tasks):
    article = make_article(outlets[0], 2)
    send("bake", [article.pk])
    drain_tasks()
    assert file_for(article.get_absolute_url()).exists()
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-ed-12345")
    TakedownArticle(article, user=editor, reason="withdrawn").run()
    drain_tasks()
    assert not file_for(article.get_absolute_url()).exists()
    assert client.get(article.get_absolute_url()).status_code == 410
    assert article.title not in file_for("/vi/").read_text()


def test_approved_comment_rebakes_the_count(client, outlets, drain_tasks):
    article = make_article(outlets[0], 3)
    send("bake", [article.pk])
    drain_tasks()
    comment = Comment.objects.create(article=article, language="vi", name="Lan", email="l@example.org",
                                     text="Cảm ơn bài viết")
    editor = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-ed-12345")
    client.force_login(editor)
    client.post("/admin/comments/comment/", {"action": "action_approvecomment", "_selected_action": [comment.pk]})
    drain_tasks()
    assert "Cảm ơn bài viết" in file_for(article.get_absolute_url()).read_text()


def test_bake_all(outlets):
    for n in range(3):
        make_article(outlets[0], n, section="business")
    written = bake_all()
    assert written >= 3 + 3  # three articles, home in each language, sections
    assert file_for("/vi/business/").exists() and file_for("/es/").exists()


def test_page_cache_serves_hits_and_forgets_on_change(client, outlets, settings, drain_tasks):
    settings.QUANGBA_BAKE = False
    first = make_article(outlets[0], 10, section="travel")
    assert "X-Quangba-Cache" not in client.get("/vi/travel/")
    hit = client.get("/vi/travel/")
    assert hit["X-Quangba-Cache"] == "hit" and first.title in hit.content.decode()
    second = make_article(outlets[0], 11, section="travel")
    assert second.title not in client.get("/vi/travel/").content.decode()  # still the cached page
    send("bake", [second.pk])
    drain_tasks()  # the bake stage moves the generation on, in the database
    forget()  # as one second later
    fresh = client.get("/vi/travel/")
    assert "X-Quangba-Cache" not in fresh and second.title in fresh.content.decode()


def test_a_bake_renders_fresh_data_not_the_page_cache(client, outlets, drain_tasks):
    """A page cached by this process must not be what the bake writes after a change made
    elsewhere (another process's takedown)."""
    article = make_article(outlets[0], 20, section="travel")
    send("bake", [article.pk])
    drain_tasks()
    client.get("/vi/travel/?page=1")  # a cached copy showing the article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.WITHDRAWN)  # as another process would
    send("bake", [article.pk])
    drain_tasks()
    assert article.title not in file_for("/vi/travel/").read_text()
    assert not file_for(article.get_absolute_url()).exists()


def test_bake_all_bakes_the_last_month_and_older_pages_when_first_asked(client, outlets):
    from datetime import timedelta

    from django.utils import timezone

    recent, old = make_article(outlets[0], 40), make_article(outlets[0], 41)
    Article.objects.filter(pk=recent.pk).update(published_at=timezone.now() - timedelta(days=2))
    Article.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=400))
    bake_all()
    assert file_for(recent.get_absolute_url()).exists() and not file_for(old.get_absolute_url()).exists()
    first = client.get(old.get_absolute_url())
    assert first.status_code == 200 and "X-Quangba-Baked" not in first
    assert file_for(old.get_absolute_url()).exists()  # baked as it was served
    assert client.get(old.get_absolute_url())["X-Quangba-Baked"] == "1"
    assert not file_for("/vi/outlets/song-hong/").exists()  # only the pages the bake stage keeps
    client.get("/vi/outlets/song-hong/")
    assert not file_for("/vi/outlets/song-hong/").exists()


def test_a_page_is_written_although_another_worker_drops_its_folder_meanwhile(settings, tmp_path, monkeypatch):
    """Two workers: one drops an article's folder (its pages are baked again just after) while the
    other writes a page there as a neighbour. The write made the folder again instead of failing
    the whole bake with FileNotFoundError (seen with two workers in the freshness bench)."""
    import shutil
    import tempfile

    from quangba.web import bake

    settings.QUANGBA_BAKED_DIR = tmp_path
    target = bake.file_for("/vi/article/62-bai-viet/")
    real, dropped = tempfile.mkstemp, []

    def meanwhile(*args, **kwargs):
        if not dropped:
            dropped.append(True)
            shutil.rmtree(target.parent)  # the other worker's _drop_article_pages
        return real(*args, **kwargs)

    monkeypatch.setattr(bake.tempfile, "mkstemp", meanwhile)
    bake._write("/vi/article/62-bai-viet/", b"<!doctype html><title>x</title>")
    assert target.read_bytes() == b"<!doctype html><title>x</title>" and dropped
    assert not list(target.parent.glob(".bake-*"))
