"""The media stage: partners' pictures, posters and logos kept by the portal (checked, stripped,
rendered, de-duplicated, stored through STORAGES["media"], S3 included), shown as the portal's
own `<picture>`s and never hot-linked; failures recorded and retried; takedown removes files."""
import io
import re
import struct
import zlib

import pytest
from PIL import Image

from _factories import make_article
from _servers import ScriptedServer
from quangba.articles.actions import RestoreArticle, TakedownArticle
from quangba.articles.models import Article, ArticleImage
from quangba.core.scheduler import run_until_idle
from quangba.demo.media import logo_svg, png
from quangba.ingest.push import receive
from quangba.media import markup, pictures, store
from quangba.media.addresses import storage
from quangba.media.models import MediaFile
from quangba.sources.models import Outlet


def jpeg(width=1600, height=900, exif=None, color=(200, 80, 40)) -> bytes:
    image = Image.new("RGB", (width, height), color)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def bomb_png(width=20_000, height=20_000) -> bytes:
    """A PNG whose header claims 400 megapixels in a few hundred kilobytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = zlib.compress(b"\x00" * (width // 8 + 1) * 64, 9)  # a few rows: the header is what counts
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def picture_tags(page: str) -> list[str]:
    """Every place a page loads a picture from: <img>, image <source>s, posters, og:image, JSON-LD images."""
    return (re.findall(r"<img\b[^>]*>", page) + re.findall(r'<source\b[^>]*type="image/[^>]*>', page)
            + re.findall(r'poster="[^"]*"', page) + re.findall(r'og:image" content="[^"]*"', page)
            + re.findall(r'"ImageObject","url":"[^"]*"', page) + re.findall(r'"image":\["[^"]*"', page))


# Checks ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, says", [
    (b"", "empty"),
    (b"<html><body>Not found</body></html>", "not a JPEG"),
    (bomb_png(), "bomb"),
    (bomb_png(8000, 8000), "over the cap"),
    (jpeg()[:3000], "broken JPEG"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
     "SVG is taken for logos only"),
    (b"GIF89a" + b"\x00" * 20, "broken GIF"),
])
def test_hostile_or_broken_files_are_refused_with_the_reason(data, says):
    with pytest.raises(pictures.NotAPicture, match=says):
        pictures.open_picture(data)


@pytest.mark.django_db
def test_a_50_mb_picture_is_refused_by_the_byte_cap_and_recorded_on_its_row(outlets):
    from quangba.media.stages import keep_rows

    big = b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024)
    with ScriptedServer({"/to.jpg": (200, {"Content-Type": "image/jpeg"}, big)}) as site:
        outlet = outlets[0]
        Outlet.objects.filter(pk=outlet.pk).update(allow_private_addresses=True)
        outlet.refresh_from_db()
        article = make_article(outlet, 3)
        row = article.images.create(position=1, url=site.url + "/to.jpg")
        (changed,), kept = keep_rows(outlet, [row])
    assert not kept and changed.kept is None and changed.media_retry_at is None  # refused for good
    assert "FetchRefused" in changed.media_error and "bytes" in changed.media_error
    assert MediaFile.objects.count() == 1  # only the article's own first picture


def test_exif_orientation_is_applied_and_no_metadata_survives():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    exif[0x8825] = {2: (21.0, 1.0, 0.0), 4: (105.0, 51.0, 0.0)}  # GPS
    exif[0x010F] = "CameraMaker"
    picture = pictures.open_picture(jpeg(800, 400, exif=exif))
    assert (picture.width, picture.height) == (400, 800)  # turned as the camera meant
    for item in pictures.render(picture, widths=(320,)):
        data = item.data
        assert b"CameraMaker" not in data and b"Exif" not in data[:200]
        if item.format == "jpeg":
            assert not Image.open(io.BytesIO(data)).getexif()


def test_svg_logos_are_rebuilt_without_anything_that_runs_or_reaches_out():
    hostile = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
               b'viewBox="0 0 240 48" onload="alert(1)"><script>alert(2)</script>'
               b'<a href="javascript:alert(3)"><text>&x;</text></a><image href="http://evil.example/t.png"/>'
               b'<rect width="240" height="48" fill="#c00" style="fill:url(http://evil.example/x)"/>'
               b'<use xlink:href="http://evil.example/s.svg#a"/><foreignObject><p>x</p></foreignObject>'
               + '<text x="120" y="30" fill="#fff">Báo</text></svg>'.encode())
    picture = pictures.open_picture(hostile, kind=pictures.LOGO)
    svg = picture.svg.decode()
    for bad in ("script", "onload", "javascript", "evil", "foreignObject", "passwd", "image"):
        assert bad not in svg, bad
    assert "Báo" in svg and (picture.width, picture.height) == (240, 48)


def test_renditions_never_upscale_and_offer_avif_webp_and_a_fallback():
    picture = pictures.open_picture(png("nho", "sea", 700, 394))
    found = {(r.width, r.format) for r in pictures.render(picture)}
    assert {w for w, _f in found} == {320, 640, 700}
    assert {f for _w, f in found} == {"avif", "webp", "png" if picture.alpha else "jpeg"}
    transparent = Image.new("RGBA", (400, 200), (0, 0, 0, 0))
    out = io.BytesIO()
    transparent.save(out, "PNG")
    assert pictures.fallback_format(pictures.open_picture(out.getvalue())) == "png"


def test_card_crops_follow_the_focal_point():
    assert pictures.crop_box(1600, 1600, 16 / 9, (0.5, 0.5)) == (0, 350, 1600, 1250)
    assert pictures.crop_box(1600, 1600, 16 / 9, (0.5, 0.0)) == (0, 0, 1600, 900)
    assert pictures.crop_box(3200, 900, 16 / 9, (1.0, 0.5)) == (1600, 0, 3200, 900)
    # The attention guess finds the detail: a busy right third on a plain picture.
    image = Image.new("RGB", (1200, 600), (90, 140, 200))
    for x in range(900, 1200, 6):
        for y in range(0, 600, 6):
            image.putpixel((x, y), (255, 255, 255))
    fx, _fy = pictures.attention(image)
    assert fx > 0.6


# Storage, dedupe, focal point, takedown ----------------------------------------------------------

@pytest.mark.django_db
def test_the_same_bytes_are_kept_once_under_content_hashed_names():
    data = png("cung-anh", "city", 1400, 788)
    first = store.keep_bytes(data, url="https://a.example/1.png")
    again = store.keep_bytes(data, url="https://b.example/other-name.png")
    assert first.pk == again.pk and MediaFile.objects.count() == 1
    names = [r["n"] for r in first.renditions]
    assert all(first.digest[4:24] in name for name in names)
    assert {r["w"] for r in first.renditions if r["v"] == "full"} == {320, 640, 960, 1280, 1400}
    assert {r["w"] for r in first.renditions if r["v"] == "card"} == {320, 640, 960}
    assert all(storage().exists(name) for name in names)


@pytest.mark.django_db
def test_an_editors_focal_point_renders_new_card_crops_and_drops_the_old(django_capture_on_commit_callbacks):
    media = store.keep_bytes(png("tieu-diem", "mountain", 1600, 1600), url="https://a.example/f.png")
    old = {r["n"] for r in media.renditions if r["v"] == "card"}
    with django_capture_on_commit_callbacks(execute=True):
        store.set_focal(media, 0.5, 0.0)
    new = {r["n"] for r in media.renditions if r["v"] == "card"}
    assert new and not new & old and all("card-5000-" in name for name in new)
    assert not any(storage().exists(name) for name in old)
    card = next(r for r in media.renditions if r["v"] == "card" and r["f"] == "jpeg" and r["w"] == 640)
    with storage().open(card["n"], "rb") as handle:
        assert Image.open(handle).size == (640, 360)


@pytest.mark.django_db
def test_takedown_removes_files_no_live_article_uses_and_restore_fetches_them_again(
        outlets, django_capture_on_commit_callbacks):
    one, two = make_article(outlets[0], 1), make_article(outlets[0], 2)
    media = one.images.get().file
    assert media.pk == two.images.get().file_id
    names = [r["n"] for r in media.renditions]
    with django_capture_on_commit_callbacks(execute=True):
        TakedownArticle(one, reason="yêu cầu của báo").run()
    assert all(storage().exists(n) for n in names)  # the second article still shows it
    with django_capture_on_commit_callbacks(execute=True):
        TakedownArticle(two, reason="yêu cầu của báo").run()
    assert not any(storage().exists(n) for n in names)
    media.refresh_from_db()
    assert media.renditions == []
    RestoreArticle(Article.objects.get(pk=one.pk)).run()
    image = ArticleImage.objects.get(article=one)
    assert image.media_retry_at is not None and image.kept is None  # queued for the retry stage


# The stage, end to end --------------------------------------------------------------------------

PHOTO = "/anh/le-hoi.png"
BROKEN = "/anh/khong-co.jpg"
FLAKY = "/anh/cham.jpg"
POSTER = "/anh/poster.jpg"


@pytest.mark.django_db(transaction=True)
def test_the_chain_keeps_pictures_and_pages_never_hot_link(client):
    flaky = {"calls": 0, "up": False}

    def flaky_route(_handler):
        flaky["calls"] += 1
        return (200, {"Content-Type": "image/jpeg"}, jpeg(1200, 675, color=(30, 120, 60))) if flaky["up"] \
            else (503, {"Retry-After": "1"}, b"busy")

    with ScriptedServer({
        PHOTO: (200, {"Content-Type": "image/png"}, png("le-hoi", "festival", 1600, 900)),
        BROKEN: (404, {}, b"gone"),
        FLAKY: flaky_route,
        POSTER: (200, {"Content-Type": "text/html"}, jpeg(1280, 720)),  # the type the server says is wrong
        "/logo.svg": (200, {"Content-Type": "image/svg+xml"}, logo_svg("Báo Thử", "#0a5")),
    }) as site:
        outlet = Outlet.objects.create(name="Báo Thử", slug="bao-thu", homepage=site.url + "/", language="vi",
                                       logo_url=site.url + "/logo.svg", allow_private_addresses=True)
        body = "".join(f'<p>Đoạn {n} về lễ hội ở Huế, kéo dài ba ngày với nhiều hoạt động.</p>'
                       f'<figure><img src="{site.url}{path}" alt="Ảnh {n}"><figcaption>Chú thích {n}. Ảnh: Hữu Khoa'
                       f'</figcaption></figure>' for n, path in enumerate((PHOTO, BROKEN, FLAKY)))
        receive(outlet, {"url": site.url + "/le-hoi.html", "title": "Lễ hội Huế khai mạc", "body_html": body,
                         "lead": "Lễ hội Huế khai mạc tối qua.",
                         "images": [{"url": site.url + p, "caption": f"Chú thích {n}."}
                                    for n, p in enumerate((PHOTO, BROKEN, FLAKY))],
                         "media": [{"url": site.url + "/clip.mp4", "type": "video/mp4", "poster": site.url + POSTER}]})
        assert run_until_idle(timeout=120)
        article = Article.objects.get()
        assert article.status == Article.Status.PUBLISHED
        rows = {row.url.removeprefix(site.url): row for row in article.images.all()}
        assert rows[PHOTO].kept is not None and rows[POSTER].kept is not None and rows[POSTER].poster_for
        assert rows[BROKEN].kept is None and "404" in rows[BROKEN].media_error and rows[BROKEN].media_retry_at is None
        assert rows[FLAKY].kept is None and "503" in rows[FLAKY].media_error and rows[FLAKY].media_retry_at
        page = client.get(article.get_absolute_url()).content.decode()
        assert not [tag for tag in picture_tags(page) if site.url in tag]  # pictures: the portal's own
        assert page.count("<picture") >= 1 and 'type="image/avif"' in page and 'type="image/webp"' in page
        assert "Chú thích 0" in page and "Chú thích 1" not in page and "Chú thích 2" not in page
        srcset = page.split('type="image/webp" srcset="', 1)[1].split('"', 1)[0]
        assert srcset.count("w,") >= 3 and "/media/" in srcset
        # The partner's server comes back: the retry stage keeps the picture and bakes the page again.
        flaky["up"] = True
        ArticleImage.objects.filter(pk=rows[FLAKY].pk).update(media_retry_at=rows[FLAKY].media_retry_at.replace(year=2000))
        assert run_until_idle(timeout=120)
        row = ArticleImage.objects.get(pk=rows[FLAKY].pk)
        assert row.kept is not None and row.media_error == "" and row.media_retry_at is None
        assert "Chú thích 2" in client.get(article.get_absolute_url()).content.decode()
        # The logo, kept by the sweep, keeps its wordmark aspect at the byline's height.
        outlet.refresh_from_db()
        kept = outlet.kept_logo
        assert kept is not None and kept.format == "svg" and kept.width / kept.height >= 2
        html = str(markup.logo(kept, 20))
        assert f'width="{round(20 * kept.width / kept.height)}" height="20"' in html and "/media/" in html


@pytest.mark.django_db
def test_media_files_are_served_immutable_and_read_only(client):
    media = store.keep_bytes(png("phuc-vu", "field", 800, 450), url="https://a.example/s.png")
    logo = store.keep_bytes(logo_svg("Báo", "#333"), url="https://a.example/l.svg", kind=pictures.LOGO)
    name = next(r["n"] for r in media.renditions if r["f"] == "webp")
    response = client.get("/media/" + name)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert "immutable" in response["Cache-Control"] and "max-age=31536000" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert client.put("/media/" + name).status_code == 405
    assert client.get("/media/../../settings.py").status_code == 404
    assert client.get("/media/" + name.replace("full", "orig")).status_code == 404
    svg = client.get("/media/" + logo.renditions[0]["n"])
    assert svg["Content-Type"] == "image/svg+xml" and "sandbox" in svg["Content-Security-Policy"]


# S3-compatible storage, for real, on loopback ----------------------------------------------------

@pytest.fixture
def s3(settings):
    boto3 = pytest.importorskip("boto3")
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    keys = dict(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    boto3.client("s3", endpoint_url=endpoint, **keys).create_bucket(Bucket="quangba-media")
    settings.STORAGES = {**settings.STORAGES, "media": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": "quangba-media", "endpoint_url": endpoint, "access_key": "test", "secret_key": "test",
        "region_name": "us-east-1", "querystring_auth": False, "file_overwrite": True, "default_acl": "public-read",
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        "custom_domain": f"{host}:{port}/quangba-media", "url_protocol": "http:"}}}
    yield boto3.client("s3", endpoint_url=endpoint, **keys), endpoint
    server.stop()


@pytest.mark.django_db
def test_pictures_go_to_an_s3_compatible_bucket_and_leave_it_on_takedown(s3, outlets,
                                                                        django_capture_on_commit_callbacks):
    client, endpoint = s3
    article = make_article(outlets[0], 7)
    media = article.images.get().file
    listed = {item["Key"] for item in client.list_objects_v2(Bucket="quangba-media").get("Contents", [])}
    assert listed == {r["n"] for r in media.renditions}
    head = client.head_object(Bucket="quangba-media", Key=media.renditions[0]["n"])
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    address = media.src()
    assert address.startswith(endpoint + "/quangba-media/")
    import httpx

    assert httpx.get(address).content[:3] == b"\xff\xd8\xff"  # served by the bucket itself
    with django_capture_on_commit_callbacks(execute=True):
        TakedownArticle(article, reason="gỡ").run()
    assert client.list_objects_v2(Bucket="quangba-media").get("KeyCount", 0) == 0


@pytest.mark.slow
def test_on_the_sample_partners_no_page_loads_a_picture_from_a_partner(partners, client):
    """The sample outlets ingested through the whole chain: no article page in any language, no
    home or list page, loads a picture, logo or poster from a partner's host; at least 80 % of the
    articles' pictures have a srcset of three widths or more; every article page with a picture
    offers AVIF and WebP."""
    assert run_until_idle(timeout=300)
    partner_hosts = {re.match(r"https?://[^/]+", o.homepage).group(0) for o in Outlet.objects.all()}
    articles = list(Article.objects.published())
    assert len(articles) >= 30 and ArticleImage.objects.filter(file__isnull=False).count() >= 20
    assert Outlet.objects.filter(logo_file__isnull=False).count() == Outlet.objects.exclude(logo_url="").count()
    pages = ["/vi/", "/en/", "/es/", "/vi/outlets/", "/en/video/"]
    for article in articles:
        pages.append(article.get_absolute_url())
        pages += [t.get_absolute_url() for t in article.translations.filter(status="published")]
    pictures_seen = wide = with_modern = with_pictures = 0
    for path in pages:
        html = client.get(path).content.decode()
        tags = picture_tags(html)
        assert not [t for t in tags if any(host in t for host in partner_hosts)], path
        if "/article/" in path:
            body = html.split('class="body"', 1)[1].split("</article>", 1)[0] if 'class="body"' in html else ""
            images = re.findall(r"<img\b[^>]*>", body)
            pictures_seen += len(images)
            wide += sum(1 for tag in images if len(re.findall(r"\d+w", tag)) >= 3)
            if images:
                with_pictures += 1
                with_modern += 'type="image/avif"' in body and 'type="image/webp"' in body
    assert pictures_seen >= 20 and wide / pictures_seen >= 0.8, (wide, pictures_seen)
    assert with_modern == with_pictures
