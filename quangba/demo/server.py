"""A loopback HTTP server for the demo partner outlets, one origin (port) per outlet.

The ingest pipeline fetches these sites exactly as it fetches a real newspaper: robots.txt, a feed
answering conditional GET, article pages, images and video files. Standard library only and no
Django settings, so tests and the `demo` command can start it anywhere:

    python -m quangba.demo.server [--host 127.0.0.1] [--port 8701]
"""
import argparse
import hashlib
import json
import re
import socket
import threading
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import chrome, feeds, media, templates
from .hub import Hub
from .outlets import Article, Outlet, edited, fresh, load_outlets

__all__ = ["PartnerServer", "load_outlets"]

IMAGE = re.compile(r"^(?:/thumb_w/(?P<thumb>\d+))?(?P<path>/.+?)(?:-(?P<w>\d+)x(?P<h>\d+))?\.png$")
SITE_EPOCH = datetime(2026, 11, 1, tzinfo=timezone.utc)  # Last-Modified of pages that never change
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /search?\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"


class Response:
    """What a site answers: status, content type, body and the validators conditional GET needs."""

    def __init__(self, status: int, content_type: str, body: bytes, modified: datetime | None = None,
                 cache: str = "public, max-age=60", link: str = ""):
        self.status, self.content_type, self.body, self.modified, self.cache = status, content_type, body, modified, cache
        self.link = link
        self.etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'

    def not_modified(self, headers) -> bool:
        """True when If-None-Match (preferred) or If-Modified-Since shows the client's copy is current."""
        if self.status != 200:
            return False
        tags = headers.get("If-None-Match")
        if tags:
            return tags.strip() == "*" or self.etag in [t.strip().removeprefix("W/") for t in tags.split(",")]
        since = headers.get("If-Modified-Since")
        if since and self.modified:
            try:
                return self.modified.replace(microsecond=0) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False


class OutletSite:
    """Routes one outlet's URLs to rendered pages, its feed, robots.txt, images and clips."""

    def __init__(self, outlet: Outlet, owner: "PartnerServer"):
        self.outlet, self.owner, self.base = outlet, owner, ""
        self.images = {img.path: img for a in outlet.articles for img in a.images}
        self.videos = {a.video.path: a for a in outlet.articles if a.video and a.video.path}

    def articles(self) -> list[Article]:
        """The outlet's articles as currently published, edits applied."""
        return self.owner._current(self.outlet)

    def respond(self, raw_path: str) -> Response:
        """Answer a GET for `raw_path` (path and query)."""
        url = urlsplit(raw_path)
        path, o, base = url.path, self.outlet, self.base
        failing = self.owner.failing(o.slug)
        if failing:  # a partner whose site is down (the desk's sources board shows it failing)
            return Response(failing, "text/html; charset=utf-8", b"<h1>Service Unavailable</h1>\n")
        articles = self.articles()
        html = "text/html; charset=utf-8"
        newest = max(a.updated for a in articles)
        if path == o.homepage_path:
            name = chrome.WORDS[o.language]["latest"]
            return Response(200, html, self._listing(articles, path, name), newest)
        if path == "/robots.txt":
            return Response(200, "text/plain; charset=utf-8", ROBOTS.format(base=base).encode(), SITE_EPOCH)
        if path == o.feed_path and feeds.has_source(o):
            hub = self.owner.hub_url if o.websub else ""
            link = f'<{hub}>; rel="hub", <{base}{o.feed_path}>; rel="self"' if hub else ""
            return Response(200, feeds.feed_type(o) + "; charset=utf-8", feeds.feed(o, articles, base, hub).encode(),
                            newest, cache="public, max-age=300", link=link)
        if path == "/sitemap.xml":
            return Response(200, "application/xml; charset=utf-8", feeds.sitemap(o, articles, base).encode(), newest)
        if path == o.logo_path:
            return Response(200, "image/svg+xml", media.logo_svg(o.name, o.color), SITE_EPOCH, "public, max-age=86400")
        if path.startswith("/admin"):
            return Response(403, "text/plain; charset=utf-8", b"Forbidden\n")
        for a in articles:
            if a.path == path:
                page = templates.article_page(o, a, articles, base)
                return Response(200, html, page.encode(), a.updated)
        for c in o.categories:
            if c.path == path:
                listed = [a for a in articles if a.category.slug == c.slug]
                return Response(200, html, self._listing(listed, path, c.name), newest)
        if path in self.videos:
            a = self.videos[path]
            return Response(200, "video/mp4", media.mp4(a.slug, a.video.duration), a.published, "public, max-age=86400")
        return self._image(path, parse_qs(url.query)) or Response(
            404, html, chrome.not_found(o, base, path).encode())

    def _listing(self, articles, path, heading) -> bytes:
        def thumb(img, width):
            return templates.image_url(self.outlet.style, self.base, img, width)
        return chrome.listing(self.outlet, articles, self.base, path=path, heading=heading, thumb=thumb).encode()

    def _image(self, path: str, query: dict) -> Response | None:
        match = IMAGE.match(path)
        img = match and self.images.get(match["path"] + ".png")
        if not img:
            return None
        asked = match["thumb"] or match["w"] or (query.get("w") or query.get("width") or [""])[0]
        width = int(asked) if asked.isdigit() and int(asked) else img.width
        width = max(16, min(width, 2000))
        height = int(match["h"]) if match["h"] else max(9, width * img.height // img.width)
        body = media.png(img.file, img.scene, width, min(height, 2000))
        return Response(200, "image/png", body, SITE_EPOCH, "public, max-age=31536000")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    timeout = 15  # drop idle keep-alive connections so threads do not pile up

    def do_GET(self):
        self._answer(send_body=True)

    def do_HEAD(self):
        self._answer(send_body=False)

    def _answer(self, send_body: bool):
        response = self.server.site.respond(self.path)
        fresh = response.not_modified(self.headers)
        self.send_response(304 if fresh else response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("ETag", response.etag)
        if response.modified:
            self.send_header("Last-Modified", format_datetime(response.modified.astimezone(timezone.utc), usegmt=True))
        self.send_header("Cache-Control", response.cache)
        if response.link:
            self.send_header("Link", response.link)
        self.send_header("Content-Length", "0" if fresh else str(len(response.body)))
        self.end_headers()
        if send_body and not fresh:
            self.wfile.write(response.body)

    def log_message(self, format, *args):
        """Silent: a demo server that prints a line per request drowns the test output."""


class _OutletHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, site: OutletSite):
        self.site, self.connections, self.lock = site, set(), threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request, client_address):
        with self.lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self):
        """Hang up on keep-alive clients so stop() really frees the port."""
        with self.lock:
            for conn in list(self.connections):
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class PartnerServer:
    """All demo outlets served on loopback, each on its own port, in background threads."""

    def __init__(self, host: str = "127.0.0.1", base_port: int = 0, outlets: list[Outlet] | None = None):
        self.host, self.base_port = host, base_port
        self.outlets = outlets if outlets is not None else load_outlets()
        self._by_slug = {o.slug: o for o in self.outlets}
        self._edits: dict[tuple[str, str], dict] = {}
        self._edit_count: dict[str, int] = {}
        self._lock = threading.Lock()
        self._servers: dict[str, _OutletHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self._published: dict[str, list[Article]] = {}  # new articles, newest first
        self._push: dict[str, tuple[str, str]] = {}  # slug → (ingest endpoint, key)
        self._failing: dict[str, int] = {}  # slug → the HTTP status its whole site answers
        self.hub: Hub | None = None

    def start(self) -> "PartnerServer":
        """Bind every outlet and serve in daemon threads; returns at once. OSError names a busy port."""
        for n, outlet in enumerate(self.outlets):
            port = self.base_port + n if self.base_port else 0
            try:
                server = _OutletHTTPServer((self.host, port), OutletSite(outlet, self))
            except OSError as exc:
                self.stop()
                raise OSError(exc.errno, f"demo outlet {outlet.slug!r} cannot bind {self.host}:{port}: {exc.strerror}")
            server.site.base = f"http://{self._url_host()}:{server.server_address[1]}"
            self._servers[outlet.slug] = server
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                      name=f"demo-{outlet.slug}", daemon=True)
            thread.start()
            self._threads.append(thread)
        if any(o.websub for o in self.outlets):
            self.hub = Hub(self._url_host()).start()
        return self

    def stop(self) -> None:
        """Stop serving and release every port."""
        for server in self._servers.values():
            server.shutdown()
            server.close_connections()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        if self.hub is not None:
            self.hub.stop()
            self.hub = None
        self._servers.clear()
        self._threads.clear()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _url_host(self) -> str:
        return "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host

    def _site(self, slug: str) -> OutletSite:
        if slug not in self._servers:
            raise KeyError(f"no running demo outlet {slug!r}; known: {', '.join(self._by_slug)} (call start() first)")
        return self._servers[slug].site

    def base_url(self, slug: str) -> str:
        """Origin of an outlet, e.g. http://127.0.0.1:8701."""
        return self._site(slug).base

    def feed_url(self, slug: str) -> str:
        """Full URL of an outlet's feed."""
        return self.base_url(slug) + self._by_slug[slug].feed_path

    def article_urls(self, slug: str) -> list[str]:
        """Full URLs of an outlet's article pages, newest first."""
        base = self.base_url(slug)
        return [base + a.path for a in self._by_slug[slug].articles]

    @property
    def hub_url(self) -> str:
        """The WebSub hub the outlets with `websub` name in their feeds ('' when none)."""
        return self.hub.url if self.hub else ""

    def push_to(self, slug: str, endpoint: str, key: str) -> None:
        """Where (and with which key) the outlet pushes its articles: the portal's ingest API."""
        self._push[slug] = (endpoint, key)

    def payloads(self, slug: str, articles: list[Article] | None = None) -> list[dict]:
        """The outlet's articles (all, or the given ones) as its CMS pushes them."""
        outlet, base = self._by_slug[slug], self.base_url(slug)
        return [feeds.push_payload(outlet, a, base) for a in (articles if articles is not None else self._current(outlet))]

    def push(self, slug: str, articles: list[Article] | None = None) -> list[int]:
        """POST the outlet's articles to the portal's ingest API; the HTTP status of each."""
        endpoint, key = self._push[slug]
        statuses = []
        for payload in self.payloads(slug, articles):
            request = urllib.request.Request(
                endpoint, data=json.dumps(payload, ensure_ascii=False).encode(), method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    statuses.append(answer.status)
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)
            except (urllib.error.URLError, OSError):
                statuses.append(0)
        return statuses

    def publish(self, slug: str) -> tuple[str, datetime]:
        """The outlet publishes a new article now: on its site, in its feed or sitemap, announced
        to the hub (WebSub outlets) or pushed to the portal (push outlets). Returns its URL and
        publication time."""
        outlet = self._by_slug[slug]
        now = datetime.now(timezone.utc).replace(microsecond=0)
        with self._lock:
            mine = self._published.setdefault(slug, [])
            article = fresh(outlet.articles[len(mine) % len(outlet.articles)], len(mine) + 1, now)
            mine.insert(0, article)
        if outlet.websub and self.hub is not None:
            site = self._site(slug)
            body = feeds.feed(outlet, site.articles(), site.base, self.hub_url).encode()
            self.hub.publish(self.feed_url(slug), body, feeds.feed_type(outlet))
        if outlet.feed_format == "push" and slug in self._push:
            self.push(slug, [article])
        return self.base_url(slug) + article.path, now

    def edit_article(self, slug: str, article_slug: str, title: str | None = None,
                     append_paragraph: str | None = None) -> None:
        """Correct an article in memory: its page and the feed change, and its update time moves on."""
        self._by_slug[slug].article(article_slug)  # KeyError with a clear message when unknown
        with self._lock:
            edit = self._edits.setdefault((slug, article_slug), {"title": None, "paragraphs": []})
            edit["title"] = title or edit["title"]
            if append_paragraph:
                edit["paragraphs"].append(append_paragraph)
            # Each edit is stamped a minute after the previous one, so the feed's Last-Modified always moves on.
            self._edit_count[slug] = self._edit_count.get(slug, 0) + 1
            edit["sequence"] = self._edit_count[slug]

    def fail(self, slug: str, status: int = 503) -> None:
        """Make the outlet's whole site answer `status` (its feed too) until `recover`."""
        with self._lock:
            self._failing[slug] = status

    def recover(self, slug: str) -> None:
        with self._lock:
            self._failing.pop(slug, None)

    def failing(self, slug: str) -> int | None:
        with self._lock:
            return self._failing.get(slug)

    def reset(self) -> None:
        """Undo every edit, every new article and every failure."""
        with self._lock:
            self._edits.clear()
            self._edit_count.clear()
            self._published.clear()
            self._failing.clear()

    def _current(self, outlet: Outlet) -> list[Article]:
        with self._lock:
            edits = {k[1]: dict(v, paragraphs=list(v["paragraphs"])) for k, v in self._edits.items() if k[0] == outlet.slug}
            published = list(self._published.get(outlet.slug, ()))
        if not edits:
            return published + list(outlet.articles)
        newest = max(a.updated for a in outlet.articles)
        return published + [edited(a, e["title"], e["paragraphs"], newest + timedelta(minutes=e["sequence"]))
                            if (e := edits.get(a.slug)) else a for a in outlet.articles]


def main(argv: list[str] | None = None) -> None:
    """Run the demo outlets in the foreground and print where they are."""
    parser = argparse.ArgumentParser(prog="python -m quangba.demo.server", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8701, help="first port; 0 gives each outlet a free port")
    args = parser.parse_args(argv)
    server = PartnerServer(host=args.host, base_port=args.port).start()
    for o in server.outlets:
        print(f"{o.name} [{o.language}, {o.feed_format}, {len(o.articles)} articles]")
        print(f"  site: {server.base_url(o.slug)}/\n  feed: "
              + (server.feed_url(o.slug) if feeds.has_source(o) else "none (pushes to the portal)"))
    print("Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
