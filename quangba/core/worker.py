"""Running the task queue: the one module that knows the task backend is django-tasks-db.
Everything else enqueues through Django's task API (`run_stage.enqueue`), so another backend
(RQ, say) replaces this module and nothing more."""
import os
import socket
import threading
import time
from datetime import datetime, timedelta

from django.db import OperationalError, close_old_connections
from django.db.models import Count
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from .retry import lease_length

KEEP_FINISHED = timedelta(days=1)  # finished task rows are kept this long, for the admin


def make_worker(*, batch: bool, interval: float = 1.0, max_tasks: int | None = None) -> Worker:
    """A worker for the default queue; `batch`: return once the queue is empty."""
    return Worker(
        queue_names=["default"], interval=interval, batch=batch, backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False, max_tasks=max_tasks, excluded_queue_names=[],
        worker_id=f"{socket.gethostname()}-{os.getpid()}-{threading.get_ident()}"[:64],
    )


def release_abandoned(now: datetime) -> int:
    """Tasks a dead worker had claimed stay RUNNING forever: after a lease they go back to the
    queue (their rows' leases ran out too, so they start nothing twice). Finished task rows older
    than a day are pruned, a bounded batch per pass."""
    released = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - lease_length()) \
        .update(status="READY", started_at=None)
    old = DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=now - KEEP_FINISHED) \
        .values_list("pk", flat=True)[:5000]
    DBTaskResult.objects.filter(pk__in=list(old)).delete()
    return released


def queued() -> dict[str, int]:
    """Tasks waiting or running, by status."""
    rows = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def waiting(at_least: int | None = None, tasks: int = 1) -> bool:
    """Whether `tasks` tasks (or more) wait in the queue (not yet started), at a priority of
    `at_least` or above."""
    ready = DBTaskResult.objects.filter(status="READY")
    ready = ready if at_least is None else ready.filter(priority__gte=at_least)
    return ready.exists() if tasks <= 1 else ready[:tasks].count() >= tasks


def run_queued(limit: int | None = None) -> None:
    """Run the tasks waiting in the queue, in this thread, until it is empty."""
    worker = make_worker(batch=True, interval=0, max_tasks=limit)
    worker.run()


class WorkerThread(threading.Thread):
    """A task worker in a background thread (used by `quangba demo`)."""

    def __init__(self, interval: float = 0.5):
        super().__init__(name="quangba-worker", daemon=True)
        self.worker = make_worker(batch=False, interval=interval)

    def run(self) -> None:
        while True:
            try:
                self.worker.run()
                return
            except OperationalError as exc:
                # SQLite refuses the queue's exclusive transaction at once when its table is locked
                # (an in-memory test database does not wait): a thread must not die of it.
                if not self.worker.running or not is_locked_database_exception(exc):
                    raise
                time.sleep(0.05)
            finally:
                close_old_connections()

    def stop(self) -> None:
        self.worker.running = False
