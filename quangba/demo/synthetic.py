"""Synthetic news of a national portal, from the VNTC corpus (real Vietnamese news) recombined:
a stream of articles in publication order, some of them several outlets' reports of one event.

Every article takes the sentences of one VNTC article (its "base"); the bases are used in a cycle
in a shuffled order, so the same base comes back only after the whole corpus went by (weeks of
articles at a national portal's pace, far outside the 72-hour story window). A story is 2 to 6
reports of one base published within a few hours, each keeping about two thirds of its sentences,
in a slightly different order, under a title of its own. The planted story is the ground truth.
"""
from __future__ import annotations

import json
import lzma
import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterator

from datasketch import MinHash, MinHashLSH

_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ỹ0-9“\"])")


@dataclass
class SyntheticArticle:
    number: int
    story: int  # the planted event: equal for reports of one event
    title: str
    lead: str
    text: str
    topic: str
    published_at: datetime
    outlet: int


def load_bases(vntc: Path) -> list[tuple[str, list[str]]]:
    """(topic, sentences) of every VNTC article with enough text, near-duplicates left out (the
    corpus carries some articles twice, which would be one event under two planted labels)."""
    bases = []
    seen = MinHashLSH(threshold=0.5, num_perm=32)
    with lzma.open(vntc, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            row = json.loads(line)
            sentences = [s.strip() for s in _SENTENCE.split(" ".join(row["text"].split())) if len(s.split()) >= 4]
            if len(sentences) < 4:
                continue
            words = row["text"].lower().split()
            signature = MinHash(num_perm=32)
            signature.update_batch([" ".join(words[i:i + 3]).encode() for i in range(max(1, len(words) - 2))])
            if seen.query(signature):
                continue
            seen.insert(str(number), signature)
            bases.append((row["topic"], sentences))
    return bases


def _title(sentence: str) -> str:
    words = sentence.rstrip(".!?…").split()
    return " ".join(words[:14])


def _report(rng: random.Random, sentences: list[str], keep: float) -> tuple[str, str, str]:
    kept = [s for s in sentences if rng.random() < keep] or sentences[:3]
    for i in range(len(kept) - 1):  # an outlet tells it in its own order, here and there
        if rng.random() < 0.2:
            kept[i], kept[i + 1] = kept[i + 1], kept[i]
    title = _title(kept[rng.randrange(min(3, len(kept)))])
    return title, kept[0], " ".join(kept[1:])


def stream(bases: list[tuple[str, list[str]]], count: int, *, start: datetime, days: float, outlets: int,
           story_share: float = 0.3, seed: int = 7) -> Iterator[SyntheticArticle]:
    """`count` articles over `days` days from `start`, in publication order."""
    rng = random.Random(seed)
    order = list(range(len(bases)))
    rng.shuffle(order)
    step = timedelta(days=days) / max(count, 1)
    pending: list[SyntheticArticle] = []  # reports of an event still to come, in time order
    made = cursor = event = 0
    when = start
    while made < count:
        if pending and pending[0].published_at <= when:
            article = pending.pop(0)
        else:
            topic, sentences = bases[order[cursor % len(order)]]
            cursor += 1
            event += 1
            if rng.random() < story_share / 3:  # an event several outlets report (2–6 reports)
                reports = rng.randint(2, 6)
                times = sorted(when + timedelta(minutes=rng.randint(0, 360)) for _ in range(reports))
                chosen = rng.sample(range(outlets), min(reports, outlets))
                made_reports = []
                for n, moment in enumerate(times):
                    title, lead, text = _report(rng, sentences, 0.65)
                    made_reports.append(SyntheticArticle(0, event, title, lead, text, topic, moment,
                                                         chosen[n % len(chosen)]))
                article, pending = made_reports[0], sorted(pending + made_reports[1:], key=lambda a: a.published_at)
                article.published_at = when
            else:
                title, lead, text = _report(rng, sentences, 0.9)
                article = SyntheticArticle(0, event, title, lead, text, topic, when, rng.randrange(outlets))
            when += step
        article.number = made
        made += 1
        yield article
