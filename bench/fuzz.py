"""Parsers under fuzz: feed parsing, extraction, sanitizing and translation segmentation fed hostile
input, each input in a worker process with a time limit.

    python bench/fuzz.py [--inputs 10000] [--seed 1] [--jobs 2] [--limit 5]
    python bench/fuzz.py --replay TARGET KIND SEED [--save FILE]

Every input must give a result or a typed error (FeedParseError, ExtractionError, TranslationError);
anything else is a crash, and more than --limit seconds of CPU (or 6x that of wall time) is a hang.
Sanitizer output is also checked for live script (a <script>, on* handler or javascript: URL is a
crash), and feed output for the content of a local file (an XML external entity that was read).
Inputs are generated from (target, kind, seed), so every row of the report can be replayed.
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import re
import signal
import sys
import time
import traceback
from multiprocessing import Pipe, Process
from multiprocessing.connection import wait
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = ("feed", "extract", "sanitize", "segment")
KINDS = ("random-bytes", "truncated", "garbled", "entity-expansion", "huge-attribute", "huge-text",
         "deep-nesting", "wrong-encoding")
# Inputs per kind in each round of 16: the big inputs are few, or a run would take hours.
WEIGHTS = {"random-bytes": 6, "truncated": 6, "garbled": 8, "entity-expansion": 1, "huge-attribute": 1,
           "huge-text": 1, "deep-nesting": 1, "wrong-encoding": 4}
OUTCOMES = ("ok", "typed error", "crash", "hang")
FEED_URL, PAGE_URL = "https://feed.example/rss", "https://news.example/2026/11/bai-viet.html"
MEMORY_LIMIT = 2 * 1024 ** 3  # a worker that expands entities without bound gets MemoryError, not the OOM killer
SECRET_FILE = "/etc/passwd"  # an external entity that is read shows up as its first line
_SECRET_MARK = "root:x:0:0"
_TOKENS = [b"<", b">", b"</", b"/>", b"&", b"&amp;", b"&#x0;", b"&#xD800;", b"&nbsp", b"<![CDATA[", b"]]>",
           b"<!--", b"-->", b"<?xml version='1.0'?>", b"<!DOCTYPE x [", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
           b"<script>alert(1)</script>", b"<img src=x onerror=alert(1)>", b"<a href='javascript:alert(1)'>",
           b"<svg onload=alert(1)>", b"<p>", b"</div>", b"<table><tr><td>", b"<item>", b"</entry>", b"\r\n",
           "Hà Nội. Sáng nay, TP.HCM. ".encode(), b"\xc3", b"\xe1\xbb", b"\"", b"'", b"=", b"<math><mi>"]


# -- sample pages and feeds ------------------------------------------------------------------------
_samples: dict[str, list[bytes]] = {}


def samples(kind: str) -> list[bytes]:
    """Real pages ("html") and feeds ("feed") of the demo partners, rendered without a server."""
    if not _samples:
        from quangba.demo import feeds, templates
        from quangba.demo.outlets import load_outlets

        base = "http://127.0.0.1:8701"
        for outlet in load_outlets():
            if feeds.has_source(outlet):  # (an outlet that only pushes has no feed)
                _samples.setdefault("feed", []).append(feeds.feed(outlet, outlet.articles, base).encode())
            _samples.setdefault("html", []).extend(
                templates.article_page(outlet, a, outlet.articles, base).encode() for a in outlet.articles[:4])
    return _samples[kind]


def _billion_laughs(rng: random.Random, feed: bool) -> bytes:
    depth, fan = rng.randint(6, 10), rng.randint(5, 10)
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * fan}">' for n in range(1, depth)]
    if rng.random() < 0.3:  # quadratic blow-up: one big entity used many times
        entities.append(f'<!ENTITY big "{"x" * rng.randint(10_000, 100_000)}">')
        use = "&big;" * rng.randint(1000, 5000)
    elif rng.random() < 0.3:  # external entities: a local file, a URL
        entities.append(f'<!ENTITY ext SYSTEM "file://{SECRET_FILE}">')
        entities.append('<!ENTITY net SYSTEM "http://127.0.0.1:9/x">')
        use = "&ext;&net;"
    else:
        use = f"&lol{depth - 1};"
    root = "rss" if feed else "html"
    doctype = f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n' + "\n".join(entities) + "\n]>\n"
    if feed:
        body = (f'<rss version="2.0"><channel><title>{use}</title><item><title>{use}</title>'
                f'<link>https://news.example/a.html</link><description>{use}</description></item></channel></rss>')
    else:
        body = f"<html><head><title>{use}</title></head><body><article><p>{use}</p></article></body></html>"
    return (doctype + body).encode()


def _deep(rng: random.Random, feed: bool) -> bytes:
    levels = rng.choice([100, 1_000, 1_000, 10_000, 100_000])
    tags = rng.choice([["div"], ["b", "i"], ["table", "tr", "td"], ["ul", "li"], ["blockquote"], ["p", "span"],
                       ["item"], ["a"]])
    opened = "".join(f"<{tags[n % len(tags)]}>" for n in range(levels))
    closed = "" if rng.random() < 0.4 else "".join(f"</{tags[n % len(tags)]}>" for n in reversed(range(levels)))
    middle = "Hà Nội. Sáng nay trời mưa. " * 3
    if feed:
        return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
                b"<link>https://news.example/a.html</link><description>" + (opened + middle + closed).encode()
                + b"</description>" + b"<x>" * levels + b"</channel></rss>")
    return f"<html><head><title>Sâu</title></head><body><article>{opened}{middle}{closed}</article></body></html>".encode()


def _huge_attribute(rng: random.Random, feed: bool, sample: bytes) -> bytes:
    size = rng.choice([1_000, 10_000, 10_000, 100_000, 1_000_000, 4_000_000])
    value = rng.choice(["x", "&amp;", "\"'<", "Hà Nội ", "javascript:"]) * (size // 5)
    tag = rng.choice(["img src", "a href", "div class", "p title", "meta content", "link href", "item rdf:about"])
    name, attr = tag.split()
    element = f'<{name} {attr}="{value}" data-x="{value[:1000]}">ok</{name}>'.encode()
    cut = rng.randint(0, len(sample))
    return sample[:cut] + element + sample[cut:]


def _huge_text(rng: random.Random, sample: bytes) -> bytes:
    size = rng.choice([1_000, 10_000, 10_000, 100_000, 1_000_000, 4_000_000])
    unit = rng.choice(["Hà Nội. ", "A. ", "x", "TP.HCM. Sáng nay ", "a b c d ", ".", " ", "word ", "&amp;",
                       "Ông A. B. C. ", "…? "])
    text = (unit * (size // len(unit.encode()) + 1))[:size]
    if rng.random() < 0.5:
        text = f"<p>{text}</p>"
    cut = sample.find(b"</p>") if b"</p>" in sample else rng.randint(0, len(sample))
    return sample[:cut] + text.encode() + sample[cut:]


def _wrong_encoding(rng: random.Random, sample: bytes) -> bytes:
    text = sample.decode("utf-8", "replace")
    choice = rng.randrange(5)
    if choice == 0:  # windows-1258 bytes that say they are UTF-8
        body = text.encode("windows-1258", "replace")
        return re.sub(rb"(?i)(charset=|encoding=)[\"']?[\w-]+", rb"\1utf-8", body) if rng.random() < 0.7 \
            else b'<meta charset="utf-8">' + body
    if choice == 1:  # UTF-8 bytes that say they are windows-1258
        return re.sub(rb"(?i)(charset=|encoding=)([\"']?)[\w-]+", rb"\1\2windows-1258", sample)
    if choice == 2:  # UTF-16 without a byte-order mark, or with the wrong one
        return (b"\xfe\xff" if rng.random() < 0.5 else b"") + text.encode("utf-16-le")
    if choice == 3:  # a charset no codec knows
        return re.sub(rb"(?i)(charset=|encoding=)([\"']?)[\w-]+", rb"\1\2x-no-such-charset", sample)
    mixed = bytearray(sample)  # UTF-8 with stray windows-1258 bytes spliced in
    for _ in range(rng.randint(1, 50)):
        at = rng.randrange(len(mixed) + 1)
        mixed[at:at] = "ộ ế đ".encode("windows-1258", "replace")[: rng.randint(1, 5)]
    return bytes(mixed)


def make_input(target: str, kind: str, seed: int) -> bytes:
    """The input of (target, kind, seed): deterministic, so a crash can be replayed."""
    rng = random.Random(f"{target}:{kind}:{seed}")
    feed = target == "feed"
    pool = samples("feed" if feed else "html")
    sample = rng.choice(pool)
    if kind == "random-bytes":
        data = rng.randbytes(rng.choice([0, 1, 16, 256, 4096, 65536]))
        return rng.choice([b"", b"<", b"<?xml version='1.0'?><rss>", b"<html><body>"]) + data
    if kind == "truncated":
        return sample[: rng.randint(0, len(sample))]
    if kind == "garbled":
        data = bytearray(sample)
        for _ in range(rng.randint(1, 200)):
            at = rng.randrange(len(data) + 1)
            move = rng.randrange(4)
            if move == 0:
                data[at:at] = rng.choice(_TOKENS)
            elif move == 1:
                del data[at:at + rng.randint(1, 200)]
            elif move == 2 and at < len(data):
                data[at] = rng.randrange(256)
            else:
                start = rng.randrange(len(data) + 1)
                data[at:at] = data[start:start + rng.randint(1, 2000)]
        return bytes(data)
    if kind == "entity-expansion":
        return _billion_laughs(rng, feed)
    if kind == "huge-attribute":
        return _huge_attribute(rng, feed, sample)
    if kind == "huge-text":
        return _huge_text(rng, sample)
    if kind == "deep-nesting":
        return _deep(rng, feed)
    if kind == "wrong-encoding":
        return _wrong_encoding(rng, sample)
    raise ValueError(f"unknown input kind {kind!r}")


# -- the targets -----------------------------------------------------------------------------------
class UnsafeOutput(Exception):
    """The sanitizer let live script through, or a parser read a local file."""


class Hang(BaseException):
    """Raised by the CPU timer; a BaseException so the code under test cannot swallow it."""


_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link",
                   "frame", "frameset", "applet", "template", "noscript", "textarea", "input", "button"}
_TAG = re.compile(r"<([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_URL_ATTRS = {"href", "src", "action", "poster", "data", "background", "cite", "srcset", "xlink:href"}
_ATTR = re.compile(r"""([^\s=/>"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def unsafe_markup(fragment: str) -> str | None:
    """The first piece of live script in sanitized HTML (a tag, handler or URL), or None."""
    import html

    for tag in _TAG.finditer(fragment):
        name = tag.group(1).lower()
        if name in _DANGEROUS_TAGS:
            return f"<{name}>"
        for attr in _ATTR.finditer(tag.group(2)):
            key = attr.group(1).lower()
            value = re.sub(r"[\s\x00-\x1f]", "", html.unescape((attr.group(2) or "").strip("\"'"))).lower()
            if key.startswith("on") or key in ("style", "srcdoc", "formaction"):
                return f"<{name} {key}=…>"
            if key in _URL_ATTRS and value.startswith(("javascript:", "vbscript:", "data:text/html")):
                return f"<{name} {key}={value[:40]}>"
    return None


def typed_errors() -> tuple[type[BaseException], ...]:
    """The errors a target may raise on bad input: each carries what a person needs to act."""
    from quangba.core.errors import PipelineError
    from quangba.extract import ExtractionError
    from quangba.translation.errors import TranslationError

    return PipelineError, ExtractionError, TranslationError


def _check(fragment: str, where: str) -> None:
    found = unsafe_markup(fragment)
    if found:
        raise UnsafeOutput(f"{where} let {found} through")


def run_target(target: str, data: bytes) -> None:
    """Feed `data` to one target; returns on success, raises otherwise."""
    if target == "feed":
        from quangba.ingest.feeds import parse_entries

        title, entries = parse_entries(data, FEED_URL)
        if _SECRET_MARK in title + repr(entries):
            raise UnsafeOutput(f"the feed parser read {SECRET_FILE} through an external entity")
        return
    if target == "extract":
        from quangba.extract import extract

        doc = extract(data, url=PAGE_URL)
        _check(doc.body_html, "extract")
        return
    text = data.decode("utf-8", errors="replace")
    if target == "sanitize":
        from quangba.articles.models import Article
        from quangba.extract.clean import sanitize
        from quangba.sources.models import Outlet
        from quangba.web.templatetags.quangba import body

        for images in (True, False):
            outlet = Outlet(licence=Outlet.Licence.FULL, images_allowed=images)
            _check(body(Article(body_html=text, outlet=outlet)), "the body filter" + ("" if images else " without images"))
        _check(sanitize(text), "extract.clean.sanitize")
        return
    if target == "segment":
        from quangba.translation.segment import ArticleDoc, ImageDoc, rebuild_article, segment_article
        from quangba.translation.splitter import split_html, split_sentences

        doc = ArticleDoc(title=text[:300], lead=text[:2000], body_html=text,
                         images=[ImageDoc("https://img.example/a.jpg", caption=text[:500], alt=text[:200])])
        segments, template = segment_article(doc)
        rebuild_article(doc, template, {s.id: s.text for s in segments})  # the identity translation
        split_sentences(text)
        split_html(text)
        return
    raise ValueError(f"unknown target {target!r}")


def _on_cpu_limit(signum, frame):
    raise Hang()


def run_one(target: str, kind: str, seed: int, limit: float) -> tuple[str, str]:
    """(outcome, detail) of one input; the CPU timer turns a hang into an outcome."""
    data = make_input(target, kind, seed)
    signal.signal(signal.SIGPROF, _on_cpu_limit)
    signal.setitimer(signal.ITIMER_PROF, limit)
    try:
        run_target(target, data)
        return "ok", ""
    except Hang:
        return "hang", f"over {limit:g}s of CPU"
    except typed_errors() as exc:
        return "typed error", type(exc).__name__
    except BaseException:  # noqa: B036 — MemoryError and RecursionError are findings too
        return "crash", traceback.format_exc(limit=-6)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)


def _setup() -> None:
    import resource

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quangba.settings")
    import django

    django.setup()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    samples("feed")
    typed_errors()  # import every target now: a module that does not import fails the run at once
    for module in ("quangba.ingest.feeds", "quangba.extract.clean", "quangba.web.templatetags.quangba",
                   "quangba.translation.segment", "quangba.translation.splitter"):
        __import__(module)


def _worker(conn, limit: float) -> None:
    try:
        _setup()
    except BaseException:
        conn.send(traceback.format_exc())
        return
    conn.send("ready")
    while (job := conn.recv()) is not None:
        conn.send(run_one(*job, limit))


# -- the run ---------------------------------------------------------------------------------------
class _Slot:
    """One worker process and the job it is running."""

    def __init__(self, limit: float):
        self.conn, child = Pipe()
        self.proc = Process(target=_worker, args=(child, limit), daemon=True)
        self.proc.start()
        child.close()
        # "ready" once Django is set up, so start-up time is not counted against a job.
        if (answer := self.conn.recv()) != "ready":
            raise RuntimeError(f"a fuzz worker could not start:\n{answer}")
        self.job, self.started = None, 0.0

    def send(self, job) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job)

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def fuzz(total: int, seed: int, jobs: int, limit: float, log=print) -> tuple[collections.Counter, dict]:
    """Run `total` inputs, spread evenly over targets × kinds. Returns counts by
    (target, kind, outcome) and the failures by signature: {signature: [count, (target, kind, seed), detail]}."""
    rounds = [kind for kind in KINDS for _ in range(WEIGHTS[kind])]
    queue = collections.deque(
        (TARGETS[i % len(TARGETS)], rounds[(i // len(TARGETS)) % len(rounds)], seed * 1_000_000 + i)
        for i in range(total))
    counts: collections.Counter = collections.Counter()
    failures: dict[str, list] = {}
    slots = [_Slot(limit) for _ in range(jobs)]
    done, wall_limit = 0, max(limit * 6, 30.0)  # the wall-clock backstop for hangs inside C code

    def record(job, outcome: str, detail: str) -> None:
        nonlocal done
        counts[(job[0], job[1], outcome)] += 1
        done += 1
        if outcome in ("crash", "hang"):
            last = [line for line in detail.strip().splitlines() if line.strip()][-1:] or [outcome]
            signature = f"{job[0]}: {outcome}: {last[0][:160]}"
            entry = failures.setdefault(signature, [0, job, detail])
            entry[0] += 1
        if done % 500 == 0:  # a table now and then, so an interrupted run still reports
            log(f"{done}/{total} inputs\n" + table(counts, KINDS, 1, "input kind"), file=sys.stderr)

    try:
        while queue or any(s.job for s in slots):
            for slot in slots:
                if slot.job is None and queue:
                    slot.send(queue.popleft())
            ready = wait([s.conn for s in slots if s.job], timeout=0.5)
            for n, slot in enumerate(slots):
                if slot.job is None:
                    continue
                if slot.conn in ready:
                    try:
                        outcome, detail = slot.conn.recv()
                    except (EOFError, OSError):
                        slot.proc.join(5)
                        outcome, detail = "crash", f"worker died (exit code {slot.proc.exitcode})"
                elif time.monotonic() - slot.started > wall_limit:
                    outcome, detail = "hang", f"over {wall_limit:g}s of wall time"
                else:
                    continue
                record(slot.job, outcome, detail)
                if outcome in ("crash", "hang") and (outcome == "hang" or detail.startswith("worker died")):
                    slot.stop()
                    slots[n] = _Slot(limit)
                else:
                    slot.job = None
    finally:
        for slot in slots:
            slot.conn.send(None) if slot.proc.is_alive() and slot.job is None else None
            slot.stop()
    return counts, failures


def table(counts: collections.Counter, rows: tuple[str, ...], index: int, heading: str) -> str:
    """A Markdown table of counts: one row per target or kind, one column per outcome."""
    lines = [f"| {heading} | inputs | " + " | ".join(OUTCOMES) + " |", "|---" * (len(OUTCOMES) + 2) + "|"]
    for row in (*rows, "total"):
        cells = [sum(n for key, n in counts.items() if (row == "total" or key[index] == row) and key[2] == o)
                 for o in OUTCOMES]
        lines.append(f"| {row} | {sum(cells)} | " + " | ".join(map(str, cells)) + " |")
    return "\n".join(lines)


def matrix(counts: collections.Counter) -> str:
    """Kind × target, each cell "ok/typed error/crash/hang"."""
    lines = ["| input kind | " + " | ".join(TARGETS) + " |", "|---" * (len(TARGETS) + 1) + "|"]
    for kind in KINDS:
        cells = ["/".join(str(counts[(target, kind, o)]) for o in OUTCOMES) for target in TARGETS]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def replay(target: str, kind: str, seed: int, limit: float, save: str | None) -> int:
    """Run one input in this process and print what happened."""
    _setup()
    if save:
        Path(save).write_bytes(make_input(target, kind, seed))
        print(f"input written to {save}")
    started = time.monotonic()
    outcome, detail = run_one(target, kind, seed, limit)
    print(f"{target} {kind} {seed}: {outcome} in {time.monotonic() - started:.2f}s\n{detail}")
    return 0 if outcome in ("ok", "typed error") else 1


def main(argv: list[str] | None = None) -> int:
    """Run the fuzz campaign (or replay one input) and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    parser.add_argument("--limit", type=float, default=5.0, help="seconds of CPU per input before it is a hang")
    parser.add_argument("--replay", nargs=3, metavar=("TARGET", "KIND", "SEED"))
    parser.add_argument("--save", help="with --replay: write the input to this file")
    args = parser.parse_args(argv)
    if args.replay:
        target, kind, seed = args.replay
        return replay(target, kind, int(seed), args.limit, args.save)
    started = time.monotonic()
    counts, failures = fuzz(args.inputs, args.seed, args.jobs, args.limit)
    print(f"{args.inputs} inputs in {time.monotonic() - started:.0f}s "
          f"(python bench/fuzz.py --inputs {args.inputs} --seed {args.seed} --limit {args.limit:g})\n")
    print(table(counts, KINDS, 1, "input kind"), "\n")
    print(table(counts, TARGETS, 0, "target"), "\n")
    print("cells: ok/typed error/crash/hang\n" + matrix(counts))
    for signature, (count, (target, kind, seed), detail) in sorted(failures.items(), key=lambda f: -f[1][0]):
        print(f"\n{count} × {signature}\n  replay: python bench/fuzz.py --replay {target} {kind} {seed}")
        print("  " + "\n  ".join(detail.strip().splitlines()[-8:]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
