"""`quangba train-frequencies`: the reference document frequencies the story matcher weighs terms by."""
import json
import lzma
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quangba.stories.similarity import FREQUENCIES_PATH, Frequencies


def vntc_texts(path: Path):
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)["text"]


def english_texts(extraction: Path):
    """The article texts of the English extraction benchmarks' ground truth."""
    truth = extraction / "scrapinghub" / "ground-truth.json"
    if truth.is_file():
        yield from (page["articleBody"] for page in json.loads(truth.read_text("utf-8")).values())
    for path in sorted((extraction / "wcxb-dev" / "ground-truth").glob("*.json")):
        yield json.loads(path.read_text("utf-8"))["ground_truth"].get("main_content") or ""


class Command(BaseCommand):
    help = "Count document frequencies of terms (hashed) in the VNTC corpus and English news pages."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, type=Path, help="The shared corpus folder (vntc/, extraction/).")
        parser.add_argument("--out", type=Path, default=FREQUENCIES_PATH)

    def handle(self, *args, corpus, out, **options):
        vntc = corpus / "vntc" / "train.jsonl.xz"
        if not vntc.is_file():
            raise CommandError(f"not found: {vntc}")

        def texts():
            yield from vntc_texts(vntc)
            yield from english_texts(corpus / "extraction")

        frequencies = Frequencies.build(texts())
        frequencies.save(out)
        self.stdout.write(f"{frequencies.documents} documents; wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
