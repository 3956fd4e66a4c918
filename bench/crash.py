"""Crash safety: SIGKILL `quangba worker` at random points while it ingests the sample partners,
restart it, and compare the end state with one clean ingest of the same sites.

    python bench/crash.py [--kills 20] [--seed 7] [--json]

Each run gets its own SQLite file in a temporary folder; the sample partner sites are served on
loopback by this process. Prints one line per kill (when, and how far the work had got), then the
verdict; exits 1 when the killed run's end state differs from the clean one or is not settled.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEASE_SECONDS = 2
TICK_SECONDS = 0.3
FEED_INTERVAL = 3  # a poll killed mid-way is retried after the feed's interval, so keep it short


def child_env(var_dir: Path, politeness: float) -> dict[str, str]:
    """The environment of every child process: its own database file, short leases, fast backoff."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QUANGBA_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="quangba.settings", QUANGBA_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'quangba.sqlite3'}", QUANGBA_LEASE_SECONDS=str(LEASE_SECONDS),
        QUANGBA_FETCH_POLITENESS=str(politeness), QUANGBA_BACKOFF_BASE="1", QUANGBA_BACKOFF_CAP="4",
        QUANGBA_LOG_LEVEL="ERROR", PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1",
        # Every feed checked every FEED_INTERVAL seconds, whatever its rhythm.
        QUANGBA_POLL_MIN_SECONDS=str(FEED_INTERVAL), QUANGBA_POLL_MAX_SECONDS=str(FEED_INTERVAL),
    )
    return env


def _run(env: dict, *args: str, timeout: float = 120) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(var_dir: Path, server, politeness: float) -> dict:
    """Migrate a fresh database in `var_dir` and load the sample outlets served by `server`."""
    var_dir.mkdir(parents=True, exist_ok=True)
    env = child_env(var_dir, politeness)
    _run(env, "-m", "quangba", "migrate", "--noinput")
    sites = {o.slug: [server.base_url(o.slug), server.feed_url(o.slug)] for o in server.outlets}
    env["QUANGBA_CRASH_SITES"] = json.dumps(sites)
    _run(env, __file__, "--child", "load")
    return child_env(var_dir, politeness)


def start_worker(env: dict) -> subprocess.Popen:
    """`quangba worker` in its own process group (so a kill also takes its engine subprocesses)."""
    return subprocess.Popen(
        [sys.executable, "-m", "quangba", "worker", "--interval", "0.1", "--tick", str(TICK_SECONDS)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_running(proc: subprocess.Popen, timeout: float = 60) -> None:
    """Block until the worker says it runs (Django is set up), so kills land in the work, not the start-up."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready or "running" not in proc.stdout.readline():
        raise RuntimeError(f"worker did not start: {proc.poll()=}")


def kill(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Send `sig` to the worker's process group and reap it."""
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:  # a graceful stop waits for the running task: do not wait forever
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()


def progress(env: dict) -> dict:
    """Counts read straight from the SQLite file (no Django start-up, safe while a worker writes)."""
    path = env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(path, timeout=20) as db:
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "feeds": one("select count(*) from sources_feed"),
            "feeds_polled": one("select count(*) from sources_feed where last_success_at is not null"),
            "entries": one("select count(*) from ingest_entry"),
            "pending": one("select count(*) from ingest_entry where state = 'pending'"),
            "articles": one("select count(*) from articles_article"),
            "translations_pending": one(
                "select count(*) from articles_articletranslation where status = 'pending'"),
            # Rows handed to a stage and not done (a null due time: failed for good, counted apart).
            "handoffs": one("select count(*) from quangba_core_handoff where due_at is not null"),
            # RUNNING too: a row a killed worker claimed counts until the scheduler releases it.
            "tasks_ready": one("select count(*) from django_tasks_database_dbtaskresult "
                               "where status in ('READY', 'RUNNING')"),
        }


def settled(counts: dict) -> bool:
    """Every feed polled, every entry, hand-off and translation final, no task waiting."""
    return (counts["feeds_polled"] == counts["feeds"] and counts["entries"] > 0 and not counts["pending"]
            and not counts["translations_pending"] and not counts["handoffs"] and not counts["tasks_ready"])


def run_to_settled(env: dict, timeout: float) -> float:
    """Run a worker until the work is settled (three checks in a row, so a sweep has run); seconds taken."""
    start = time.monotonic()
    proc = start_worker(env)
    calm = 0
    try:
        while calm < 3:
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"work not settled after {timeout:g}s: {progress(env)}")
            if proc.poll() is not None:
                raise RuntimeError(f"worker exited {proc.returncode}: {proc.stderr.read()[-3000:]}")
            time.sleep(0.5)
            calm = calm + 1 if settled(progress(env)) else 0
    finally:
        kill(proc, signal.SIGTERM)
    return time.monotonic() - start


def snapshot(env: dict) -> dict:
    """The end state as comparable JSON (see _child_snapshot)."""
    return json.loads(_run(env, __file__, "--child", "snapshot"))


@dataclass
class Report:
    kills: list[dict] = field(default_factory=list)
    clean_seconds: float = 0.0
    killed_seconds: float = 0.0
    articles: int = 0
    versions: int = 0
    images: int = 0
    translations: int = 0
    problems: list[str] = field(default_factory=list)
    orphaned_task_rows: int = 0

    @property
    def passed(self) -> bool:
        return not self.problems


def compare(clean: dict, killed: dict) -> list[str]:
    """What differs between the two end states, or what is wrong in either one."""
    problems = [f"clean run: {p}" for p in clean["problems"]] + [f"killed run: {p}" for p in killed["problems"]]
    for name, state in (("clean", clean), ("killed", killed)):
        problems += [f"{name} run: entry {url} failed: {error[:300]}" for url, error in state["failures"].items()]
    if clean["stories"] != killed["stories"]:
        problems.append(f"stories differ (clean, killed): {clean['stories']!r:.300} {killed['stories']!r:.300}")
    for kind, label in (("articles", "article"), ("entries", "entry"), ("baked", "baked page")):
        ours, theirs = clean[kind], killed[kind]
        name = (lambda key: key) if kind == "baked" else (lambda key: key[:12])
        for key in sorted(set(ours) - set(theirs)):
            problems.append(f"{label} {name(key)} missing after kills: {ours[key]!r:.200}")
        for key in sorted(set(theirs) - set(ours)):
            problems.append(f"{label} {name(key)} only after kills: {theirs[key]!r:.200}")
        for key in sorted(set(ours) & set(theirs)):
            if ours[key] != theirs[key]:
                fields = ours[key] if isinstance(ours[key], dict) else {"": ours[key]}
                other = theirs[key] if isinstance(theirs[key], dict) else {"": theirs[key]}
                diff = {field: (fields.get(field), other.get(field)) for field in set(fields) | set(other)
                        if fields.get(field) != other.get(field)}
                problems.append(f"{label} {name(key)} differs (clean, killed): {diff!r:.400}")
    return problems


def run(server, *, kills: int = 20, seed: int = 7, politeness: float = 0.15, timeout: float = 480,
        log=print) -> Report:
    """Clean ingest, then an ingest whose worker is SIGKILLed `kills` times; compare the two."""
    rng = random.Random(seed)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="quangba-crash-") as tmp, ThreadPoolExecutor(1) as pool:
        clean_env = prepare(Path(tmp) / "clean", server, politeness)
        env = prepare(Path(tmp) / "killed", server, politeness)
        # The clean ingest runs beside the killed one: most of either is waiting, and the test stays short.
        clean_run = pool.submit(run_to_settled, clean_env, timeout)
        started = time.monotonic()
        for n in range(kills):
            proc = start_worker(env)
            wait_running(proc)
            time.sleep(rng.uniform(0.0, 1.5))
            kill(proc)
            counts = progress(env)
            report.kills.append({"kill": n + 1, "entries": counts["entries"],
                                 "settled_entries": counts["entries"] - counts["pending"],
                                 "articles": counts["articles"], "translations_pending": counts["translations_pending"],
                                 "tasks_ready": counts["tasks_ready"], "mid_work": not settled(counts)})
            log(f"kill {n + 1:2}: entries {counts['entries'] - counts['pending']}/{counts['entries']} settled, "
                f"articles {counts['articles']}, translations pending {counts['translations_pending']}, "
                f"tasks waiting {counts['tasks_ready']}")
        run_to_settled(env, timeout)
        report.killed_seconds = round(time.monotonic() - started, 1)
        report.clean_seconds = round(clean_run.result(), 1)
        clean = snapshot(clean_env)
        log(f"clean ingest: {clean['totals']} in {report.clean_seconds}s")
        killed = snapshot(env)
        log(f"after {kills} kills: {killed['totals']} in {report.killed_seconds}s")
    report.problems = compare(clean, killed)
    report.orphaned_task_rows = killed["totals"]["running_task_rows"]
    for key in ("articles", "versions", "images", "translations"):
        setattr(report, key, killed["totals"][key])
    return report


# -- inside a child process, with Django set up on the run's database ---------------------------
def _child_load() -> None:
    from quangba.demo.partners import load_partners
    from quangba.sources.models import Feed

    sites = json.loads(os.environ["QUANGBA_CRASH_SITES"])

    class Sites:
        """The two methods load_partners asks of a running PartnerServer."""

        def base_url(self, slug):
            return sites[slug][0]

        def feed_url(self, slug):
            return sites[slug][1]

    load_partners(Sites())
    Feed.objects.update(interval_seconds=FEED_INTERVAL)


def _child_snapshot() -> None:
    from django_tasks_db.models import DBTaskResult

    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from modelsearch.models import IndexEntry

    from quangba.articles.models import Article, ArticleTranslation
    from quangba.core.models import Handoff
    from quangba.ingest.models import Entry
    from quangba.stories.models import StoryArticle

    indexed = {int(pk) for pk in IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Article)).values_list("object_id", flat=True)}
    baked_root = Path(settings.QUANGBA_BAKED_DIR)
    identities = dict(Article.objects.values_list("pk", "identity"))

    def stable(text: str) -> str:
        """Primary keys follow ingest order and differ between runs: name articles by identity
        (in page paths, links, comment pages and the side column's data-exclude and data-id)."""
        name = lambda m: f"{m[1]}{identities.get(int(m[2]), m[2])[:12]}{m[3]}"  # noqa: E731
        return re.sub(r'(article/|data-exclude="|data-id=")(\d+)([-/"])', name, text)

    def page(path: Path) -> str:
        """What a reader gets: the page's bytes with article ids named by identity, fingerprinted
        (the comparison names the page; a difference is any byte a reader would see)."""
        return hashlib.sha256(stable(path.read_text("utf-8")).encode()).hexdigest()[:16]

    baked = {stable(str(p.relative_to(baked_root))): page(p) for p in baked_root.rglob("index.html")} \
        if baked_root.is_dir() else {}
    members: dict[int, list[str]] = {}
    for story_id, identity in StoryArticle.objects.values_list("story_id", "article__identity"):
        members.setdefault(story_id, []).append(identity[:12])
    stories = sorted(sorted(group) for group in members.values())
    articles, problems = {}, []
    for a in Article.objects.select_related("outlet").prefetch_related("versions", "images", "translations"):
        versions = sorted((v.number, v.content_hash) for v in a.versions.all())
        rows = sorted(a.images.all(), key=lambda i: i.position)
        images = [i.url for i in rows if not i.poster_for]  # the page's pictures; posters come from its videos
        posters = [i.url for i in rows if i.poster_for]
        articles[a.identity] = {
            "outlet": a.outlet.slug, "title": a.title, "content_hash": a.content_hash, "version": a.version,
            "status": a.status, "versions": versions, "images": images, "posters": posters,
            "kept": sum(1 for i in rows if i.file_id), "searchable": a.pk in indexed,
            "translations": {t.language: [t.status, t.source_hash, t.title, t.body_html[:2000]]
                             for t in a.translations.all()},
        }
        if [n for n, _h in versions] != list(range(1, a.version + 1)) or versions[-1][1] != a.content_hash:
            problems.append(f"article {a.identity[:12]} ({a.title[:40]}) has versions {versions} for version {a.version}")
        latest = [i["url"] for i in a.versions.get(number=a.version).images if i.get("url")]
        if latest != images:
            problems.append(f"article {a.identity[:12]} images {images} differ from its version's {latest}")
    entries = {e.identity: [e.state, e.article.identity if e.article else None]
               for e in Entry.objects.select_related("article")}
    problems += [f"entry {e.url} stuck in {e.state}" for e in Entry.objects.exclude(state__in=["done", "failed"])]
    failures = {e.url: e.last_error for e in Entry.objects.filter(state="failed")}
    problems += [f"translation {t.article_id}/{t.language} stuck {t.status}"
                 for t in ArticleTranslation.objects.filter(status__in=["pending", "translated"])]
    problems += [f"hand-off to {h.stage} of article {h.key} {'failed: ' + h.last_error if h.due_at is None else 'pending'}"
                 for h in Handoff.objects.all()]
    print(json.dumps({"articles": articles, "entries": entries, "baked": baked, "stories": stories,
                      "problems": problems, "failures": failures, "totals": {
        "articles": len(articles), "versions": sum(len(a["versions"]) for a in articles.values()),
        "images": sum(len(a["images"]) for a in articles.values()),
        "translations": sum(len(a["translations"]) for a in articles.values()), "entries": len(entries),
        "running_task_rows": DBTaskResult.objects.filter(status="RUNNING").count(), "baked_pages": len(baked),
    }}))


def main(argv: list[str] | None = None) -> int:
    """Run the kill test against the sample partner sites and print the verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--politeness", type=float, default=0.15,
                        help="seconds between two fetches from one outlet (slows ingest so kills land mid-way)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--child", choices=["load", "snapshot"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        {"load": _child_load, "snapshot": _child_snapshot}[args.child]()
        return 0
    sys.path.insert(0, str(ROOT))
    from quangba.demo.server import PartnerServer

    with PartnerServer(host="127.0.0.1", base_port=0) as server:
        report = run(server, kills=args.kills, seed=args.seed, politeness=args.politeness,
                     log=(lambda *a: None) if args.json else print)
    if args.json:
        print(json.dumps({**asdict(report), "passed": report.passed}, indent=2))
    else:
        mid = sum(1 for k in report.kills if k["mid_work"])
        print("\n| kills | of them with work pending | articles | versions | images | translations | end state |")
        print("|---|---|---|---|---|---|---|")
        print(f"| {len(report.kills)} | {mid} | {report.articles} | {report.versions} | {report.images} | "
              f"{report.translations} | {'same as clean ingest' if report.passed else 'DIFFERS'} |")
        for problem in report.problems:
            print("  -", problem)
        print(f"\nreproduce: python bench/crash.py --kills {args.kills} --seed {args.seed}")
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
