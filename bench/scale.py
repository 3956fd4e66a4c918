"""National scale: search, public pages, ingest and memory on a synthetic archive.

    quangba synth --articles 1000000            # once, into the configured database (about 40 min)
    python bench/scale.py [--ingest 300]        # then this, against the same database

The database is the configured one (QUANGBA_VAR_DIR / DATABASE_URL): SQLite by default,
PostgreSQL with DATABASE_URL. Each part runs in a process of its own so memory is its own:

* search: a fixed list of queries (common words with and without diacritics, phrases, rare words,
  no hits, a section filter), each through the search page, five times: p50 / p95 / max, and the
  engine's part alone;
* pages: every kind of public page, rendered by the views (no baked files, no page cache), five
  times each: p50 / p95, and the SQL statements each needs;
* ingest: new articles of the synthetic stream stored the way the ingest stage stores them (no
  network, no machine translation), then run through the rest of the chain (file, stories,
  translate, publish, bake and index) by `--workers` `quangba worker` processes (0: in this
  process): articles per second, first half and second half;
* memory: the resident set of the web process after the pages and of each worker after the ingest.

Prints a Markdown table per part and exits 0 (a benchmark, not a test).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "vntc" / "train.jsonl.xz"

QUERIES = [
    ("common, folded", "ha noi", {}), ("common, diacritics", "Hà Nội", {}), ("common, folded", "kinh te", {}),
    ("common, diacritics", "kinh tế", {}), ("common", "thanh pho", {}), ("common", "giáo dục", {}),
    ("phrase", '"ngân hàng nhà nước"', {}), ("phrase", '"thủ tướng"', {}), ("phrase", '"bóng đá"', {}),
    ("words", "giá xăng tăng", {}), ("words", "học sinh thi đại học", {}), ("rare", "pentium", {}),
    ("rare", "libăng", {}), ("rare", "vicofa", {}), ("no hits", "zzqxwv", {}), ("no hits", '"hà nội zzqxwv"', {}),
    ("section filter", "bóng đá", {"section": "news"}), ("section filter", "kinh tế", {"section": "business"}),
    ("section filter", "du lịch", {"section": "travel"}), ("mixed", "Đà Nẵng du lịch", {}),
]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quangba.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def child_search() -> dict:
    _setup()
    from django.conf import settings
    from django.test import Client
    from django.utils import translation

    from quangba.search import index
    from quangba.search.index import Query

    settings.QUANGBA_BAKE = False
    client, rows = Client(), []
    for label, text, filters in QUERIES:
        params = {"q": text, **filters}
        page_times, engine_times, hits = [], [], 0
        for _ in range(5):
            from django.core.cache import cache

            cache.clear()
            started = time.perf_counter()
            response = client.get("/vi/search/", params)
            page_times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (text, response.status_code)
            with translation.override("vi"):
                query = Query.parse(text, "vi", section=filters.get("section", ""))
                started = time.perf_counter()
                hits = index.search(query, page=1, per_page=10).total
                engine_times.append((time.perf_counter() - started) * 1000)
        rows.append({"label": label, "query": text + (f" ({filters})" if filters else ""), "hits": hits,
                     "page_p50": statistics.median(page_times), "page_max": max(page_times),
                     "engine_p50": statistics.median(engine_times), "engine_max": max(engine_times)})
    return {"rows": rows, "rss": rss_mib()}


def child_pages() -> dict:
    _setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from quangba.articles.models import Article, Listing
    from quangba.taxonomy.models import Place

    settings.QUANGBA_BAKE = False
    client = Client()
    newest = Listing.objects.filter(language="vi").order_by("-published_at", "-article_id").values_list(
        "article_id", flat=True).first()
    oldest = Listing.objects.filter(language="vi").order_by("published_at", "article_id").values_list(
        "article_id", flat=True).first()
    english = Listing.objects.filter(language="en").order_by("-published_at").values_list("article_id", flat=True).first()
    place = Place.objects.get(slug="ha-noi")
    pages = [
        ("home", "/vi/"), ("home (en)", "/en/"), ("section p1", "/vi/news/"), ("section p1000", "/vi/news/?page=1000"),
        ("Local index", "/vi/local/"), ("place", f"/vi/local/{place.slug}/"), ("place p100", f"/vi/local/{place.slug}/?page=100"),
        ("outlet", "/vi/outlets/synth-007/"), ("outlets", "/vi/outlets/"),
        ("article, newest", Article.objects.get(pk=newest).get_absolute_url("vi")),
        ("article, oldest", Article.objects.get(pk=oldest).get_absolute_url("vi")),
        ("search", "/vi/search/?q=ha+noi"), ("sitemap index", "/sitemap.xml"), ("sitemap of pages", "/sitemap-pages.xml"),
        ("sitemap of articles", "/sitemap-articles-0.xml"),
        ("news sitemap", "/sitemap-news.xml"), ("feed", "/vi/feeds/rss.xml"), ("section feed", "/vi/feeds/sections/business/atom.xml"),
        ("province feed", f"/vi/feeds/provinces/{place.slug}/rss.xml"), ("API articles", "/api/v1/articles/?lang=vi"),
        ("API stories", "/api/v1/stories/"),
    ]
    if english:
        pages.append(("article (en)", Article.objects.get(pk=english).get_absolute_url("en")))
    # The desk's pages, as a staff member sees them.
    from django.contrib.auth import get_user_model

    staff = Client()
    staff.force_login(get_user_model().objects.get_or_create(
        username="bench-desk", defaults={"is_staff": True, "email": "bench-desk@example.org"})[0])
    from quangba.articles.models import ArticleTranslation
    from quangba.stories.models import Story

    translation = ArticleTranslation.objects.order_by("-pk").values_list("pk", flat=True).first()
    story = Story.objects.filter(reports__gt=1).order_by("-updated_at", "-id").values_list("pk", flat=True).first()
    desk_pages = [
        ("desk: Today", "/desk/"), ("desk: sources board", "/desk/sources/"),
        ("desk: partner report", "/desk/sources/report.csv"), ("desk: review, held articles", "/desk/review/"),
        ("desk: review, held translations", "/desk/review/?kind=translations"),
        ("desk: review, published, one outlet", "/desk/review/?status=published&outlet=synth-007"),
        ("desk: preview", f"/desk/preview/article/{newest}/"), ("desk: front, home (en)", "/desk/front/?language=en"),
        ("desk: front, section (vi)", "/desk/front/?language=vi&section=business"),
    ]
    if translation:
        desk_pages.append(("desk: translation side by side", f"/desk/translations/{translation}/"))
    if story:
        desk_pages.append(("desk: story", f"/desk/stories/{story}/"))
    desk = {path for _label, path in desk_pages}
    pages += desk_pages
    rows = []
    for label, path in pages:
        client_for_page = staff if path in desk else client
        times, queries, status = [], 0, 0
        for _ in range(5):
            cache.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client_for_page.get(path)
                times.append((time.perf_counter() - started) * 1000)
            queries, status = len(captured.captured_queries), response.status_code
        rows.append({"label": label, "path": path, "status": status, "p50": statistics.median(times),
                     "p95": percentile(times, 0.95), "queries": queries})
    return {"rows": rows, "rss": rss_mib()}


def _process_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _wait_idle(timeout: float) -> bool:
    """Until the worker processes have left nothing due or queued."""
    from quangba.core.scheduler import work_due
    from quangba.core.worker import queued

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not queued() and not work_due():
            return True
        time.sleep(0.2)
    return False


def child_ingest(count: int, workers: int) -> dict:
    _setup()
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from quangba.articles.models import Article
    from quangba.core.scheduler import run_until_idle
    from quangba.core.stages import chain
    from quangba.demo.synthetic import load_bases, stream
    from quangba.extract import ExtractedArticle
    from quangba.ingest.models import Entry
    from quangba.ingest.store import store
    from quangba.sources.models import Feed, Outlet

    outlet = Outlet.objects.filter(slug__startswith="synth-").order_by("slug").first()
    feed, _created = Feed.objects.get_or_create(outlet=outlet, url=f"{outlet.homepage}bench.rss",
                                                defaults={"paused": True})
    bases = load_bases(CORPUS)
    start = timezone.now() - timedelta(minutes=count)
    made = list(stream(bases, count, start=start, days=count / (24 * 60), outlets=1, seed=int(time.time())))
    ingest = chain().get("ingest")
    halves = []
    # Worker processes as deployed, each with its scheduler (claims never run a row twice).
    procs = [subprocess.Popen([sys.executable, "-m", "quangba", "worker", "--interval", "0.1", "--tick", "0.3"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(workers)]
    for half in (made[:count // 2], made[count // 2:]):
        started = time.perf_counter()
        for article in half:
            url = f"{outlet.homepage}bench/{article.number}-{time.time_ns()}.html"
            doc = ExtractedArticle(url=url, title=article.title, lead=article.lead,
                                   body_html="".join(f"<p>{p}.</p>" for p in article.text.split(". ")),
                                   text=article.text, published_at=article.published_at, confidence=0.9,
                                   extractor="bench")
            entry = Entry.objects.create(feed=feed, identity=url[-64:], url=url, fingerprint="bench",
                                         state=Entry.State.DONE)
            entry.feed = feed
            with transaction.atomic():
                outcome = store(entry, doc, fetched_url=url)
                ingest.hand_off([outcome.article_id])
        stored = time.perf_counter() - started
        assert _wait_idle(3600) if procs else run_until_idle(timeout=3600)
        halves.append({"articles": len(half), "stored_s": stored, "total_s": time.perf_counter() - started})
    published = Article.objects.filter(published_at__gte=start).count()
    rss = [_process_rss_mib(p.pid) for p in procs] or [rss_mib()]
    for proc in procs:
        proc.terminate()
        proc.wait(30)
    return {"halves": halves, "published": published, "rss": rss}


def run_child(name: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", name, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", type=int, default=300, help="Articles pushed through the chain (0: skip).")
    parser.add_argument("--workers", type=int, default=2, help="Worker processes running the chain (0: in process).")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        result = {"search": child_search, "pages": child_pages,
                  "ingest": lambda: child_ingest(int(options.args[0]), int(options.args[1]))}[options.child]()
        print(json.dumps(result))
        return 0
    _setup()
    from django.db import connection

    from quangba.articles.models import Article

    total = Article.objects.count()
    print(f"Archive: {total:,} articles on {connection.vendor} ({connection.settings_dict['NAME']})\n")
    search = run_child("search")
    print("| search (/vi/search/) | hits (capped at 1,000) | page p50 ms | page max ms | engine p50 ms | engine max ms |")
    print("|---|---|---|---|---|---|")
    for row in search["rows"]:
        print(f"| {row['label']}: {row['query']} | {row['hits']:,} | {row['page_p50']:.1f} | {row['page_max']:.1f} | "
              f"{row['engine_p50']:.1f} | {row['engine_max']:.1f} |")
    all_pages = [row["page_max"] for row in search["rows"]]
    print(f"\nsearch pages: p95 {percentile(all_pages, 0.95):.1f} ms over {len(all_pages)} queries (worst of five runs each)")
    pages = run_child("pages")
    print("\n| page (uncached, views) | status | p50 ms | p95 ms | SQL statements |")
    print("|---|---|---|---|---|")
    for row in pages["rows"]:
        print(f"| {row['label']} `{row['path'][:50]}` | {row['status']} | {row['p50']:.1f} | {row['p95']:.1f} | {row['queries']} |")
    print(f"\nweb process after the pages: {pages['rss']:.0f} MiB RSS (after the search run: {search['rss']:.0f} MiB)")
    if options.ingest:
        ingest = run_child("ingest", str(options.ingest), str(options.workers))
        print(f"\n| ingest (store → file → stories → translate → publish → bake+index), "
              f"{options.workers or 'no'} worker processes | articles | stored/s | end to end/s |")
        print("|---|---|---|---|")
        for n, half in enumerate(ingest["halves"], 1):
            print(f"| half {n} | {half['articles']} | {half['articles'] / half['stored_s']:.0f} | "
                  f"{half['articles'] / half['total_s']:.1f} |")
        print(f"\nworker processes after the ingest: {', '.join(f'{r:.0f}' for r in ingest['rss'])} MiB RSS")
    print(f"\nreproduce: quangba synth --articles {total:,} && python bench/scale.py --ingest {options.ingest} --workers {options.workers}".replace(",", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
