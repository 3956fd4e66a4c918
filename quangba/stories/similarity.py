"""Same-story and related-article matching, as a library (no Django import).

Per article, over folded text (no diacritics, lower case), a **profile** of a kilobyte or so:
* its word bigrams, weighted by how rare they are in a reference corpus (`Frequencies`, document
  frequencies of the VNTC corpus and English news pages in 2^20 hashed buckets, shipped in the
  package: weights never depend on what the portal happened to ingest before, so the result does
  not depend on the order articles arrive in); the `PAIRS` rarest are kept;
* its `KEYS` rarest terms (bigrams, numbers, capitalised names): the keys under which it is filed
  in an inverted index (in the database for the pipeline, in memory for bulk work), so finding
  candidates costs a few index lookups, not a pass over the archive;
* a MinHash of its word 3-grams: near-duplicates (the same text republished).

Two articles tell the same event when the IDF-weighted Jaccard of their bigrams passes the
threshold (or they are near-duplicates) and they were published within the window; related
reading is the closest articles published before within a month, the story left out. Measured
by bench/stories.py.
"""
from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash

from quangba.core.text import fold

NUM_PERM = 64
KEYS = 16
PAIRS = 200
BUCKETS = 1 << 20
FREQUENCIES_PATH = Path(__file__).with_name("frequencies.npz")
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
    return {f"#{n}" for n in numbers} | names


def term_hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def _minhash(tokens: set[str]) -> LeanMinHash:
    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch([t.encode("utf-8") for t in tokens] or [b""])
    return LeanMinHash(mh)


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    """Whether two texts are the same text (word 3-gram MinHash Jaccard over the threshold)."""
    return _minhash(shingles(normalize(a))).jaccard(_minhash(shingles(normalize(b)))) >= threshold


class Frequencies:
    """Document frequencies of terms in a reference corpus, in hashed buckets."""

    def __init__(self, counts: np.ndarray, documents: int):
        self.counts, self.documents = counts, documents
        self._log_n = math.log(documents + 2)

    def idf(self, hashes: np.ndarray) -> np.ndarray:
        return (self._log_n - np.log(self.counts[hashes & (BUCKETS - 1)].astype(np.float32) + 1)).astype(np.float32)

    @classmethod
    def build(cls, texts) -> "Frequencies":
        counts = np.zeros(BUCKETS, dtype=np.uint32)
        documents = 0
        for text in texts:
            words = normalize(text)
            terms = bigrams(words) | anchors(text)
            if terms:
                counts[np.unique(np.fromiter((term_hash(t) for t in terms), np.uint32) & (BUCKETS - 1))] += 1
                documents += 1
        return cls(np.minimum(counts, np.iinfo(np.uint16).max).astype(np.uint16), documents)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, counts=self.counts, documents=np.array([self.documents]))

    @classmethod
    @lru_cache(maxsize=1)
    def shipped(cls) -> "Frequencies":
        """The package's frequencies; without the file every term weighs the same."""
        if FREQUENCIES_PATH.is_file():
            data = np.load(FREQUENCIES_PATH)
            return cls(data["counts"], int(data["documents"][0]))
        return cls(np.zeros(BUCKETS, dtype=np.uint16), 0)


@dataclass
class Profile:
    """What is kept of one article to compare it with others."""

    keys: np.ndarray  # uint32: the rarest terms, its index keys
    pairs: np.ndarray  # uint32, sorted: its rarest bigrams
    weights: np.ndarray  # float32, aligned with `pairs`
    shingles: np.ndarray  # uint32[NUM_PERM]: MinHash of its word 3-grams

    @property
    def weight(self) -> float:
        return float(self.weights.sum())

    @classmethod
    def of(cls, title: str, text: str, frequencies: Frequencies | None = None) -> "Profile":
        frequencies = frequencies or Frequencies.shipped()
        words = normalize(f"{title} {text}")
        pair_hashes = np.unique(np.fromiter((term_hash(t) for t in bigrams(words)), np.uint32))
        pair_idf = frequencies.idf(pair_hashes)
        top = np.argsort(-pair_idf, kind="stable")[:PAIRS]
        pairs, weights = pair_hashes[top], pair_idf[top]
        order = np.argsort(pairs)
        anchor_hashes = np.unique(np.fromiter((term_hash(t) for t in anchors(f"{title} {text}")), np.uint32))
        terms = np.concatenate([pairs, anchor_hashes])
        term_idf = np.concatenate([weights, frequencies.idf(anchor_hashes)])
        keys = np.unique(terms[np.argsort(-term_idf, kind="stable")[:KEYS]])
        minhash = _minhash(shingles(words)).hashvalues.astype(np.uint32)
        return cls(keys=keys, pairs=pairs[order], weights=weights[order], shingles=minhash)

    def to_bytes(self) -> bytes:
        return b"".join([np.array([len(self.keys), len(self.pairs)], dtype=np.uint32).tobytes(), self.keys.tobytes(),
                         self.pairs.tobytes(), self.weights.astype(np.float32).tobytes(), self.shingles.tobytes()])

    @classmethod
    def from_bytes(cls, data: bytes) -> "Profile":
        n_keys, n_pairs = np.frombuffer(data, dtype=np.uint32, count=2)
        offset = 8
        keys = np.frombuffer(data, dtype=np.uint32, count=n_keys, offset=offset)
        offset += 4 * n_keys
        pairs = np.frombuffer(data, dtype=np.uint32, count=n_pairs, offset=offset)
        offset += 4 * n_pairs
        weights = np.frombuffer(data, dtype=np.float32, count=n_pairs, offset=offset)
        offset += 4 * n_pairs
        return cls(keys=keys, pairs=pairs, weights=weights,
                   shingles=np.frombuffer(data, dtype=np.uint32, count=NUM_PERM, offset=offset))


def similarity(a: Profile, b: Profile) -> float:
    """IDF-weighted Jaccard of the two articles' bigrams (1.0 for near-duplicates)."""
    if float(np.mean(a.shingles == b.shingles)) >= Matcher.duplicate_threshold:
        return 1.0
    _common, ia, _ib = np.intersect1d(a.pairs, b.pairs, assume_unique=True, return_indices=True)
    inter = float(a.weights[ia].sum())
    union = a.weight + b.weight - inter
    return inter / union if union > 0 else 0.0


@dataclass
class Candidate:
    key: int
    profile: Profile
    published_at: datetime
    story: int | None = None


@dataclass
class Match:
    key: int
    score: float
    story: int | None = None


class Matcher:
    """The rules. Thresholds set on the labelled sample set; bench/stories.py reports them there
    and on a synthetic archive of realistic text."""

    threshold = 0.06
    duplicate_threshold = 0.8
    window = timedelta(hours=72)
    related_window = timedelta(days=30)
    candidates = 50  # scored per article, those sharing the most keys
    related = 8

    def same_story(self, profile: Profile, published_at: datetime, candidates: list[Candidate]) -> Match | None:
        """The best candidate telling the same event, or None."""
        best = None
        for candidate in candidates:
            if abs(candidate.published_at - published_at) > self.window:
                continue
            score = similarity(profile, candidate.profile)
            if score >= self.threshold and (best is None or (score, -candidate.key) > (best.score, -best.key)):
                best = Match(candidate.key, score, candidate.story)
        return best

    def closest(self, profile: Profile, published_at: datetime, candidates: list[Candidate], *,
                exclude: set = frozenset()) -> list[Match]:
        """Related reading: the closest candidates published before, within the window, best first."""
        found = [Match(c.key, similarity(profile, c.profile), c.story) for c in candidates
                 if c.key not in exclude and c.published_at <= published_at
                 and published_at - c.published_at <= self.related_window]
        return sorted((m for m in found if m.score > 0), key=lambda m: (-m.score, m.key))[:self.related]


def most_shared(hits) -> list[int]:
    """Candidate keys from index hits (one per shared key), those sharing the most first."""
    return [key for key, _n in sorted(Counter(hits).items(), key=lambda kv: (-kv[1], kv[0]))[:Matcher.candidates]]


class WindowIndex:
    """The inverted index in memory, for bulk work (bench, the synthetic archive): per day, keys →
    articles, for the last `days` days; older days are dropped whole as time moves on."""

    def __init__(self, days: int = 31):
        self.days = days
        self.by_day: dict[int, dict[int, list[int]]] = {}
        self.entries: dict[int, Candidate] = {}

    def add(self, key: int, candidate: Candidate) -> None:
        day = candidate.published_at.toordinal()
        postings = self.by_day.setdefault(day, {})
        for term in candidate.profile.keys.tolist():
            postings.setdefault(term, []).append(key)
        self.entries[key] = candidate
        for old in [d for d in self.by_day if d < day - self.days]:
            for keys in self.by_day.pop(old).values():
                for gone in keys:
                    self.entries.pop(gone, None)

    def lookup(self, profile: Profile, first_day: int, last_day: int, *, per_key: int = 200) -> list[Candidate]:
        hits = []
        for term in profile.keys.tolist():
            found = []
            for day in range(first_day, last_day + 1):
                found += self.by_day.get(day, {}).get(term, ())
            hits += found[-per_key:]
        return [self.entries[key] for key in most_shared(hits) if key in self.entries]
