"""Article extraction, side by side: quangba, trafilatura, readability-lxml, newspaper4k.

    .venv/bin/python bench/extraction.py [--extractors quangba,trafilatura] [--datasets scrapinghub,wcxb]

Each extractor runs in its own process over the same pages (../shared/corpus), timed without
loading or scoring; the processes take turns ten pages at a time, so that a shared machine's
drifting speed weighs on all of them alike; one table comes out. Not a test: tests/test_extract_corpus.py pins floors."""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _extraction_data as data  # noqa: E402
import _extraction_score as score  # noqa: E402
from _extraction_peers import EXTRACTORS  # noqa: E402


CHUNK = 10  # pages each extractor runs before the next one takes its turn


def work(name: str, datasets: tuple[str, ...], out: Path, limit: int | None) -> None:
    """Worker process: load the pages, warm up, say "ready"; then run the chunk of pages each
    number read from stdin names and answer "ok"; on "end", write outputs and timings."""
    answer, sys.stdout = sys.stdout, sys.stderr  # stdout speaks the protocol; whatever a library prints goes to stderr
    pages = data.load(only=datasets)
    if limit:
        pages = [p for d in datasets for p in [q for q in pages if q.dataset == d][:limit]]
    run = EXTRACTORS[name]()
    run(pages[0].html, pages[0].url)  # warm-up: imports and caches outside the clock
    results, seconds = {}, {}
    print("ready", file=answer, flush=True)
    for line in sys.stdin:
        if line.strip() == "end":
            break
        chunk = int(line)
        for page in pages[chunk * CHUNK:(chunk + 1) * CHUNK]:
            started = time.perf_counter()
            try:
                result = run(page.html, page.url) or {}
            except Exception as exc:  # a peer crashing on a page scores as an empty result
                result = {"error": f"{type(exc).__name__}: {exc}"[:200]}
            seconds[page.dataset] = seconds.get(page.dataset, 0.0) + time.perf_counter() - started
            results[f"{page.dataset}/{page.id}"] = result
        print("ok", file=answer, flush=True)
    out.write_text(json.dumps({"results": results, "seconds": seconds}, ensure_ascii=False))


def interleaved(names: list[str], n_pages: int, args, tmp: Path) -> dict[str, dict]:
    """Run every extractor in its own process, taking turns chunk by chunk (the first to go
    rotates), so that the machine's speed drifting during the run is shared by all of them
    alike: on a shared machine, back-to-back whole runs differ by ±15 %."""
    workers = {}
    for name in names:
        command = [sys.executable, __file__, "--worker", name, "--datasets", args.datasets,
                   "--out", str(tmp / f"{name}.json")] + (["--limit", str(args.limit)] if args.limit else [])
        workers[name] = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    for name, worker in workers.items():
        if worker.stdout.readline().strip() != "ready":
            raise RuntimeError(f"{name}: worker failed to start")
    chunks = (n_pages + CHUNK - 1) // CHUNK
    for chunk in range(chunks):
        for name in names[chunk % len(names):] + names[:chunk % len(names)]:
            worker = workers[name]
            worker.stdin.write(f"{chunk}\n")
            worker.stdin.flush()
            if worker.stdout.readline().strip() != "ok":
                raise RuntimeError(f"{name}: worker died on chunk {chunk}")
    runs = {}
    for name, worker in workers.items():
        worker.stdin.write("end\n")
        worker.stdin.close()
        if worker.wait() != 0:
            raise RuntimeError(f"{name}: worker exited with {worker.returncode}")
        runs[name] = json.loads((tmp / f"{name}.json").read_text())
        print(f"  {name}: done", file=sys.stderr)
    return runs


def evaluate(pages, results: dict) -> dict:
    """Every metric of one extractor."""
    metrics: dict = {}
    get = lambda page: results.get(f"{page.dataset}/{page.id}") or {}  # noqa: E731
    sh = [p for p in pages if p.dataset == "scrapinghub"]
    if sh:
        rows = [score.tp_fp_fn(p.truth["articleBody"], get(p).get("text", "")) for p in sh]
        metrics["sh_f1"], metrics["sh_p"], metrics["sh_r"] = score.prf(rows)
    wc = [p for p in pages if p.dataset == "wcxb"]
    if wc:
        f1s = [score.page_f1(p.truth.get("main_content", ""), get(p).get("text", "")) for p in wc]
        metrics["wc_f1"] = statistics.mean(f[0] for f in f1s)
        metrics["wc_p"] = statistics.mean(f[1] for f in f1s)
        metrics["wc_r"] = statistics.mean(f[2] for f in f1s)
        titled = [p for p in wc if p.truth.get("title")]
        metrics["wc_title"] = statistics.mean(score.same_title(p.truth["title"], get(p).get("title", "")) for p in titled)
        authored = [p for p in wc if p.truth.get("author")]
        metrics["wc_author"] = statistics.mean(score.same_author(p.truth["author"], get(p).get("author", "")) for p in authored)
        dated = [p for p in wc if p.truth.get("publish_date")]
        metrics["wc_date"] = statistics.mean(score.same_day(p.truth["publish_date"], get(p).get("date", "")) for p in dated)
        with_hits = [" ".join(s.split()) in " ".join(get(p).get("text", "").split())
                     for p in wc for s in p.truth.get("with") or []]
        without_leaks = [" ".join(s.split()) in " ".join(get(p).get("text", "").split())
                         for p in wc for s in p.truth.get("without") or []]
        metrics["wc_with"] = statistics.mean(with_hits) if with_hits else 0.0
        metrics["wc_without"] = statistics.mean(without_leaks) if without_leaks else 0.0
    moz = [p for p in pages if p.dataset == "mozilla"]
    if moz:
        image_hits, caption_hits = [], []
        for page in moz:
            images, captions = score.expected_figures(page.truth["expected_html"])
            result = get(page)
            found = {u.rsplit("/", 1)[-1].split("?")[0] for u in result.get("images", [])}
            image_hits += [name in found for name in images]
            out_words = score.words(" ".join((result.get("text", ""), result.get("extra_text", ""),
                                              score.norm(result.get("html", "")))))
            caption_hits += [score.caption_found(c, out_words) for c in captions]
        metrics["moz_images"] = statistics.mean(image_hits) if image_hits else 0.0
        metrics["moz_captions"] = statistics.mean(caption_hits) if caption_hits else 0.0
        metrics["moz_caption_n"] = len(caption_hits)
    vn = [p for p in pages if p.dataset == "vn"]
    if vn:
        checks = []
        for page in vn:
            facts, result = page.truth, get(page)
            if facts.get("title"):
                checks.append(score.norm(facts["title"]) == score.norm(result.get("title", "")))
            if facts.get("title(og:title)"):
                checks.append(score.norm(facts["title(og:title)"]) == score.norm(result.get("title", "")))
            if facts.get("title_startswith"):
                checks.append(result.get("title", "").startswith(facts["title_startswith"]))
            if facts.get("published_at"):
                checks.append(score.same_minute(facts["published_at"], result.get("date", "")))
            if facts.get("body_contains"):
                # The outlets' own tests look in the sapo too; we keep it apart as `lead`.
                checks.append(facts["body_contains"] in result.get("lead", "") + "\n" + result.get("text", ""))
            if facts.get("category"):
                checks.append(result.get("section", "") == facts["category"])
            checks.append(len(result.get("text", "")) >= 500)
        metrics["vn_facts"] = statistics.mean(checks)
        metrics["vn_n"] = len(checks)
    return metrics


COLUMNS = [
    ("sh_f1", "SH F1"), ("sh_p", "SH P"), ("sh_r", "SH R"), ("wc_f1", "WCXB F1"), ("wc_p", "WCXB P"),
    ("wc_r", "WCXB R"), ("wc_title", "title"), ("wc_author", "author"), ("wc_date", "date"),
    ("wc_with", "with↑"), ("wc_without", "without↓"), ("moz_images", "img rec"),
    ("moz_captions", "caption rec"), ("vn_facts", "VN facts"), ("pps", "pages/s"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--datasets", default=",".join(data.DATASETS))
    parser.add_argument("--limit", type=int, help="pages per dataset (quick runs)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write metrics as JSON")
    args = parser.parse_args()
    datasets = tuple(args.datasets.split(","))
    if args.worker:
        work(args.worker, datasets, args.out, args.limit)
        return 0
    if not data.CORPUS.is_dir():
        print(f"corpus not found at {data.CORPUS}", file=sys.stderr)
        return 1
    pages = data.load(only=datasets)
    if args.limit:
        pages = [p for d in datasets for p in [q for q in pages if q.dataset == d][: args.limit]]
    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        runs = interleaved(args.extractors.split(","), len(pages), args, Path(tmp))
    for name, run in runs.items():
        metrics = evaluate(pages, run["results"])
        metrics["pps"] = len(pages) / max(1e-9, sum(run["seconds"].values()))
        metrics["seconds"] = run["seconds"]
        table[name] = metrics
    used = [(key, label) for key, label in COLUMNS if any(key in m for m in table.values())]
    print(f"pages: {len(pages)} ({', '.join(f'{d} {sum(p.dataset == d for p in pages)}' for d in datasets)})")
    print("| extractor | " + " | ".join(label for _, label in used) + " |")
    print("|---|" + "---|" * len(used))
    for name, metrics in table.items():
        cells = [f"{metrics[key]:.1f}" if key == "pps" else f"{metrics[key]:.3f}" if key in metrics else "–"
                 for key, _ in used]
        print(f"| {name} | " + " | ".join(cells) + " |")
    # Speed per set, and as a ratio to each trafilatura run present (the goal: ≥ 2× on every set).
    counts = {d: sum(p.dataset == d for p in pages) for d in datasets}
    peers = [name for name in ("trafilatura", "trafilatura-plain") if name in table]
    print("\npages/s per set" + (" (× " + ", × ".join(peers) + ")" if peers else "") + ":")
    print("| extractor | " + " | ".join(datasets) + " |")
    print("|---|" + "---|" * len(datasets))
    for name, metrics in table.items():
        cells = []
        for d in datasets:
            if not counts[d] or not metrics["seconds"].get(d) or any(not table[peer]["seconds"].get(d) for peer in peers):
                cells.append("–")
                continue
            pps = counts[d] / metrics["seconds"][d]
            metrics[f"pps_{d}"] = pps
            ratios = [pps / (counts[d] / table[peer]["seconds"][d]) for peer in peers]
            cells.append(f"{pps:.1f}" + ("" if name in peers or not ratios else
                                          " (" + ", ".join(f"{r:.2f}×" for r in ratios) + ")"))
        print(f"| {name} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
