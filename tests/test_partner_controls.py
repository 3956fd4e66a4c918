"""Partner controls: takedown of an article or a whole outlet in one action, audited."""
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from _factories import make_article
from quangba.articles.actions import RestoreArticle, TakedownArticle
from quangba.articles.models import Article
from quangba.core.models import AuditEntry, Handoff
from quangba.sources.actions import RestoreOutlet, TakedownOutlet
from quangba.sources.models import Feed

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-editor-123")


def test_article_takedown_is_gone_everywhere_and_audited(client, outlets, editor, drain_tasks):
    article = make_article(outlets[0], 1)
    url = article.get_absolute_url()
    TakedownArticle(article, user=editor, reason="partner asked on 2026-11-29").run()
    # The change re-enters the chain at the publish stage (which hands it to the bake stage).
    assert Handoff.objects.filter(stage="publish", key=article.pk).exists()
    assert client.get(url).status_code == 410  # at once
    drain_tasks()
    assert article.title not in client.get("/vi/").content.decode()
    assert article.title not in client.get("/vi/travel/").content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.action, entry.target_id, entry.reason, entry.automatic) == \
        (editor, "takedown", str(article.pk), "partner asked on 2026-11-29", False)


def test_restore_lets_the_publish_stage_decide_again(outlets, editor, drain_tasks):
    article = make_article(outlets[0], 7)
    TakedownArticle(article, user=editor, reason="by mistake").run()
    drain_tasks()
    assert Article.objects.get(pk=article.pk).status == Article.Status.WITHDRAWN  # the takedown sticks
    RestoreArticle(article, user=editor, reason="the partner confirmed").run()
    drain_tasks()
    restored = Article.objects.get(pk=article.pk)
    assert restored.status == Article.Status.PUBLISHED and not restored.decided_by_editor
    publish = AuditEntry.objects.get(action="publish")
    assert publish.automatic and publish.user is None and "publishes automatically" in publish.reason


def test_outlet_takedown_in_one_action_and_restore(client, outlets, editor, drain_tasks):
    articles = [make_article(outlets[0], n) for n in range(3)]
    Feed.objects.create(outlet=outlets[0], url="https://song-hong.example/rss")
    changed = TakedownOutlet(outlets[0], user=editor, reason="agreement ended").run()
    drain_tasks()
    assert sorted(changed) == sorted(a.pk for a in articles)
    for article in articles:
        assert client.get(article.get_absolute_url()).status_code == 410
    assert client.get("/vi/outlets/song-hong/").status_code == 410
    assert "Báo Sông Hồng" not in client.get("/vi/outlets/").content.decode()
    assert "Bài 0" not in client.get("/vi/").content.decode()
    from quangba.core import scheduler

    assert scheduler.tick()["poll"] == 0  # its feeds are no longer polled
    RestoreOutlet(outlets[0], user=editor, reason="renewed").run()
    drain_tasks()
    assert client.get(articles[0].get_absolute_url()).status_code == 200
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["restore", "takedown"]


def test_actions_check_permission(outlets):
    reader = get_user_model().objects.create_user("reader", "r@example.org", "pw-reader-123")
    article = make_article(outlets[0], 9)
    with pytest.raises(PermissionDenied):
        TakedownArticle(article, user=reader, reason="x").run()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    assert not AuditEntry.objects.exists()


def test_admin_takedown_asks_why_then_acts(client, outlets, editor):
    article = make_article(outlets[0], 5)
    client.force_login(editor)
    changelist = "/admin/articles/article/"
    action = "action_takedownarticle"
    page = client.post(changelist, {"action": action, "_selected_action": [article.pk]})
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED
    client.post(changelist, {"action": action, "_selected_action": [article.pk], "confirmed": "1",
                             "reason": "duplicate of another outlet's story"})
    assert Article.objects.get(pk=article.pk).status == Article.Status.WITHDRAWN
    assert AuditEntry.objects.get().reason == "duplicate of another outlet's story"
