"""Four `quangba worker` processes, each with its own scheduler, ingest the sample partner sites
into one PostgreSQL database: no row of any stage runs twice at once (the task results say which
rows each task ran, and when) and nothing is missing or doubled at the end."""
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest
from django.db import connection

from quangba.articles.models import Article, ArticleVersion
from quangba.core.models import Handoff
from quangba.core.stages import backlog
from quangba.demo.outlets import load_outlets
from quangba.ingest.models import Entry
from quangba.web.bake import file_for

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[1]
WORKERS = 4


def database_url(settings) -> str:
    """The test database, for the worker processes."""
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def settled() -> bool:
    """Every stage's rows done but the feeds' (polled again for good): entries, translations,
    images, hand-offs. A translation finishing after the wait would hand on to the bake stage."""
    return Entry.objects.exists() and not any(backlog().values())


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
                    reason="needs PostgreSQL (make test-postgres runs it)")
def test_four_workers_never_run_a_row_twice_at_once(partners, settings, tmp_path):
    from django_tasks_db.models import DBTaskResult

    env = {**os.environ, "DATABASE_URL": database_url(settings), "QUANGBA_VAR_DIR": str(tmp_path),
           "QUANGBA_BAKED_DIR": str(settings.QUANGBA_BAKED_DIR), "QUANGBA_FETCH_POLITENESS": "0",
           "QUANGBA_LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT)}
    workers = [subprocess.Popen([sys.executable, "-m", "quangba", "worker", "--interval", "0.05", "--tick", "0.2"],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True) for _ in range(WORKERS)]
    try:
        deadline = time.monotonic() + 240
        calm = 0
        while calm < 3:
            assert time.monotonic() < deadline, "the workers did not settle the ingest in time"
            for worker in workers:
                assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
            time.sleep(1)
            calm = calm + 1 if settled() else 0
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)

    # Nothing missing, nothing doubled.
    expected = sum(len(outlet.articles) for outlet in load_outlets())
    assert Article.objects.count() == expected and ArticleVersion.objects.count() == expected
    assert not Entry.objects.exclude(state=Entry.State.DONE).exists()
    assert not Handoff.objects.exists(), list(Handoff.objects.values("stage", "key", "due_at", "last_error"))
    published = list(Article.objects.published())
    assert len(published) >= 40
    for article in published:
        assert file_for(article.get_absolute_url()).exists(), article.title

    # No row ran twice at once: per (stage, key), the tasks that ran it do not overlap in time.
    runs = defaultdict(list)
    tasks = DBTaskResult.objects.filter(task_path="quangba.core.stages.run_stage", status="SUCCESSFUL")
    for task in tasks:
        stage = task.args_kwargs["args"][0]
        ran = task.return_value
        if "ran" not in ran:  # every row was skipped
            continue
        began, ended = map(datetime.fromisoformat, ran["ran"])  # from taking the rows to giving them back
        for key in ran["done"] + ran["retry"] + ran["failed"]:
            runs[(stage, key)].append((began, ended))
    assert {stage for stage, _key in runs} >= {"poll", "ingest", "file", "stories", "publish", "bake"}
    assert len({task.worker_ids[0] for task in tasks}) == WORKERS  # every worker took part
    for (stage, key), spans in runs.items():
        spans.sort()
        for (start_a, end_a), (start_b, _end_b) in zip(spans, spans[1:]):
            assert end_a <= start_b, f"{stage} row {key} ran twice at once: {spans}"
    assert connection.vendor == "postgresql"
