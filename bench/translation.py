"""Translation throughput: quangba's pipeline vs the raw Apertium engine, in the same run.

    python bench/translation.py [--articles N]

Reads the English demo articles (quangba/demo/content/*.json) when present, else a synthetic
English corpus. Prints segments/s for raw ``apertium -u -f html eng-spa`` (one batch holding every
segment), for ``translate_article`` cold and with a warm translation memory, and the engine calls
made when an edited article is translated again (target: only the changed segments).
"""
from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quangba.translation import (ArticleDoc, Glossary, ImageDoc, InMemoryTranslationMemory,  # noqa: E402
                                 translate_article, translate_articles)
from quangba.translation.engines.apertium import ApertiumEngine  # noqa: E402
from quangba.translation.segment import segment_article  # noqa: E402

SUBJECTS = ["The Prime Minister", "The Ministry of Industry and Trade", "The People's Committee of Hanoi",
            "Farmers in the Mekong Delta", "The State Bank of Vietnam", "Tourists in Hue",
            "The National Assembly", "Officials in Da Nang", "Exporters in Ho Chi Minh City"]
VERBS = ["announced new measures to support", "discussed plans for", "reported strong growth in",
         "called for more investment in", "visited projects related to", "approved a budget for"]
OBJECTS = ["rice exports", "the new metro line", "coastal tourism", "renewable energy", "public schools",
           "flood prevention", "digital transformation", "the coffee harvest"]


def synthetic(n: int, seed: int = 7) -> list[ArticleDoc]:
    """English news-like articles built from the glossary's places and institutions."""
    rnd = random.Random(seed)

    def sentence() -> str:
        return (f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} "
                f"on {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/2026, with {rnd.randint(2, 900):,} people involved.")

    docs = []
    for i in range(n):
        paras = [" ".join(sentence() for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(6, 12))]
        body = "".join(f"<p>{p}</p>" if k % 4 else f"<h2>{p.split(',')[0]}</h2><p>{p}</p>"
                       for k, p in enumerate(paras))
        docs.append(ArticleDoc(title=sentence().split(" on ")[0], lead=sentence(), body_html=body,
                               images=[ImageDoc(f"img{i}.jpg", caption=sentence(), credit="Photo: Vietnam News Agency",
                                                alt="A view of the city")]))
    return docs


def demo_articles() -> list[ArticleDoc]:
    """The demo's English sample articles (quangba.demo.outlets), as the pipeline would see them."""
    import html

    from quangba.demo.outlets import load_outlets

    docs = []
    for outlet in load_outlets():
        if outlet.language != "en":
            continue
        for article in outlet.articles:
            blocks = [f"<h2>{html.escape(p[3:])}</h2>" if p.startswith("## ") else f"<p>{html.escape(p)}</p>"
                      for p in article.body]
            images = [ImageDoc(f"https://example.org{image.path}", image.caption, image.credit, image.caption)
                      for image in article.images]
            figures = "".join(f'<figure><img src="{i.url}" alt="{html.escape(i.alt)}"><figcaption>'
                              f"{html.escape(i.caption)}</figcaption></figure>" for i in images)
            docs.append(ArticleDoc(article.title, article.sapo, "".join(blocks) + figures, images, article.author))
    return docs


def raw_apertium(segments: list[str]) -> float:
    """Seconds for one ``apertium -u -f html eng-spa`` run over every segment."""
    payload = "".join(f'<div data-seg="{i}">{s}</div>\n' for i, s in enumerate(segments))
    started = time.perf_counter()
    subprocess.run(["apertium", "-u", "-f", "html", "eng-spa"], input=payload, capture_output=True,
                   text=True, check=True)
    return time.perf_counter() - started


def edit(doc: ArticleDoc) -> ArticleDoc:
    """The same article with a new title and two paragraphs rewritten."""
    paras = doc.body_html.split("</p>")
    for k in (1, len(paras) // 2):
        if k < len(paras) - 1:
            paras[k] = paras[k] + " The figures were revised on Friday."
    return ArticleDoc(doc.title + " (updated)", doc.lead, "</p>".join(paras), doc.images, doc.author)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40, help="synthetic articles when no demo content")
    args = parser.parse_args()
    if not shutil.which("apertium"):
        sys.exit("apertium is not installed: apt-get install -y apertium apertium-eng-spa")
    docs = demo_articles()
    corpus = "demo content" if docs else f"synthetic ({args.articles} articles)"
    docs = docs or synthetic(args.articles)
    segments = [s.text for d in docs for s in segment_article(d)[0]]
    engine, glossary = ApertiumEngine("apertium", {"TIMEOUT": 600}), Glossary.starter("en", "es")

    raw = raw_apertium(segments)
    memory = InMemoryTranslationMemory()
    started = time.perf_counter()
    cold = [translate_article(d, "en", "es", [engine], memory, glossary) for d in docs]
    cold_s = time.perf_counter() - started
    started = time.perf_counter()
    warm = [translate_article(d, "en", "es", [engine], memory, glossary) for d in docs]
    warm_s = time.perf_counter() - started
    edited = translate_article(edit(docs[0]), "en", "es", [engine], memory, glossary)
    started = time.perf_counter()
    batch = translate_articles(docs, "en", "es", [engine], InMemoryTranslationMemory(), glossary)
    batch_s = time.perf_counter() - started

    n = len(segments)
    print(f"corpus: {corpus}, {len(docs)} articles, {n} segments, {sum(map(len, segments)):,} characters")
    print(f"{'run':<44}{'seconds':>9}{'segments/s':>12}{'engine calls':>14}")
    rows = [("raw apertium -f html eng-spa, one batch", raw, 1),
            ("quangba translate_article, cold memory", cold_s, sum(r.engine_calls for r in cold)),
            ("quangba translate_article, warm memory", warm_s, sum(r.engine_calls for r in warm)),
            ("quangba translate_articles (one run), cold", batch_s, batch[0].engine_calls)]
    for name, seconds, calls in rows:
        print(f"{name:<44}{seconds:>9.2f}{n / seconds:>12.0f}{calls:>14}")
    print(f"time ratio to raw: per-article {cold_s / raw:.1f}× (one apertium process per article), "
          f"one run {batch_s / raw:.2f}×")
    changed = edited.segments_sent
    print(f"re-translation of an edited article: {edited.engine_calls} engine call(s), "
          f"{changed} of {edited.segments_total} segments sent (3 changed: title + 2 paragraphs)")
    held = sum(not r.qa.passed for r in cold)
    print(f"QA: {len(docs) - held} of {len(docs)} articles passed, {held} held for review")


if __name__ == "__main__":
    main()
