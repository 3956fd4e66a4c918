"""Comments: posting, anti-abuse checks, moderation, escaping, floods."""
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
    return signer.sign(str(int(time.time()) - seconds))


def post(client, article, **overrides):
    data = {"name": "Mai", "email": "mai@example.org", "text": "Bài viết hay <script>alert(1)</script>",
            "website": "", "token": old_token(), **overrides}
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


def test_approved_commenters_are_approved_automatically(client, article):
    Comment.objects.create(article=article, language="vi", name="Mai", email="MAI@example.org", text="trước",
                           status=Comment.Status.APPROVED)
    post(client, article, text="lần hai")
    assert Comment.objects.get(text="lần hai").status == Comment.Status.APPROVED


@pytest.mark.parametrize("overrides,code", [
    ({"website": "http://spam.example"}, "honeypot"),
    ({"token": "forged"}, "token"),
    ({"text": "http://a.example http://b.example http://c.example"}, "links"),
    ({"text": "x" * 3001}, "length"),
    ({"email": "not-an-address"}, "email"),
])
def test_bad_posts_are_refused_with_a_reason(client, article, overrides, code):
    response = post(client, article, **overrides)
    assert response.status_code == 400
    assert Comment.objects.count() == 0


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


def test_csrf_is_enforced(article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(f"/vi/article/{article.pk}/comment/", {"name": "a"})
    assert response.status_code == 403
