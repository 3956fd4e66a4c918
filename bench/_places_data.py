"""The labelled articles the places tests and the places benchmark share: the labels
(`tests/data/places_about.jsonl`, with the batches they came in), the texts they were read from
(the sample outlets' articles, the corpus's outlet pages and VNTC training texts), the short
hand-written cases, and the score."""
import json
import lzma
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
LABELS = DATA / "places_about.jsonl"
CASES = DATA / "places_cases.jsonl"
READERS = DATA / "places_about_readers.jsonl"
# The batches of LABELS, in order, with their sizes: A and B read while the rules were written, the
# rest held out when first measured.
BATCHES = (("A", 70), ("B", 69), ("D", 70)) + tuple((name, 80) for name in "EFGHIJKLMNOPQRSTUVWX")
_MARKER = re.compile(r"\((?:NLĐ|TT|TN|VNE|TTXVN|Dân trí|NLĐO)\)\s*[-–]")


def split_vntc(text: str) -> tuple[str, str]:
    """A VNTC text's title and body, as a feed would give them: its first line, or what stands
    before the outlet's marker ("… (NLĐ)- …")."""
    text = text.strip()
    line = text.find("\n")
    if 0 < line <= 250:
        return text[:line].strip(), text[line + 1:]
    marker = _MARKER.search(text, 0, 300)
    if marker:
        return text[:marker.start()].strip(), text[marker.end():]
    return "", text


def labels() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text("utf-8").splitlines()]


def readers() -> list[dict]:
    """Two readers' labels, each read apart (``a`` and ``b``), for the batches read that way and kept."""
    return [json.loads(line) for line in READERS.read_text("utf-8").splitlines()]


def cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text("utf-8").splitlines()]


def batches(labelled: list[dict]) -> dict[str, list[dict]]:
    """The labels by the batch they came in."""
    parts, start = {}, 0
    for name, size in BATCHES:
        parts[name] = labelled[start:start + size]
        start += size
    assert start == len(labelled), "a batch of labels is missing from BATCHES"
    return parts


def demo_texts() -> dict[str, tuple[str, str, str]]:
    from quangba.demo.outlets import load_outlets

    texts = {}
    for outlet in load_outlets():
        for a in outlet.articles:
            body = "\n".join(p.removeprefix("## ") for p in a.body)
            texts[f"demo:{outlet.slug}/{a.slug}"] = (a.title, a.sapo, body)
    return texts


def corpus_texts(corpus: Path, refs: set[str]) -> dict[str, tuple[str, str, str]]:
    from quangba.extract.cascade import extract

    texts = {}
    for ref in refs:
        if ref.startswith("vn:"):
            page = extract((corpus / "vn" / ref[3:]).read_bytes())
            texts[ref] = (page.title, page.lead, page.text)
    wanted = {ref[5:] for ref in refs if ref.startswith("vntc:")}
    with lzma.open(corpus / "vntc" / "train.jsonl.xz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in wanted:
                title, body = split_vntc(row["text"][:6000])
                texts[f"vntc:{row['id']}"] = (title, "", body)
    return texts


def counts(got: set[str], want: set[str]) -> tuple[int, int, int]:
    """True positives, false positives, false negatives of one article."""
    return len(got & want), len(got - want), len(want - got)


def score(cases, texts, finder) -> tuple[float, float, list]:
    tp = fp = fn = 0
    wrong = []
    for case in cases:
        got, want = set(finder(*texts[case["ref"]])), set(case["about"])
        tp, fp, fn = (x + y for x, y in zip((tp, fp, fn), counts(got, want)))
        if got != want:
            wrong.append((case["ref"], sorted(got), sorted(want)))
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), wrong
