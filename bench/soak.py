"""Soak: ingest and readers at once, for a long time, on a national archive.

    quangba synth --articles 1000000      # once (see bench/scale.py)
    python bench/soak.py [--minutes 30] [--rate 20]

Against the configured database (QUANGBA_VAR_DIR / DATABASE_URL). Starts the stack the way a
deployment runs it — two `quangba worker` processes, the web process (`quangba serve`), nginx in
front serving the baked pages — and synthetic partner outlets on loopback publishing `rate`
articles a second (real Vietnamese text, quangba.demo.synthetic), polled every few seconds. While
they are ingested, `wrk` reads a mix through nginx: home and section pages, articles, search,
Local and outlet pages. Reports per route the requests, errors, p50 and p99; the articles ingested
and how long they took to go live; and the memory of every process over time (it should stay
flat). Needs Debian's nginx and wrk.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT.parent / "shared" / "corpus" / "vntc" / "train.jsonl.xz"
OUTLETS = 20

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}"></head><body><header><nav><a href="/">Trang chủ</a></nav></header>
<article><h1>{title}</h1><p class="sapo">{lead}</p><div class="detail-content">{body}</div></article>
<footer>© Báo tổng hợp</footer></body></html>"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Partners:
    """Synthetic outlets on loopback: each has /{n}/rss with its latest items and the pages."""

    def __init__(self, rate: float, seed: int = 11):
        from quangba.demo.synthetic import load_bases, stream

        self.rate, self.started = rate, time.monotonic()
        self.items: list = []
        from django.utils import timezone

        self.stream = stream(load_bases(CORPUS), 10_000_000, start=timezone.now(), days=10_000_000 / rate / 86400,
                             outlets=OUTLETS, seed=seed)
        self.lock = threading.Lock()
        partners = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body, kind = partners.answer(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def published(self) -> list:
        """Everything published by now (the rate times the seconds since the start)."""
        due = int((time.monotonic() - self.started) * self.rate)
        with self.lock:
            while len(self.items) < due:
                self.items.append(next(self.stream))
            return self.items

    def answer(self, path: str) -> tuple[bytes, str]:
        match = re.fullmatch(r"/(\d+)/rss", path)
        if match:
            outlet = int(match.group(1))
            latest = [a for a in self.published()[-OUTLETS * 40:] if a.outlet == outlet][-30:]
            items = "".join(
                f"<item><title>{a.title}</title><link>{self.base}/{outlet}/{a.number}.html</link>"
                f"<guid>{self.base}/{outlet}/{a.number}.html</guid>"
                f"<pubDate>{a.published_at.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
                for a in latest)
            return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Soak {outlet}</title>'
                    f"<link>{self.base}/{outlet}/</link><description>x</description>{items}</channel></rss>"
                    ).encode(), "application/rss+xml"
        match = re.fullmatch(r"/(\d+)/(\d+)\.html", path)
        if match:
            number = int(match.group(2))
            items = self.published()
            if number < len(items):
                a = items[number]
                body = "".join(f"<p>{s}.</p>" for s in a.text.split(". ") if s)
                return PAGE.format(title=a.title, lead=a.lead, body=body, published=a.published_at.isoformat(),
                                   url=f"{self.base}{path}").encode(), "text/html; charset=utf-8"
        return b"", "text/plain"


LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
math.randomseed(%d)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
"""


def route_paths() -> dict[str, list[str]]:
    from quangba.articles.models import Article, Listing
    from quangba.taxonomy.models import Place, Section

    # Every hundredth of the newest 200,000 articles (readers mostly read recent news).
    ids = list(Listing.objects.filter(language="vi").order_by("-article_id").values_list("article_id", flat=True)
               [:200_000])[::100]
    articles = [a.get_absolute_url("vi") for a in Article.objects.filter(pk__in=ids).only("pk", "slug", "language")]
    sections = [f"/vi/{s.slug}/" for s in Section.objects.exclude(slug="local")]
    words = ["ha+noi", "kinh+te", "bong+da", "giao+duc", "thu+tuong", "du+lich", "gia+xang", "hoc+sinh", "da+nang"]
    return {
        "home and sections": ["/vi/", "/en/"] + sections,
        "articles": articles,
        "search": [f"/vi/search/?q={w}" for w in words] + [f"/vi/search/?q={w}&page=2" for w in words],
        "lists": ["/vi/local/"] + [f"/vi/local/{p.slug}/" for p in Place.objects.all()[:20]]
                 + [f"/vi/news/?page={n}" for n in (2, 10, 100)] + [f"/vi/outlets/synth-{n:03d}/" for n in range(20)],
    }


def rss_of(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1)) / 1024
    except (OSError, AttributeError):
        return 0.0


def children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
        return [int(x) for x in out.split()]
    except OSError:
        return []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--rate", type=float, default=20, help="Articles the partners publish per second.")
    parser.add_argument("--connections", type=int, default=2, help="wrk connections per route group.")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quangba.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.utils import timezone

    from quangba.articles.models import Article
    from quangba.core.models import Handoff
    from quangba.sources.models import Feed, Outlet

    tmp = Path(tempfile.mkdtemp(prefix="quangba-soak-"))
    os.chmod(tmp, 0o755)
    partners = Partners(options.rate)
    for n in range(OUTLETS):
        outlet, _created = Outlet.objects.update_or_create(slug=f"soak-{n:02d}", defaults={
            "name": f"Báo Soak {n}", "homepage": f"{partners.base}/{n}/", "language": "vi",
            "allow_private_addresses": True})
        Feed.objects.update_or_create(outlet=outlet, defaults={
            "url": f"{partners.base}/{n}/rss", "interval_seconds": 3, "next_check_at": timezone.now(), "paused": False})
    Feed.objects.exclude(outlet__slug__startswith="soak-").update(paused=True)
    paths = route_paths()
    env = {**os.environ, "QUANGBA_FETCH_POLITENESS": "0", "QUANGBA_LOG_LEVEL": "ERROR", "QUANGBA_BACKOFF_BASE": "2",
           "QUANGBA_POLL_MIN_SECONDS": "3", "QUANGBA_POLL_MAX_SECONDS": "3"}  # every feed every 3 s
    app, front = free_port(), free_port()
    procs = {
        "worker 1": subprocess.Popen([str(BIN / "quangba"), "worker", "--interval", "0.2", "--tick", "1"], env=env,
                                     cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(tmp / "worker1.log", "w")),
        "worker 2": subprocess.Popen([str(BIN / "quangba"), "worker", "--interval", "0.2", "--no-scheduler"], env=env,
                                     cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(tmp / "worker2.log", "w")),
        "web": subprocess.Popen([str(BIN / "quangba"), "serve", "--addr", f"127.0.0.1:{app}"], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=open(tmp / "web.log", "w")),
    }
    baked = Path(settings.QUANGBA_BAKED_DIR)
    (tmp / "nginx.conf").write_text(f"""worker_processes 1; pid {tmp}/nginx.pid; error_log {tmp}/nginx-error.log;
events {{ worker_connections 512; }}
http {{ access_log off; client_body_temp_path {tmp}/b; proxy_temp_path {tmp}/p; fastcgi_temp_path {tmp}/f;
  uwsgi_temp_path {tmp}/u; scgi_temp_path {tmp}/s; types {{ text/html html; }}
  server {{ listen 127.0.0.1:{front};
    location / {{ root {baked}; try_files $uri/index.html @django; }}
    location @django {{ proxy_pass http://127.0.0.1:{app}; proxy_set_header Host $http_host; }} }} }}
""")
    subprocess.run([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp)], check=True)
    time.sleep(3)
    first_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    samples, stop = [], threading.Event()

    def sample():
        while not stop.is_set():
            row = {"t": time.monotonic()}
            for name, proc in procs.items():
                row[name] = rss_of(proc.pid) + sum(rss_of(child) for child in children(proc.pid))
            samples.append(row)
            stop.wait(15)

    threading.Thread(target=sample, daemon=True).start()
    wrks = {}
    for n, (route, urls) in enumerate(paths.items()):
        (tmp / f"{n}.txt").write_text("\n".join(urls) + "\n")
        (tmp / f"{n}.lua").write_text(LUA % (tmp / f"{n}.txt", n + 1))
        wrks[route] = subprocess.Popen(["wrk", "-t1", f"-c{options.connections}", f"-d{int(options.minutes * 60)}s",
                                        "--latency", "--timeout", "10s", "-s", str(tmp / f"{n}.lua"),
                                        f"http://127.0.0.1:{front}"], stdout=subprocess.PIPE, text=True)
    began = time.monotonic()
    outputs = {route: proc.communicate()[0] for route, proc in wrks.items()}
    elapsed = time.monotonic() - began
    stop.set()
    published_by_partners = len(partners.published())
    new = Article.objects.filter(pk__gt=first_id)
    ingested = new.count()
    live = new.filter(listings__language="vi").distinct().count()
    waiting = Handoff.objects.filter(due_at__isnull=False).count()
    # The partners go away with this run: their feeds must not be polled after it.
    Feed.objects.filter(outlet__slug__startswith="soak-").update(paused=True)
    subprocess.run([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(tmp / "nginx.conf"), "-p", str(tmp), "-s", "stop"])
    for proc in procs.values():
        proc.terminate()
    for proc in procs.values():
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()

    print(f"Soak: {elapsed / 60:.1f} min on {Article.objects.count():,} articles ({settings.DATABASES['default']['ENGINE'].split('.')[-1]}), "
          f"partners publishing {options.rate:g}/s, wrk -c{options.connections} per route group\n")
    print("| route (through nginx) | requests | req/s | errors | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    for route, out in outputs.items():
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        errors = (int(bad.group(1)) if bad else 0) + (sum(map(int, sockets.groups())) if sockets else 0)

        def latency(pct: str) -> float:
            value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
            return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

        print(f"| {route} | {requests:,} | {requests / elapsed:.0f} | {errors} | {latency('50'):.1f} | {latency('99'):.1f} |")
    print(f"\ningest: the partners published {published_by_partners:,} articles ({published_by_partners / elapsed:.1f}/s); "
          f"{ingested:,} stored ({ingested / elapsed:.1f}/s), {live:,} live on the site, {waiting:,} hand-offs waiting at the end")
    print("\n| process | RSS at start MiB | after half MiB | at the end MiB | max MiB |")
    print("|---|---|---|---|---|")
    for name in procs:
        values = [s[name] for s in samples if s[name]]
        if values:
            print(f"| {name} | {values[0]:.0f} | {values[len(values) // 2]:.0f} | {values[-1]:.0f} | {max(values):.0f} |")
    print(f"\nreproduce: python bench/soak.py --minutes {options.minutes:g} --rate {options.rate:g}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
