"""The partner push API: POST /api/v1/ingest/ with an outlet's own key — a URL to fetch now or a
whole article (our fields or NINJS 2.0's) — through the same store path as fetched pages."""
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from _servers import ScriptedServer
from quangba.articles.models import Article
from quangba.core.scheduler import run_until_idle
from quangba.ingest.models import Entry
from quangba.ingest.push import digest_of, make_key
from quangba.sources.models import Feed, IngestToken, Outlet, OutletDay
from test_ingest import PAGE

pytestmark = pytest.mark.django_db(transaction=True)

BODY = ("<p>Sáng 7/11, Festival Huế 2026 khai mạc tại Đại Nội với chương trình nghệ thuật kéo dài ba giờ, "
        "thu hút hàng nghìn du khách trong và ngoài nước.</p>"
        "<figure><img src='https://thu.example/img/le-hoi.jpg' width='960' height='540'>"
        "<figcaption>Lễ khai mạc tại Ngọ Môn. Ảnh: Hữu Khoa</figcaption></figure>"
        "<p>Festival năm nay có hơn 60 hoạt động, kéo dài đến hết tháng 11.</p>"
        "<script>alert(1)</script><p><a href='javascript:alert(2)'>bấm</a></p>")


def outlet(slug="bao-thu", homepage="https://thu.example/") -> Outlet:
    return Outlet.objects.create(name=f"Báo {slug}", slug=slug, homepage=homepage, language="vi")


def post(client, key, data, **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    body = data if isinstance(data, (bytes, str)) else json.dumps(data)
    return client.post("/api/v1/ingest/", body, content_type=extra.pop("content_type", "application/json"),
                       **headers, **extra)


def article(**changes):
    data = {"uri": "https://thu.example/van-hoa/khai-mac-festival-hue.html",
            "headline": "Khai mạc Festival Huế 2026", "body_html": BODY,
            "descriptions": [{"role": "summary", "value": "Festival Huế 2026 đã khai mạc."}],
            "firstcreated": "2026-11-07T08:52:11+07:00", "bylines": [{"name": "Hữu Khoa"}],
            "subjects": [{"name": "Văn hóa"}], "language": "vi",
            "associations": {"featureimage": {"type": "picture", "description_text": "Toàn cảnh Đại Nội",
                                              "copyrightholder": "TTXVN",
                                              "renditions": {"small": {"href": "https://thu.example/s.jpg", "width": 320},
                                                             "large": {"href": "https://thu.example/l.jpg", "width": 1600,
                                                                       "height": 900}}}}}
    data.update(changes)
    return data


def test_a_whole_article_is_stored_cleaned_and_credited(client):
    _token, key = make_key(outlet(), "CMS")
    response = post(client, key, article())
    assert response.status_code == 202, response.content
    assert response.json()["action"] == "created" and response.json()["fetch"] is False
    assert response["Cache-Control"] == "no-store"
    assert run_until_idle(timeout=60)
    stored = Article.objects.get()
    assert stored.title == "Khai mạc Festival Huế 2026" and stored.lead == "Festival Huế 2026 đã khai mạc."
    assert stored.original_url == "https://thu.example/van-hoa/khai-mac-festival-hue.html"
    assert stored.author == "Hữu Khoa" and stored.extractor == "push"
    assert stored.published_at.isoformat() == "2026-11-07T01:52:11+00:00"
    assert "script" not in stored.body_html and "javascript:" not in stored.body_html
    images = list(stored.images.order_by("position"))
    assert [(i.url, i.caption, i.credit) for i in images] == [
        ("https://thu.example/img/le-hoi.jpg", "Lễ khai mạc tại Ngọ Môn.", "Hữu Khoa"),
        ("https://thu.example/l.jpg", "Toàn cảnh Đại Nội", "TTXVN")]
    assert stored.status != Article.Status.PENDING  # filed and published (or held) by the chain
    # The same article again changes nothing; a correction makes a new version.
    assert post(client, key, article()).json()["action"] == "unchanged"
    corrected = post(client, key, article(headline="Khai mạc Festival Huế 2026 tại Đại Nội"))
    assert corrected.status_code == 202 and corrected.json()["action"] == "updated"
    assert run_until_idle(timeout=60)
    stored.refresh_from_db()
    assert stored.title == "Khai mạc Festival Huế 2026 tại Đại Nội" and stored.version == 2
    assert Article.objects.count() == 1 and Entry.objects.count() == 1
    assert Feed.objects.get(kind=Feed.Kind.PUSH).outlet.slug == "bao-thu"
    # The outlet's day counts it once (the correction is no new article) and its last new item.
    day = OutletDay.objects.get(outlet__slug="bao-thu")
    assert (day.ingested, day.published) == (1, 1)
    assert Feed.objects.get(kind=Feed.Kind.PUSH).last_new_at is not None


def test_a_pushed_url_is_fetched_now(client):
    path = "/van-hoa/khai-mac-festival-hue-2026.html"
    with ScriptedServer({}) as site:
        site.routes[path] = (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.replace("{base}", site.url).encode())
        home = outlet(homepage=site.url + "/")
        Outlet.objects.filter(pk=home.pk).update(allow_private_addresses=True)
        _token, key = make_key(home, "CMS")
        response = post(client, key, {"url": site.url + path})
        assert response.status_code == 202 and response.json()["fetch"] is True
        assert run_until_idle(timeout=60)
        assert Article.objects.get().title == "Khai mạc Festival Huế 2026"
        assert [p for p, _h in site.requests if p == path] == [path]
        # Pushed again, the URL is fetched again (the outlet says it changed).
        assert post(client, key, {"url": site.url + path}).json()["action"] == "updated"
        assert run_until_idle(timeout=60)
        assert [p for p, _h in site.requests if p == path] == [path, path]


def test_fields_the_api_does_not_know_are_ignored_not_taken_for_an_article(client):
    """schemathesis sent {"url": …} with two unknown fields: it is a page to fetch (the schema's
    first form allows extra fields), not a whole article missing its title. An article field
    (a title without a body, say) still makes it a whole article, refused for what it lacks."""
    _token, key = make_key(outlet(), "CMS")
    response = post(client, key, {"url": "https://thu.example/a.html", "": [], "x-cms-id": [True, "Â"]})
    assert response.status_code == 202, response.content
    assert response.json()["fetch"] is True and Entry.objects.get().payload is None
    response = post(client, key, {"url": "https://thu.example/b.html", "headline": "Chỉ có tít"})
    assert response.status_code == 400 and "'body_html' is required" in response.json()["error"]
    assert Entry.objects.count() == 1


def test_keys_are_hashed_scoped_revocable_and_rate_limited(client, settings):
    mine, other = outlet(), outlet("bao-khac", "https://khac.example/")
    token, key = make_key(mine, "CMS")
    assert key.startswith("qb_") and token.digest == digest_of(key) and key not in token.digest
    assert IngestToken.objects.filter(digest=key).count() == 0  # the key itself is nowhere at rest
    _other_token, other_key = make_key(other, "CMS")
    # Another outlet's article with my key, or mine with its key: refused, nothing stored.
    assert post(client, key, article(uri="https://khac.example/a.html")).status_code == 403
    assert post(client, other_key, article()).status_code == 403
    assert post(client, other_key, {"url": "https://thu.example/x.html"}).status_code == 403
    for bad in ("", "qb_nope", key + "x"):
        response = post(client, bad, article())
        assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    token.revoked_at = timezone.now()
    token.save()
    assert post(client, key, article()).status_code == 401
    assert Entry.objects.count() == 0 and Article.objects.count() == 0
    settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "PUSH_PER_MINUTE": 2}
    _t, limited = make_key(mine, "second CMS")
    codes = [post(client, limited, {"url": f"https://thu.example/{n}.html"}).status_code for n in range(3)]
    assert codes == [202, 202, 429]


@pytest.mark.parametrize("data, status, says", [
    (b"{not json", 400, "not JSON"),
    ([1, 2], 400, "JSON object"),
    ({"headline": "Không có URL", "body_html": "<p>x</p>"}, 400, "'url'"),
    (article(headline=["a list"]), 400, "'headline' must be a string"),
    (article(headline=""), 400, "'title' (or 'headline') is required"),
    (article(body_html=None), 400, "'body_html' is required"),
    (article(firstcreated="hôm qua"), 400, "ISO 8601"),
    (article(images={"url": "x"}), 400, "'images' must be a list"),
    (article(images=[{"url": "javascript:alert(1)"}]), 400, "http(s)"),
    (article(language="en"), 400, "'language'"),
    (article(subjects="Văn hóa"), 400, "'subjects' must be a list"),
    (article(headline="x" * 501), 400, "at most 500"),
])
def test_bad_pushes_are_refused_with_what_is_wrong(client, data, status, says):
    _token, key = make_key(outlet(), "CMS")
    response = post(client, key, data)
    assert response.status_code == status and says in response.json()["error"], response.content
    assert Entry.objects.count() == 0


def test_wrong_method_type_and_size(client, settings):
    _token, key = make_key(outlet(), "CMS")
    assert client.get("/api/v1/ingest/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 405
    assert post(client, key, "url=x", content_type="application/x-www-form-urlencoded").status_code == 415
    settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "MAX_FEED_BYTES": 1000}
    assert post(client, key, article(body_html="<p>" + "chữ " * 400 + "</p>")).status_code == 413


def test_a_body_without_text_fails_where_editors_see_it(client):
    _token, key = make_key(outlet(), "CMS")
    assert post(client, key, article(body_html="<script>x()</script><p> </p>")).status_code == 202
    run_until_idle(timeout=60)
    entry = Entry.objects.get()
    assert entry.state == Entry.State.FAILED and "no text" in entry.last_error
    assert Article.objects.count() == 0


def test_the_key_command_shows_a_key_once_and_revokes_it(capsys):
    outlet()
    call_command("ingest_key", "create", "bao-thu", "--name", "CMS")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    token = IngestToken.objects.get()
    assert digest_of(key) == token.digest
    call_command("ingest_key", "list")
    listing = capsys.readouterr().out
    assert token.prefix in listing and key not in listing
    call_command("ingest_key", "revoke", token.prefix)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_pushed_article_is_kept_on_its_entry_a_while_then_only_in_the_archive(client, settings):
    """Pushed bodies are not kept twice for ever: after PUSH_KEEP_DAYS the entry drops its copy
    (the article and its versions keep the text), a bounded batch per scheduler pass; a push that
    is not stored yet, or a recent one, keeps it."""
    from datetime import timedelta

    from quangba.core import scheduler

    _token, key = make_key(outlet(), "CMS")
    assert post(client, key, article()).status_code == 202
    assert post(client, key, article(uri="https://thu.example/b.html", headline="Bài thứ hai")).status_code == 202
    assert run_until_idle(timeout=60)
    old, recent = Entry.objects.order_by("pk")
    Entry.objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - timedelta(days=settings.QUANGBA_PIPELINE["PUSH_KEEP_DAYS"], hours=1))
    assert scheduler.tick()["ingest sweep"] == 1
    old.refresh_from_db(), recent.refresh_from_db()
    assert old.payload is None and recent.payload is not None
    assert Article.objects.get(original_url=old.url).body_html  # the archive keeps the text
    assert post(client, key, article()).json()["action"] == "unchanged"  # known by its fingerprint still
