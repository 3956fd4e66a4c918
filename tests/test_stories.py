"""Stories: same-event reports grouped incrementally and deterministically; one card per story;
"Also reported by"; the same text under a new URL updates the article."""
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest

from quangba.articles.models import Article
from quangba.core.stages import send
from quangba.stories import grouping as service
from quangba.stories.models import Story, StoryArticle
from quangba.stories.similarity import Candidate, Matcher, Profile, WindowIndex, near_duplicate, similarity
from _factories import make_article

METRO_A = ("Tàu metro số 3 lần đầu chạy thử đoạn đi ngầm qua ga Cát Linh và ga Hà Nội, hành khách "
           "có thể đi từ Nhổn tới ga Hà Nội trong 35 phút khi tuyến đi vào khai thác thương mại.")
METRO_B = ("Đoạn đi ngầm của tuyến metro số 3 Nhổn - ga Hà Nội bắt đầu chạy thử, đoàn tàu qua bốn ga ngầm "
           "trong đó có ga Cát Linh; dự kiến khai thác thương mại tuyến metro vào năm sau.")
RICE = ("Lô gạo phát thải thấp đầu tiên của Cần Thơ xuất khẩu sang Nhật Bản, nông dân giảm phân bón "
        "và nước tưới theo đề án một triệu héc ta lúa chất lượng cao.")
WHEN = datetime(2026, 11, 7, 1, 0, tzinfo=dt_timezone.utc)


def profile(text, title=""):
    return Profile.of(title, text)


def test_rewrites_of_one_event_match_and_unrelated_news_does_not():
    metro_a, metro_b, rice = profile(METRO_A, "Tàu metro số 3 chạy thử đoạn ngầm"), \
        profile(METRO_B, "Metro Nhổn - ga Hà Nội chạy thử đi ngầm"), profile(RICE, "Gạo phát thải thấp sang Nhật")
    matcher = Matcher()
    found = matcher.same_story(metro_b, WHEN, [Candidate(1, metro_a, WHEN, 10), Candidate(2, rice, WHEN, 20)])
    assert found is not None and (found.key, found.story) == (1, 10)
    assert matcher.same_story(rice, WHEN, [Candidate(1, metro_a, WHEN, 10)]) is None


def test_time_window_and_near_duplicates():
    matcher = Matcher()
    metro_a = profile(METRO_A, "Metro")
    assert matcher.same_story(profile(METRO_B, "Metro"), WHEN + timedelta(days=5), [Candidate(1, metro_a, WHEN)]) is None
    assert similarity(profile(METRO_A + " Ảnh: TTXVN.", "Metro"), metro_a) == 1.0
    assert near_duplicate(METRO_A, METRO_A + " Thêm một câu.") and not near_duplicate(METRO_A, METRO_B)


def test_a_profile_is_small_and_round_trips_through_bytes():
    original = profile(METRO_A * 20, "Metro")
    data = original.to_bytes()
    again = Profile.from_bytes(data)
    assert len(data) < 2500 and len(original.pairs) <= 200 and len(original.keys) <= 16
    assert (again.keys == original.keys).all() and (again.pairs == original.pairs).all()
    assert similarity(again, original) == 1.0


def test_weights_come_from_the_reference_corpus_not_the_order_of_arrival():
    """The same two articles score the same whatever else was seen before (no running counts)."""
    first = similarity(profile(METRO_A), profile(METRO_B))
    for other in (RICE, METRO_A, RICE * 3):
        profile(other)
    assert similarity(profile(METRO_A), profile(METRO_B)) == first > 0


def test_the_in_memory_index_finds_candidates_by_shared_keys_and_forgets_old_days():
    index = WindowIndex(days=4)
    index.add(1, Candidate(1, profile(METRO_A), WHEN))
    index.add(2, Candidate(2, profile(RICE), WHEN))
    day = WHEN.toordinal()
    assert [c.key for c in index.lookup(profile(METRO_B), day - 1, day + 1)][:1] == [1]
    index.add(3, Candidate(3, profile(RICE), WHEN + timedelta(days=10)))
    assert set(index.entries) == {3}


@pytest.mark.django_db
def test_assignment_is_incremental_idempotent_and_shown(client, outlets, drain_tasks):
    vi, en = outlets
    from quangba.sources.models import Outlet

    third = Outlet.objects.create(name="Đất Việt", slug="dat-viet", homepage="https://dv.example/", language="vi")
    a = make_article(vi, 1, section="news")
    b = make_article(third, 2, section="news")
    c = make_article(vi, 3, section="business")
    for article, text, title in ((a, METRO_A, "Tàu metro số 3 chạy thử đoạn ngầm"),
                                 (b, METRO_B, "Metro Nhổn - ga Hà Nội chạy thử đi ngầm"),
                                 (c, RICE, "Gạo phát thải thấp sang Nhật")):
        Article.objects.filter(pk=article.pk).update(text=text, title=title)
        article.refresh_from_db()
        service.assign(article)
    assert StoryArticle.objects.get(article=a).story_id == StoryArticle.objects.get(article=b).story_id
    assert StoryArticle.objects.get(article=c).story_id != StoryArticle.objects.get(article=a).story_id
    stories = Story.objects.count()
    for article in (a, b, c):
        service.assign(article)  # a re-run changes nothing
    assert Story.objects.count() == stories and StoryArticle.objects.count() == 3
    send("bake", [a.pk, b.pk, c.pk])  # the bake stage counts each story's public reports
    drain_tasks()

    home = client.get("/vi/").content.decode()
    # One report of the story is shown (a section block may repeat a card that Latest holds)…
    assert (a.get_absolute_url() in home) != (b.get_absolute_url() in home)
    assert "1 báo khác cùng đưa tin" in home  # …counting the other outlet
    page = client.get(a.get_absolute_url()).content.decode()
    assert 'id="also-h"' in page and "Đất Việt" in page and b.get_absolute_url() in page


@pytest.mark.django_db
def test_the_grouping_stage_puts_an_article_in_a_story_and_hands_it_on(outlets, drain_tasks):
    from quangba.core.models import Handoff
    from quangba.core.stages import send

    article = make_article(outlets[0], 4)
    send("stories", [article.pk])
    drain_tasks()
    assert StoryArticle.objects.filter(article=article).exists()
    assert not Handoff.objects.exists()  # every later stage ran (translate, publish, bake)
    send("stories", [article.pk])
    drain_tasks()
    assert StoryArticle.objects.count() == 1  # idempotent


@pytest.mark.django_db
def test_related_reading_is_earlier_coverage_and_leaves_the_story_out(client, outlets):
    vi = outlets[0]
    a, b, c, d = (make_article(vi, n, section=s) for n, s in ((1, "news"), (2, "news"), (3, "business"), (4, "travel")))
    metro_1 = ("Tuyến metro số 1 Bến Thành - Suối Tiên ở TP.HCM đón lượt khách thứ mười triệu; đoàn tàu chạy "
               "trên cao qua Thủ Đức và người dân đi làm bằng metro ngày càng nhiều.")
    texts = {c: (metro_1, 0, "Metro số 1 đón khách thứ mười triệu"), d: (RICE, 1, "Gạo phát thải thấp sang Nhật"),
             a: (METRO_A, 2, "Tàu metro số 3 chạy thử đoạn ngầm"), b: (METRO_B, 3, "Metro Nhổn - ga Hà Nội chạy thử")}
    for article, (text, hours, title) in texts.items():
        Article.objects.filter(pk=article.pk).update(text=text, title=title, published_at=WHEN + timedelta(hours=hours))
        article.refresh_from_db()
        service.assign(article)
    members = {link.article_id for link in StoryArticle.objects.filter(story=StoryArticle.objects.get(article=a).story)}
    assert members == {a.pk, b.pk}  # another metro line is another story
    assert service.related_ids(a.pk)[0] == c.pk and not members & set(service.related_ids(b.pk))
    assert service.related_ids(c.pk) == []  # nothing earlier
    page = client.get(a.get_absolute_url()).content.decode()
    related_block = page[page.index('id="related-h"'):]
    assert c.title in related_block and b.title not in related_block


@pytest.mark.django_db
def test_an_earlier_article_arriving_late_changes_the_later_ones_reading(outlets):
    """The result does not depend on the order articles arrive in: a late, earlier article takes
    its place in the related reading of those published after it, and their pages are named."""
    vi = outlets[0]
    later, earlier = make_article(vi, 1, section="news"), make_article(vi, 2, section="business")
    metro_1 = ("Tuyến metro số 1 Bến Thành - Suối Tiên ở TP.HCM đón lượt khách thứ mười triệu; đoàn tàu chạy "
               "trên cao qua Thủ Đức và người dân đi làm bằng metro ngày càng nhiều.")
    Article.objects.filter(pk=later.pk).update(text=METRO_A, title="Tàu metro số 3 chạy thử đoạn ngầm",
                                               published_at=WHEN + timedelta(hours=5))
    Article.objects.filter(pk=earlier.pk).update(text=metro_1, title="Metro số 1 đón khách thứ mười triệu",
                                                 published_at=WHEN)
    later.refresh_from_db()
    earlier.refresh_from_db()
    _link, changed = service.assign(later)
    assert service.related_ids(later.pk) == [] and changed == []
    _link, changed = service.assign(earlier)
    assert changed == [later.pk] and service.related_ids(later.pk) == [earlier.pk]


@pytest.mark.django_db
def test_the_api_lists_stories_with_their_articles(client, outlets, drain_tasks):
    vi, _en = outlets
    a, b = make_article(vi, 1, section="news"), make_article(vi, 2, section="news")
    for article, text in ((a, METRO_A), (b, METRO_B)):
        Article.objects.filter(pk=article.pk).update(text=text, title=text[:40])
        article.refresh_from_db()
        service.assign(article)
    solo = make_article(vi, 3)
    service.assign(solo)
    send("bake", [a.pk, b.pk, solo.pk])
    drain_tasks()
    data = client.get("/api/v1/stories/").json()
    assert data["count"] == 1  # a story of one article is not listed
    assert sorted(x["id"] for x in data["results"][0]["articles"]) == [a.pk, b.pk]


@pytest.mark.django_db
def test_the_api_counts_stories_told_twice_as_reports_come_and_go(client, outlets, drain_tasks):
    from quangba.articles.actions import RestoreArticle, TakedownArticle
    from quangba.sources.models import Outlet

    vi, _en = outlets
    third = Outlet.objects.create(name="Đất Việt", slug="dat-viet", homepage="https://dv.example/", language="vi")
    a, b = make_article(vi, 1, section="news"), make_article(third, 2, section="news")
    for article, text, title in ((a, METRO_A, "Tàu metro số 3 chạy thử đoạn ngầm"),
                                 (b, METRO_B, "Metro Nhổn - ga Hà Nội chạy thử đi ngầm")):
        Article.objects.filter(pk=article.pk).update(text=text, title=title)
        article.refresh_from_db()
        service.assign(article)
    send("bake", [a.pk, b.pk])
    drain_tasks()

    def listed():
        page = client.get("/api/v1/stories/").json()
        return page["count"], [[x["id"] for x in s["articles"]] for s in page["results"]]

    assert listed() == (1, [[a.pk, b.pk]])
    service.recount(list(Story.objects.values_list("pk", flat=True)))  # a second recount moves nothing
    assert listed() == (1, [[a.pk, b.pk]])
    TakedownArticle(Article.objects.get(pk=b.pk), reason="test").run()
    drain_tasks()
    assert listed() == (0, [])
    RestoreArticle(Article.objects.get(pk=b.pk), reason="test").run()
    drain_tasks()
    assert listed() == (1, [[a.pk, b.pk]])


@pytest.mark.django_db
def test_old_profiles_and_index_entries_are_forgotten_at_a_bounded_cost_per_pass(outlets):
    """Profiles older than the windows are emptied, whatever order the articles came in (one dated
    long ago can arrive today), each pass reading a bounded range of ids by primary key and old
    index entries by day: never the whole archive, never sorted by story (the default ordering
    did that, over a second per scheduler pass at a million)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quangba.stories.models import StoryKey

    today = datetime(2026, 11, 30).toordinal()
    story = Story.objects.create(title="t")
    days = [today - 100, today - 2, today - 41, today - 39, today - 400, today]  # the order they came in
    for n, day in enumerate(days):
        article = make_article(outlets[0], n)
        StoryArticle.objects.create(story=story, article=article, profile=b"p" * 50, day=day, content_hash="h")
        StoryKey.objects.create(key=n, day=day, article=article)
    passes = []
    for _ in range(8):  # a batch of two ids: the cursor goes round the table
        with CaptureQueriesContext(connection) as queries:
            service.forget_old(today, batch=2)
        passes.append([q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]])
    kept = dict(StoryArticle.objects.values_list("day", "profile"))
    assert {today - day for day, profile in kept.items() if bytes(profile)} == {2, 39, 0}
    assert sorted(today - d for d in StoryKey.objects.values_list("day", flat=True)) == [0, 2, 39]
    for statements in passes:
        assert len(statements) <= 8 and not any("stories_story" in sql.replace("stories_storyarticle", "")
                                                 .replace("stories_storykey", "") for sql in statements), statements
