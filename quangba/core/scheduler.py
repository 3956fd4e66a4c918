"""The scheduler: one pass claims the due rows of every stage of the chain and enqueues them,
runs each stage's sweep, and gives abandoned tasks back to the queue."""
import logging
import threading
import time
from datetime import datetime
from typing import Callable

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from .models import Run
from .stages import chain, enqueue, lease_length
from .worker import queued, release_abandoned, run_queued

log = logging.getLogger(__name__)


def tick(now: datetime | None = None) -> dict:
    """One pass over the chain; returns the rows claimed (and swept) per stage."""
    now = now or timezone.now()
    limit = settings.QUANGBA_PIPELINE["CLAIM_LIMIT"]
    report = {}
    for stage in chain():
        keys, lease = stage.claim(now, limit)
        enqueue(stage, keys, lease)
        report[stage.name] = len(keys)
        swept = stage.sweep(now)
        if swept:
            report[f"{stage.name} sweep"] = swept
    report["released"] = release_abandoned(now)
    Run.objects.filter(until__lt=now - lease_length()).delete()  # markers of runs that died long ago
    return report


def work_due(now: datetime | None = None) -> bool:
    """Whether any stage has a row due now."""
    now = now or timezone.now()
    return any(stage.due(now).exists() for stage in chain())


def run_until_idle(*, timeout: float = 600, progress: Callable[[], None] | None = None,
                   pause: float = 0.2) -> bool:
    """Tick the scheduler and run tasks in this thread until nothing is due or queued. Rows
    waiting for a later retry count as idle. Returns False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tick()
        run_queued()
        if progress:
            progress()
        if not queued() and not work_due():
            return True
        time.sleep(pause)
    return False


class SchedulerThread(threading.Thread):
    """Calls tick() every `interval` seconds until stopped."""

    def __init__(self, interval: float = 5.0):
        super().__init__(name="quangba-scheduler", daemon=True)
        self.interval = interval
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                close_old_connections()
                tick()
            except Exception:  # the scheduler must outlive a bad pass (locked database, bug)
                log.exception("scheduler pass failed")
            finally:
                close_old_connections()
            self.stopping.wait(self.interval)

    def stop(self) -> None:
        self.stopping.set()
