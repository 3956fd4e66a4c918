"""The public site: pages, languages, credits, empty blocks, licences."""
import re

import pytest

from _factories import kept_picture, make_article
from quangba.articles import listings
from quangba.articles.models import Article
from quangba.comments.models import Comment
from quangba.sources.models import Outlet

pytestmark = pytest.mark.django_db


def test_home_lists_latest_and_only_non_empty_sections(client, outlets):
    vi, en = outlets
    for n in range(12):
        make_article(vi, n, section="travel" if n % 2 else "business")
    make_article(en, 100, language="en", section="heritage")
    html = client.get("/vi/").content.decode()
    assert '<html lang="vi">' in html
    assert "Bài 11 của Báo Sông Hồng" in html
    assert 'id="s-travel"' in html and 'id="s-business"' in html
    assert 'id="s-heritage"' not in html  # the only heritage article is English
    assert "No data" not in html
    assert "Bài 100" not in html


def test_home_in_a_language_with_nothing_says_so_plainly(client, outlets):
    make_article(outlets[0], 1)
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    assert 'class="block"' not in html and "No data" not in html


def test_article_page_credits_the_outlet(client, outlets):
    article = make_article(outlets[0], 1)
    Comment.objects.create(article=article, language="vi", name="Mai", email="mai@example.org",
                           text="<b>Hay</b>", status=Comment.Status.APPROVED)
    Comment.objects.create(article=article, language="vi", name="X", email="x@example.org", text="chờ duyệt")
    Article.objects.filter(pk=article.pk).update(comment_count=1)  # as the moderation action keeps it
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<time datetime="2026-11-07T08:01:00+07:00">' in html  # Vietnam time
    assert 'href="https://song-hong.example/1.html"' in html
    assert "Báo Sông Hồng" in html and "logo.png" in html
    assert "<figure>" in html and "<figcaption>" in html and "Ảnh: Lan Anh" in html
    assert "<script>alert" not in html  # sanitized again at render
    assert "&lt;b&gt;Hay&lt;/b&gt;" in html and "chờ duyệt" not in html  # escaped, moderated
    assert "1 comment" in html or "1 bình luận" in html
    assert 'rel="canonical"' in html


def test_article_only_under_its_language(client, outlets):
    article = make_article(outlets[1], 2, language="en")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(article.get_absolute_url().replace("/en/", "/vi/", 1)).status_code == 404
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'hreflang="vi"' not in html  # the switcher offers only languages the article exists in


def test_unpublished_and_withdrawn_articles_are_not_shown(client, outlets):
    held = make_article(outlets[0], 3, status=Article.Status.REVIEW)
    gone = make_article(outlets[0], 4, status=Article.Status.WITHDRAWN)
    assert client.get(held.get_absolute_url()).status_code == 404
    assert client.get(gone.get_absolute_url()).status_code == 410  # withdrawn by the partner
    assert "Bài 3" not in client.get("/vi/").content.decode()


def test_wrong_slug_redirects_to_the_canonical_url(client, outlets):
    article = make_article(outlets[0], 5)
    response = client.get(article.get_absolute_url().replace("bai-5", "old-title"))
    assert response.status_code == 301 and response["Location"] == article.get_absolute_url()


def test_section_page_paginates(client, outlets):
    for n in range(25):
        make_article(outlets[0], n, section="travel")
    first = client.get("/vi/travel/").content.decode()
    assert first.count('class="card"') == 20 and 'rel="next"' in first
    second = client.get("/vi/travel/?page=2").content.decode()
    assert second.count('class="card"') == 5
    assert client.get("/vi/no-such-section/").status_code == 404


def test_excerpt_licence_shows_only_the_lead_and_source(client, outlets):
    outlets[0].licence = Outlet.Licence.EXCERPT
    outlets[0].save()
    article = make_article(outlets[0], 6)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Sapo 6." in html and "Đoạn một" not in html and "https://song-hong.example/6.html" in html


def test_images_not_allowed_shows_none(client, outlets):
    outlets[0].images_allowed = False
    outlets[0].save()
    article = make_article(outlets[0], 7)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "img.example" not in html and "Đoạn một" in html
    assert "img.example" not in client.get("/vi/").content.decode()


def test_outlet_pages(client, outlets):
    make_article(outlets[0], 8)
    assert "Bài 8" in client.get("/vi/outlets/song-hong/").content.decode()
    listing = client.get("/vi/outlets/").content.decode()
    # Every partner is credited; one with nothing in this language is named without a link.
    assert 'href="/vi/outlets/song-hong/">Báo Sông Hồng</a> <span class="count">1 bài viết</span>' in listing
    assert "Hanoi Daily" in listing and 'href="/vi/outlets/hanoi-daily' not in listing
    english = client.get("/en/outlets/").content.decode()
    assert '<a href="/vi/outlets/song-hong/" hreflang="vi">1 article in Ti' in english


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_videos_lite_youtube_and_direct_files(client, outlets):
    youtube = make_article(outlets[0], 20, section="video", media=[
        {"url": "https://www.youtube.com/embed/Xm3kQ9pL2vT", "type": "text/html", "duration": "85",
         "poster": "https://img.example/poster.jpg"}])
    direct = make_article(outlets[0], 21, section="video", media=[
        {"url": "https://cdn.example/clip.mp4", "type": "video/mp4", "duration": "3725"}])
    html = client.get(youtube.get_absolute_url()).content.decode()
    assert 'class="yt-lite"' in html and "youtube-nocookie.com/embed/Xm3kQ9pL2vT" in html
    assert "<iframe" not in html  # no third-party request before the click
    assert "1:25" in html and "lite-yt.js" in html
    html = client.get(direct.get_absolute_url()).content.decode()
    assert '<video controls preload="none"' in html and 'src="https://cdn.example/clip.mp4"' in html
    assert "1:02:05" in html and "lite-yt.js" not in html
    section = client.get("/vi/video/").content.decode()
    assert section.count('class="badge"') == 2


def test_no_video_block_without_videos(client, outlets):
    article = make_article(outlets[0], 22, media=[{"url": "https://img.example/x.jpg", "type": "image/jpeg"}])
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="video"' not in html and 'class="badge"' not in html


@pytest.mark.parametrize("path", ["/vi/nothing-here/", "/es/article/999999-x/", "/en/local/atlantis/"])
def test_404_pages_are_the_sites_own_in_its_language(client, path, outlets):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404 and 'class="site-header"' in html and 'role="search"' in html
    assert f'<html lang="{path[1:3]}">' in html


def test_the_api_answers_json_for_what_it_does_not_have(client):
    for path in ("/api/v1/nothing/", "/api/v1/articles/999999/"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"]


def test_a_page_past_the_end_is_a_404(client, outlets):
    from _factories import make_article

    make_article(outlets[0], 1, section="travel")
    assert client.get("/vi/travel/?page=1").status_code == 200
    assert client.get("/vi/travel/?page=2").status_code == 404
    assert client.get("/vi/travel/?page=abc").status_code == 400


def test_local_index_in_the_order_of_the_page_language(client, outlets):
    from quangba.taxonomy.models import Place

    for n, slugs in ((30, ["hue"]), (31, ["ha-noi"]), (32, ["da-nang"]), (33, ["ca-mau"])):
        article = make_article(outlets[0], n)
        article.places.set(Place.for_slugs(slugs))
        listings.update([article.pk])
    html = client.get("/vi/local/").content.decode()
    shown = [name for name in ("Cà Mau", "Đà Nẵng", "Hà Nội", "Huế") if name in html]
    assert sorted(shown, key=html.index) == ["Cà Mau", "Đà Nẵng", "Hà Nội", "Huế"]  # Vietnamese alphabet: Đ after D


def test_video_cards_show_their_poster_and_the_rail_lists_the_section(client, outlets):
    clip = make_article(outlets[0], 40, section="video", media=[
        {"url": "https://cdn.example/clip.mp4", "type": "video/mp4", "poster": "https://img.example/poster.jpg"}])
    clip.images.all().delete()
    poster = kept_picture("poster", 640, 360)
    clip.images.create(position=1000, url="https://img.example/poster.jpg", poster_for="https://img.example/poster.jpg",
                       file=poster)
    listings.update([clip.pk])
    travel = make_article(outlets[0], 41)
    home = client.get("/vi/").content.decode()
    assert poster.src("card", 640) in home  # the video's card has its poster (the portal's copy)
    assert "img.example" not in home
    rail = client.get("/vi/rail/travel/").content.decode()
    assert f'data-id="{travel.pk}"' in rail and "Xem thêm Du lịch" in rail
    assert rail.count(f'data-id="{clip.pk}"') == 1  # in the Video block only, not in Latest too
    assert client.get("/vi/rail/nothing/").status_code == 404
    page = client.get(travel.get_absolute_url()).content.decode()
    assert 'data-rail="/vi/rail/travel/"' in page and f'data-exclude="{travel.pk}"' in page


def test_validator_findings_icon_language_names_search_form_and_home_heading(client, outlets):
    """What the Nu HTML Checker and Lighthouse flagged: /favicon.ico was a 404 on every page,
    "Tiếng Việt" in the switcher was not NFC, the search filters posted to action="", and the
    home pages had no <h1>."""
    import unicodedata

    make_article(outlets[0], 1)
    icon = client.get("/favicon.ico")
    assert icon.status_code == 302  # the icon's name changes with it (hashed static names)
    assert client.get(icon["Location"]).status_code == 200
    for lang in ("vi", "en", "es"):
        html = client.get(f"/{lang}/").content.decode()
        assert html.count("<h1") == 1 and 'rel="icon"' in html
        assert "Tiếng Việt" in unicodedata.normalize("NFC", html)
        assert unicodedata.is_normalized("NFC", html), lang
    search = client.get("/en/search/?q=x").content.decode()
    assert 'action=""' not in search and 'class="search-filters" method="get" action="/en/search/"' in search


def test_pages_and_the_api_are_sent_compressed_to_clients_that_accept_it(client, outlets):
    """Lighthouse: HTML was sent uncompressed."""
    import gzip

    make_article(outlets[0], 1)
    for path in ("/vi/", "/en/travel/", "/vi/search/?q=ha", "/api/v1/articles/"):
        plain = client.get(path)
        packed = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
        assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"], path
        assert gzip.decompress(packed.content) == plain.content and len(packed.content) < len(plain.content)
        assert "Content-Encoding" not in plain


def test_baked_pages_are_baked_compressed_and_served_in_the_best_encoding_taken(client, outlets):
    """Baked pages get .gz and .br files next to them (nginx's gzip_static/brotli_static serve
    those; the embedded server too): compressed once when baked, not at every request."""
    import gzip

    import brotli

    from quangba.web.bake import file_for

    article = make_article(outlets[0], 1)
    path = article.get_absolute_url()
    plain = client.get(path)  # not baked yet: rendered, then baked as it is served
    page = file_for(path)
    assert page.read_bytes() == plain.content
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == plain.content
    assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == plain.content
    for accept, encoding in [("gzip, deflate, br", "br"), ("br;q=0, gzip", "gzip"), ("gzip;q=0.5", "gzip"),
                             ("identity", None), ("*", "br"), ("gzip;q=1, br;q=0.1", "gzip"),
                             ("gzip, br;level=1;Q=0", "gzip")]:
        response = client.get(path, HTTP_ACCEPT_ENCODING=accept)
        assert response["X-Quangba-Baked"] == "1" and "Accept-Encoding" in response["Vary"], accept
        assert response.get("Content-Encoding") == encoding, accept
        body = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](response.content)
        assert body == plain.content, accept
    # The plain file says whether a page is baked: taken down, none of the three is left.
    from quangba.web.bake import remove

    remove(path)
    assert not list(page.parent.glob("index.html*"))
    assert "X-Quangba-Baked" not in client.get(path, HTTP_ACCEPT_ENCODING="br")


def test_static_files_have_hashed_names_cached_a_year_and_compressed(client, outlets, settings, tmp_path):
    """Lighthouse: site.css was cached for a day at most. After collectstatic, pages link each
    file under a name that changes with its content, served for a year, br or gzip."""
    import brotli
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.test import Client

    reader = Client()  # a new handler: WhiteNoise reads the collected files when it starts
    html = reader.get("/en/").content.decode()
    css = re.search(r'href="(/static/quangba/site\.[0-9a-f]{12}\.css)"', html).group(1)
    response = reader.get(css, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200 and response["Content-Encoding"] == "br"
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    original = (settings.BASE_DIR / "web" / "static" / "quangba" / "site.css").read_bytes()
    assert brotli.decompress(b"".join(response.streaming_content)) == original
    icon = reader.get("/favicon.ico")
    assert re.fullmatch(r"/static/quangba/favicon\.[0-9a-f]{12}\.svg", icon["Location"])


def test_headings_never_skip_a_level_on_any_page_kind(client, outlets):
    """Lighthouse (heading-order) and the Nu checker: list pages went from the <h1> straight to
    the cards' <h3>. Going down, a page's headings move one level at a time."""
    from lxml import html as lxml_html

    from quangba.taxonomy.models import Place

    article = make_article(outlets[0], 1)
    Article.objects.filter(pk=article.pk).update(body_html="<p>Mở đầu.</p><h4>Một mục</h4><p>Nội dung.</p>")
    make_article(outlets[0], 2)
    place = Place.for_slugs(["ha-noi"])[0]
    article.places.add(place)
    listings.update([article.pk])
    for lang in ("vi", "en"):
        for path in (f"/{lang}/", f"/{lang}/travel/", f"/{lang}/local/", f"/{lang}/local/{place.slug}/",
                     f"/{lang}/outlets/", f"/{lang}/outlets/{outlets[0].slug}/", f"/{lang}/search/?q=bai",
                     f"/vi/article/{article.pk}-bai-1/", f"/{lang}/no-such-page/"):
            doc = lxml_html.fromstring(client.get(path).content)
            levels = [int(h.tag[1]) for h in doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
            assert levels and levels[0] == 1, (path, levels)
            assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path, levels)


def test_body_headings_never_become_h7():
    from quangba.web.templatetags.quangba import outline

    deep = "".join(f"<h{n}>{n}</h{n}>" for n in range(1, 7))
    assert outline(deep) == "<h2>1</h2><h3>2</h3><h4>3</h4><h5>4</h5><h6>5</h6><h6>6</h6>"
    assert outline("<h2>a</h2><h4>b</h4><h3>c</h3><h5>d</h5>") == "<h2>a</h2><h3>b</h3><h3>c</h3><h4>d</h4>"
