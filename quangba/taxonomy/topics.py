"""VNTC topic model: which of ten news topics a Vietnamese article belongs to.

Pure library (no Django). The model is a linear SVM over hashed syllable unigrams and
bigrams with sublinear TF-IDF and a supervised per-feature weight (how unevenly a feature
spreads over the topics). Syllable bigrams stand in for word segmentation: pyvi/underthesea
segmentation runs at ~185 articles/s here, far below the 1,000 articles/s we need, and
bigrams already carry the compound words.

The trained model ships as ``data/topics.npz``: plain numpy arrays (labels, per-feature
weights, class weights), loaded with ``allow_pickle=False``, so loading runs no stored code.

The shipped model is trained on the whole VNTC training part (33,759 articles; it records its
split: holdout 0). The method is scored by cross-validation on that part (``bench/topics.py``:
random folds, folds of contiguous file-number runs, leave one outlet out), never by a split the
model was trained on, and never tuned on the official VNTC test part.

Held-out split, for training on part of a corpus and scoring on the rest
(``quangba train-topics --holdout 0.15``): an article goes to the evaluation part when
``sha1(f"{seed}:{whitespace-normalised text}") % 10_000 < holdout * 10_000``. Hashing the
text (not the line number) keeps duplicates on one side and makes the split independent of
file order.
"""
from __future__ import annotations

import hashlib
import json
import lzma
import re
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("data") / "topics.npz"
LABELS = (
    "Chinh tri Xa hoi", "Doi song", "Khoa hoc", "Kinh doanh", "Phap luat",
    "Suc khoe", "The gioi", "The thao", "Van hoa", "Vi tinh",
)
SEED = "quangba-vntc-1"
HOLDOUT = 0.15
N_FEATURES = 2**19
N_TITLE_FEATURES = 2**17  # the title's syllables and bigrams again, in a space of their own
TITLE_WEIGHT = 0.5  # the title part's length against the whole text's (each part has unit length)
C = 2.0

_WORD = re.compile(r"\w+")


class TopicModelError(Exception):
    """The topic model file is missing or unreadable; run `quangba train-topics --corpus PATH`."""


def syllables(text: str) -> list[str]:
    """Lower-cased syllables of ``text`` followed by its syllable bigrams (``ha_noi``)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


def title_of(text: str) -> str:
    """The title of an article text as the model reads it: its first line (``f"{title}\n{body}"``,
    as filing passes it and as VNTC files begin), or its first 120 characters if that line is
    missing or longer than 250."""
    text = text.strip()
    end = text.find("\n")
    return text[:end] if 0 < end <= 250 else text[:120]


def _hasher(n_features: int = N_FEATURES):
    from sklearn.feature_extraction.text import HashingVectorizer

    # Raw counts: TF-IDF and the supervised weight are applied by us, from stored arrays.
    return HashingVectorizer(analyzer=syllables, n_features=n_features, alternate_sign=False, norm=None)


def _counts(texts: list[str]):
    """Raw counts of the whole texts and of their titles (two sparse matrices)."""
    body = _hasher(N_FEATURES).transform(texts).astype(np.float32)
    title = _hasher(N_TITLE_FEATURES).transform([title_of(t) for t in texts]).astype(np.float32)
    return body, title


def _features(counts, feature_weight, title_weight):
    """Sublinear TF times the stored weights, each part at unit length, the title part scaled."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    parts = []  # the counts are changed in place: callers hash them for this call only
    for part, weight, scale in zip(counts, np.split(feature_weight, [N_FEATURES]), (1.0, title_weight)):
        part.data = 1.0 + np.log(part.data)  # sublinear TF
        parts.append(scale * normalize(part @ sparse.diags(weight), copy=False))
    return sparse.hstack(parts, format="csr")


class TopicModel:
    """A trained topic model: ``predict(texts)`` gives one VNTC label per text."""

    def __init__(self, labels, feature_weight, coef, intercept, holdout: float = HOLDOUT, seed: str = SEED,
                 title_weight: float = TITLE_WEIGHT):
        self.labels = tuple(str(label) for label in labels)
        self.title_weight = float(title_weight)
        # The split it was trained on: the corpus minus ``split(rows, holdout, seed)``'s held part.
        self.holdout, self.seed = float(holdout), str(seed)
        self.feature_weight = np.asarray(feature_weight, dtype=np.float32)
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = np.asarray(intercept, dtype=np.float32)
        if self.feature_weight.shape != (N_FEATURES + N_TITLE_FEATURES,) or self.coef.shape[1:] != self.feature_weight.shape:
            raise ValueError(f"feature weights {self.feature_weight.shape}, class weights {self.coef.shape}: "
                             f"not this version's {N_FEATURES} + {N_TITLE_FEATURES} features")

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> TopicModel:
        """Read a model written by :meth:`save` (plain arrays, no pickle)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                split_of = {key: data[key][()] for key in ("holdout", "seed", "title_weight") if key in data}
                return cls(data["labels"], data["feature_weight"], data["coef"], data["intercept"], **split_of)
        except (OSError, KeyError, ValueError) as exc:
            raise TopicModelError(
                f"cannot load topic model {path}: {exc}; run `quangba train-topics --corpus PATH`"
            ) from exc

    def save(self, path: Path | str = MODEL_PATH) -> int:
        """Write the model as a compressed .npz (float16 class weights); return its size in bytes."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(
                fh,
                labels=np.array(self.labels),
                feature_weight=self.feature_weight,
                coef=self.coef.astype(np.float16),  # halves the file; accuracy unchanged to 4 decimals
                intercept=self.intercept,
                holdout=np.float64(self.holdout),
                seed=np.array(self.seed),
                title_weight=np.float64(self.title_weight),
            )
        return path.stat().st_size

    def scores(self, texts: list[str]) -> np.ndarray:
        """Decision scores, one row per text and one column per label in ``self.labels``."""
        x = _features(_counts(texts), self.feature_weight, self.title_weight)
        return np.asarray(x @ self.coef.T) + self.intercept

    def predict(self, texts: list[str]) -> list[str]:
        """The most likely VNTC topic label of each text."""
        if not texts:
            return []
        best = self.scores(texts).argmax(axis=1)
        return [self.labels[i] for i in best]


@lru_cache(maxsize=1)
def default_model() -> TopicModel:
    """The model shipped with the package, loaded once per process."""
    return TopicModel.load(MODEL_PATH)


def predict(texts: list[str]) -> list[str]:
    """VNTC topic labels (e.g. ``"The thao"``) for Vietnamese article texts, using the shipped model."""
    return default_model().predict(list(texts))


# --- corpus, split, training -------------------------------------------------------------


def read_corpus(path: Path | str) -> list[dict]:
    """Rows ``{id, topic, text}`` of a VNTC JSON-lines file (``.xz`` or plain)."""
    path = Path(path)
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def is_held_out(text: str, holdout: float = HOLDOUT, seed: str = SEED) -> bool:
    """Whether an article belongs to the evaluation part of the split (see module docstring)."""
    digest = hashlib.sha1(f"{seed}:{' '.join(text.split())}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 10_000 < holdout * 10_000


def split(rows: list[dict], holdout: float = HOLDOUT, seed: str = SEED) -> tuple[list[dict], list[dict]]:
    """(training rows, held-out rows), in file order."""
    train, held = [], []
    for row in rows:
        (held if is_held_out(row["text"], holdout, seed) else train).append(row)
    return train, held


_FILE = re.compile(r"^([A-Z]+)_\s*([A-Za-z]+)_\s*\((\d+)\)")


def file_id(article_id: str) -> tuple[str, str, int] | None:
    """(topic code, outlet, file number) of a VNTC id such as ``XH_NLD_ (3672).txt``; None otherwise."""
    match = _FILE.match(article_id)
    return (match.group(1), match.group(2), int(match.group(3))) if match else None


def file_blocks(rows: list[dict], blocks: int) -> dict[str, int]:
    """Block (0 … blocks-1) of each VNTC article id: VNTC numbers each topic's files outlet by
    outlet in the order they were collected (``XH_NLD_ (3672).txt``); within each topic and
    outlet, the files ranked by number are cut into `blocks` contiguous runs. Ids that do not
    parse are left out."""
    runs: dict[tuple, list] = {}
    for row in rows:
        parts = file_id(row.get("id", ""))
        if parts:
            runs.setdefault(parts[:2], []).append((parts[2], row["id"]))
    assigned = {}
    for members in runs.values():
        members.sort()
        for rank, (_, article) in enumerate(members):
            assigned[article] = rank * blocks // len(members)
    return assigned


def supervised_weight(counts, y: np.ndarray, n_labels: int) -> np.ndarray:
    """Per-feature weight: spread (std) of the feature's smoothed log frequency across topics."""
    present = (counts > 0).astype(np.float32).tocsc()
    per_topic = np.vstack([np.asarray(present[y == k].sum(axis=0)).ravel() for k in range(n_labels)]) + 1.0
    return np.log(per_topic / per_topic.sum(axis=1, keepdims=True)).std(axis=0).astype(np.float32)


def fit(texts: list[str], topics: list[str], c: float = C, holdout: float = HOLDOUT, seed: str = SEED) -> TopicModel:
    """Train a model on texts and their topic labels (`holdout`, `seed`: the split they come from,
    recorded in the model)."""
    from sklearn.svm import LinearSVC

    labels = sorted(set(topics))
    y = np.array([labels.index(t) for t in topics])
    counts = _counts(texts)
    weights = []
    for part in counts:
        df = np.bincount(part.indices, minlength=part.shape[1])
        idf = (np.log((1 + len(texts)) / (1 + df)) + 1).astype(np.float32)
        weight = idf * supervised_weight(part, y, len(labels))
        weight[df == 0] = 0.0  # unseen buckets carry no weight either way
        weights.append(weight)
    feature_weight = np.concatenate(weights)
    x = _features(counts, feature_weight, TITLE_WEIGHT)
    svm = LinearSVC(C=c, random_state=0).fit(x, y)
    coef, intercept = svm.coef_, svm.intercept_
    if len(labels) == 2:  # scikit-learn keeps one row for two classes; we keep one row per label
        coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
    return TopicModel(labels, feature_weight, coef, intercept, holdout, seed)


@dataclass(frozen=True)
class Evaluation:
    """Scores of a model on labelled rows."""

    n: int
    accuracy: float
    macro_f1: float
    articles_per_second: float


def evaluate(model, rows: list[dict]) -> Evaluation:
    """Accuracy, macro-F1 and prediction speed of ``model`` (anything with ``predict``) on rows."""
    from sklearn.metrics import accuracy_score, f1_score

    texts = [r["text"] for r in rows]
    truth = [r["topic"] for r in rows]
    start = time.perf_counter()
    guessed = list(model.predict(texts))
    elapsed = time.perf_counter() - start
    return Evaluation(
        n=len(rows),
        accuracy=float(accuracy_score(truth, guessed)),
        macro_f1=float(f1_score(truth, guessed, average="macro")),
        articles_per_second=len(rows) / elapsed if elapsed else float("inf"),
    )


@dataclass(frozen=True)
class TrainingReport:
    """What `train` did: split sizes, held-out scores, model file and its size."""

    n_train: int
    n_held_out: int
    held_out: Evaluation
    path: Path
    size_bytes: int
    seconds: float


def train(corpus_path: Path | str, out_path: Path | str = MODEL_PATH, holdout: float = HOLDOUT,
          seed: str = SEED, c: float = C) -> TrainingReport:
    """Train on the corpus minus its held-out part, save the model, and score it on the held-out part."""
    start = time.perf_counter()
    training, held = split(read_corpus(corpus_path), holdout, seed)
    model = fit([r["text"] for r in training], [r["topic"] for r in training], c, holdout, seed)
    size = model.save(out_path)
    # Score the saved file, so the report describes exactly what ships.
    scores = evaluate(TopicModel.load(out_path), held) if held else Evaluation(0, float("nan"), float("nan"), 0.0)
    return TrainingReport(len(training), len(held), scores, Path(out_path), size, time.perf_counter() - start)
