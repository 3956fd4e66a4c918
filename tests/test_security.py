"""Public-site abuse and deploy hardening: log-in throttling, security headers, production settings."""
import json
import os
import re
import secrets
import subprocess
import sys
from datetime import datetime, timezone as dt_timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from quangba.articles.models import Article
from quangba.core.security import build_policy
from quangba.sources.models import Outlet
from quangba.taxonomy.models import Section

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple 42"


def csp_of(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in header.split(";") if part.strip())}


class Scripts(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block: inline scripts, on* handlers,
    javascript: URLs and style attributes."""

    def __init__(self):
        super().__init__()
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            executable = attrs.get("type", "text/javascript") in ("", "module", "text/javascript")
            self._in_script = executable and not attrs.get("src")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style" or (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline.append(f"<script>{data.strip()[:80]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def inline_code(html: str) -> list[str]:
    parser = Scripts()
    parser.feed(html)
    return parser.inline


@pytest.fixture
def article(db):
    outlet = Outlet.objects.create(name="Báo Sông Hồng", slug="song-hong", homepage="https://songhong.example/",
                                   language="vi", logo_url="http://127.0.0.1:8701/logo.svg")
    return Article.objects.create(
        outlet=outlet, identity="sec-1", original_url="https://songhong.example/1.html", language="vi",
        title="Bài về Hà Nội", slug="bai-ve-ha-noi", lead="Sapo.", content_hash="1",
        body_html='<p>Đoạn một.</p><p onclick="alert(1)">Hai <a href="javascript:alert(2)">x</a></p>'
                  '<script>alert(3)</script><img src="http://127.0.0.1:8701/a.png" onerror="alert(4)">',
        published_at=datetime(2026, 11, 7, 1, 0, tzinfo=dt_timezone.utc), section=Section.for_slug("travel"),
        status=Article.Status.PUBLISHED, media=[{"url": "https://www.youtube.com/embed/Xm3kQ9pL2vT",
                                                 "type": "text/html", "duration": "85"}])


# -- headers ---------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_public_pages_carry_a_strict_csp_and_the_other_headers(client, article):
    for path in ("/vi/", article.get_absolute_url(), "/admin/login/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        policy = csp_of(response)
        assert policy["script-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["frame-src"] == ["https://www.youtube-nocookie.com"]
        assert policy["img-src"] == ["'self'"]  # pictures are the portal's own copies, never hot-linked
        assert not any("unsafe" in s for sources in policy.values() for s in sources)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
        assert "Strict-Transport-Security" not in response  # plain HTTP, not production


@pytest.mark.django_db
def test_pages_have_no_inline_code_the_policy_would_block(client, article):
    for path in ("/vi/", article.get_absolute_url(), "/vi/travel/", "/admin/login/"):
        html = client.get(path, follow=True).content.decode()
        assert inline_code(html) == [], path
    # The lite YouTube player is a same-origin file, allowed by script-src 'self'.
    assert re.search(r'<script src="/static/[^"]*lite-yt\.js"', client.get(article.get_absolute_url()).content.decode())


@pytest.mark.django_db
def test_baked_pages_get_the_headers_too(client, article, settings, tmp_path):
    settings.QUANGBA_BAKED_DIR = tmp_path
    (tmp_path / "vi").mkdir()
    (tmp_path / "vi" / "index.html").write_text("<!doctype html><title>baked</title>")
    response = client.get("/vi/")
    assert response.get("X-Quangba-Baked") == "1"  # answered before the clickjacking middleware runs
    assert response["X-Frame-Options"] == "DENY"
    assert csp_of(response)["frame-ancestors"] == ["'none'"]


def test_policy_building_refuses_header_injection():
    assert build_policy({"default-src": ["'self'"], "upgrade-insecure-requests": []}) == \
        "default-src 'self'; upgrade-insecure-requests"
    with pytest.raises(ValueError):
        build_policy({"img-src": ["https://a.example; script-src *"]})


@pytest.mark.django_db
def test_report_only_mode(settings, rf):
    from quangba.core.security import SecurityHeadersMiddleware
    from django.http import HttpResponse

    settings.QUANGBA_CSP_REPORT_ONLY = True
    response = SecurityHeadersMiddleware(lambda request: HttpResponse("ok"))(rf.get("/"))
    assert "Content-Security-Policy" not in response
    assert "script-src 'self'" in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
def test_hsts_only_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    assert "Strict-Transport-Security" not in client.get("/vi/")
    assert client.get("/vi/", secure=True)["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


# -- log-in brute force ----------------------------------------------------------------------------
@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(password: str, *, username: str = "editor", address: str = "203.0.113.7"):
    client = Client(REMOTE_ADDR=address)
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_admin_log_in_locks_out_after_five_failures(admin_user):
    for _ in range(4):
        assert log_in("wrong").status_code == 200  # the form again, with an error
    assert log_in("wrong").status_code == 429  # the fifth failure locks
    assert log_in(PASSWORD).status_code == 429  # even the right password, for the cool-off time
    # Guessing one account from many addresses is stopped too; other accounts elsewhere are not.
    assert log_in(PASSWORD, address="198.51.100.9").status_code == 429
    User.objects.create_user("reporter", password=PASSWORD, is_staff=True)
    assert log_in(PASSWORD, username="reporter", address="198.51.100.9").status_code == 302


def test_a_successful_log_in_resets_the_count(admin_user):
    for _ in range(4):
        log_in("wrong")
    assert log_in(PASSWORD).status_code == 302
    for _ in range(4):
        assert log_in("wrong").status_code == 200
    assert log_in(PASSWORD).status_code == 302


def test_cool_off_ends_the_lock_out(admin_user, settings):
    from axes.models import AccessAttempt

    for _ in range(5):
        log_in("wrong")
    assert log_in(PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime(2020, 1, 1, tzinfo=dt_timezone.utc))
    assert log_in(PASSWORD).status_code == 302


def test_log_in_without_a_request_still_works(admin_user):
    assert Client().login(username="editor", password=PASSWORD)


# -- production settings ---------------------------------------------------------------------------
def production_env(tmp_path, **overrides) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("QUANGBA_", "DATABASE_URL", "DJANGO_"))}
    env.update(QUANGBA_PRODUCTION="1", QUANGBA_SECRET_KEY=secrets.token_urlsafe(64),
               QUANGBA_ALLOWED_HOSTS="news.example.org", QUANGBA_SITE_URL="https://news.example.org",
               QUANGBA_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="quangba.settings")
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def quangba(env, *args):
    return subprocess.run([sys.executable, "-m", "quangba", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production(tmp_path):
    done = quangba(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr + done.stdout
    assert "no issues" in done.stdout


def test_production_settings_are_strict(tmp_path):
    code = ("import json; from django.conf import settings as s; import django; django.setup(); "
            "print(json.dumps([s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE, s.QUANGBA_CSP['img-src'], 'upgrade-insecure-requests' in s.QUANGBA_CSP]))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=production_env(tmp_path),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    debug, redirect, hsts, session_secure, csrf_secure, img_src, upgrade = json.loads(done.stdout)
    assert (debug, redirect, session_secure, csrf_secure, upgrade) == (False, True, True, True, True)
    assert hsts >= 31536000
    assert not any("127.0.0.1" in source or "localhost" in source for source in img_src)


@pytest.mark.parametrize("missing", ["QUANGBA_SECRET_KEY", "QUANGBA_ALLOWED_HOSTS", "QUANGBA_SITE_URL"])
def test_production_refuses_to_start_without_its_secrets(tmp_path, missing):
    done = quangba(production_env(tmp_path, **{missing: None}), "check")
    assert done.returncode != 0
    assert f"{missing} must be set" in done.stderr


def test_pages_are_served_only_at_their_own_address(client, outlets, drain_tasks):
    """`?x=`, OPTIONS and odd spellings of a path neither bypass the baked page nor serve it under
    another address."""
    from _factories import make_article
    from quangba.core.stages import send

    article = make_article(outlets[0], 1, section="travel")
    send("bake", [article.pk])
    drain_tasks()
    assert client.get("/vi/travel/")["X-Quangba-Baked"] == "1"
    assert client.get("/vi/travel/?x=1&utm_source=y")["X-Quangba-Baked"] == "1"  # the same page
    assert client.get("/vi/travel/?page=1")["X-Quangba-Baked"] == "1"
    options = client.options("/vi/travel/")
    assert options.status_code == 204 and "X-Quangba-Baked" not in options and options["Allow"]
    for odd in ("//vi/travel/", "/vi//travel/", "/vi/travel%2F/", "/vi/./travel/"):
        response = client.get(odd)
        assert "X-Quangba-Baked" not in response and response.status_code in (301, 302, 404), odd


def test_static_files_refuse_writes_and_carry_the_security_headers(client):
    response = client.get("/static/quangba/site.css")
    assert response.status_code == 200 and "Content-Security-Policy" in response
    assert response["X-Content-Type-Options"] == "nosniff"
    for method in (client.put, client.delete, client.post):
        assert method("/static/quangba/site.css").status_code in (403, 405)


def test_absolute_urls_come_from_the_site_address_not_the_host_header(client, outlets, settings):
    from _factories import make_article

    settings.ALLOWED_HOSTS = ["testserver", "evil.example"]
    article = make_article(outlets[0], 2)
    settings.QUANGBA_BAKE = False
    page = client.get(article.get_absolute_url(), HTTP_HOST="evil.example").content.decode()
    assert "evil.example" not in page and 'href="http://testserver/vi/article/' in page
    feed = client.get("/vi/feeds/rss.xml", HTTP_HOST="evil.example").content.decode()
    assert "evil.example" not in feed
