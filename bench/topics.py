"""Topic model benchmark: accuracy, macro-F1 and articles/s on the held-out VNTC split, side by side
with the peer baseline (word TF-IDF + LinearSVC, scikit-learn defaults) trained in the same run on
the same training part.

    .venv/bin/python bench/topics.py [--corpus ../shared/corpus/vntc/train.jsonl.xz] [--retrain]

Held-out split: see `quangba.taxonomy.topics` (hash of the text, seed `quangba-vntc-1`, 15 %).
"ours (shipped)" is the model file in the package, trained on the same training part by
`quangba train-topics`; `--retrain` also trains ours afresh here, to time it. Speed is measured
on the whole held-out part in one call, one process, vectorising included. Also times the
gazetteer (`find_places`) over the same texts.
"""
import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quangba.taxonomy import places, topics  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "vntc" / "train.jsonl.xz"


class Baseline:
    """The peer: scikit-learn's TfidfVectorizer (default word tokens) + LinearSVC (C=1)."""

    def __init__(self, rows):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        self.vectorizer = TfidfVectorizer()
        self.svm = LinearSVC().fit(self.vectorizer.fit_transform([r["text"] for r in rows]), [r["topic"] for r in rows])

    def predict(self, texts):
        return self.svm.predict(self.vectorizer.transform(texts))


def timed(label, build):
    start = time.perf_counter()
    value = build()
    print(f"  {label}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--retrain", action="store_true", help="also train our model in this run")
    args = parser.parse_args()

    training, held = topics.split(topics.read_corpus(args.corpus))
    print(f"VNTC {args.corpus.name}: {len(training)} training, {len(held)} held out "
          f"(seed {topics.SEED}, holdout {topics.HOLDOUT})\n", file=sys.stderr)
    models = {"ours (shipped)": topics.TopicModel.load()}
    if args.retrain:
        models["ours (retrained here)"] = timed(
            "train ours", lambda: topics.fit([r["text"] for r in training], [r["topic"] for r in training]))
    models["TF-IDF + LinearSVC (peer)"] = timed("train peer", lambda: Baseline(training))

    results = {name: topics.evaluate(model, held) for name, model in models.items()}
    peer = results["TF-IDF + LinearSVC (peer)"]
    print("| model | accuracy | macro-F1 | articles/s | error rate vs peer |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        ratio = (1 - r.accuracy) / (1 - peer.accuracy)
        print(f"| {name} | {r.accuracy:.4f} | {r.macro_f1:.4f} | {r.articles_per_second:,.0f} | {ratio:.2f} |")
    size = topics.MODEL_PATH.stat().st_size
    print(f"\nshipped model: {topics.MODEL_PATH.name}, {size / 1e6:.1f} MB")

    texts = [r["text"] for r in held]
    places.find_places(texts[0])  # load the gazetteer outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    found = sum(len(places.find_places(t)) for t in texts)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"find_places: {len(texts) / wall:,.0f} articles/s wall, {len(texts) / cpu:,.0f} per CPU-second "
          f"({found} province mentions, {found / len(texts):.2f} per article)")


if __name__ == "__main__":
    main()
