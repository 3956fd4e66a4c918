"""Freshness: how long from an outlet publishing an article to its page being live on the portal
(stored, filed, published and baked), for each way a partner publishes — a WebSub hub's push,
the push API, a news sitemap and a polled feed — on the demo's sample sites.

    python bench/freshness.py [--rounds 20] [--spacing 12] [--workers 1] [--json]

One process: its own SQLite database in a temporary folder, the sample sites and their WebSub
hub on loopback, the portal's WSGI app on a free port (the hub's callback and the ingest API),
task workers (`--workers`, 1) and the scheduler (a pass every 0.5 s). Translation (about a
second per article and language here) shares the workers with everything else. Feeds and sitemaps are checked at their
adaptive interval, here clamped to QUANGBA_POLL_MIN_SECONDS..QUANGBA_POLL_MAX_SECONDS = 5..30 s
so that a run takes minutes, not hours; the figure that matters for them is the latency against
the interval in force, printed beside it. "known" is how long until the portal had the entry
(the check, or the push), the rest is the chain's work. Goal: WebSub and push p95 ≤ 2 s.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parents[1]
KINDS = {"websub": "dat-viet", "push": "nhip-song-mien-trung", "sitemap": "heritage-trails", "feed": "song-hong"}
POLL_MIN, POLL_MAX = 5, 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="articles each kind publishes (20: the p95 is the second slowest)")
    parser.add_argument("--spacing", type=float, default=12.0,
                        help="seconds between rounds (four articles each: 20 a minute, 4.8 times a national "
                             "portal's 6,000 a day)")
    parser.add_argument("--workers", type=int, default=1, help="task worker threads")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)

    var_dir = Path(tempfile.mkdtemp(prefix="quangba-freshness-"))
    port = free_port()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="quangba.settings", QUANGBA_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'quangba.sqlite3'}", QUANGBA_SITE_URL=f"http://127.0.0.1:{port}",
        QUANGBA_FETCH_POLITENESS="0", QUANGBA_POLL_MIN_SECONDS=str(POLL_MIN), QUANGBA_POLL_MAX_SECONDS=str(POLL_MAX),
        QUANGBA_LOG_LEVEL="ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    from quangba.articles.models import Article
    from quangba.core.scheduler import SchedulerThread, run_until_idle
    from quangba.core.stages import send
    from quangba.core.worker import WorkerThread
    from quangba.demo.partners import load_partners
    from quangba.demo.server import PartnerServer
    from quangba.ingest.models import Entry
    from quangba.sources.models import Feed
    from quangba.web.bake import file_for

    say = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    call_command("migrate", interactive=False, verbosity=0)
    partners = PartnerServer().start()
    web = make_server("127.0.0.1", port, get_wsgi_application(), server_class=_Server, handler_class=_Quiet)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    websub_on = settings.QUANGBA_PIPELINE["WEBSUB"]
    try:
        say("loading and ingesting the sample outlets…")
        load_partners(partners)
        settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "WEBSUB": False}
        run_until_idle(timeout=900)
        settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "WEBSUB": websub_on}
        workers, scheduler = [WorkerThread(interval=0.05) for _ in range(args.workers)], SchedulerThread(interval=0.5)
        for worker in workers:
            worker.start()
        scheduler.start()
        send("poll", Feed.objects.filter(kind=Feed.Kind.POLLED).values_list("pk", flat=True))
        topic = partners.feed_url(KINDS["websub"])
        deadline = time.monotonic() + 60
        while not partners.hub.subscribed(topic) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not partners.hub.subscribed(topic):
            say("the hub never verified the portal's subscription")
            return 1
        say(f"subscribed at the hub; publishing {args.rounds} articles per kind, {args.spacing:g} s apart…")
        pending: dict[str, tuple[str, float]] = {}
        latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
        waits: dict[str, list[float]] = {kind: [] for kind in KINDS}  # publish → the portal knows of it
        done_at: dict[str, float] = {}

        def watch(until: float) -> None:
            while pending and time.monotonic() < until:
                for article in Article.objects.filter(original_url__in=list(pending), status=Article.Status.PUBLISHED):
                    if article.original_url in pending and file_for(article.get_absolute_url()).exists():
                        kind, began = pending.pop(article.original_url)
                        latencies[kind].append(time.time() - began)
                        done_at[article.original_url] = time.time()
                        known = Entry.objects.filter(url=article.original_url).order_by("created_at").first()
                        if known is not None:
                            waits[kind].append(max(0.0, known.created_at.timestamp() - began))
                time.sleep(0.05)

        for _round in range(args.rounds):
            for kind, slug in KINDS.items():
                began = time.time()
                url, _when = partners.publish(slug)
                pending[url] = (kind, began)
            watch(time.monotonic() + args.spacing)
        watch(time.monotonic() + POLL_MAX * 3 + 30)
        for worker in workers:
            worker.stop()
        scheduler.stop()
        intervals = {kind: Feed.objects.filter(outlet__slug=slug, kind=Feed.Kind.POLLED)
                     .values_list("interval_seconds", flat=True).first() for kind, slug in KINDS.items()}
    finally:
        web.shutdown()
        partners.stop()
    result = {}
    for kind, values in latencies.items():
        result[kind] = {"n": len(values), "p50_s": round(statistics.median(values), 2) if values else None,
                        "p95_s": round(percentile(values, 0.95), 2) if values else None,
                        "max_s": round(max(values), 2) if values else None, "missing": args.rounds - len(values),
                        "known_p50_s": round(statistics.median(waits[kind]), 2) if waits[kind] else None,
                        "known_p95_s": round(percentile(waits[kind], 0.95), 2) if waits[kind] else None}
        if kind in ("sitemap", "feed"):
            result[kind]["interval_s"] = intervals[kind]
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{'kind':8} {'n':>3} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'known p50/p95':>14}  interval in force")
        for kind, row in result.items():
            known = f"{row['known_p50_s']}/{row['known_p95_s']}"
            print(f"{kind:8} {row['n']:>3} {row['p50_s'] or '-':>7} {row['p95_s'] or '-':>7} {row['max_s'] or '-':>7} {known:>14}  "
                  + (f"{row['interval_s']} s" if "interval_s" in row else "pushed"))
    return 0 if all(row["missing"] == 0 for row in result.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
