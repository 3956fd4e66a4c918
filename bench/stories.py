"""Story clustering benchmark: precision/recall/F1 on a labelled set, then the time and memory to
assign 100,000 synthetic articles incrementally.

    .venv/bin/python bench/stories.py [--synthetic 100000]

Labelled set: the demo's 46 sample articles (5 outlets, vi and en). Each sample article carries a
`story` key written with the content: the articles reporting one event (Huế festival, metro line 3,
Đà Nẵng cruise season, Cần Thơ rice shipment, Hà Nội decentralisation, Hạ Long night cruises)
share a key, every other article is its own story. Scored as pairs: a pair is positive when both
articles have the same key. Reported for all pairs and for pairs in the same language (grouping
across languages needs a translation into a common language; see README).

Synthetic set: articles generated from a vocabulary with a planted story structure (about 8 reports
per event, rewritten with word swaps), published over 60 days in time order, assigned one by one
as the pipeline does. Reports wall time per article and the detector's peak memory (tracemalloc).
"""
import argparse
import random
import sys
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quangba.demo.outlets import load_outlets  # noqa: E402
from quangba.stories.similarity import Detector, Signature  # noqa: E402


def assign(detector: Detector, signatures: list[Signature]) -> dict[int, int]:
    story: dict[int, int] = {}
    for signature in signatures:
        matches = detector.candidates(signature)
        story[signature.key] = story[matches[0].key] if matches else signature.key
        detector.add(signature)
    return story


def pair_scores(labels: dict[int, str], languages: dict[int, str], story: dict[int, int], same_language: bool):
    tp = fp = fn = 0
    for a, b in combinations(sorted(labels), 2):
        if same_language and languages[a] != languages[b]:
            continue
        truth, said = labels[a] == labels[b], story[a] == story[b]
        tp += truth and said
        fp += said and not truth
        fn += truth and not said
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def labelled() -> None:
    samples = [(o, a) for o in load_outlets() for a in o.articles]
    samples.sort(key=lambda pair: pair[1].published)
    signatures, labels, languages = [], {}, {}
    for key, (outlet, article) in enumerate(samples):
        text = f"{article.sapo} {' '.join(article.body)}"
        signatures.append(Signature.of(key, language=outlet.language, outlet=outlet.slug,
                                       published_at=article.published, title=article.title, text=text))
        labels[key] = article.story or f"solo-{key}"
        languages[key] = outlet.language
    story = assign(Detector(), signatures)
    print(f"Labelled set: {len(samples)} sample articles, "
          f"{len({v for v in labels.values() if not v.startswith('solo')})} planted stories\n")
    print("| pairs | precision | recall | F1 | positive pairs |")
    print("|---|---|---|---|---|")
    for name, same in (("same language", True), ("all (vi↔en too)", False)):
        p, r, f, positives = pair_scores(labels, languages, story, same)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {positives} |")


def synthetic(count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(20000)]
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    signatures, events = [], []  # events[key]: the planted event of article `key`
    key = 0
    while key < count:
        words = rng.sample(vocabulary, 120)
        when = start + timedelta(minutes=key * 60 * 24 * 60 / count)
        event = key
        for _report in range(rng.randint(1, 15)):
            # Each outlet rewrites the event: a third of the words replaced, the rest in place.
            text = [w if rng.random() > 0.35 else rng.choice(vocabulary) for w in words]
            signatures.append(Signature.of(key, language="vi", outlet=f"o{rng.randint(1, 40)}",
                                           published_at=when + timedelta(minutes=rng.randint(0, 600)),
                                           title=" ".join(text[:10]), text=" ".join(text)))
            events.append(event)
            key += 1
            if key >= count:
                break
    signatures.sort(key=lambda s: s.published_at)
    tracemalloc.start()
    began = time.perf_counter()
    story = assign(Detector(), signatures)
    elapsed = time.perf_counter() - began
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    labels = {s.key: events[s.key] for s in signatures}
    p, r, f, _positives = pair_scores_sampled(labels, story, rng)
    print(f"\nSynthetic: {count:,} articles assigned in {elapsed:.1f} s "
          f"({count / elapsed:,.0f} articles/s, {elapsed / count * 1000:.2f} ms each), "
          f"{len(set(story.values())):,} stories found for {len(set(events)):,} planted, "
          f"pair precision {p:.3f} recall {r:.3f} F1 {f:.3f} (same-event pairs and 200,000 random pairs), "
          f"detector peak memory {peak / 2**20:,.0f} MiB (signatures built outside the timed part)")


def pair_scores_sampled(labels: dict[int, int], story: dict[int, int], rng: random.Random):
    """Pairwise scores on every same-event pair plus a random sample of the other pairs."""
    by_event: dict[int, list[int]] = {}
    for key, event in labels.items():
        by_event.setdefault(event, []).append(key)
    tp = fn = fp = 0
    for keys in by_event.values():
        for a, b in combinations(keys, 2):
            tp += story[a] == story[b]
            fn += story[a] != story[b]
    keys = list(labels)
    for _ in range(200_000):
        a, b = rng.sample(keys, 2)
        if labels[a] != labels[b] and story[a] == story[b]:
            fp += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0, tp + fn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=100_000)
    options = parser.parse_args()
    labelled()
    if options.synthetic:
        synthetic(options.synthetic)


if __name__ == "__main__":
    main()
