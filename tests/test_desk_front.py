"""Front-page curation on the desk: a story pinned or featured on a language's home or section
page (from and until a time, in the editors' order) leads the baked page at once; a story's lead
article is its card; stories merged and split; every step an audited Action."""
from datetime import timedelta

import pytest
from django.utils import timezone

from _factories import make_article
from quangba.articles import listings
from quangba.articles.models import Article
from quangba.core.models import AuditEntry, Counter
from quangba.core.text import identity_hash
from quangba.stories.models import FrontPick, Story, StoryArticle
from quangba.web.bake import file_for
from quangba.web.stages import Bake

pytestmark = pytest.mark.django_db


def story_of(*articles, title=None):
    story = Story.objects.create(title=title or articles[0].title, reports=len(articles))
    for article in articles:
        StoryArticle.objects.create(story=story, article=article, day=1, content_hash="x")
    listings.update([a.pk for a in articles])
    return story


def home_cards(html: str) -> list[str]:
    start = html.index('id="latest-h"')
    latest = html[start:html.index("</section>", start)]
    return [part.split('"', 1)[0] for part in latest.split('<h3 class="title"><a href="')[1:]]


def test_front_pages_are_for_staff_only(client):
    assert "/admin/login/" in client.get("/desk/front/")["Location"]
    assert "/admin/login/" in client.post("/desk/front/", {"pick": "pin:1"})["Location"]


def test_a_pinned_story_leads_the_baked_home_page_at_once(client, editor, outlets, drain_tasks,
                                                          django_capture_on_commit_callbacks,
                                                          django_assert_max_num_queries):
    vi, _en = outlets
    old = make_article(vi, 1, section="heritage")
    newer = [make_article(vi, n) for n in range(2, 6)]
    story = story_of(old)
    for article in newer:
        story_of(article)
    assert home_cards(client.get("/vi/").content.decode())[0] != old.get_absolute_url()
    with django_assert_max_num_queries(12):
        page = client.get("/desk/front/?language=vi", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and f'data-story="{story.pk}"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/desk/front/", {"language": "vi", "pick": f"pin:{story.pk}", "reason": "state visit"})
    assert response.status_code == 302
    baked = file_for("/vi/").read_text()  # baked again in the editor's request, before the next page loads
    assert home_cards(baked)[0] == old.get_absolute_url()
    assert home_cards(client.get("/vi/").content.decode()).count(old.get_absolute_url()) == 1
    pick = FrontPick.objects.get()
    assert pick.kind == "pin" and pick.language == "vi" and pick.section is None and pick.created_by == editor
    assert AuditEntry.objects.filter(action="pick", reason="state visit").exists()
    # The English home is another page: untouched.
    assert old.get_absolute_url() not in client.get("/en/").content.decode()
    # Taken off: the page is the latest news again.
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/front/", {"language": "vi", "end": pick.pk})
    assert home_cards(file_for("/vi/").read_text())[0] != old.get_absolute_url()
    assert FrontPick.objects.get().ends_at is not None


def test_picks_on_a_section_page_and_their_order(client, editor, outlets, django_capture_on_commit_callbacks):
    vi, _en = outlets
    a, b = make_article(vi, 1), make_article(vi, 2)
    first, second = story_of(a), story_of(b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/front/", {"language": "vi", "section": "travel", "pick": f"feature:{first.pk}"})
        client.post("/desk/front/", {"language": "vi", "section": "travel", "pick": f"feature:{second.pk}"})
    html = client.get("/vi/travel/").content.decode()
    top = html[html.index('id="picks-h"'):html.index("</section>", html.index('id="picks-h"'))]
    assert top.index(b.get_absolute_url()) < top.index(a.get_absolute_url())  # the newest pick first
    older = FrontPick.objects.get(story=first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/front/", {"language": "vi", "section": "travel", "move": f"up:{older.pk}"})
    html = file_for("/vi/travel/").read_text()
    top = html[html.index('id="picks-h"'):html.index("</section>", html.index('id="picks-h"'))]
    assert top.index(a.get_absolute_url()) < top.index(b.get_absolute_url())
    assert 'id="picks-h"' not in client.get("/vi/travel/?page=2").content.decode()
    assert 'id="picks-h"' not in client.get("/vi/business/").content.decode()


def test_a_scheduled_pick_appears_and_goes_at_its_times(client, editor, outlets, django_capture_on_commit_callbacks):
    vi, _en = outlets
    article = make_article(vi, 1)
    make_article(vi, 2)
    story = story_of(article)
    now = timezone.localtime()
    starts, ends = now + timedelta(minutes=10), now + timedelta(minutes=70)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/front/", {"language": "vi", "pick": f"pin:{story.pk}",
                                     "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
                                     "ends_at": ends.strftime("%Y-%m-%dT%H:%M")})
    assert home_cards(file_for("/vi/").read_text())[0] != article.get_absolute_url()
    desk = client.get("/desk/front/?language=vi", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "from " + starts.strftime("%d/%m %H:%M") in desk
    stage = Bake()
    stage.sweep(timezone.now())  # the first pass only notes the time
    assert stage.sweep(timezone.now()) == 0
    # Its time comes: the next pass bakes the page again (the clock moved on by ten minutes).
    FrontPick.objects.update(starts_at=timezone.now() - timedelta(seconds=1))
    Counter.write("sweep:picks", int((timezone.now() - timedelta(seconds=30)).timestamp()))
    assert stage.sweep(timezone.now()) == 1
    assert home_cards(file_for("/vi/").read_text())[0] == article.get_absolute_url()
    # And its end.
    FrontPick.objects.update(ends_at=timezone.now() - timedelta(seconds=1))
    Counter.write("sweep:picks", int((timezone.now() - timedelta(seconds=30)).timestamp()))
    assert stage.sweep(timezone.now()) == 1
    assert home_cards(file_for("/vi/").read_text())[0] != article.get_absolute_url()
    bad = client.post("/desk/front/", {"language": "vi", "pick": f"pin:{story.pk}",
                                       "starts_at": ends.strftime("%Y-%m-%dT%H:%M"),
                                       "ends_at": starts.strftime("%Y-%m-%dT%H:%M")})
    assert bad.status_code == 400


def test_the_lead_article_is_the_storys_card(client, editor, outlets, drain_tasks):
    vi, _en = outlets
    first, second = make_article(vi, 1), make_article(vi, 2)
    story = story_of(first, second)
    assert second.get_absolute_url() in home_cards(client.get("/vi/").content.decode())
    response = client.post(f"/desk/stories/{story.pk}/", {"lead": first.pk})
    assert response.status_code == 302
    assert Story.objects.get(pk=story.pk).lead_id == first.pk
    drain_tasks()  # the bake stage bakes the fronts again
    cards = home_cards(client.get("/vi/").content.decode())
    assert first.get_absolute_url() in cards and second.get_absolute_url() not in cards
    assert AuditEntry.objects.filter(action="choose lead").exists()


def test_merge_and_split_stories(client, editor, outlets, drain_tasks):
    vi, en = outlets
    a, b, c = make_article(vi, 1), make_article(vi, 2), make_article(vi, 3)
    one, two = story_of(a), story_of(b, c)
    FrontPick.objects.create(story=two, language="vi")
    client.post("/desk/front/", {"language": "vi", "merge": "1", "stories": [one.pk, two.pk]})
    assert set(StoryArticle.objects.values_list("story_id", flat=True)) == {one.pk}
    assert not Story.objects.filter(pk=two.pk).exists() and FrontPick.objects.get().story_id == one.pk
    assert Story.objects.get(pk=one.pk).reports == 3
    drain_tasks()
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Also reported by" in page or "Cũng được đưa tin" in page or b.title in page
    assert client.post("/desk/front/", {"language": "vi", "merge": "1", "stories": [one.pk]},
                       follow=True).status_code == 200
    # Split c off into a story of its own.
    response = client.post(f"/desk/stories/{one.pk}/", {"split": "1", "articles": [c.pk], "reason": "another event"})
    new = StoryArticle.objects.get(article=c).story
    assert new.pk != one.pk and response["Location"] == f"/desk/stories/{new.pk}/"
    assert Story.objects.get(pk=one.pk).reports == 2 and new.reports == 1
    # Not everything: a split leaves a report in each story.
    client.post(f"/desk/stories/{new.pk}/", {"split": "1", "articles": [c.pk]})
    assert StoryArticle.objects.get(article=c).story_id == new.pk
    assert {"merge stories", "split story"} <= set(AuditEntry.objects.values_list("action", flat=True))
    html = client.get(f"/desk/stories/{one.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'data-article="{a.pk}"' in html and f'data-article="{c.pk}"' not in html


def test_a_story_is_found_by_an_article_url(client, editor, outlets, django_capture_on_commit_callbacks):
    vi, _en = outlets
    old = make_article(vi, 1)
    Article.objects.filter(pk=old.pk).update(identity=identity_hash(old.original_url))  # as the ingest stores it
    story = story_of(old)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/desk/front/", {"language": "vi", "find": old.original_url, "kind": "feature"})
    assert FrontPick.objects.get().story_id == story.pk and FrontPick.objects.get().kind == "feature"
    missing = client.post("/desk/front/", {"language": "vi", "find": "https://nowhere.example/x"}, follow=True)
    assert missing.status_code == 200 and FrontPick.objects.count() == 1


def test_the_story_page_and_its_budget(client, editor, outlets, django_assert_max_num_queries):
    vi, en = outlets
    reports = [make_article(vi if n % 2 else en, n, language="vi" if n % 2 else "en") for n in range(1, 9)]
    story = story_of(*reports)
    FrontPick.objects.create(story=story, language="en")
    with django_assert_max_num_queries(12):
        html = client.get(f"/desk/stories/{story.pk}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert html.count("data-article=") == 8 and "8 bài công khai" in html and "/en/" in html
    assert client.get("/desk/stories/999999/").status_code == 404
    assert client.post(f"/desk/stories/{story.pk}/", {"lead": "999999"}).status_code == 404
    stranger = make_article(vi, 20)
    refused = client.post(f"/desk/stories/{story.pk}/", {"lead": stranger.pk}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "must be one of the story" in refused.content.decode() and Story.objects.get(pk=story.pk).lead is None
