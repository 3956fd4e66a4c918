"""Extraction quality gate on ../shared/corpus: a change that lowers F1 or metadata accuracy
below the pinned floors fails. Scoring is bench/extraction.py's (bench/_extraction_score.py)."""
import statistics
import sys
from pathlib import Path

import pytest

from quangba.extract import ExtractionError, extract

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import _extraction_data as corpus  # noqa: E402
import _extraction_score as score  # noqa: E402

# Measured when pinned (see README); raise them when quality improves, never lower them quietly.
FLOORS = {
    "scrapinghub_f1": 0.970, "scrapinghub_precision": 0.953, "scrapinghub_recall": 0.986,
    "wcxb_f1": 0.935, "wcxb_title": 0.825, "wcxb_author": 0.540, "wcxb_date": 0.835,
    "mozilla_caption_recall": 0.960, "mozilla_image_recall": 0.600,
}


def run(pages):
    out = {}
    for page in pages:
        try:
            out[page.id] = extract(page.html, page.url)
        except ExtractionError:
            out[page.id] = None
    return out


@pytest.fixture(scope="module")
def pages(corpus_dir):
    return {name: corpus.load(corpus_dir, (name,)) for name in corpus.DATASETS}


def text(result) -> str:
    return result.text if result else ""


def test_scrapinghub_word_f1(pages):
    results = run(pages["scrapinghub"])
    rows = [score.tp_fp_fn(p.truth["articleBody"], text(results[p.id])) for p in pages["scrapinghub"]]
    f1, precision, recall = score.prf(rows)
    assert f1 >= FLOORS["scrapinghub_f1"]
    assert precision >= FLOORS["scrapinghub_precision"]
    assert recall >= FLOORS["scrapinghub_recall"]


def test_wcxb_f1_and_metadata(pages):
    wcxb = pages["wcxb"]
    results = run(wcxb)
    f1 = statistics.mean(score.page_f1(p.truth.get("main_content", ""), text(results[p.id]))[0] for p in wcxb)
    assert f1 >= FLOORS["wcxb_f1"]
    title = statistics.mean(score.same_title(p.truth["title"], results[p.id].title if results[p.id] else "")
                            for p in wcxb if p.truth.get("title"))
    author = statistics.mean(score.same_author(p.truth["author"], results[p.id].author if results[p.id] else "")
                             for p in wcxb if p.truth.get("author"))
    date = statistics.mean(
        score.same_day(p.truth["publish_date"],
                       results[p.id].published_at.isoformat() if results[p.id] and results[p.id].published_at else "")
        for p in wcxb if p.truth.get("publish_date"))
    assert title >= FLOORS["wcxb_title"]
    assert author >= FLOORS["wcxb_author"]
    assert date >= FLOORS["wcxb_date"]


def test_mozilla_images_and_captions(pages):
    image_hits, caption_hits = [], []
    for page in pages["mozilla"]:
        images, captions = score.expected_figures(page.truth["expected_html"])
        if not images and not captions:
            continue
        result = extract(page.html, page.url)
        found = {i.url.rsplit("/", 1)[-1].split("?")[0] for i in result.images}
        words = score.words(" ".join([result.text, score.norm(result.body_html)]
                                     + [f"{i.caption} {i.credit}" for i in result.images]))
        image_hits += [name in found for name in images]
        caption_hits += [score.caption_found(caption, words) for caption in captions]
    assert statistics.mean(caption_hits) >= FLOORS["mozilla_caption_recall"]
    assert statistics.mean(image_hits) >= FLOORS["mozilla_image_recall"]


def test_every_vietnamese_article_fact(pages):
    for page in pages["vn"]:
        facts, result = page.truth, extract(page.html, page.url)
        where = page.id
        if facts.get("title"):
            assert score.norm(result.title) == score.norm(facts["title"]), where
        if facts.get("title(og:title)"):
            assert score.norm(result.title) == score.norm(facts["title(og:title)"]), where
        if facts.get("title_startswith"):
            assert result.title.startswith(facts["title_startswith"]), where
        if facts.get("published_at"):
            assert score.same_minute(facts["published_at"], result.published_at.isoformat()), where
        if facts.get("body_contains"):
            assert facts["body_contains"] in f"{result.lead}\n{result.text}", where
        if facts.get("category"):
            assert result.section_hint == facts["category"], where
        assert result.extractor.startswith("rules:") and result.confidence >= 0.5, where
        assert len(result.text) >= 500, where
