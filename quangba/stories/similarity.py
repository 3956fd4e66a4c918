"""Same-story and near-duplicate detection, as a library (no Django import).

Per article, over folded text (no diacritics, lower case):
* a MinHash of word 3-grams (`shingles`): near-duplicates (the same text republished);
* a MinHash of content words (`words`): LSH over it finds the candidates cheaply;
* the set of word bigrams: two outlets telling the same event in their own words share rare
  bigrams (names, places, "metro line", "ga ngầm"), so the candidates are scored by the
  IDF-weighted Jaccard of their bigrams, the document frequencies kept by the detector itself.
A candidate joins when that score passes the threshold and the two were published within the
time window. Measured on the labelled sample set by bench/stories.py.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from quangba.core.text import fold

NUM_PERM = 64
_WORD = re.compile(r"\w+", re.U)
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_NAME = re.compile(r"(?:[A-ZÀ-Ỹ][\wÀ-ỹ]*)(?:\s+[A-ZÀ-Ỹ][\wÀ-ỹ]*)+", re.U)
# Function words of both languages, folded: they say nothing about which event is told.
STOPWORDS = frozenset(fold(w) for w in """
và của là có được cho với các những một trong khi đã đang sẽ này đó từ tại theo về như để người
không cũng nhiều năm ngày tháng hơn đến ra vào lại thì mà nên do bị trên dưới sau trước nay vừa rất
the a an and or of to in on at for with by from is are was were be been has have had it its this that
these those as not but also more than which who will would can could their they he she we you said
""".split())


def normalize(text: str) -> list[str]:
    """Folded, lower-cased words (diacritics off, so "Hà Nội" and "Ha Noi" meet)."""
    return _WORD.findall(fold(text).lower())


def content_words(text: str) -> set[str]:
    return {w for w in normalize(text) if len(w) > 2 and w not in STOPWORDS and not w.isdigit()}


def bigrams(words: list[str]) -> set[str]:
    """Adjacent word pairs that are not both function words."""
    return {f"{a} {b}" for a, b in zip(words, words[1:]) if a not in STOPWORDS or b not in STOPWORDS}


def shingles(words: list[str], k: int = 3) -> set[str]:
    return {" ".join(words[i:i + k]) for i in range(max(1, len(words) - k + 1))} if words else set()


def anchors(text: str) -> set[str]:
    """Numbers (digits only, "2.600" = "2,600") and capitalised multi-word names, folded."""
    numbers = {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}
    numbers = {n for n in numbers if len(n) >= 2 and not (len(n) == 4 and n.startswith("20"))}
    names = {fold(n).lower() for n in _NAME.findall(text)}
    return numbers | names


def _minhash(tokens: set[str]) -> LeanMinHash:
    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch([t.encode("utf-8") for t in tokens] or [b""])
    return LeanMinHash(mh)


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    """Whether two texts are the same text (word 3-gram MinHash Jaccard over the threshold)."""
    return _minhash(shingles(normalize(a))).jaccard(_minhash(shingles(normalize(b)))) >= threshold


@dataclass
class Signature:
    """What the detector keeps of one article."""

    key: int
    language: str
    outlet: str
    published_at: datetime
    title: str
    words: LeanMinHash
    shingles: LeanMinHash
    anchors: frozenset[str]
    size: int
    pairs: frozenset[str] = frozenset()

    @classmethod
    def of(cls, key: int, *, language: str, outlet: str, published_at: datetime, title: str,
           text: str) -> "Signature":
        words = normalize(f"{title} {text}")
        return cls(key=key, language=language, outlet=outlet, published_at=published_at,
                   title=" ".join(normalize(title)), words=_minhash(content_words(f"{title} {text}")),
                   shingles=_minhash(shingles(words)), anchors=frozenset(anchors(f"{title} {text}")),
                   size=len(words), pairs=frozenset(bigrams(words)))

    def to_dict(self) -> dict:
        return {"title": self.title, "anchors": sorted(self.anchors), "size": self.size, "pairs": sorted(self.pairs),
                "words": self.words.hashvalues.tolist(), "shingles": self.shingles.hashvalues.tolist(),
                "seed": self.words.seed, "scheme": self.words.scheme}

    @classmethod
    def from_dict(cls, key: int, data: dict, *, language: str, outlet: str, published_at: datetime) -> "Signature":
        def lean(values):
            return LeanMinHash(seed=data["seed"], hashvalues=np.array(values, dtype=np.uint64),
                               scheme=data.get("scheme", "affine32"))

        return cls(key=key, language=language, outlet=outlet, published_at=published_at, title=data["title"],
                   words=lean(data["words"]), shingles=lean(data["shingles"]),
                   anchors=frozenset(data["anchors"]), size=data["size"], pairs=frozenset(data["pairs"]))


@dataclass
class Match:
    key: int
    score: float
    near_duplicate: bool


@dataclass
class Detector:
    """An incremental index of signatures. Thresholds were tuned on the labelled sample set
    (bench/stories.py reports precision/recall)."""

    threshold: float = 0.06
    duplicate_threshold: float = 0.8
    window: timedelta = timedelta(hours=72)
    lsh_threshold: float = 0.1
    prefilter: float = 0.06
    signatures: dict[int, Signature] = field(default_factory=dict)

    def __post_init__(self):
        # One LSH index per day: a query only looks at the days inside the window, so the cost
        # per article stays flat however long the history grows.
        self._buckets: dict[int, MinHashLSH] = {}
        self._df: Counter[str] = Counter()

    def __len__(self) -> int:
        return len(self.signatures)

    @staticmethod
    def _day(signature: Signature) -> int:
        return signature.published_at.toordinal()

    def add(self, signature: Signature) -> None:
        old = self.signatures.get(signature.key)
        if old is not None:
            self._buckets[self._day(old)].remove(old.key)
            self._df.subtract(old.pairs)
        self.signatures[signature.key] = signature
        bucket = self._buckets.get(self._day(signature))
        if bucket is None:
            bucket = self._buckets[self._day(signature)] = MinHashLSH(threshold=self.lsh_threshold,
                                                                      num_perm=NUM_PERM)
        bucket.insert(signature.key, signature.words)
        self._df.update(signature.pairs)

    def _weight(self, terms) -> float:
        """Sum of IDF weights of `terms` under the current document frequencies."""
        log, df, n = math.log, self._df.get, len(self.signatures) + 2
        return sum(log(n / (df(t, 0) + 1)) for t in terms)

    def score(self, a: Signature, b: Signature, weight_a: float | None = None) -> Match:
        if a.shingles.jaccard(b.shingles) >= self.duplicate_threshold:
            return Match(b.key, 1.0, True)
        if not a.pairs or not b.pairs:
            return Match(b.key, 0.0, False)
        weight_a = self._weight(a.pairs) if weight_a is None else weight_a
        inter = self._weight(a.pairs & b.pairs)
        union = weight_a + self._weight(b.pairs) - inter
        return Match(b.key, inter / union if union > 0 else 0.0, False)

    def candidates(self, signature: Signature) -> list[Match]:
        """Indexed articles telling the same story, best first (deterministic on ties)."""
        found = []
        day, span = self._day(signature), self.window.days + 1
        keys = set()
        for offset in range(-span, span + 1):
            bucket = self._buckets.get(day + offset)
            if bucket is not None:
                keys.update(bucket.query(signature.words))
        weight = self._weight(signature.pairs)
        for key in sorted(keys):
            other = self.signatures.get(key)
            if other is None or key == signature.key:
                continue
            if abs(other.published_at - signature.published_at) > self.window:
                continue
            # The MinHash estimate is cheap: skip the exact score where words barely overlap.
            if signature.words.jaccard(other.words) < self.prefilter:
                continue
            match = self.score(signature, other, weight)
            if match.near_duplicate or match.score >= self.threshold:
                found.append(match)
        return sorted(found, key=lambda m: (-m.score, m.key))

    def similar(self, signature: Signature, *, days: int = 30, limit: int = 8,
                exclude: frozenset[int] = frozenset()) -> list[Match]:
        """The indexed articles closest to `signature` within `days` (related reading), best first."""
        day, keys = self._day(signature), set()
        for offset in range(-days, days + 1):
            bucket = self._buckets.get(day + offset)
            if bucket is not None:
                keys.update(bucket.query(signature.words))
        weight = self._weight(signature.pairs)
        found = [self.score(signature, self.signatures[key], weight) for key in sorted(keys)
                 if key != signature.key and key not in exclude and key in self.signatures]
        return sorted((m for m in found if m.score > 0), key=lambda m: (-m.score, m.key))[:limit]
