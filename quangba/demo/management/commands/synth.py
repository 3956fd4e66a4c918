"""`quangba synth`: fill the configured database with a synthetic national archive."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quangba.demo.archive import Builder

DEFAULT_CORPUS = Path(__file__).resolve().parents[4].parent / "shared" / "corpus" / "vntc" / "train.jsonl.xz"


class Command(BaseCommand):
    help = ("Fill the database with a synthetic archive (VNTC news recombined: outlets, sections, places, stories, "
            "related reading, search, listings, comments, translations) for benchmarks at national scale.")

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True)
        parser.add_argument("--outlets", type=int, default=150)
        parser.add_argument("--days", type=float, default=None, help="Days the archive spans (default: 5,000 a day).")
        parser.add_argument("--translations", type=float, default=0.1, help="Share with an English version.")
        parser.add_argument("--comments", type=float, default=0.05, help="Share with comments.")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--processes", type=int, default=2, help="Processes for the text models.")
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="VNTC train.jsonl.xz")

    def handle(self, *args, articles, outlets, days, translations, comments, seed, processes, corpus, **options):
        if not corpus.is_file():
            raise CommandError(f"VNTC corpus not found at {corpus} (--corpus PATH)")
        builder = Builder(outlets=outlets, days=days or max(1.0, articles / 5000), translations=translations,
                          comments=comments, seed=seed, processes=processes, log=self.stdout.write)
        report = builder.build(corpus, articles)
        self.stdout.write(f"{report.articles:,} articles, {report.stories:,} stories in {report.seconds:,.0f} s "
                          f"({report.articles / report.seconds:,.0f} articles/s)")
        for part, seconds in report.timings.most_common():
            self.stdout.write(f"  {part}: {seconds:,.0f} s")
