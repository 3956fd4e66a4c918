"""`quangba train-topics --corpus PATH`: train the VNTC topic model and write it into the package."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quangba.taxonomy import topics


class Command(BaseCommand):
    help = ("Train the topic model on a VNTC JSON-lines corpus (.jsonl or .jsonl.xz): on all of it by default "
            "(bench/topics.py scores the method by cross-validation), or holding a share out to score it.")

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, type=Path, help="VNTC file: one {id, topic, text} per line.")
        parser.add_argument("--out", type=Path, default=topics.MODEL_PATH, help="Model file to write (.npz).")
        parser.add_argument("--holdout", type=float, default=0.0,
                            help=f"Share held out for scoring (0: none; {topics.HOLDOUT} was the old default).")
        parser.add_argument("--seed", default=topics.SEED, help="Seed of the held-out split.")
        parser.add_argument("-C", type=float, default=topics.C, dest="c", help="SVM regularisation.")

    def handle(self, *args, corpus, out, holdout, seed, c, **options):
        if not corpus.is_file():
            raise CommandError(f"corpus not found: {corpus}")
        if not 0 <= holdout < 1:
            raise CommandError("--holdout must be in [0, 1)")
        report = topics.train(corpus, out, holdout=holdout, seed=seed, c=c)
        scores = report.held_out
        self.stdout.write(
            f"trained on {report.n_train} articles in {report.seconds:.0f} s; wrote {report.path} "
            f"({report.size_bytes / 1e6:.1f} MB)\n" + (
                f"held out {report.n_held_out}: accuracy {scores.accuracy:.4f}, macro-F1 {scores.macro_f1:.4f}, "
                f"{scores.articles_per_second:.0f} articles/s" if report.n_held_out else
                "nothing held out: bench/topics.py scores the method by cross-validation")
        )
