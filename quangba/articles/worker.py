"""Running the pipeline: the task worker and the scheduler, in one process or in this thread."""
import logging
import os
import socket
import threading
import time
from typing import Callable

from django.db import close_old_connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from quangba.sources.models import Entry

from . import scheduler

log = logging.getLogger(__name__)


def make_worker(*, batch: bool, interval: float = 1.0, max_tasks: int | None = None) -> Worker:
    """A django-tasks-db worker for the default queue."""
    return Worker(
        queue_names=["default"], interval=interval, batch=batch, backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False, max_tasks=max_tasks, excluded_queue_names=[],
        worker_id=f"{socket.gethostname()}-{os.getpid()}-{threading.get_ident()}"[:64],
    )


class SchedulerThread(threading.Thread):
    """Calls scheduler.tick() every `interval` seconds until stopped."""

    def __init__(self, interval: float = 5.0):
        super().__init__(name="quangba-scheduler", daemon=True)
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                close_old_connections()
                scheduler.tick()
            except Exception:  # the scheduler must outlive a bad tick (locked database, bug)
                log.exception("scheduler tick failed")
            finally:
                close_old_connections()
            self.stopping.wait(self.interval)

    def stop(self) -> None:
        self.stopping.set()


class WorkerThread(threading.Thread):
    """A task worker in a background thread (used by `quangba demo`)."""

    def __init__(self, interval: float = 0.5):
        super().__init__(name="quangba-worker", daemon=True)
        self.worker = make_worker(batch=False, interval=interval)

    def run(self) -> None:
        try:
            self.worker.run()
        finally:
            close_old_connections()

    def stop(self) -> None:
        self.worker.running = False


def pending_work() -> tuple[int, int]:
    """(entries not yet settled, tasks ready or running)."""
    entries = Entry.objects.filter(state=Entry.State.PENDING).count()
    tasks = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
    return entries, tasks


def run_until_idle(*, timeout: float = 600, progress: Callable[[], None] | None = None,
                   poll_interval: float = 0.2) -> bool:
    """Tick the scheduler and run tasks in this thread until no work is left or due.
    Entries waiting for a later retry count as idle. Returns False on timeout."""
    deadline = time.monotonic() + timeout
    worker = make_worker(batch=True, interval=0)
    while time.monotonic() < deadline:
        scheduler.tick()
        worker.running = True
        worker.run()
        if progress:
            progress()
        if not DBTaskResult.objects.ready().exists() and not scheduler.work_due():
            return True
        time.sleep(poll_interval)
    return False
