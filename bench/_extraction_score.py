"""Scoring for bench/extraction.py, each metric as its corpus defines it."""
from __future__ import annotations

import re
import statistics
from collections import Counter
from datetime import datetime, timedelta, timezone

from lxml import html as lxml_html

_WORD = re.compile(r"\w+")
_VIETNAM = timezone(timedelta(hours=7))


def words(text: str) -> Counter:
    return Counter(_WORD.findall((text or "").lower()))


def tp_fp_fn(truth: str, pred: str) -> tuple[float, float, float]:
    """Word-level multiset match, normalised per page (ScrapingHub's evaluate.py, with words)."""
    t, p = words(truth), words(pred)
    tp = sum((t & p).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision and recall over pages, F1 of the means (the ScrapingHub definition)."""
    def precision(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean([precision(*r) for r in rows if r[0] + r[1] > 0] or [0])
    r = statistics.mean([recall(*r) for r in rows if r[0] + r[2] > 0] or [0])
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def page_f1(truth: str, pred: str) -> tuple[float, float, float]:
    """Word F1 of one page (WCXB): Counter of lower-cased \\w+ tokens."""
    t, p = words(truth), words(pred)
    overlap = sum((t & p).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall), precision, recall


def norm(text: str) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def same_title(truth: str, pred: str) -> bool:
    return bool(truth) and norm(truth) == norm(pred)


def same_author(truth: str, pred: str) -> bool:
    t, p = norm(truth), norm(pred)
    return bool(t) and bool(p) and (t == p or t in p or p in t)


def _to_datetime(value: str) -> datetime | None:
    from quangba.extract.dates import parse_date  # the ground truth strings only; tz-naive → Vietnam

    return parse_date(value) if value else None


def same_day(truth: str, pred: str) -> bool:
    return bool(pred) and truth[:10] == str(pred)[:10]


def same_minute(truth: str, pred: str) -> bool:
    """Same wall-clock minute in Vietnam time; naive values are taken as Vietnam time."""
    t, p = _to_datetime(truth), _to_datetime(pred)
    if not t or not p:
        return False
    if t.hour == t.minute == 0 and "T" not in truth and ":" not in truth:
        return t.date() == p.astimezone(_VIETNAM).date()
    return abs((t - p).total_seconds()) < 60


def expected_figures(expected_html: str) -> tuple[list[str], list[str]]:
    """Image file names and caption texts the reference article keeps."""
    root = lxml_html.fromstring(expected_html or "<div></div>")
    images = [img.get("src", "").rsplit("/", 1)[-1].split("?")[0] for img in root.iter("img") if img.get("src")]
    captions = [" ".join(c.text_content().split()) for c in root.iter("figcaption")]
    return [i for i in images if i], [c for c in captions if norm(c)]


def caption_found(caption: str, output_words: Counter) -> bool:
    """A caption counts when 80 % of its words are in the output."""
    want = words(caption)
    have = sum((want & output_words).values())
    return have >= 0.8 * sum(want.values())
