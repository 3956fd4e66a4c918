"""Feeds out: RSS 2.0 and Atom per language, section, outlet and province."""
import feedparser
import pytest
from django.utils.translation import override
from lxml import etree

from quangba.articles import listings
from quangba.articles.models import Article
from quangba.sources.models import Outlet
from quangba.articles.models import ArticleTranslation
from quangba.web.context import SITE_NAME
from _factories import keep_poster, make_article

pytestmark = pytest.mark.django_db

VIDEO = {"url": "https://video.example/clip.mp4", "type": "video/mp4", "length": "12345",
         "poster": "https://video.example/clip.jpg"}


def translate(article, language="en", **extra):
    """A published translation of `article` (titled "Article N in English" unless told)."""
    fields = {"title": f"Article {article.pk} in English", "slug": f"article-{article.pk}",
              "lead": f"Lead {article.pk}.", "body_html": "<p>Paragraph one.</p>", **extra}
    translation = ArticleTranslation.objects.create(article=article, language=language,
                                                    status=ArticleTranslation.Status.PUBLISHED,
                                                    source_hash=article.content_hash, **fields)
    listings.update([article.pk])  # as the bake stage would
    return translation


def parse(response):
    assert response.status_code == 200, response.status_code
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def test_rss_lists_readable_articles_with_credit_and_enclosures(client, outlets):
    vi, _en = outlets
    article = make_article(vi, 1, author="Lan Anh")
    response = client.get("/vi/feeds/rss.xml")
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = parse(response)
    assert feed.version == "rss20"
    with override("vi"):
        assert feed.feed.title == str(SITE_NAME)  # the site name, in the feed's language
    assert feed.feed.language == "vi"
    (entry,) = feed.entries
    assert entry.title == article.title
    assert entry.link == "http://testserver" + article.get_absolute_url()
    assert entry.author == "Báo Sông Hồng"  # the outlet is the author
    assert [t.term for t in entry.tags] == [str(article.section.name)]
    assert entry.published_parsed[:5] == (2026, 11, 7, 1, 1)
    picture = article.images.get().file
    jpeg = next(r for r in picture.renditions if r["n"] in picture.src())
    assert [(e.href, e.type, e.length) for e in entry.enclosures] == [
        ("http://testserver" + picture.src(), "image/jpeg", str(jpeg["b"]))]  # the portal's copy, its length known
    assert 'src="http://testserver/media/' in entry.summary and "img.example" not in entry.summary
    assert "Sapo 1." in entry.summary and "Đoạn một" in entry.summary  # full licence: the body too
    assert "<script" not in entry.summary and "https://song-hong.example/1.html" in entry.summary


def test_excerpt_outlet_gives_the_lead_only(client, outlets):
    vi, _en = outlets
    vi.licence = Outlet.Licence.EXCERPT
    vi.save()
    make_article(vi, 2)
    (entry,) = parse(client.get("/vi/feeds/rss.xml")).entries
    assert "Sapo 2." in entry.summary and "Đoạn" not in entry.summary
    assert "https://song-hong.example/2.html" in entry.summary  # still credited and linked


def test_images_not_allowed_means_no_image_enclosure(client, outlets):
    vi, _en = outlets
    vi.images_allowed = False
    vi.save()
    make_article(vi, 3, media=[VIDEO])
    response = client.get("/vi/feeds/rss.xml")
    (entry,) = parse(response).entries
    assert [e.href for e in entry.enclosures] == ["https://video.example/clip.mp4"]
    assert b"img.example" not in response.content and b"clip.jpg" not in response.content


def test_video_is_the_rss_enclosure_and_every_medium_is_media_rss(client, outlets):
    article = make_article(outlets[0], 4, media=[VIDEO, {"url": "https://www.youtube.com/watch?v=abcdefgh", "type": "text/html"}])
    poster = keep_poster(article, VIDEO["poster"])
    picture = article.images.get(poster_for="").file
    root = etree.fromstring(client.get("/vi/feeds/rss.xml").content)
    ns = {"media": "http://search.yahoo.com/mrss/"}
    item = root.find("channel/item")
    (enclosure,) = item.findall("enclosure")  # RSS 2.0 allows one
    assert (enclosure.get("url"), enclosure.get("type"), enclosure.get("length")) == \
        ("https://video.example/clip.mp4", "video/mp4", "12345")
    media = [(m.get("url"), m.get("medium")) for m in item.findall("media:content", ns)]
    assert media == [("https://video.example/clip.mp4", "video"), ("http://testserver" + picture.src(), "image")]
    assert item.find("media:thumbnail", ns).get("url") == "http://testserver" + poster.src()


def test_atom_has_every_enclosure_and_the_outlet_as_author(client, outlets):
    article = make_article(outlets[0], 5, media=[VIDEO])
    response = client.get("/vi/feeds/atom.xml")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    assert feed.version == "atom10"
    (entry,) = feed.entries
    assert entry.link == "http://testserver" + article.get_absolute_url()
    assert entry.author_detail.name == "Báo Sông Hồng"
    assert entry.author_detail.href == "https://songhong.example/"
    assert {e.href for e in entry.enclosures} == {"https://video.example/clip.mp4",
                                                  "http://testserver" + article.images.get().file.src()}


def test_feeds_follow_the_language_with_translations(client, outlets):
    vi, en = outlets
    translated = make_article(vi, 6)
    translate(translated)
    untranslated = make_article(vi, 7)
    english = make_article(en, 8, language="en")
    entries = parse(client.get("/en/feeds/rss.xml")).entries
    by_link = {e.link: e for e in entries}
    assert set(by_link) == {"http://testserver" + english.get_absolute_url(),
                            f"http://testserver/en/article/{translated.pk}-article-{translated.pk}/"}
    assert by_link[f"http://testserver/en/article/{translated.pk}-article-{translated.pk}/"].title == \
        f"Article {translated.pk} in English"
    assert untranslated.title not in {e.title for e in entries}
    assert {e.title for e in parse(client.get("/vi/feeds/rss.xml")).entries} == {translated.title, untranslated.title}


def test_withdrawn_held_and_taken_down_are_never_in_feeds(client, outlets):
    vi, en = outlets
    make_article(vi, 9)
    make_article(vi, 10, status=Article.Status.WITHDRAWN)
    make_article(vi, 11, status=Article.Status.REVIEW)
    gone = make_article(en, 12, language="en")
    translate(gone, language="vi", title="Bài đã gỡ")
    en.active = False
    en.save()
    listings.update(list(en.articles.values_list("pk", flat=True)))  # as the bake stage would after a takedown
    for url in ("/vi/feeds/rss.xml", "/vi/feeds/atom.xml", "/vi/feeds/sections/travel/rss.xml"):
        titles = {e.title for e in parse(client.get(url)).entries}
        assert titles == {"Bài 9 của Báo Sông Hồng"}, url
    assert client.get("/en/feeds/outlets/hanoi-daily/rss.xml").status_code == 404


def test_section_feed(client, outlets):
    make_article(outlets[0], 13, section="travel")
    make_article(outlets[0], 14, section="business")
    translate(Article.objects.get(identity="song-hong-13"))
    feed = parse(client.get("/en/feeds/sections/travel/rss.xml"))
    assert feed.feed.title == "Vietnam Promotion Portal — Travel"
    assert feed.feed.link == "http://testserver/en/travel/"
    assert [e.title for e in feed.entries] == [f"Article {Article.objects.get(identity='song-hong-13').pk} in English"]
    assert {e.title for e in parse(client.get("/vi/feeds/sections/business/atom.xml")).entries} == \
        {"Bài 14 của Báo Sông Hồng"}
    assert client.get("/vi/feeds/sections/no-such-section/rss.xml").status_code == 404


def test_outlet_feed(client, outlets):
    vi, en = outlets
    make_article(vi, 15)
    make_article(en, 16, language="en")
    feed = parse(client.get("/en/feeds/outlets/hanoi-daily/rss.xml"))
    assert feed.feed.title == "Vietnam Promotion Portal — Hanoi Daily"
    assert [e.title for e in feed.entries] == ["Bài 16 của Hanoi Daily"]
    assert parse(client.get("/en/feeds/outlets/song-hong/atom.xml")).entries == []


def test_province_feeds(client, outlets):
    from quangba.taxonomy.models import Place

    quy_nhon = make_article(outlets[0], 18)
    make_article(outlets[0], 19)
    quy_nhon.places.set(Place.for_slugs(["gia-lai"]))
    listings.update([quy_nhon.pk])
    feed = parse(client.get("/vi/feeds/provinces/gia-lai/rss.xml"))
    assert feed.feed.title == "Nền tảng quảng bá Việt Nam — Gia Lai"
    assert [e.title for e in feed.entries] == [quy_nhon.title]
    assert [e.title for e in parse(client.get("/vi/feeds/provinces/gia-lai/atom.xml")).entries] == [quy_nhon.title]
    assert client.get("/vi/feeds/provinces/no-such-place/rss.xml").status_code == 404


def test_pages_link_their_feeds(client, outlets):
    make_article(outlets[0], 17)
    home = client.get("/vi/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in home and 'href="/vi/feeds/rss.xml"' in home
    assert 'href="/vi/feeds/atom.xml"' in home
    section = client.get("/en/travel/").content.decode()
    assert 'href="/en/feeds/sections/travel/rss.xml"' in section and 'href="/en/feeds/rss.xml"' in section
    assert "Vietnam Promotion Portal — Travel" in section
    outlet = client.get("/vi/outlets/song-hong/").content.decode()
    assert 'href="/vi/feeds/outlets/song-hong/atom.xml"' in outlet


@pytest.mark.parametrize("url", ["/en/feeds/rss.xml", "/en/feeds/atom.xml", "/en/feeds/sections/travel/rss.xml",
                                 "/en/feeds/outlets/song-hong/atom.xml"])
def test_feeds_stay_within_the_query_budget(client, outlets, url, django_assert_max_num_queries):
    vi, _en = outlets
    for n in range(30):
        translate(make_article(vi, 100 + n, media=[VIDEO]))
    with django_assert_max_num_queries(12):
        feed = parse(client.get(url))
    assert len(feed.entries) == 30
