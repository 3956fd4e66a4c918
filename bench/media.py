"""Media benchmark: renditions per second (Pillow vs pyvips), image bytes of an article page on a
390 px phone before/after the media stage, and its Largest Contentful Paint in Chromium, in one run.

    .venv/bin/python bench/media.py [--quick] [--repeat 2] [--runs 5] [--network shaped|cdp|none]
                                    [--eager-first] [--only engines|page] [--json]

1. Renditions. The same pictures go through our `pictures.open_picture` + `pictures.render`
   (Pillow) and through pyvips doing the same job: decode once, apply the orientation, resize with
   Lanczos to each width of 320/640/960/1280/1920 up to the picture's own (never upscaled, the
   widths from `pictures.widths_for`, the heights rounded the same way), encode each width once in
   every format with the settings of `pictures.ENCODE` (AVIF: libheif AV1 at Q 55, effort 1 = aom
   speed 8; WebP: Q 78, effort 4; JPEG: Q 80, optimised Huffman, progressive; metadata stripped).
   Inputs are made here, deterministic: `quangba.demo.media.png` scenes at 2048×1365, 1600×900 and
   1200×800, once as a photo-like JPEG (the drawing with a seeded grain, quality 85: a few hundred
   KB at 2048 px, as a partner serves a news photo) and once as the demo's own flat PNG (a
   graphic). Engines alternate picture by picture, the best of --repeat runs of each counting;
   each is warmed up first; vips' operation cache is off; both use their default threads.
   Reported: pictures/s, renditions/s, seconds in each encoder, output bytes, the PSNR of the
   960 px renditions (the same settings do not mean the same quality across two AV1 stacks), and
   the pyvips / Pillow ratio. Where libvips cannot write AVIF,
   both are compared on WebP + JPEG (Pillow is also shown with AVIF); without pyvips, Pillow alone.

2. Bytes. A throw-away site (temporary QUANGBA_VAR_DIR, fresh SQLite database) with one published
   article of four figures, its pictures kept with `store.keep_bytes` from 2048×1365 JPEG originals.
   The article page as Django renders it ("after": `<picture>`, srcset, sizes) is served next to the
   same HTML with each `<picture>` replaced by `<img src=ORIGINAL width height>` hot-linking the
   original from a second loopback server standing in for the partner ("before": what the page
   loaded before the media stage). Both pages are one snapshot each, served by the same Django
   server through the same middleware (gzip, headers); /static/ and /media/ by the site itself.
   Headless Chromium (Debian's, through Playwright) opens each page in a fresh context at 390×844
   (DPR 1 and DPR 3) and 1280×800 (DPR 1), unthrottled; the bytes are the bodies of the responses
   to image requests: once the page is idle without scrolling ("first screen") and after scrolling
   to the bottom with every picture loaded ("read to the end").

3. LCP. The same two pages, a fresh context each run, at 390×844 (DPR 3 by default) and 1280×800:
   the last `largest-contentful-paint` entry (PerformanceObserver, buffered) once the page has
   loaded and the network is idle; the median of --runs, pages interleaved. The network is slow 4G
   as Lighthouse means it (1.6 Mbps down, 150 ms round trip), shaped by default by the two servers
   themselves: one downlink shared by both origins, a round trip for each new connection and each
   request. `--network cdp` asks DevTools instead (Network.emulateNetworkConditions); this Chromium
   then often records no LCP entry for a picture that loaded while throttled (a text block wins),
   which is why it is not the default. `--eager-first` adds the after page with its first picture
   not lazy and fetchpriority=high, as `markup.picture(…, lazy=False)` writes it.

Nothing is fetched from outside: every byte is made here and served on 127.0.0.1. pyvips needs
libvips (apt-get install libvips42; pip install pyvips). Not a test: it prints numbers.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageChops, ImageFilter  # noqa: E402

from quangba.demo.media import SCENES, png  # noqa: E402
from quangba.media import pictures  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SIZES = ((2048, 1365), (1600, 900), (1200, 800))
ORIGINAL = (2048, 1365)  # a partner's news photo, as served
ORIGINAL_QUALITY = 85
FIGURES = ("river", "market", "city", "heritage")  # the article's pictures, in body order


def log(message: str) -> None:
    """Progress, on stderr: stdout carries the report (the table, or the JSON)."""
    print(message, file=sys.stderr, flush=True)


# Inputs -----------------------------------------------------------------------------------------

def photo(name: str, scene: str, width: int, height: int, amount: float = 0.25) -> Image.Image:
    """The demo's drawing of `scene` with a seeded grain (fine, medium and blotchy noise): flat
    colours compress as no photo does, this gives encoders detail to spend bytes on."""
    image = Image.open(io.BytesIO(png(name, scene, width, height))).convert("RGB")
    seed = random.Random(name)
    layers = []
    for step, blur in ((1, 0.7), (4, 0), (24, 0)):
        w, h = max(1, width // step), max(1, height // step)
        layer = Image.frombytes("L", (w, h), seed.randbytes(w * h))
        if step > 1:
            layer = layer.resize((width, height), Image.Resampling.BICUBIC)
        if blur:
            layer = layer.filter(ImageFilter.GaussianBlur(blur))
        layers.append(layer)
    grain = Image.blend(Image.blend(layers[0], layers[1], 0.5), layers[2], 0.4)
    grain = Image.blend(Image.new("L", (width, height), 128), grain, amount)
    return ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), scale=1.0, offset=-128)


def jpeg_bytes(image: Image.Image, quality: int = ORIGINAL_QUALITY) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def engine_inputs(quick: bool) -> list[dict]:
    """The pictures both engines render: each size as a grained JPEG and as the demo's PNG."""
    scenes = list(SCENES)
    items = []
    for n, (width, height) in enumerate(SIZES):
        for kind in ("jpeg", "png"):
            if quick and (n, kind) not in ((0, "jpeg"), (2, "png")):
                continue
            scene = scenes[(2 * n + (kind == "png")) % len(scenes)]
            name = f"bench-{scene}-{width}x{height}"
            data = jpeg_bytes(photo(name, scene, width, height)) if kind == "jpeg" else png(name, scene, width, height)
            items.append({"name": name, "kind": kind, "width": width, "height": height, "data": data})
    return items


# Renditions: Pillow (the project's code) and pyvips --------------------------------------------

def pillow_render(data: bytes, formats: list[str]) -> list[tuple[str, int, bytes]]:
    """Our own path: `open_picture` then `render` (encode time per format through `timed_encode`)."""
    picture = pictures.open_picture(data)
    return [(r.format, r.width, r.data) for r in pictures.render(picture, formats=formats)]


PSNR_WIDTH = 960


def reference(data: bytes, width: int = PSNR_WIDTH) -> Image.Image:
    """The source at `width` as our render makes it before encoding (Lanczos, Pillow): what each
    engine's rendition is compared with."""
    key = hashlib.sha256(data).hexdigest()
    if key not in _REFERENCES:
        image = pictures.open_picture(data).image
        height = max(1, round(image.height * width / image.width))
        _REFERENCES[key] = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return _REFERENCES[key]


_REFERENCES: dict[str, Image.Image] = {}


def psnr(source: Image.Image, encoded: bytes) -> float:
    """Peak signal-to-noise ratio (dB, RGB) of an encoded rendition against `source`."""
    decoded = Image.open(io.BytesIO(encoded)).convert("RGB")
    if decoded.size != source.size:
        decoded = decoded.resize(source.size, Image.Resampling.LANCZOS)
    histogram = ImageChops.difference(source, decoded).histogram()
    squares = sum(count * (value % 256) ** 2 for value, count in enumerate(histogram))
    mse = squares / (source.width * source.height * 3)
    return 99.0 if mse == 0 else 10 * math.log10(255 * 255 / mse)


def timed_encode(timer: dict, original):
    """`pictures.encode` that adds its time to `timer` by format."""
    def encode(image, fmt):
        started = time.perf_counter()
        try:
            return original(image, fmt)
        finally:
            timer[fmt] = timer.get(fmt, 0.0) + time.perf_counter() - started
    return encode


def pillow_threads() -> int:
    """The threads Pillow's AVIF encoder uses by default (the other encoders use one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def pillow_codecs() -> str:
    try:
        from PIL import _avif

        return _avif.codec_versions()
    except (ImportError, AttributeError):
        return ""


def load_pyvips():
    """(pyvips module, None) or (None, why not)."""
    try:
        import pyvips
    except Exception as exc:  # noqa: BLE001 - ImportError, or OSError when libvips is missing
        return None, f"{type(exc).__name__}: {exc}"
    return pyvips, None


def vips_can_avif(pyvips) -> str | None:
    """None when libvips writes AVIF (libheif with an AV1 encoder), else why not."""
    try:
        out = pyvips.Image.black(16, 16, bands=3).heifsave_buffer(compression="av1", Q=55, effort=1)
    except Exception as exc:  # noqa: BLE001 - pyvips.Error: no heifsave, or no AV1 encoder
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None if out[4:12] == b"ftypavif" else "heifsave wrote no AVIF"


def vips_save(pyvips, image, fmt: str) -> bytes:
    """The settings of pictures.ENCODE, in libvips' words."""
    if fmt == "avif":  # Pillow: quality 55, speed 8 (libavif/aom) ↔ libheif/aom Q 55, speed 9 - effort
        return image.heifsave_buffer(compression="av1", Q=55, effort=1, bitdepth=8, strip=True)
    if fmt == "webp":  # quality 78, method 4
        return image.webpsave_buffer(Q=78, effort=4, strip=True)
    if fmt == "jpeg":  # quality 80, optimize, progressive
        return image.jpegsave_buffer(Q=80, optimize_coding=True, interlace=True, strip=True)
    raise ValueError(fmt)


def vips_render(pyvips, data: bytes, formats: list[str], timer: dict) -> list[tuple[str, int, bytes]]:
    """The same job in pyvips: decode once (oriented, sRGB), one Lanczos resize per width, each
    width encoded in every format."""
    image = pyvips.Image.new_from_buffer(data, "").autorot()
    if image.interpretation not in ("srgb", "b-w"):
        image = image.colourspace("srgb")
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])  # our inputs have none; kept like for like
    image = image.copy_memory()  # decoded once, as open_picture does
    out = []
    for width in pictures.widths_for(image.width):
        height = max(1, round(image.height * width / image.width))
        sized = image if width == image.width else image.resize(
            width / image.width, vscale=height / image.height, kernel="lanczos3").copy_memory()
        for fmt in formats:
            started = time.perf_counter()
            encoded = vips_save(pyvips, sized, fmt)
            timer[fmt] = timer.get(fmt, 0.0) + time.perf_counter() - started
            out.append((fmt, width, encoded))
    return out


def run_engines(quick: bool, repeat: int = 2) -> dict:
    inputs = engine_inputs(quick)
    pyvips, missing = load_pyvips()
    result: dict = {"inputs": [{k: v for k, v in item.items() if k != "data"} | {"bytes": len(item["data"])}
                               for item in inputs],
                    "repeat": repeat,
                    "pillow": {"version": Image.__version__, "avif": pictures.AVIF, "threads": pillow_threads(),
                               "codecs": pillow_codecs()}}
    if pyvips is None:
        result["pyvips"] = {"available": False, "why": missing}
        log(f"pyvips is not available ({missing}): Pillow alone is measured")
    else:
        pyvips.cache_set_max(0)
        no_avif = vips_can_avif(pyvips)
        result["pyvips"] = {"available": True, "version": pyvips.__version__,
                            "libvips": ".".join(str(pyvips.version(i)) for i in range(3)),
                            "threads": int(pyvips.vips_lib.vips_concurrency_get()),
                            "avif": no_avif is None, "why_no_avif": no_avif}
    pillow_formats = ["avif", "webp", "jpeg"] if pictures.AVIF else ["webp", "jpeg"]
    vips_formats = None if pyvips is None else [f for f in pillow_formats if f != "avif" or no_avif is None]
    rows = {"pillow": pillow_formats}
    if vips_formats is not None:
        rows["pyvips"] = vips_formats
        if vips_formats != pillow_formats:  # like with like: Pillow on vips' formats too
            rows["pillow_same_formats"] = vips_formats

    runners = {
        "pillow": lambda data, formats, timer: pillow_render(data, formats),
        "pillow_same_formats": lambda data, formats, timer: pillow_render(data, formats),
        "pyvips": lambda data, formats, timer: vips_render(pyvips, data, formats, timer),
    }
    warm = jpeg_bytes(photo("bench-warm-up", "sea", 480, 270))
    totals = {name: {"seconds": 0.0, "renditions": 0, "bytes": 0, "encode": {}, "bytes_by_format": {}, "psnr": {}}
              for name in rows}

    def once(name: str, data: bytes) -> tuple[float, dict, list]:
        timer: dict = {}
        original = pictures.encode
        if name.startswith("pillow"):
            pictures.encode = timed_encode(timer, original)
        try:
            started = time.perf_counter()
            out = runners[name](data, rows[name], timer)
            return time.perf_counter() - started, timer, out
        finally:
            pictures.encode = original

    for name in rows:  # warm-up: libraries loaded, thread pools started
        once(name, warm)
    for item in inputs:
        for name in rows:
            # Engines alternate picture by picture; the best of `repeat` runs counts (other work on
            # the machine only ever adds time).
            elapsed, timer, out = min((once(name, item["data"]) for _ in range(repeat)), key=lambda run: run[0])
            total = totals[name]
            total["seconds"] += elapsed
            total["renditions"] += len(out)
            total["bytes"] += sum(len(encoded) for _f, _w, encoded in out)
            for fmt, seconds in timer.items():
                total["encode"][fmt] = total["encode"].get(fmt, 0.0) + seconds
            for fmt, _w, encoded in out:
                total["bytes_by_format"][fmt] = total["bytes_by_format"].get(fmt, 0) + len(encoded)
            for fmt, width, encoded in out:  # quality, outside the clock
                if width == PSNR_WIDTH:
                    total["psnr"].setdefault(fmt, []).append(psnr(reference(item["data"]), encoded))
            log(f"  {item['name']} ({item['kind']}) {name}: {len(out)} renditions in {elapsed:.2f}s")
    for name, total in totals.items():
        total["formats"] = rows[name]
        total["pictures_per_s"] = len(inputs) / total["seconds"]
        total["renditions_per_s"] = total["renditions"] / total["seconds"]
        total["other_seconds"] = total["seconds"] - sum(total["encode"].values())
        total["psnr"] = {fmt: statistics.mean(values) for fmt, values in total["psnr"].items()}
    result["rows"] = totals
    if "pyvips" in totals:
        base = totals["pillow_same_formats" if "pillow_same_formats" in totals else "pillow"]
        result["ratio_pyvips_over_pillow"] = {
            "formats": rows["pyvips"],
            "speed": totals["pyvips"]["renditions_per_s"] / base["renditions_per_s"],
            "bytes": totals["pyvips"]["bytes"] / base["bytes"]}
    return result


# The article page: a throw-away site, a live server, a partner stand-in -------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Link:
    """The reader's connection, shared by every server here: each new connection and each request
    waits one round trip, and response bytes leave in order at `rate` bytes a second whichever
    server sends them (one downlink, as a phone has). Off (`active` False) it costs nothing."""

    CHUNK = 4096

    def __init__(self, rate: float, rtt: float):
        self.rate, self.rtt, self.active = rate, rtt, False
        self.lock = threading.Lock()
        self.free_at = 0.0

    def round_trip(self) -> None:
        if self.active:
            time.sleep(self.rtt)

    def send(self, size: int) -> None:
        if not self.active:
            return
        with self.lock:
            self.free_at = max(time.monotonic(), self.free_at) + size / self.rate
            done = self.free_at
        time.sleep(max(0.0, done - time.monotonic()))

    def pieces(self, data: bytes):
        for start in range(0, len(data), self.CHUNK):
            piece = data[start:start + self.CHUNK]
            self.send(len(piece))
            yield piece


LINK = Link(rate=1_600_000 / 8, rtt=0.150)  # Lighthouse's slow 4G: 1.6 Mbps down, 150 ms round trip


class Partner:
    """The partner's image server, as the old page hot-linked it (another loopback origin)."""

    def __init__(self, link: Link):
        self.files: dict[str, bytes] = {}
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                link.round_trip()  # the connection's handshake

            def do_GET(self):
                link.round_trip()
                body = files.get(self.path.split("?")[0])
                status, body = (200, body) if body is not None else (404, b"not found")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "image/jpeg" if status == 200 else "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.send_header("Cache-Control", "public, max-age=3600")
                    self.send_header("Timing-Allow-Origin", "*")
                    self.end_headers()
                    for piece in link.pieces(body):
                        self.wfile.write(piece)
                except (BrokenPipeError, ConnectionResetError):  # the page was closed: fine
                    self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


PARAGRAPHS = [
    "Sáng nay, hàng nghìn người dân và du khách đã có mặt bên bờ sông để đón xem những hoạt động đầu tiên "
    "của lễ hội mùa thu, một trong những sự kiện văn hóa lớn nhất trong năm của thành phố.",
    "Theo ban tổ chức, năm nay lễ hội kéo dài mười ngày với hơn bốn mươi hoạt động, từ chợ phiên, trình "
    "diễn nghệ thuật đường phố đến các tour tham quan di sản dành cho gia đình có trẻ nhỏ.",
    "Các tiểu thương ở chợ trung tâm cho biết lượng khách tăng gần gấp đôi so với cùng kỳ năm ngoái; nhiều "
    "mặt hàng thủ công được bán hết ngay trong buổi sáng đầu tiên.",
    "Giao thông trong khu phố cổ được phân luồng từ sáu giờ chiều đến nửa đêm; người dân được khuyến khích "
    "đi xe buýt hoặc tàu điện để tránh ùn tắc ở các tuyến đường chính.",
    "Khu di tích mở cửa miễn phí vào buổi tối, với chương trình thuyết minh bằng tiếng Việt và tiếng Anh, "
    "kèm triển lãm ảnh tư liệu về lịch sử hơn một trăm năm của khu đất.",
]


def build_site(tmp: Path, partner: Partner, server_port: int) -> dict:
    """Settings, database, outlet, the article with its kept pictures; the originals put on the
    partner stand-in. Returns what the page measurements need."""
    (tmp / "var" / "static").mkdir(parents=True, exist_ok=True)  # not collected: served from the apps
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "quangba.settings", "QUANGBA_VAR_DIR": str(tmp / "var"),
        "QUANGBA_LOG_LEVEL": "ERROR", "QUANGBA_BAKE": "0",
        "QUANGBA_SITE_URL": f"http://127.0.0.1:{server_port}",
        # The old page's hot-linked pictures: only the partner stand-in is let in (CSP img-src).
        "QUANGBA_CSP_IMG_SRC": partner.url,
    })
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop
    import django

    django.setup()
    from datetime import datetime, timezone as dt_timezone

    from django.core.management import call_command

    from quangba.articles import listings
    from quangba.articles.models import Article, ArticleImage
    from quangba.media import store
    from quangba.sources.models import Outlet
    from quangba.taxonomy.models import Section

    call_command("migrate", verbosity=0)
    outlet = Outlet.objects.create(name="Báo Sông Hồng", slug="song-hong", homepage="https://song-hong.example/",
                                   language="vi")
    width, height = ORIGINAL
    figures, originals, body = [], [], []
    keep_seconds = 0.0
    for n, scene in enumerate(FIGURES):
        name = f"song-hong-{n + 1}-{scene}"
        data = jpeg_bytes(photo(name, scene, width, height))
        partner.files[f"/img/{name}.jpg"] = data
        url = f"https://img.song-hong.example/img/{name}.jpg"
        started = time.perf_counter()
        media = store.keep_bytes(data, url=url)
        keep_seconds += time.perf_counter() - started
        log(f"  kept {name}: {len(data) // 1024} KB original, {len(media.renditions)} renditions "
            f"in {time.perf_counter() - started:.1f}s")
        caption = f"Ảnh {n + 1}: {scene}"
        figures.append((url, caption, media))
        originals.append({"src": f"{partner.url}/img/{name}.jpg", "bytes": len(data),
                          "names": {r["n"] for r in media.renditions}})
        body.append(f"<p>{PARAGRAPHS[n]}</p>")
        body.append(f'<figure><img src="{url}" alt="{caption}"><figcaption>{caption}. '
                    f'<span class="credit">Ảnh: Lan Anh</span></figcaption></figure>')
    body.append(f"<p>{PARAGRAPHS[-1]}</p>")
    article = Article.objects.create(
        outlet=outlet, identity="song-hong-1", original_url="https://song-hong.example/le-hoi-mua-thu.html",
        language="vi", title="Lễ hội mùa thu mở màn bên bờ sông", slug="le-hoi-mua-thu",
        lead="Hàng nghìn người đổ về bờ sông trong ngày đầu lễ hội, chợ phiên và phố cổ đông kín khách.",
        body_html="".join(body), text=" ".join(PARAGRAPHS), published_at=datetime.now(dt_timezone.utc),
        section=Section.for_slug("travel"), status=Article.Status.PUBLISHED, content_hash="1", confidence=0.9)
    for n, (url, caption, media) in enumerate(figures):
        ArticleImage.objects.create(article=article, position=n, url=url, caption=caption, credit="Lan Anh",
                                    width=width, height=height, file=media)
    listings.update([article.pk])
    return {"path": article.get_absolute_url(), "originals": originals, "keep_seconds": keep_seconds,
            "original_bytes": sum(o["bytes"] for o in originals),
            "renditions": sum(len(m.renditions) for _u, _c, m in figures),
            "rendition_bytes": sum(r["b"] for _u, _c, m in figures for r in m.renditions)}


PAGES: dict[str, bytes] = {}


class Shaped:
    """A WSGI response body sent through the link; closed as the server closes the original
    (Django's request_finished: the database connection goes back)."""

    def __init__(self, body, link: Link):
        self.body, self.link = body, link

    def __iter__(self):
        for chunk in self.body:
            yield from self.link.pieces(chunk)

    def close(self):
        close = getattr(self.body, "close", None)
        if close is not None:
            close()


def serve_site(port: int, link: Link):
    """The site on 127.0.0.1:port (Django's threaded WSGI server, the project's own middleware),
    with /bench/page/<which>/ answering the page snapshots; everything it sends goes through `link`."""
    import types

    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.http import Http404, HttpResponse
    from django.urls import clear_url_caches, path

    from quangba import urls as site_urls

    def page(request, which):
        if which not in PAGES:
            raise Http404("no such page")
        return HttpResponse(PAGES[which], content_type="text/html; charset=utf-8")

    module = types.ModuleType("quangba_bench_media_urls")
    module.urlpatterns = [path("bench/page/<str:which>/", page), *site_urls.urlpatterns]
    for name in ("handler400", "handler403", "handler404", "handler500"):
        setattr(module, name, getattr(site_urls, name))
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()
    django_app = WSGIHandler()

    def app(environ, start_response):
        link.round_trip()
        return Shaped(django_app(environ, start_response), link)

    class Handler(WSGIRequestHandler):
        def setup(self):
            super().setup()
            link.round_trip()  # the connection's handshake

        def log_message(self, *args):
            pass

    httpd = ThreadedWSGIServer(("127.0.0.1", port), Handler)
    httpd.set_app(app)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


PICTURE = re.compile(r"<picture\b[^>]*>.*?</picture>", re.S)
SRC_NAMES = re.compile(r"/media/([^\s\"',]+)")


def before_html(after: str, originals: list[dict]) -> tuple[str, int]:
    """The page with each kept picture swapped for the partner's original, hot-linked at full size."""
    width, height = ORIGINAL

    def swap(match):
        block = match.group(0)
        named = set(SRC_NAMES.findall(block))
        original = next((o for o in originals if named & o["names"]), None)
        if original is None:
            return block
        alt = re.search(r'<img\b[^>]*\balt="([^"]*)"', block)
        return f'<img src="{original["src"]}" width="{width}" height="{height}" alt="{alt.group(1) if alt else ""}">'

    return PICTURE.subn(swap, after)


# Chromium -------------------------------------------------------------------------------------

LCP_JS = """() => new Promise(resolve => {
  const seen = [];
  new PerformanceObserver(list => seen.push(...list.getEntries()))
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => {
    const e = seen[seen.length - 1];
    resolve(e ? {ms: e.startTime, size: e.size, tag: e.element ? e.element.tagName : "",
                 url: e.url || ""} : null);
  }, 250);
})"""

SCROLL_JS = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await new Promise(r => setTimeout(r, 60));
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
}"""

NETWORKS = {
    "shaped": "slow 4G shaped by the servers here (one 1.6 Mbps downlink shared by both origins, "
              "+150 ms a request and a new connection)",
    "cdp": "slow 4G by DevTools emulation (CDP Network.emulateNetworkConditions: 1.6 Mbps down, "
           "750 kbps up, 150 ms latency)",
    "none": "unthrottled loopback",
}
CDP_SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
               "uploadThroughput": 750_000 / 8}


def new_page(browser, width: int, height: int, dpr: float, network: str = "none"):
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=dpr,
                                  is_mobile=width < 600, has_touch=width < 600)
    page = context.new_page()
    if network == "cdp":
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", CDP_SLOW_4G)
    return context, page


def image_bytes(responses) -> tuple[int, list[str]]:
    total, names = 0, []
    for response in responses:
        if response.request.resource_type != "image" or response.status != 200:
            continue
        size = len(response.body())
        total += size
        names.append(f"{response.url.rsplit('/', 1)[-1]} {size // 1024} KB")
    return total, names


def measure_bytes(browser, url: str, width: int, height: int, dpr: float) -> dict:
    """Image bytes Chromium downloads: idle on the first screen, then read to the end."""
    context, page = new_page(browser, width, height, dpr)
    try:
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        first, _names = image_bytes(list(responses))
        page.evaluate(SCROLL_JS)
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=60_000)
        page.wait_for_timeout(300)
        whole, names = image_bytes(list(responses))
        return {"first_screen": first, "read_to_end": whole, "fetched": names}
    finally:
        context.close()


def measure_lcp(browser, url: str, width: int, height: int, dpr: float, network: str) -> dict:
    context, page = new_page(browser, width, height, dpr, network)
    LINK.active = network == "shaped"
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="load", timeout=180_000)
        page.wait_for_load_state("networkidle", timeout=180_000)
        entry = page.evaluate(LCP_JS) or {}
        entry["load_s"] = time.perf_counter() - started
        return entry
    finally:
        LINK.active = False
        context.close()


def run_page(runs: int, network: str, phone_dpr: float, eager_first: bool = False) -> dict:
    if not Path(CHROMIUM).exists():
        log(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium): no page measurement")
        return {"available": False, "why": f"no {CHROMIUM}"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        log(f"Playwright is not installed ({exc}): no page measurement")
        return {"available": False, "why": str(exc)}
    tmp = Path(tempfile.mkdtemp(prefix="quangba-media-"))
    partner = Partner(LINK)
    httpd = None
    try:
        port = free_port()
        log("building the article page…")
        site = build_site(tmp, partner, port)
        httpd = serve_site(port, LINK)
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(base + site["path"], timeout=30) as response:
            after = response.read().decode("utf-8")
        before, swapped = before_html(after, site["originals"])
        if swapped != len(FIGURES):
            raise RuntimeError(f"the article page shows {swapped} kept pictures, not {len(FIGURES)}")
        PAGES["after"], PAGES["before"] = after.encode("utf-8"), before.encode("utf-8")
        urls = {which: f"{base}/bench/page/{which}/" for which in ("before", "after")}
        lcp_urls = dict(urls)
        if eager_first:  # the first body picture as markup.picture(…, lazy=False) writes it
            first = PICTURE.search(after)
            eager = first.group(0).replace(' loading="lazy"', ' fetchpriority="high"', 1)
            PAGES["eager"] = (after[:first.start()] + eager + after[first.end():]).encode("utf-8")
            lcp_urls["eager"] = f"{base}/bench/page/eager/"
        result: dict = {"available": True, "article": site["path"], "figures": len(FIGURES),
                        "original": {"size": list(ORIGINAL), "quality": ORIGINAL_QUALITY,
                                     "bytes": site["original_bytes"]},
                        "renditions": site["renditions"], "rendition_bytes": site["rendition_bytes"],
                        "keep_seconds": site["keep_seconds"], "html_bytes": {k: len(v) for k, v in PAGES.items()}}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            result["chromium"] = browser.version
            views = [("390×844", 390, 844, 1.0), ("390×844", 390, 844, 3.0), ("1280×800", 1280, 800, 1.0)]
            result["bytes"] = []
            for label, width, height, dpr in views:
                row = {"viewport": label, "dpr": dpr}
                for which, url in urls.items():
                    row[which] = measure_bytes(browser, url, width, height, dpr)
                log(f"  bytes {label} @{dpr:g}x: before {row['before']['read_to_end'] // 1024} KB, "
                    f"after {row['after']['read_to_end'] // 1024} KB")
                result["bytes"].append(row)
            result["lcp"] = {"runs": runs, "network": network, "network_label": NETWORKS[network], "rows": []}
            for label, width, height, dpr in [("390×844", 390, 844, phone_dpr), ("1280×800", 1280, 800, 1.0)]:
                samples = {which: [] for which in lcp_urls}
                for _ in range(runs):  # interleaved: drift hits both pages alike
                    for which, url in lcp_urls.items():
                        samples[which].append(measure_lcp(browser, url, width, height, dpr, network))
                row = {"viewport": label, "dpr": dpr}
                for which, entries in samples.items():
                    times = [e["ms"] for e in entries if e.get("ms") is not None]
                    median = statistics.median(times) if times else None
                    nearest = min(entries, key=lambda e: abs((e.get("ms") or 0) - (median or 0)))
                    elements = sorted({f"{e.get('tag', '')} {e.get('url', '').rsplit('/', 1)[-1]}".strip()
                                       for e in entries})
                    row[which] = {"median_ms": median, "samples_ms": times, "elements": elements,
                                  "element": f"{nearest.get('tag', '')} "
                                             f"{nearest.get('url', '').rsplit('/', 1)[-1]}".strip(),
                                  "load_s": statistics.median(e["load_s"] for e in entries)}
                log(f"  LCP {label} @{dpr:g}x: " + ", ".join(f"{which} {row[which]['median_ms'] or 0:.0f} ms"
                                                             for which in lcp_urls))
                result["lcp"]["rows"].append(row)
            browser.close()
        return result
    finally:
        LINK.active = False
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        partner.close()
        shutil.rmtree(tmp, ignore_errors=True)


# Report -----------------------------------------------------------------------------------------

def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def print_engines(report: dict) -> None:
    inputs = report["inputs"]
    kinds = ", ".join(f"{i['width']}×{i['height']} {i['kind'].upper()} {kb(i['bytes'])}" for i in inputs)
    print(f"Renditions — {len(inputs)} pictures ({kinds}); widths 320…1920 never upscaled; "
          f"best of {report['repeat']} a picture")
    vips = report["pyvips"]
    if not vips["available"]:
        print(f"pyvips is not available ({vips['why']}): Pillow alone, no ratio")
    elif not vips["avif"]:
        print(f"libvips {vips['libvips']} cannot write AVIF ({vips['why_no_avif']}): "
              "pyvips measured on WebP + JPEG, compared with Pillow on the same formats")
    labels = {"pillow": f"Pillow {report['pillow']['version']} (pictures.render)",
              "pillow_same_formats": f"Pillow {report['pillow']['version']}, vips' formats",
              "pyvips": f"pyvips {vips.get('version', '')}, libvips {vips.get('libvips', '')}"}
    formats = ("avif", "webp", "jpeg")
    print(f"{'engine':<34} {'pict/s':>6} {'rend/s':>6} {'total s':>7} "
          + " ".join(f"{f + ' s':>6}" for f in formats) + f" {'other s':>7} {'output':>9}  "
          + " ".join(f"{f + ' dB':>7}" for f in formats))
    for name, row in report["rows"].items():
        enc, quality = row["encode"], row["psnr"]
        print(f"{labels[name]:<34} {row['pictures_per_s']:>6.2f} {row['renditions_per_s']:>6.1f} "
              f"{row['seconds']:>7.2f} " + " ".join(f"{enc[f]:>6.2f}" if f in enc else f"{'—':>6}" for f in formats)
              + f" {row['other_seconds']:>7.2f} {kb(row['bytes']):>9}  "
              + " ".join(f"{quality[f]:>7.1f}" if f in quality else f"{'—':>7}" for f in formats))
    print(f"  (other s: decoding, orientation, resizing; dB: PSNR of the {PSNR_WIDTH} px renditions against "
          "Pillow's Lanczos resize of the source)")
    ratio = report.get("ratio_pyvips_over_pillow")
    if ratio:
        sizes = {n: r["bytes_by_format"] for n, r in report["rows"].items()}
        base = sizes.get("pillow_same_formats", sizes["pillow"])
        print(f"pyvips / Pillow on {'+'.join(ratio['formats'])}: ×{ratio['speed']:.2f} renditions per second, "
              f"×{ratio['bytes']:.2f} output bytes ("
              + ", ".join(f"{f} ×{sizes['pyvips'][f] / base[f]:.2f}" for f in ratio["formats"] if base.get(f)) + ")")
    if vips["available"]:
        print(f"  threads: Pillow's AVIF encoder {report['pillow']['threads']}, libvips {vips['threads']} (their "
              f"defaults); AVIF: Pillow's libavif ({report['pillow']['codecs'] or '?'}) vs libvips' libheif + aom")


def fetched(names: list[str]) -> str:
    """"4× full-640.avif 86 KB" from one line a response."""
    groups: dict[str, list[int]] = {}
    for entry in names:
        name, size, _unit = entry.rsplit(" ", 2)
        groups.setdefault(name, []).append(int(size))
    return ", ".join(f"{len(sizes)}× {name}" if len(sizes) > 1 else name for name, sizes in groups.items())


def print_page(report: dict) -> None:
    if not report.get("available"):
        print(f"\nArticle page: not measured ({report.get('why')})")
        return
    original = report["original"]
    print(f"\nArticle page — {report['figures']} figures; originals {original['size'][0]}×{original['size'][1]} "
          f"JPEG q{original['quality']}, {kb(original['bytes'])} in all; kept as {report['renditions']} renditions "
          f"({kb(report['rendition_bytes'])} stored, {report['keep_seconds']:.1f} s); Chromium {report['chromium']}")
    print("Image bytes Chromium downloaded, unthrottled (before: the originals hot-linked; after: <picture>, srcset)")
    print(f"{'viewport':<14} {'':<15} {'before':>9} {'after':>9} {'fewer':>6}   after fetched")
    for row in report["bytes"]:
        for key, label in (("first_screen", "first screen"), ("read_to_end", "read to the end")):
            before, after = row["before"][key], row["after"][key]
            fewer = f"{100 * (1 - after / before):.0f} %" if before else "—"
            names = fetched(row["after"]["fetched"]) if key == "read_to_end" else ""
            print(f"{row['viewport'] + ' @' + format(row['dpr'], 'g') + 'x':<14} {label:<15} {kb(before):>9} "
                  f"{kb(after):>9} {fewer:>6}   {names}")
    verdicts = []
    for row in report["bytes"]:
        if row["viewport"].startswith("390"):
            before, after = row["before"]["read_to_end"], row["after"]["read_to_end"]
            share = 1 - after / before if before else 0
            verdicts.append(f"@{row['dpr']:g}x {100 * share:.0f} % fewer, {'met' if share >= 0.5 else 'NOT met'}")
    print("Goal, ≥ 50 % fewer image bytes on a 390 px phone (read to the end): " + "; ".join(verdicts))
    lcp = report["lcp"]
    print(f"\nLargest Contentful Paint — median of {lcp['runs']} runs, a fresh context each; "
          f"network: {lcp['network_label']}")
    eager = any("eager" in row for row in lcp["rows"])
    print(f"{'viewport':<14} {'before ms':>9} {'after ms':>9} {'after/before':>12}"
          + (f" {'eager ms':>9}" if eager else "") + "   LCP element before → after")
    for row in lcp["rows"]:
        before, after = row["before"]["median_ms"], row["after"]["median_ms"]
        ratio = f"×{after / before:.2f}" if before and after else "—"
        print(f"{row['viewport'] + ' @' + format(row['dpr'], 'g') + 'x':<14} {before or 0:>9.0f} {after or 0:>9.0f} "
              f"{ratio:>12}" + (f" {row['eager']['median_ms'] or 0:>9.0f}" if eager else "")
              + f"   {' / '.join(row['before']['elements'])} → {' / '.join(row['after']['elements'])}")
    if eager:
        print("  eager: the after page with its first picture not lazy and fetchpriority=high "
              "(as markup.picture(…, lazy=False) writes it)")
    if lcp["network"] == "cdp":
        print("  caveat: under DevTools bandwidth emulation this Chromium may report no LCP entry for a picture "
              "loaded while throttled (a text block wins): --network shaped throttles outside the browser")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 pictures once each, 2 LCP runs")
    parser.add_argument("--repeat", type=int, help="runs of each picture per engine, the best counts "
                        "(default 2, 1 with --quick)")
    parser.add_argument("--runs", type=int, help="LCP runs per page and viewport (default 5, 2 with --quick)")
    parser.add_argument("--network", choices=sorted(NETWORKS), default="shaped",
                        help="LCP runs' network: slow 4G shaped by the servers (default), by DevTools, or none")
    parser.add_argument("--phone-dpr", type=float, default=3.0, help="device pixel ratio of the phone LCP runs")
    parser.add_argument("--eager-first", action="store_true",
                        help="LCP also of the after page with its first picture eager, fetchpriority=high")
    parser.add_argument("--only", choices=["engines", "page"], help="one part only")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    options = parser.parse_args(argv)
    runs = options.runs or (2 if options.quick else 5)
    started = time.perf_counter()
    report: dict = {"machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()[0]}}
    if options.only in (None, "engines"):
        log("renditions, Pillow vs pyvips…")
        report["engines"] = run_engines(options.quick, options.repeat or (1 if options.quick else 2))
    if options.only in (None, "page"):
        report["page"] = run_page(runs, options.network, options.phone_dpr, options.eager_first)
    report["seconds"] = time.perf_counter() - started
    if options.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    if "engines" in report:
        print()
        print_engines(report["engines"])
    if "page" in report:
        print_page(report["page"])
    print(f"\n({report['seconds']:.0f} s; {os.cpu_count()} CPUs, load average {report['machine']['load_average']:.1f} "
          "at the start: other work on the machine slows the encoders)")


if __name__ == "__main__":
    main()
