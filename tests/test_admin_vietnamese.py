"""The admin stays for raw data, and speaks the staff's language: every registered model's list and
form pages, in Vietnamese, show no English words (app names, columns, fields, help texts, actions,
Django's own and the libraries' strings)."""
import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

from _factories import make_article

pytestmark = pytest.mark.django_db

# What is data, not interface: the test's outlet and language, section slugs, Vietnamese words
# without marks, a comment status that is the same word in Vietnamese.
DATA = {"Hanoi Daily", "English", "Video", "Xem trang web", "Spam", "ghim", "business", "figure", "heritage",
        "local", "news", "political-system", "product", "travel", "video", "quantri", "Song Hong"}
ENGLISH_LOOKING = re.compile(r"[A-Za-z][A-Za-z ,.'()/-]{3,}")


def visible_lines(html: str) -> set[str]:
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    return {line.strip() for line in re.sub(r"<[^>]+>", "\n", html).splitlines() if line.strip()}


def test_every_admin_page_is_in_vietnamese(client, outlets):
    client.force_login(get_user_model().objects.create_superuser("quantri", "qt@example.org", "pw"))
    article = make_article(outlets[0], 1)
    urls = ["/admin/", f"/admin/articles/article/{article.pk}/change/", f"/admin/sources/outlet/{outlets[0].pk}/change/"]
    for model, model_admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls.append(base)
        if model_admin.has_add_permission(type("R", (), {"user": get_user_model()(is_superuser=True, is_active=True)})()):
            urls.append(base + "add/")
    english = {}
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 200, url
        found = {line for line in visible_lines(response.content.decode())
                 if ENGLISH_LOOKING.fullmatch(line) and line not in DATA}
        if found:
            english[url] = sorted(found)
    assert english == {}
