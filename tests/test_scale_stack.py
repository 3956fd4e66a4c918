"""The scale-out stack for real (`make test-scale`, .ci/with-scale-stack): the sample partner sites
ingested by two worker processes through PgBouncer (transaction pooling) into PostgreSQL, the
cache and rate limits in Redis, readers served by nginx (baked pages as files, the rest passed on
to `quangba serve`)."""
import os
import re
import subprocess
import time

import httpx
import pytest

STACK = os.environ.get("QUANGBA_STACK_URL")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not STACK, reason="needs the scale-out stack (make test-scale starts it)")]


@pytest.fixture(scope="module")
def ingested(django_db_blocker):
    """The sample partners loaded into the stack's database; the workers ingest them."""
    from quangba.articles.models import Article
    from quangba.core.stages import backlog
    from quangba.demo.outlets import load_outlets
    from quangba.demo.partners import load_partners
    from quangba.demo.server import PartnerServer
    from quangba.ingest.models import Entry

    expected = sum(len(o.articles) for o in load_outlets())
    # Every stage's rows but the feeds' (polled again for good): entries, translations, images,
    # the hand-offs. A translation finishing late bakes again and moves the page cache on.
    with PartnerServer(host="127.0.0.1", base_port=0) as server, django_db_blocker.unblock():
        load_partners(server)
        deadline = time.monotonic() + 240
        calm = 0
        while calm < 3:
            time.sleep(1)
            waiting = backlog()
            assert time.monotonic() < deadline, waiting
            settled = Entry.objects.count() >= expected and not any(waiting.values())
            calm = calm + 1 if settled else 0
        yield {"expected": expected, "published": list(Article.objects.published().order_by("pk"))}


def test_the_workers_ingested_everything_once_through_pgbouncer(ingested, django_db_blocker):
    from quangba.articles.models import Article, ArticleVersion

    with django_db_blocker.unblock():
        assert Article.objects.count() == ingested["expected"] == ArticleVersion.objects.count()
    assert len(ingested["published"]) >= 40


def test_nginx_serves_baked_pages_and_passes_the_rest_on(ingested):
    with httpx.Client(base_url=STACK) as client:
        home = client.get("/vi/")
        assert home.status_code == 200 and home.headers.get("x-quangba-front") == "baked"
        for article in ingested["published"][:10]:
            page = client.get(article.get_absolute_url())
            assert page.status_code == 200 and page.headers.get("x-quangba-front") == "baked", article.title
            assert article.title.split()[0] in page.text
        search = client.get("/vi/search/", params={"q": "ha noi"})
        assert search.status_code == 200 and "x-quangba-front" not in search.headers and "<mark>" in search.text
        again = client.get("/vi/search/", params={"q": "ha noi"})
        assert again.headers.get("x-quangba-cache") == "hit"  # the page cache, in Redis
        api = client.get("/api/v1/articles/", params={"lang": "vi"}).json()
        assert api["count"] >= 20 and api["results"]
        assert client.get("/static/quangba/site.css").status_code == 200
        # The .br/.gz files baked next to each page and collected next to each static file,
        # sent as they are (brotli_static, gzip_static); hashed static names cached for good.
        for accept, encoding in (("gzip, br", "br"), ("gzip", "gzip")):
            packed = client.get("/vi/", headers={"Accept-Encoding": accept})
            assert packed.headers.get("content-encoding") == encoding and packed.headers.get("x-quangba-front") == "baked"
            assert "Accept-Encoding" in packed.headers.get("vary", "")  # shared caches keep them apart
            assert packed.text == home.text  # httpx decodes both
        css = re.search(r'href="(/static/quangba/site\.[0-9a-f]{12}\.css)"', home.text).group(1)
        style = client.get(css, headers={"Accept-Encoding": "br"})
        assert style.headers.get("content-encoding") == "br" and "max-age=315360000" in style.headers["cache-control"]


def test_rate_limits_hold_across_processes(ingested):
    """Comments are limited per address in Redis: the web server's two processes count together."""
    article = ingested["published"][0]
    path = re.sub(r"/article/(\d+)-.*", r"/article/\1/comment/", article.get_absolute_url())
    statuses = []
    with httpx.Client(base_url=STACK) as client:
        forms = [client.get(path).text for _ in range(8)]  # a form sends one comment
        time.sleep(3.2)  # the forms' time trap
        for n, form in enumerate(forms):
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
            time_token = re.search(r'name="token" value="([^"]+)"', form).group(1)
            response = client.post(path, data={
                "csrfmiddlewaretoken": token, "token": time_token, "name": f"Bạn đọc {n}", "email": f"r{n}@example.org",
                "text": f"Ý kiến số {n} về bài viết.", "website": ""}, headers={"Referer": STACK + path})
            statuses.append(response.status_code)
    assert statuses[:5] == [302] * 5 and 429 in statuses[5:], statuses
    redis = os.environ["QUANGBA_STACK_REDIS"].split(":")
    keys = subprocess.run(["redis-cli", "-h", redis[0], "-p", redis[1], "dbsize"], capture_output=True, text=True)
    assert int(keys.stdout.strip() or 0) > 0
