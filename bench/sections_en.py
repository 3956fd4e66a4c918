"""English filing benchmark: which section an English article goes under, on a labelled set.

    .venv/bin/python bench/sections_en.py [--wrong]

`tests/data/sections_en.jsonl`: 128 English article pages of the corpus (ScrapingHub and WCXB
dev), each labelled with one section by a reader who saw neither the classifier nor its output
(readers A and B: 62 and 66), following the portal's meaning of the sections: Political System is
Vietnam's political system (another country's politics is News), Local is everyday life, Product
is technology and products. Pages are read from ../shared/corpus and extracted as the pipeline
does; then filed two ways:

* text model: `quangba.taxonomy.filing.section_from_text` (what an article gets when its outlet
  gives no category);
* whole rule: `quangba.taxonomy.filing.section_for` with the page's own category (breadcrumb,
  `article:section`) and URL path, as the pipeline files it, with no outlet map.

Accuracy overall and per reader (the spread says how far the figure carries), per-section
precision/recall, and with `--wrong` every miss. `--learned`: what a model learned from labels
would give — scikit-learn TF-IDF + LinearSVC trained on one reader's labels, scored on the
other's (both ways); not shipped, a yardstick for how many labels a learned model needs.
"""
import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _extraction_data as data  # noqa: E402

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "sections_en.jsonl"


def labelled_pages(root: Path = data.CORPUS) -> list[tuple[dict, "data.Page"]]:
    cases = [json.loads(line) for line in LABELS.read_text("utf-8").splitlines() if line.strip()]
    wanted = {c["ref"] for c in cases}
    pages = {f"{'sh' if p.dataset == 'scrapinghub' else 'wcxb'}:{p.id}": p
             for p in data.load(root, only=("scrapinghub", "wcxb"))}
    missing = sorted(wanted - set(pages))
    if missing:
        print(f"{len(missing)} labelled pages not in the corpus, left out: {', '.join(missing[:5])}…", file=sys.stderr)
    return [(c, pages[c["ref"]]) for c in cases if c["ref"] in pages]


def file_pages(pairs):
    """(case, text-model section, whole-rule section) for each labelled page."""
    import django
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quangba.settings")
    django.setup()
    from quangba.extract import ExtractionError, extract
    from quangba.taxonomy.filing import section_for, section_from_text

    out = []
    for case, page in pairs:
        try:
            article = extract(page.html, page.url)
            title, text, hint = article.title, article.text, article.section_hint
        except ExtractionError:
            title, text, hint = "", "", ""
        model = section_from_text(language="en", title=title, text=text)
        whole = section_for(outlet_map={}, categories=[hint] if hint else [], url=page.url or "",
                            language="en", title=title, text=text)
        out.append((case, model, whole, title, text))
    return out


def learned(filed) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    for train_reader, test_reader in (("A", "B"), ("B", "A")):
        train = [(case, f"{title}\n{title}\n{text[:5000]}") for case, _, _, title, text in filed
                 if case["reader"] == train_reader]
        test = [(case, f"{title}\n{title}\n{text[:5000]}") for case, _, _, title, text in filed
                if case["reader"] == test_reader]
        vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
        svm = LinearSVC().fit(vectorizer.fit_transform([t for _, t in train]), [c["section"] for c, _ in train])
        guessed = svm.predict(vectorizer.transform([t for _, t in test]))
        accuracy = statistics.mean(g == c["section"] for g, (c, _) in zip(guessed, test))
        print(f"learned from reader {train_reader} ({len(train)} labels), scored on reader {test_reader} "
              f"({len(test)}): accuracy {accuracy:.3f}")


def report(name: str, rows: list[tuple[dict, str]]) -> float:
    accuracy = statistics.mean(case["section"] == got for case, got in rows)
    by_reader = {r: statistics.mean(case["section"] == got for case, got in rows if case["reader"] == r)
                 for r in sorted({case["reader"] for case, _ in rows})}
    readers = ", ".join(f"reader {r} {a:.3f}" for r, a in by_reader.items())
    print(f"{name}: accuracy {accuracy:.3f} ({readers}; n={len(rows)})")
    sections = sorted({case["section"] for case, _ in rows} | {got for _, got in rows})
    print("  | section | labelled | filed | precision | recall |")
    print("  |---|---|---|---|---|")
    for s in sections:
        tp = sum(case["section"] == s and got == s for case, got in rows)
        filed = sum(got == s for _, got in rows)
        want = sum(case["section"] == s for case, _ in rows)
        print(f"  | {s} | {want} | {filed} | {tp / filed if filed else 0:.2f} | {tp / want if want else 0:.2f} |")
    return accuracy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wrong", action="store_true", help="list every miss")
    parser.add_argument("--learned", action="store_true", help="also train on one reader, score on the other")
    args = parser.parse_args()
    if not data.CORPUS.is_dir():
        print(f"corpus not found at {data.CORPUS}", file=sys.stderr)
        return 1
    filed = file_pages(labelled_pages())
    report("text model", [(case, model) for case, model, *_ in filed])
    print()
    report("whole rule (page category and URL path, then the text model)", [(case, whole) for case, _, whole, *_ in filed])
    if args.wrong:
        print()
        for case, model, whole, title, _ in filed:
            if whole != case["section"]:
                print(f"want {case['section']:16} got {whole:16} (text {model:16}) {title[:70]!r} {case['url'][:70]}")
    if args.learned:
        print()
        learned(filed)
    counts = Counter(case["section"] for case, *_ in filed)
    print("\nlabelled: " + ", ".join(f"{s} {n}" for s, n in counts.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
