"""Topic model benchmark: quangba's model and the peer baseline side by side, by cross-validation
on the VNTC training part, and optionally on a held-out file nobody tuned on.

    .venv/bin/python bench/topics.py [--folds 5] [--blocks | --by-outlet] [--held-out FILE.jsonl[.xz]]

* k-fold cross-validation (default 5) over ``train.jsonl.xz``: folds by a hash of the text (so
  duplicates stay on one side); in each fold both models are trained on the other folds and
  scored on it; the table gives the mean and the spread (standard deviation) over folds.
* ``--blocks``: k folds of contiguous runs of file numbers instead (the corpus numbers each
  topic's files outlet by outlet, in the order they were collected): within every topic and
  outlet, fold 1 holds the first fifth of its files, fold 5 the last — scored on articles
  collected apart from the ones trained on, as a later test part is, and with the training
  part's mix of topics and outlets kept in every fold.
* ``--by-outlet``: leave-one-outlet-out instead (VNExpress, Người Lao Động, Tuổi Trẻ, Thanh Niên,
  from the file ids): trained on three outlets, scored on the fourth — how far a model carries
  to text written elsewhere, which is what a portal's partners send.
* ``--held-out FILE``: the shipped model, and the peer trained on the same training rows (the
  split the model records; the shipped one is trained on the whole training part), scored on FILE — e.g. the official VNTC test part converted
  to the same JSON lines (``{"id", "topic", "text"}``). Never train or tune on that file.

Peer: scikit-learn TfidfVectorizer (word uni+bigrams, sublinear TF) + LinearSVC (C=1). Speed:
articles/s predicting a whole fold in one call, one process, vectorising included. Also times
the gazetteer (`find_places`).
"""
import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quangba.taxonomy import places, topics  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "vntc" / "train.jsonl.xz"
OUTLETS = ("VNE", "NLD", "TT", "TN")


class Baseline:
    """The peer: scikit-learn's TfidfVectorizer (word uni+bigrams, sublinear TF) + LinearSVC (C=1)."""

    def __init__(self, rows):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        x = self.vectorizer.fit_transform([r["text"] for r in rows])
        self.svm = LinearSVC(random_state=0).fit(x, [r["topic"] for r in rows])

    def predict(self, texts):
        return self.svm.predict(self.vectorizer.transform(texts))


def ours(rows):
    return topics.fit([r["text"] for r in rows], [r["topic"] for r in rows])


MODELS = {"quangba": ours, "TF-IDF uni+bigram + LinearSVC (peer)": Baseline}


def fold_of(row: dict, folds: int) -> int:
    digest = hashlib.sha1(f"cv:{' '.join(row['text'].split())}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % folds


def outlet_of(row: dict) -> int:
    parts = topics.file_id(row.get("id", ""))
    return OUTLETS.index(parts[1]) if parts and parts[1] in OUTLETS else -1


def cross_validate(rows: list[dict], assign, names: list[str]) -> dict[str, list]:
    results = {name: [] for name in MODELS}
    for k, name in enumerate(names):
        test = [r for r in rows if assign(r) == k]
        train = [r for r in rows if assign(r) != k]
        for model_name, build in MODELS.items():
            start = time.perf_counter()
            model = build(train)
            scores = topics.evaluate(model, test)
            results[model_name].append(scores)
            print(f"  {name}: {model_name} accuracy {scores.accuracy:.4f} "
                  f"(trained on {len(train)} in {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return results


def table(results: dict[str, list], names: list[str]) -> None:
    def spread(values):
        return f"{statistics.mean(values):.4f} ± {statistics.pstdev(values):.4f}"

    print("| model | accuracy (mean ± sd) | macro-F1 (mean ± sd) | per fold | articles/s |")
    print("|---|---|---|---|---|")
    for name, scores in results.items():
        per = ", ".join(f"{n} {s.accuracy:.3f}" for n, s in zip(names, scores))
        speed = statistics.mean(s.articles_per_second for s in scores)
        print(f"| {name} | {spread([s.accuracy for s in scores])} | {spread([s.macro_f1 for s in scores])} "
              f"| {per} | {speed:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--folds", type=int, default=5)
    protocol = parser.add_mutually_exclusive_group()
    protocol.add_argument("--blocks", action="store_true", help="k folds of contiguous file-number runs")
    protocol.add_argument("--by-outlet", action="store_true", help="leave one outlet out instead of k folds")
    parser.add_argument("--held-out", type=Path, help="also score on this file (never tuned on)")
    args = parser.parse_args()

    if args.folds < 2:
        parser.error("--folds must be at least 2")
    rows = topics.read_corpus(args.corpus)
    unknown = sum(outlet_of(r) < 0 for r in rows)
    if args.by_outlet and unknown:
        print(f"{unknown} articles of no known outlet: in every training part, never scored", file=sys.stderr)
    if args.by_outlet:
        names = list(OUTLETS)
        print(f"VNTC {args.corpus.name}: {len(rows)} articles, leave one outlet out\n", file=sys.stderr)
        results = cross_validate(rows, outlet_of, names)
        print("Leave-one-outlet-out on the training part (trained on three outlets, scored on the fourth):\n")
    elif args.blocks:
        names = [f"block {k + 1}" for k in range(args.folds)]
        assigned = topics.file_blocks(rows, args.folds)
        print(f"VNTC {args.corpus.name}: {len(rows)} articles, {args.folds} blocks by file number\n", file=sys.stderr)
        results = cross_validate(rows, lambda r: assigned.get(r.get("id"), fold_of(r, args.folds)), names)
        print(f"{args.folds}-fold cross-validation by file-number blocks on the training part:\n")
    else:
        names = [f"fold {k + 1}" for k in range(args.folds)]
        print(f"VNTC {args.corpus.name}: {len(rows)} articles, {args.folds}-fold\n", file=sys.stderr)
        results = cross_validate(rows, lambda r: fold_of(r, args.folds), names)
        print(f"{args.folds}-fold cross-validation on the training part:\n")
    table(results, names)

    if args.held_out:
        model = topics.TopicModel.load()
        training, _ = topics.split(rows, model.holdout, model.seed)
        held = topics.read_corpus(args.held_out)
        print(f"\nHeld out ({args.held_out.name}, {len(held)} articles; models trained on {len(training)}):\n")
        shipped = {"quangba (shipped)": model,
                   "TF-IDF uni+bigram + LinearSVC (peer)": Baseline(training)}
        print("| model | accuracy | macro-F1 | articles/s |")
        print("|---|---|---|---|")
        for name, model in shipped.items():
            r = topics.evaluate(model, held)
            print(f"| {name} | {r.accuracy:.4f} | {r.macro_f1:.4f} | {r.articles_per_second:,.0f} |")

    size = topics.MODEL_PATH.stat().st_size
    print(f"\nshipped model: {topics.MODEL_PATH.name}, {size / 1e6:.1f} MB")
    texts = [r["text"] for r in rows[:5000]]
    places.find_places(texts[0])  # load the gazetteer outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    found = sum(len(places.find_places(t)) for t in texts)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"find_places: {len(texts) / wall:,.0f} articles/s wall, {len(texts) / cpu:,.0f} per CPU-second "
          f"({found} province mentions, {found / len(texts):.2f} per article)")


if __name__ == "__main__":
    main()
