"""Story clustering benchmark: precision/recall/F1 on a labelled set, then the time and memory to
assign 100,000 synthetic articles incrementally.

    .venv/bin/python bench/stories.py [--synthetic 100000]

Labelled set: the demo's 46 sample articles (5 outlets, vi and en). Each sample article carries a
`story` key written with the content: the articles reporting one event (Huế festival, metro line 3,
Đà Nẵng cruise season, Cần Thơ rice shipment, Hà Nội decentralisation, Hạ Long night cruises)
share a key, every other article is its own story. Scored as pairs: a pair is positive when both
articles have the same key. Reported for all pairs and for pairs in the same language (grouping
across languages needs a translation into a common language; see README).

Synthetic set (needs ../shared/corpus): a national portal's stream from real Vietnamese news
(quangba.demo.synthetic: VNTC articles recombined, about a third of them 2–6 outlets' reports of
one event, their own sentence selection, order and title), published over 30 days in time order,
assigned one by one as the pipeline does, against the in-memory form of the index. Scored on
every pair inside a found story (precision) and every pair inside a planted one (recall). The
thresholds were set on the labelled set, never on this one.
"""
import argparse
import sys
import time
import tracemalloc
from datetime import datetime, timezone
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quangba.demo.outlets import load_outlets  # noqa: E402
from quangba.demo.synthetic import load_bases, stream  # noqa: E402
from quangba.stories.similarity import Candidate, Matcher, Profile, WindowIndex  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def assign(items) -> dict[int, int]:
    """items: (key, profile, published_at) in publication order → key → story (its first key)."""
    matcher, index, story = Matcher(), WindowIndex(days=4), {}
    span = matcher.window.days + 1
    for key, profile, published_at in items:
        day = published_at.toordinal()
        match = matcher.same_story(profile, published_at, index.lookup(profile, day - span, day + span))
        story[key] = match.story if match else key
        index.add(key, Candidate(key, profile, published_at, story[key]))
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
    items, labels, languages = [], {}, {}
    for key, (outlet, article) in enumerate(samples):
        items.append((key, Profile.of(article.title, f"{article.sapo} {' '.join(article.body)}"), article.published))
        labels[key] = article.story or f"solo-{key}"
        languages[key] = outlet.language
    story = assign(items)
    print(f"Labelled set: {len(samples)} sample articles, "
          f"{len({v for v in labels.values() if not v.startswith('solo')})} planted stories (in-sample: the "
          "thresholds were set on it)\n")
    print("| pairs | precision | recall | F1 | positive pairs |")
    print("|---|---|---|---|---|")
    for name, same in (("same language", True), ("all (vi↔en too)", False)):
        p, r, f, positives = pair_scores(labels, languages, story, same)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {positives} |")


def synthetic(count: int, seed: int = 7) -> None:
    vntc = CORPUS / "vntc" / "train.jsonl.xz"
    if not vntc.is_file():
        print(f"\nSynthetic set skipped: {vntc} not found")
        return
    bases = load_bases(vntc)
    articles = list(stream(bases, count, start=datetime(2026, 1, 1, tzinfo=timezone.utc), days=30 * count / 100_000,
                           outlets=150, seed=seed))
    began = time.perf_counter()
    items = [(a.number, Profile.of(a.title, f"{a.lead} {a.text}"), a.published_at) for a in articles]
    profiled = time.perf_counter() - began
    tracemalloc.start()
    began = time.perf_counter()
    story = assign(items)
    elapsed = time.perf_counter() - began
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    truth = {a.number: a.story for a in articles}
    precision, recall = exact_pair_scores(truth, story)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    planted = sum(1 for members in _groups(truth).values() if len(members) > 1)
    print(f"\nSynthetic: {count:,} articles ({planted:,} planted stories of 2–6 reports) profiled in {profiled:.1f} s "
          f"({count / profiled:,.0f}/s), assigned in {elapsed:.1f} s ({count / elapsed:,.0f} articles/s), "
          f"pair precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}, "
          f"index peak memory {peak / 2**20:,.0f} MiB (a 4-day window)")


def _groups(labels: dict[int, int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = {}
    for key, label in labels.items():
        groups.setdefault(label, []).append(key)
    return groups


def exact_pair_scores(truth: dict[int, int], story: dict[int, int]) -> tuple[float, float]:
    """Precision over every pair inside a found story, recall over every pair inside a planted one."""
    tp_found = fp = tp_planted = fn = 0
    for members in _groups(story).values():
        for a, b in combinations(members, 2):
            same = truth[a] == truth[b]
            tp_found += same
            fp += not same
    for members in _groups(truth).values():
        for a, b in combinations(members, 2):
            same = story[a] == story[b]
            tp_planted += same
            fn += not same
    return (tp_found / (tp_found + fp) if tp_found + fp else 1.0,
            tp_planted / (tp_planted + fn) if tp_planted + fn else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=100_000)
    options = parser.parse_args()
    labelled()
    if options.synthetic:
        synthetic(options.synthetic)


if __name__ == "__main__":
    main()
