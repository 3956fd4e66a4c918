"""Places an article is about: the rules beside learned models of the same reading, scored by
leave-one-batch-out cross-validation on the labelled articles, and the labels' own ceiling.

    .venv/bin/python bench/places.py [--corpus ../shared/corpus] [--no-context]

* Candidates: every place an article names (``weigh``), each with what the rules read in its
  mentions (``weigh(trace=…)``: zone, position, the passing reason, lists) and whether the rules
  keep it. A labelled place the article never names counts as missed for every model alike.
* Learned models (scikit-learn ``LogisticRegression``, standardised features, C=0.3): *signals* —
  the rules' decision and weight, counts of each kind of mention per zone, the first position,
  shares, the article's number of places; *+ context* — the same and the words around each
  mention (three either side, zone-marked, and the words of its sentence). Trained on every other
  batch (the long ones, A to X, and the short hand-written ones, H to BJ), scored on the one
  left out; the table gives the long labels' precision and recall over all held-out batches and
  the spread over the 23 long batches (lowest–highest), and the short cases'.
* Learning curve: the *signals* model trained on a quarter and a half of the other batches (three
  draws each) — does more labelled text of the same kind move it?
* Ceiling: two readers labelled U, V, W and X apart (`tests/data/places_about_readers.jsonl`); one
  reader scored against the other is what the labels themselves support.

Never reads the VNTC test part. Takes about three minutes (each model fits 71 folds).
"""
import argparse
import math
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _places_data as data  # noqa: E402
from quangba.core.text import fold  # noqa: E402
from quangba.taxonomy import focus  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KINDS = ("origin", "from", "name", "venue", "example", "residence", "route", "line", "span", "bound",
         "compared", "street")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7)


def candidates(title: str, lead: str, body: str) -> dict[str, tuple[dict, Counter]]:
    """Every place the article names: its signals and the words around its mentions."""
    trace: list[focus.Mention] = []
    ranked = focus.weigh(title, lead, body, trace)
    kept = {p.slug for p in focus.places_about(title, lead, body)}
    zones = {"title": title or "", "lead": lead or "", "body": body or ""}
    top = ranked[0].weight if ranked else 0.0
    free_all = max(sum(m.reason is None for m in trace), 1)
    article = {"places": math.log1p(len(ranked)), "weighed": math.log1p(sum(w.weight > 0 for w in ranked)),
               "listicle": float(focus._listicle(title or "")),
               "national": float(bool(focus._NATIONAL_HEAD.search(fold(f"{title} {lead}").lower()))),
               "title_names": float(any(m.zone == "title" for m in trace)),
               "any_headline": float(any(w.in_headline for w in ranked))}
    out = {}
    for rank, w in enumerate(ranked):
        mine = [m for m in trace if m.slug == w.place.slug]
        body_starts = [m.start for m in mine if m.zone == "body"]
        signals = dict(article, kept=float(w.place.slug in kept), first=float(rank == 0), weight=w.weight,
                       share=w.weight / top if top else 0.0, headline=float(w.in_headline),
                       capital=float(w.place.slug in focus.BIG_CITIES), city=float(w.place.kind == "city"),
                       first_at=min(body_starts, default=len(body)) / max(len(body), 1),
                       mentions=len(mine) / max(len(trace), 1),
                       free=sum(m.reason is None for m in mine) / free_all,
                       listed=math.log1p(sum(m.listed for m in mine)), counted=float(any(m.counted for m in mine)))
        for zone in zones:
            signals[f"{zone}_all"] = math.log1p(sum(m.zone == zone for m in mine))
            signals[f"{zone}_free"] = math.log1p(sum(m.zone == zone and m.reason is None for m in mine))
        for kind in KINDS:
            signals[f"as_{kind}"] = math.log1p(sum(m.reason == kind for m in mine))
        words: Counter = Counter()
        for m in mine:
            text = zones[m.zone]
            left = fold(text[max(0, m.start - 50):m.start]).lower().split()[-3:]
            right = fold(text[m.end:m.end + 50]).lower().split()[:3]
            if left:
                words[f"l1={left[-1]}"] += 1
                words[f"{m.zone}:l1={left[-1]}"] += 1
                words[f"l2={' '.join(left[-2:])}"] += 1
            if right:
                words[f"r1={right[0]}"] += 1
                words[f"{m.zone}:r1={right[0]}"] += 1
                words[f"r2={' '.join(right[:2])}"] += 1
            for word in set(focus._sentence(text, m.start, m.end).split()):
                words[f"s={word.strip('.,;:()!?')}"] += 0.2
        out[w.place.slug] = (signals, Counter({k: math.log1p(v) for k, v in words.items()}))
    return out


def rows(corpus: Path) -> list[tuple[str, str, str, tuple | None, bool]]:
    """(batch, case, place, features or None when never named, labelled about) for every candidate."""
    labelled = data.labels()
    texts = {**data.demo_texts(), **data.corpus_texts(corpus, {c["ref"] for c in labelled})}
    found = []
    articles = [(f"long {name}", case["ref"], texts[case["ref"]], case["about"])
                for name, part in data.batches(labelled).items() for case in part]
    articles += [(f"short {case['batch']}", f"case {i}", (case["title"], case["lead"], case["body"]), case["about"])
                 for i, case in enumerate(data.cases())]
    for batch, ref, text, about in articles:
        named = candidates(*text)
        found += [(batch, ref, slug, features, slug in about) for slug, features in named.items()]
        found += [(batch, ref, slug, None, True) for slug in about if slug not in named]
    return found


def scores(found, kept) -> dict[str, tuple[float, float]]:
    """Precision and recall of `kept` (one flag per row) over the long labels, each long batch and the
    short cases."""
    tally: dict[str, list[int]] = {}
    for (batch, _, _, _, about), keep in zip(found, kept):
        for key in (batch.split()[0], batch):
            t = tally.setdefault(key, [0, 0, 0])
            t[0] += keep and about
            t[1] += keep and not about
            t[2] += about and not keep
    return {key: (tp / max(tp + fp, 1), tp / max(tp + fn, 1)) for key, (tp, fp, fn) in tally.items()}


def line(name: str, result: dict[str, tuple[float, float]]) -> str:
    long_batches = [v for k, v in result.items() if k.startswith("long ")]
    return (f"| {name} | {result['long'][0]:.3f} | {result['long'][1]:.3f} | "
            f"{min(p for p, _ in long_batches):.2f}–{max(p for p, _ in long_batches):.2f} | "
            f"{min(r for _, r in long_batches):.2f}–{max(r for _, r in long_batches):.2f} | "
            f"{result['short'][0]:.3f} | {result['short'][1]:.3f} |")


def held_out(found, matrix, fraction: float = 1.0, seed: int = 0) -> list[float]:
    """Each row's probability from a model trained on other batches (a `fraction` of them)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    batch = np.array([row[0] for row in found])
    labels = np.array([row[4] for row in found])
    names = sorted(set(batch))
    draw = random.Random(seed)
    prob = np.zeros(len(found))
    for name in names:
        others = [n for n in names if n != name]
        train = np.isin(batch, draw.sample(others, max(1, round(len(others) * fraction))))
        test = batch == name
        model = LogisticRegression(C=0.3, max_iter=3000).fit(matrix[train], labels[train])
        prob[test] = model.predict_proba(matrix[test])[:, 1]
    return list(prob)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-context", action="store_true", help="skip the model of the words around mentions")
    args = parser.parse_args()
    if not (args.corpus / "vntc" / "train.jsonl.xz").exists():
        print(f"no corpus at {args.corpus}: the labelled VNTC articles are read from it", file=sys.stderr)
        return 2
    import numpy as np
    import scipy.sparse as sparse
    from sklearn.feature_extraction import DictVectorizer

    every = rows(args.corpus)
    named = [row for row in every if row[3] is not None]
    never = [(row, False) for row in every if row[3] is None]
    keys = sorted(named[0][3][0])
    signals = np.array([[row[3][0][k] for k in keys] for row in named])
    signals = (signals - signals.mean(0)) / (signals.std(0) + 1e-9)
    print(f"{len({r[1] for r in every})} articles and cases naming a place, {len(named)} candidate places "
          f"({sum(r[4] for r in named)} labelled about), {len(never)} labelled places never named\n")
    print("| model (threshold) | long P | long R | long batches P | long batches R | short P | short R |")
    print("|---|---|---|---|---|---|---|")

    def report(name, kept):
        pairs = list(zip(named, kept)) + never
        print(line(name, scores([r for r, _ in pairs], [k for _, k in pairs])), flush=True)

    report("rules", [bool(row[3][0]["kept"]) for row in named])
    prob = held_out(named, signals)
    for threshold in THRESHOLDS:
        report(f"signals ({threshold})", [p >= threshold for p in prob])
    if not args.no_context:
        words = DictVectorizer().fit_transform([row[3][1] for row in named])
        prob = held_out(named, sparse.hstack([sparse.csr_matrix(signals), words]).tocsr())
        for threshold in THRESHOLDS:
            report(f"signals + context ({threshold})", [p >= threshold for p in prob])
    print("\nlearning curve (signals, 0.5; trained on a share of the other batches, three draws):")
    for fraction in (0.25, 0.5):
        figures = []
        for seed in range(3):
            pairs = list(zip(named, [p >= 0.5 for p in held_out(named, signals, fraction, seed)])) + never
            figures.append(scores([r for r, _ in pairs], [k for _, k in pairs])["long"])
        print(f"  {fraction:.0%}: " + ", ".join(f"{p:.3f} / {r:.3f}" for p, r in figures))
    readers = data.readers()
    final = {c["ref"]: set(c["about"]) for c in data.labels()}
    print(f"\nceiling: two readers apart on {len(readers)} articles ({', '.join(sorted({r['batch'] for r in readers}))}):")
    for name, got, want in (("second reader, scored against the first", "b", "a"),
                            ("each reader against the settled label", "a", None),
                            ("", "b", None)):
        tp = fp = fn = 0
        for r in readers:
            t = data.counts(set(r[got]), set(r[want]) if want else final[r["ref"]])
            tp, fp, fn = tp + t[0], fp + t[1], fn + t[2]
        print(f"  {name or ' ' * 37}: P {tp / (tp + fp):.3f} R {tp / (tp + fn):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
