"""Comments: posting, anti-abuse checks, moderation, escaping, floods."""
import itertools
import time

import pytest
from django.core.cache import cache

from quangba.comments import forms as comment_forms
from quangba.comments.models import Comment
from _factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(outlets):
    return make_article(outlets[0], 1)


def old_token(seconds=10):
    signer = comment_forms._SIGNER
    return signer.sign(f"{int(time.time()) - seconds}.{seconds}")


SECONDS = itertools.count(10)


def post(client, article, **overrides):
    """One comment, with a form token of its own (a form sends one comment)."""
    data = {"name": "Mai", "email": "mai@example.org", "text": "Bài viết hay <script>alert(1)</script>",
            "website": "", "token": old_token(next(SECONDS)), **overrides}
    return client.post(f"/vi/article/{article.pk}/comment/", data, REMOTE_ADDR=overrides.pop("ip", "203.0.113.5"))


def test_a_comment_waits_for_moderation_then_shows_escaped(client, article, drain_tasks):
    from quangba.comments.actions import ApproveComment

    response = post(client, article)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING and comment.ip_address == "203.0.113.5"
    assert "Bài viết hay" not in client.get(article.get_absolute_url()).content.decode()
    ApproveComment(comment, reason="fine").run()
    drain_tasks()  # the article's page is baked again
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "mai@example.org" not in html


def test_a_browser_whose_comment_was_approved_is_trusted_not_an_address(client, article):
    from django.test import Client

    from quangba.comments.actions import ApproveComment

    post(client, article, text="lần một")
    ApproveComment(Comment.objects.get(text="lần một"), reason="ok").run()
    post(client, article, text="lần hai", email="MAI@example.org")
    assert Comment.objects.get(text="lần hai").status == Comment.Status.APPROVED
    # Someone else using the same (or a case-variant) address from another browser is moderated.
    for email in ("mai@example.org", "Mai@Example.org"):
        post(Client(), article, text=f"giả mạo {email}", email=email, ip="198.51.100.9")
        assert Comment.objects.get(text=f"giả mạo {email}").status == Comment.Status.PENDING


@pytest.mark.parametrize("overrides,code", [
    ({"website": "http://spam.example"}, "honeypot"),
    ({"token": "forged"}, "token"),
    ({"text": "http://a.example http://b.example http://c.example"}, "links"),
    ({"text": "x" * 3001}, "length"),
    ({"email": "not-an-address"}, "invalid"),
])
def test_bad_posts_are_refused_with_a_reason(client, article, overrides, code):
    response = post(client, article, **overrides)
    assert response.status_code == 400
    codes = {error.code for errors in response.context["form"].errors.as_data().values() for error in errors}
    assert code in codes or (code == "length" and "max_length" in codes), codes
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("text", [
    "hxxp://a.example hxxp://b.example hxxp://c.example", "//a.example/x //b.example/y //c.example/z",
    "ｈｔｔｐ：／／a.example ｈｔｔｐ：／／b.example ｈｔｔｐ：／／c.example", "spam.com và cheap.net và win.xyz",
    "www . a . com, www.b.com, www.c.com", "h t t p s : / / x.com and more.link and buy.shop",
])
def test_links_in_disguise_count_as_links(client, article, text):
    response = post(client, article, text=text)
    assert response.status_code == 400 and Comment.objects.count() == 0


def test_vietnamese_abbreviations_are_not_links(client, article):
    assert post(client, article, text="Người dân TP.HCM và Q.1 rất vui, v.v.").status_code == 302


def test_invisible_and_direction_marks_are_not_stored(client, article):
    post(client, article, name="Ma\u202ei\u200b", text="Hay\x07 \u202equá\u2066 rồi\x1b")
    comment = Comment.objects.get()
    assert (comment.name, comment.text) == ("Mai", "Hay quá rồi")


def test_one_form_sends_one_comment(client, article):
    token = old_token()
    codes = [post(client, article, token=token, text=f"lần {n}").status_code for n in range(3)]
    assert codes == [302, 400, 400] and Comment.objects.count() == 1


def test_rejected_posts_do_not_close_an_article_to_its_readers(client, article, settings):
    settings.QUANGBA_COMMENTS = {**settings.QUANGBA_COMMENTS, "PER_IP": 100, "PER_ARTICLE": 3}
    for n in range(20):  # a bot filling the honeypot
        assert post(client, article, website="http://spam.example", ip="203.0.113.66").status_code == 400
    assert post(client, article, text="một bạn đọc thật", ip="198.51.100.1").status_code == 302


def test_the_time_trap_refuses_instant_posts(client, article):
    response = post(client, article, token=comment_forms.form_token())
    assert response.status_code == 400 and Comment.objects.count() == 0


def test_a_flood_is_refused_and_the_site_goes_on(client, article, settings):
    settings.QUANGBA_COMMENTS = {**settings.QUANGBA_COMMENTS, "PER_IP": 3, "PER_ARTICLE": 5}
    codes = [post(client, article, text=f"bình luận {n}").status_code for n in range(10)]
    assert codes[:3] == [302, 302, 302] and set(codes[3:]) == {429}
    assert Comment.objects.count() == 3
    # Other readers hit the per-article cap, not a crash; pages still render.
    others = [post(client, article, text=f"khác {n}", ip=f"198.51.100.{n}").status_code for n in range(4)]
    assert others == [302, 302, 429, 429]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_csrf_is_enforced_and_a_stale_form_keeps_what_was_written(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/vi/article/{article.pk}/comment/", {"name": "Lan", "text": "Ý kiến dài của tôi"})
    html = response.content.decode()
    assert response.status_code == 403 and Comment.objects.count() == 0
    assert "Ý kiến dài của tôi" in html and 'value="Lan"' in html and 'role="search"' in html
    other = strict.post("/admin/login/", {"username": "x"})
    assert other.status_code == 403 and 'class="site-header"' in other.content.decode()


def test_the_comment_page_offers_only_the_languages_the_article_is_read_in(client, article):
    html = client.get(f"/vi/article/{article.pk}/comment/").content.decode()
    assert f'hreflang="vi" href="http://testserver/vi/article/{article.pk}/comment/"' in html
    assert f"/en/article/{article.pk}/comment/" not in html and f"/es/article/{article.pk}/comment/" not in html
    assert client.get(f"/en/article/{article.pk}/comment/").status_code == 404
