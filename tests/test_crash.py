"""Crash safety: `quangba worker` SIGKILLed at random points while it ingests the sample partners,
restarted each time, ends in the same state as one clean ingest: the same articles, versions,
images, translations, search entries and baked pages; nothing duplicated, nothing stuck, nothing
half-written. The harness is bench/crash.py (which also prints the table for the README)."""
import importlib.util
import os
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("quangba_bench_crash", Path(__file__).parents[1] / "bench" / "crash.py")
crash = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)  # dataclasses look themselves up there
_spec.loader.exec_module(crash)

KILLS = 20
# A guard against a run that never settles, not a speed target (bench/crash.py prints the times):
# the clean ingest alone settles in about 110 s on an idle two-core machine (the 18 Spanish
# translations, one after another, are most of it), and here it shares the machine with the
# killed run; 150 s was passed on a busy machine with nothing wrong.
SETTLE_TIMEOUT = 480


def test_killed_worker_loses_nothing_and_duplicates_nothing(partner_server):
    seed = int(os.environ.get("QUANGBA_CRASH_SEED", "7"))
    report = crash.run(partner_server, kills=KILLS, seed=seed, timeout=SETTLE_TIMEOUT, log=lambda *args: None)
    assert len(report.kills) == KILLS
    # The kills must land in the work, not before or after it.
    assert sum(k["mid_work"] for k in report.kills) >= KILLS // 2, report.kills
    assert report.articles > 0 and report.versions >= report.articles and report.images > 0
    assert report.passed, f"seed {seed}:\n" + "\n".join(report.problems)


def test_the_comparison_sees_a_page_that_differs_and_a_story_split():
    """The end states are compared by what a reader sees: a baked page's bytes (article ids named
    by identity), and which articles share a story; not only which pages exist."""
    state = {"problems": [], "failures": {}, "articles": {}, "entries": {},
             "baked": {"vi/index.html": "a1", "vi/article/abc-x/index.html": "b2"}, "stories": [["a", "b"]]}
    assert crash.compare(state, dict(state)) == []
    changed = crash.compare(state, {**state, "baked": {**state["baked"], "vi/index.html": "ff"}})
    assert changed == ["baked page vi/index.html differs (clean, killed): {'': ('a1', 'ff')}"]
    split = crash.compare(state, {**state, "stories": [["a"], ["b"]]})
    assert len(split) == 1 and split[0].startswith("stories differ")
