"""Corpus loaders for bench/extraction.py: every page as (dataset, id, html, url, truth)."""
from __future__ import annotations

import csv
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DATASETS = ("scrapinghub", "wcxb", "mozilla", "vn")


@dataclass
class Page:
    dataset: str
    id: str
    html: str
    url: str | None
    truth: dict


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def scrapinghub(root: Path) -> list[Page]:
    truth = json.loads((root / "extraction/scrapinghub/ground-truth.json").read_text())
    pages = []
    for key, value in sorted(truth.items()):
        data = gzip.decompress((root / f"extraction/scrapinghub/html/{key}.html.gz").read_bytes())
        pages.append(Page("scrapinghub", key, _text(data), value.get("url"), value))
    return pages


def wcxb(root: Path) -> list[Page]:
    base = root / "extraction/wcxb-dev"
    pages = []
    for path in sorted((base / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text())
        data = gzip.decompress((base / f"html/{path.stem}.html.gz").read_bytes())
        pages.append(Page("wcxb", path.stem, _text(data), record.get("url"), record["ground_truth"]))
    return pages


def mozilla(root: Path) -> list[Page]:
    base = root / "extraction/mozilla-readability/test-pages"
    pages = []
    for folder in sorted(p for p in base.iterdir() if (p / "source.html").exists()):
        expected = (folder / "expected.html").read_text(encoding="utf-8", errors="replace")
        meta_path = folder / "expected-metadata.json"
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        html = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
        pages.append(Page("mozilla", folder.name, html, "http://fakehost/test/page.html",
                          {"expected_html": expected, **meta}))
    return pages


def vn(root: Path) -> list[Page]:
    base = root / "vn"
    pages = []
    with (base / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["kind"] != "article" or not row["ground_truth"].strip():
                continue
            facts = json.loads(row["ground_truth"])
            data = (base / row["file"]).read_bytes()
            pages.append(Page("vn", Path(row["file"]).stem, _text(data), facts.get("url"), facts))
    return pages


def load(root: Path = CORPUS, only: tuple[str, ...] = DATASETS) -> list[Page]:
    """All benchmark pages, in a fixed order."""
    loaders = {"scrapinghub": scrapinghub, "wcxb": wcxb, "mozilla": mozilla, "vn": vn}
    return [page for name in only for page in loaders[name](root)]
