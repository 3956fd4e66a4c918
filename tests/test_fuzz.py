"""Parsers under hostile input (property tests): every input gives a result or a typed error,
quickly, and sanitized HTML carries no live script. The long campaign is bench/fuzz.py, whose
input generators these tests share."""
import importlib.util
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from quangba.extract import ExtractionError, extract
from quangba.ingest.feeds import FeedParseError, parse_entries
from quangba.articles.models import Article
from quangba.sources.models import Outlet
from quangba.web.templatetags.quangba import body

_spec = importlib.util.spec_from_file_location("quangba_bench_fuzz", Path(__file__).parents[1] / "bench" / "fuzz.py")
fuzz = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)  # dataclasses look themselves up there
_spec.loader.exec_module(fuzz)

FAST = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHEAP_KINDS = ["random-bytes", "truncated", "garbled", "wrong-encoding"]
# Markup-heavy text: hypothesis finds the odd combinations faster from these pieces.
PIECES = st.sampled_from([t.decode("utf-8", "replace") for t in fuzz._TOKENS] + [
    "<p>", "</p>", "<a href=\"", "\">", "<img src=x ", "onerror=alert(1)>", "<scr", "ipt>", "<iframe src=//x>",
    "<svg><script>alert(1)</script>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<img src=\"data:text/html,<script>alert(1)</script>\">",
    "<form action=javascript:alert(1)><button>", "<object data=x>", "<base href=//evil/>", "Hà Nội. ", " "])
HOSTILE_HTML = st.lists(PIECES, max_size=40).map("".join)


@contextmanager
def time_limit(seconds: int):
    """Fail instead of hanging: SIGALRM interrupts Python code between C calls."""
    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def feed_outcome(data: bytes) -> str:
    with time_limit(5):
        try:
            title, entries = parse_entries(data, fuzz.FEED_URL)
        except FeedParseError:
            return "typed error"
    assert isinstance(title, str) and all(e["url"].startswith(("http://", "https://")) for e in entries)
    assert fuzz._SECRET_MARK not in title + repr(entries)
    return "ok"


def extract_outcome(data: bytes | str) -> str:
    with time_limit(5):
        try:
            doc = extract(data, url=fuzz.PAGE_URL)
        except ExtractionError:
            return "typed error"
    assert 0.0 <= doc.confidence <= 1.0
    assert fuzz.unsafe_markup(doc.body_html) is None, doc.body_html[:500]
    return "ok"


# -- feeds -----------------------------------------------------------------------------------------
@FAST
@given(st.binary(max_size=4096))
@example(b"")
@example(b"<?xml version='1.0'?><rss><channel><item><title>&#xD800;</title></item></channel></rss>")
@example(b"<rss><channel><item><title>x</title><link>javascript:alert(1)</link></item></channel></rss>")
def test_feed_bytes_give_entries_or_a_feed_parse_error(data):
    feed_outcome(data)


@FAST
@given(st.sampled_from(CHEAP_KINDS), st.integers(0, 10**6))
def test_damaged_real_feeds_give_entries_or_a_feed_parse_error(kind, seed):
    feed_outcome(fuzz.make_input("feed", kind, seed))


@pytest.mark.parametrize("seed", range(8))
def test_entity_expansion_in_feeds_is_not_expanded(seed):
    data = fuzz.make_input("feed", "entity-expansion", seed)
    started = time.monotonic()
    try:
        title, entries = parse_entries(data, fuzz.FEED_URL)
    except FeedParseError:
        title, entries = "", []
    assert time.monotonic() - started < 3
    assert len(title) + sum(len(e["title"]) for e in entries) < 10 * len(data)  # nothing blew up
    assert fuzz._SECRET_MARK not in title + repr(entries)


def test_quadratic_blowup_feed_stays_small():
    big = "x" * 50_000
    data = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{big}">]><rss version="2.0"><channel>'
            f'<title>{"&big;" * 3000}</title><item><title>t</title><link>https://n.example/a</link></item>'
            "</channel></rss>").encode()
    title, entries = parse_entries(data, fuzz.FEED_URL)
    assert len(title) < len(data) and entries[0]["url"] == "https://n.example/a"
    utf16 = data.decode().replace('version="1.0"', 'version="1.0" encoding="utf-16"').encode("utf-16")
    title, entries = parse_entries(utf16, fuzz.FEED_URL)
    assert len(title) < len(data)


def test_deeply_nested_feed():
    for kind_seed in range(3):
        feed_outcome(fuzz._deep(fuzz.random.Random(kind_seed), feed=True))


# -- extraction ------------------------------------------------------------------------------------
@FAST
@given(st.binary(max_size=4096))
@example(b"\x00" * 10)
@example(b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00")
def test_page_bytes_give_an_article_or_an_extraction_error(data):
    extract_outcome(data)


@FAST
@given(HOSTILE_HTML)
def test_hostile_markup_gives_an_article_or_an_extraction_error(text):
    extract_outcome(f"<html><body><article><h1>Tiêu đề</h1>{text}<p>{'Nội dung bài báo. ' * 30}</p>"
                    "</article></body></html>")


@FAST
@given(st.sampled_from(CHEAP_KINDS), st.integers(0, 10**6))
def test_damaged_real_pages_give_an_article_or_an_extraction_error(kind, seed):
    extract_outcome(fuzz.make_input("extract", kind, seed))


@pytest.mark.parametrize("kind", ["deep-nesting", "huge-attribute", "huge-text", "entity-expansion"])
def test_big_pages_are_handled_in_time(kind):
    for seed in range(2):
        extract_outcome(fuzz.make_input("extract", kind, seed))


# -- sanitizing ------------------------------------------------------------------------------------
@settings(FAST, max_examples=150)
@given(HOSTILE_HTML)
@example('<a href="jav&#x09;ascript:alert(1)">x</a><img src=x onerror=alert(1)>')
@example("<svg><script>alert(1)</script></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>")
def test_sanitized_bodies_carry_no_live_script(text):
    from quangba.extract.clean import sanitize

    for cleaned in (body(shown(text)), body(shown(text, images=False)), sanitize(text)):
        assert fuzz.unsafe_markup(cleaned) is None, cleaned


def shown(text: str, images: bool = True) -> Article:
    """An unsaved article of a full-text outlet, as the body filter receives it."""
    return Article(body_html=text, outlet=Outlet(licence=Outlet.Licence.FULL, images_allowed=images))


def test_unsafe_markup_detector_sees_what_it_should():
    assert fuzz.unsafe_markup('<p onclick="x">') and fuzz.unsafe_markup('<a href="java&#x09;script:x">')
    assert fuzz.unsafe_markup("<script>") and not fuzz.unsafe_markup('<p title="javascript:">a onclick=b</p>')


# -- translation segmentation ----------------------------------------------------------------------
def segment_all(text: str) -> None:
    from quangba.translation.segment import ArticleDoc, ImageDoc, rebuild_article, segment_article
    from quangba.translation.splitter import split_html, split_sentences

    doc = ArticleDoc(title=text[:300], lead=text[:2000], body_html=text, images=[ImageDoc("https://i.example/a.jpg", text[:50])])
    segments, template = segment_article(doc)
    rebuilt = rebuild_article(doc, template, {s.id: s.text for s in segments})
    assert rebuilt.title == doc.title
    split_sentences(text)
    split_html(text)


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=400))
def test_segmenting_plain_text(text):
    with time_limit(5):
        segment_all(f"<p>{text}</p>")


@FAST
@given(HOSTILE_HTML)
@example("<p>\x01</p>")
def test_segmenting_hostile_markup(text):
    with time_limit(5):
        segment_all(text)


def test_sentence_splitting_is_linear():
    from quangba.translation.splitter import split_sentences

    with time_limit(3):
        assert len(split_sentences("Hà Nội mưa. " * 20_000)) == 20_000
