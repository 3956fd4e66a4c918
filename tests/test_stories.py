"""Stories: same-event reports grouped incrementally and deterministically; one card per story;
"Also reported by"; the same text under a new URL updates the article."""
from datetime import datetime, timedelta, timezone as dt_timezone

import pytest

from quangba.articles.models import Article
from quangba.stories import grouping as service
from quangba.stories.models import Story, StoryArticle
from quangba.stories.similarity import Detector, Signature, near_duplicate
from _factories import make_article

METRO_A = ("Tàu metro số 3 lần đầu chạy thử đoạn đi ngầm qua ga Cát Linh và ga Hà Nội, hành khách "
           "có thể đi từ Nhổn tới ga Hà Nội trong 35 phút khi tuyến đi vào khai thác thương mại.")
METRO_B = ("Đoạn đi ngầm của tuyến metro số 3 Nhổn - ga Hà Nội bắt đầu chạy thử, đoàn tàu qua bốn ga ngầm "
           "trong đó có ga Cát Linh; dự kiến khai thác thương mại tuyến metro vào năm sau.")
RICE = ("Lô gạo phát thải thấp đầu tiên của Cần Thơ xuất khẩu sang Nhật Bản, nông dân giảm phân bón "
        "và nước tưới theo đề án một triệu héc ta lúa chất lượng cao.")
WHEN = datetime(2026, 11, 7, 1, 0, tzinfo=dt_timezone.utc)


def sig(key, text, title="", hours=0, language="vi"):
    return Signature.of(key, language=language, outlet=f"o{key}", published_at=WHEN + timedelta(hours=hours),
                        title=title, text=text)


def test_detector_groups_rewrites_and_keeps_unrelated_apart():
    detector = Detector()
    detector.add(sig(1, METRO_A, "Tàu metro số 3 chạy thử đoạn ngầm"))
    detector.add(sig(2, RICE, "Gạo phát thải thấp sang Nhật"))
    matches = detector.candidates(sig(3, METRO_B, "Metro Nhổn - ga Hà Nội chạy thử đi ngầm"))
    assert [m.key for m in matches][:1] == [1]
    assert all(m.key != 2 for m in matches)


def test_time_window_and_near_duplicates():
    detector = Detector()
    detector.add(sig(1, METRO_A, "Metro"))
    assert detector.candidates(sig(2, METRO_B, "Metro", hours=24 * 5)) == []
    dup = detector.candidates(sig(3, METRO_A + " Ảnh: TTXVN.", "Metro", hours=1))
    assert dup and dup[0].near_duplicate
    assert near_duplicate(METRO_A, METRO_A + " Thêm một câu.") and not near_duplicate(METRO_A, METRO_B)


def test_signature_round_trips_through_json():
    original = sig(7, METRO_A, "Metro")
    again = Signature.from_dict(7, original.to_dict(), language="vi", outlet="o7", published_at=WHEN)
    assert again.words.jaccard(original.words) == 1.0 and again.pairs == original.pairs


@pytest.mark.django_db
def test_assignment_is_incremental_idempotent_and_shown(client, outlets):
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
    service.reset()
    for article in (a, b, c):
        service.assign(article)  # a re-run changes nothing
    assert Story.objects.count() == stories and StoryArticle.objects.count() == 3

    home = client.get("/vi/").content.decode()
    assert home.count("metro") + home.count("Metro") == 1  # one card for the story…
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
def test_related_reading_is_by_content_and_leaves_the_story_out(client, outlets):
    vi = outlets[0]
    a, b, c, d = (make_article(vi, n, section=s) for n, s in ((1, "news"), (2, "news"), (3, "business"), (4, "travel")))
    metro_2 = ("Tuyến metro số 1 Bến Thành - Suối Tiên ở TP.HCM đón lượt khách thứ mười triệu; đoàn tàu chạy "
               "trên cao qua Thủ Đức và người dân đi làm bằng metro ngày càng nhiều.")
    texts = {a: METRO_A, b: METRO_B, c: metro_2, d: RICE}
    for article, text in texts.items():
        Article.objects.filter(pk=article.pk).update(text=text)
        article.refresh_from_db()
        service.assign(article)
    members = {link.article_id for link in StoryArticle.objects.filter(story=StoryArticle.objects.get(article=a).story)}
    assert b.pk in members and c.pk not in members  # another metro line is another story
    related = service.related_ids(a, exclude=members)
    assert related[0] == c.pk and not members & set(related)  # the closest other story comes first
    page = client.get(a.get_absolute_url()).content.decode()
    related_block = page[page.index('id="related-h"'):]
    assert c.title in related_block and b.title not in related_block


@pytest.mark.django_db
def test_the_api_lists_stories_with_their_articles(client, outlets):
    vi, _en = outlets
    a, b = make_article(vi, 1, section="news"), make_article(vi, 2, section="news")
    for article, text in ((a, METRO_A), (b, METRO_B)):
        Article.objects.filter(pk=article.pk).update(text=text)
        article.refresh_from_db()
        service.assign(article)
    solo = make_article(vi, 3)
    service.assign(solo)
    data = client.get("/api/v1/stories/").json()
    assert data["count"] == 1  # a story of one article is not listed
    assert sorted(x["id"] for x in data["results"][0]["articles"]) == [a.pk, b.pk]
