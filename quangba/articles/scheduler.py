"""The scheduler: enqueues due feed polls and due entries. Claims are leases written to the row
before enqueueing, so a task whose worker died is enqueued again once its lease runs out."""
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from quangba.sources.models import Entry, Feed


# Other stages (translation, …) register a callable(now, lease) -> int here from AppConfig.ready().
_hooks: list = []


def register(hook) -> None:
    """Add a stage's dispatcher to every scheduler pass."""
    if hook not in _hooks:
        _hooks.append(hook)


def queued_args(task) -> set:
    """First arguments of this task's calls still waiting in the queue (one query)."""
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(status="READY", task_path=task.module_path) \
        .values_list("args_kwargs", flat=True)
    return {row["args"][0] for row in rows if row.get("args")}


def release_stale_tasks(now) -> int:
    """Tasks claimed by a worker that died stay RUNNING forever: after the lease they go back to
    the queue (every task is idempotent, so a slow one running twice is harmless)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - _lease()) \
        .update(status="READY", started_at=None)


def _lease() -> timedelta:
    return timedelta(seconds=settings.QUANGBA_PIPELINE["LEASE_SECONDS"])


def dispatch_entries(entry_ids: list[int]) -> int:
    """Lease and enqueue the ingest of these pending entries."""
    from .tasks import ingest_entry

    sent = 0
    for entry_id in entry_ids:
        now = timezone.now()
        claimed = Entry.objects.filter(pk=entry_id, state=Entry.State.PENDING, next_attempt_at__lte=now) \
            .update(next_attempt_at=now + _lease())
        if claimed:
            ingest_entry.enqueue(entry_id)
            sent += 1
    return sent


def tick(limit: int = 500) -> dict:
    """One scheduler pass: poll the feeds that are due, dispatch the entries that are due."""
    from .tasks import poll_feed

    now = timezone.now()
    polled = 0
    due_feeds = Feed.objects.filter(paused=False, outlet__active=True, next_check_at__lte=now) \
        .values_list("pk", "next_check_at", "interval_seconds")[:limit]
    for pk, next_check_at, interval in due_feeds:
        # Scheduled before fetching, so a failing or dying poll still moves on (optimistic claim).
        if Feed.objects.filter(pk=pk, next_check_at=next_check_at) \
                .update(next_check_at=now + timedelta(seconds=interval)):
            poll_feed.enqueue(pk)
            polled += 1
    from .tasks import ingest_entry

    released = release_stale_tasks(now)
    waiting = queued_args(ingest_entry)
    due_entries = []
    for pk, attempt_at in Entry.objects.filter(state=Entry.State.PENDING, next_attempt_at__lte=now) \
            .values_list("pk", "next_attempt_at")[:limit]:
        if Entry.objects.filter(pk=pk, next_attempt_at=attempt_at).update(next_attempt_at=now + _lease()) \
                and pk not in waiting:  # its task is still in the queue: renew the lease, send nothing
            due_entries.append(pk)
    for pk in due_entries:
        ingest_entry.enqueue(pk)
    result = {"feeds": polled, "entries": len(due_entries), "released": released}
    for hook in _hooks:
        result[f"{hook.__module__}.{hook.__name__}"] = hook(now, _lease())
    return result


def due_entries_exist() -> bool:
    """Whether some entry is waiting for a dispatch right now."""
    return Entry.objects.filter(state=Entry.State.PENDING, next_attempt_at__lte=timezone.now()).exists()


# Stages register a callable() -> bool here: whether they have work due right now.
_due_checks: list = []


def register_due_check(check) -> None:
    if check not in _due_checks:
        _due_checks.append(check)


def work_due() -> bool:
    """Whether any stage has work waiting for a dispatch right now."""
    return due_entries_exist() or any(check() for check in _due_checks)
