"""The chain of stages, declared once in `settings.QUANGBA_STAGES` (a list of dotted paths, like
MIDDLEWARE). Every piece of work of the pipeline runs here, one way:

* a **Stage** declares its rows (`pending()`, and `due_field`: the time a row is due), what
  `run(key)` does with one row, the `sweep` that finds work nothing handed over (a newly
  configured language, say), and what it hands on to the next stage (`hand_off`);
* the scheduler **claims** due rows (moves their due time to the end of a lease, in one statement
  per stage, `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL) and enqueues the one generic task,
  `run_stage`, with the rows and their lease;
* the task **starts** a row only if the lease is still the one it was given, renewing it (so a
  task whose lease ran out, and was claimed again, does nothing), and **finishes** it in the
  same transaction as the stage's own writes and its hand-off (`with self.commit(key)`): a
  crash anywhere leaves either nothing or everything, and an unfinished row is claimed again
  when its lease runs out. A row handed over again while it runs keeps its new due time and runs
  again — after the run that holds it: a `Run` marker per running row turns a second task away
  (the row is due again a moment later) until the first is over. Runs are bounded in time (fetch
  and engine time-outs) and the lease is longer, so one row never runs twice at once.

**Urgent** work — what a partner pushes (a WebSub hub's notification, the ingest API) — jumps
the queue: its rows are claimed at once, even while routine tasks wait, and run at a priority
above every routine task; the urgency goes with the rows down the chain through each hand-off
(not into a `background` stage), so a pushed article is live in the time its own work takes.

Rows are either a stage's own model (Feed, Entry, ArticleTranslation) or `Handoff` rows keyed by an
article's primary key, for stages that work on articles.
"""
import contextvars
import logging
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .errors import PipelineError
from .models import Handoff, Run
from .retry import Failure, judge, lease_length
from .worker import waiting

log = logging.getLogger(__name__)

# The leases the running task holds: {(stage name, key): lease end}.
_held: contextvars.ContextVar[dict] = contextvars.ContextVar("quangba_held_leases", default={})
# Whether the running task carries urgent work (its hand-offs are urgent too).
_urgent: contextvars.ContextVar[bool] = contextvars.ContextVar("quangba_urgent", default=False)
URGENT = 50  # added to an urgent task's priority: above every routine stage's (0 … len(chain) - 1)


BURST = 4  # routine tasks waiting that make a burst: hand-offs then gather for the scheduler's batches
BUSY_RETRY = timedelta(seconds=1)  # a row another run still holds is tried again this much later


def chunked(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Stage:
    """One link of the chain. Subclasses set `name` and `run()`, and the row model where the
    stage has its own (with `pending()`, `accept()` and the `done`/`failed` fields)."""

    name = ""
    model = None  # None: Handoff rows of this stage, keyed by article
    due_field = "due_at"  # own-model stages name their field
    done: dict = {}  # written when a row is done (own-model stages)
    failed: dict = {}  # written when a row failed for good (own-model stages)
    rows_per_task = 1
    batched = False  # True: run_batch(keys) gets all the rows of a task at once
    background = False  # True: its tasks wait until no other stage's task waits (see `priority`)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}>"

    # What a stage declares --------------------------------------------------------------------

    @property
    def key_field(self) -> str:
        return "key" if self.model is None else "pk"

    def pending(self):
        """Rows waiting for this stage, due now or later, claimed or not."""
        if self.model is None:
            return Handoff.objects.filter(stage=self.name, due_at__isnull=False)
        return self.model.objects.all()

    def run(self, key) -> None:
        """Do the work of one row; write its result `with self.commit(key)`."""
        raise NotImplementedError

    def run_batch(self, keys: list) -> None:
        for key in keys:
            self.run(key)

    def prepare(self, keys: list) -> None:
        """Work done for all the rows of a task at once before each runs (a model over the batch).
        Outside any row's transaction; if it fails, each row runs without it."""

    def sweep(self, now: datetime) -> int:
        """Find work nothing handed over; called on every scheduler pass, so keep it bounded."""
        return 0

    def accept(self, keys: Iterable) -> None:
        """Take `keys` over from the previous stage (or an editor's action): due now."""
        if self.model is not None:
            raise NotImplementedError(f"{self!r} has its own rows: it says how it accepts work")
        now = timezone.now()
        for chunk in chunked(list(dict.fromkeys(keys)), 500):
            Handoff.objects.bulk_create(
                [Handoff(stage=self.name, key=key, due_at=now, attempts=0, last_error="") for key in chunk],
                update_conflicts=True, unique_fields=["stage", "key"],
                update_fields=["due_at", "attempts", "last_error", "handed_at"])

    # What the runner does ---------------------------------------------------------------------

    def rows(self, keys: Iterable):
        return self.pending().filter(**{f"{self.key_field}__in": list(keys)})

    def due(self, now: datetime):
        return self.pending().filter(**{f"{self.due_field}__lte": now})

    def claim(self, now: datetime, limit: int, keys: Iterable | None = None) -> tuple[list, datetime]:
        """Lease up to `limit` due rows (of `keys` only, if given); returns their keys and the
        lease's end."""
        lease = now + lease_length()
        due = self.due(now) if keys is None else self.due(now).filter(**{f"{self.key_field}__in": list(keys)})
        with transaction.atomic():
            keys = list(due.order_by(self.due_field)
                        .select_for_update(skip_locked=True, of=("self",))
                        .values_list(self.key_field, flat=True)[:limit])
            if keys:
                self.rows(keys).update(**{self.due_field: lease})
        return keys, lease

    def _start(self, key, lease: datetime) -> datetime | None:
        renewed = timezone.now() + lease_length()
        taken = self.rows([key]).filter(**{self.due_field: lease}).update(**{self.due_field: renewed})
        return renewed if taken else None

    def _mine(self, key):
        rows = self.rows([key])
        lease = _held.get().get((self.name, key))
        return rows if lease is None else rows.filter(**{self.due_field: lease})

    def finish(self, key, **fields) -> None:
        """Mark the row done, if this run still holds it (outside a run: unconditionally)."""
        if self.model is None:
            self._mine(key).delete()
        elif {**self.done, **fields}:
            self._mine(key).update(**{**self.done, **fields})

    @contextmanager
    def commit(self, key, **fields):
        """The stage's writes, its hand-off and the end of the row, in one transaction. Yields the
        fields written on the row as it ends, for the block to add what it learns."""
        with transaction.atomic():
            yield fields
            self.finish(key, **fields)

    def again(self, key, when: datetime | None = None) -> None:
        """Put the row back, due at `when` (now): its input changed while it ran."""
        self._mine(key).update(**{self.due_field: when or timezone.now()})

    def hand_off(self, keys: Iterable) -> None:
        """Give `keys` to the next stage of the chain (inside the caller's transaction); urgent
        work stays urgent."""
        keys = list(keys)
        following = chain().after(self)
        if following is not None and keys:
            following.accept(keys)
            express(following, keys if _urgent.get() else None)

    def fail(self, key, exc: BaseException) -> Failure | None:
        """Count an attempt and record the failure on the row: a retry time, or failed for good."""
        with transaction.atomic():
            row = self._mine(key).select_for_update().first()
            if row is None:  # finished, or handed over again meanwhile
                return None
            failure = judge(exc, row.attempts + 1)
            update = {"attempts": row.attempts + 1, "last_error": failure.message[:4000]}
            if failure.permanent:
                update.update({"due_at": None} if self.model is None else self.failed)
            else:
                update[self.due_field] = failure.retry_at
            type(row).objects.filter(pk=row.pk).update(**update)
        return failure

    def execute(self, claims: list[tuple], urgent: bool = False) -> dict:
        """Run claimed rows [(key, lease end)]: start each, run, finish or record the failure.
        Returns the keys by outcome and, if any ran, when (kept with the task's result). `urgent`:
        what the rows hand on is urgent too."""
        report = {"done": [], "skipped": [], "retry": [], "failed": []}
        held = {}
        for key, lease in claims:
            renewed = self._start(key, lease)
            if renewed is None:
                report["skipped"].append(key)  # its lease ran out and it was claimed again, or it was done
            else:
                held[key] = renewed
        run_token = uuid.uuid4().hex
        busy = self._mark_running(held, run_token)
        report["skipped"] += busy
        held = {key: lease for key, lease in held.items() if key not in busy}
        if not held:
            return report
        began = timezone.now()
        token = _held.set({**_held.get(), **{(self.name, key): lease for key, lease in held.items()}})
        urgency = _urgent.set(urgent)
        try:
            if self.batched:
                try:
                    self.run_batch(list(held))
                except Exception as exc:
                    for key in held:
                        report[self._failed(key, exc)].append(key)
                else:
                    for key in held:
                        self.finish(key)
                    report["done"] += list(held)
            else:
                try:
                    self.prepare(list(held))
                except Exception:
                    log.exception("stage %s could not prepare %d rows; each runs without it", self.name, len(held))
                for key in held:
                    try:
                        self.run(key)
                    except Exception as exc:
                        report[self._failed(key, exc)].append(key)
                    else:
                        self.finish(key)
                        report["done"].append(key)
        finally:
            _held.reset(token)
            _urgent.reset(urgency)
            # When the rows ran (between taking and giving back their markers), kept with the result.
            report["ran"] = [began.isoformat(), timezone.now().isoformat()]
            Run.objects.filter(stage=self.name, key__in=list(held), token=run_token).delete()
        return report

    def _mark_running(self, held: dict, token: str) -> list:
        """Mark the started rows as running under `token` (three statements for the batch). A row
        another run still holds — handed over again while that run goes on, and claimed again —
        is put back, due a moment later; those keys are returned."""
        if not held:
            return []
        now, keys = timezone.now(), list(held)
        Run.objects.bulk_create([Run(stage=self.name, key=key, token=token, until=held[key]) for key in keys],
                                ignore_conflicts=True)
        Run.objects.filter(stage=self.name, key__in=keys, until__lte=now).update(token=token, until=now + lease_length())
        mine = set(Run.objects.filter(stage=self.name, key__in=keys, token=token).values_list("key", flat=True))
        busy = [key for key in keys if key not in mine]
        for key in busy:
            self.rows([key]).filter(**{self.due_field: held[key]}).update(**{self.due_field: now + BUSY_RETRY})
        return busy

    def _failed(self, key, exc: BaseException) -> str:
        if not isinstance(exc, PipelineError):
            log.exception("stage %s failed unexpectedly on %s", self.name, key)
        failure = self.fail(key, exc)
        if failure is None:
            return "done"
        return "failed" if failure.permanent else "retry"


class Chain:
    """The stages of `settings.QUANGBA_STAGES`, in order."""

    def __init__(self, paths: Iterable[str]):
        self.stages: list[Stage] = [import_string(path)() for path in paths]
        names = [stage.name for stage in self.stages]
        if len(set(names)) != len(names) or not all(names):
            raise ValueError(f"every stage needs a name of its own: {names}")
        self.by_name = {stage.name: stage for stage in self.stages}

    def __iter__(self):
        return iter(self.stages)

    def get(self, name: str) -> Stage | None:
        return self.by_name.get(name)

    def after(self, stage: Stage) -> Stage | None:
        position = self.position(stage)
        return self.stages[position + 1] if position + 1 < len(self.stages) else None

    def position(self, stage: Stage) -> int:
        return self.stages.index(self.by_name[stage.name])


@lru_cache(maxsize=4)
def _chain(paths: tuple[str, ...]) -> Chain:
    return Chain(paths)


def chain() -> Chain:
    return _chain(tuple(settings.QUANGBA_STAGES))


def backlog(skip: Iterable[str] = ("poll",)) -> dict[str, int]:
    """Rows waiting for each stage (due, claimed or retrying later), but those of the stages in
    `skip`: polled feeds wait for their next check for good."""
    return {stage.name: stage.pending().count() for stage in chain() if stage.name not in skip}


def send(stage_name: str, keys: Iterable, *, urgent: bool = False) -> None:
    """Hand `keys` to a stage by name (an editor's action re-entering the chain, a partner's
    push: `urgent`); nothing when the configured chain has no such stage."""
    stage = chain().get(stage_name)
    keys = list(keys)
    if stage is not None and keys:
        stage.accept(keys)
        express(stage, keys if urgent else None)


def express(stage: Stage, urgent: list | None = None) -> None:
    """Once the caller's transaction commits, claim and enqueue `stage`'s due rows at once rather
    than at the scheduler's next pass (QUANGBA_PIPELINE["EXPRESS"], on by default): an article
    crosses the chain in the time its work takes, not in seven scheduler ticks. Only while fewer
    than BURST tasks of the chain's own stages wait in the queue (a `background` one does not
    count): in a burst (a first ingest, a catch-up) the rows gather for the scheduler's pass and
    run in batches — a home page baked once for fifty articles, not fifty times. Claiming is the
    scheduler's own (leases, SKIP LOCKED), so the two never start a row twice; if it fails, the
    next pass claims the rows.

    `urgent` (keys): those rows, and only those, are claimed whatever waits, and enqueued ahead of
    routine work (a `background` stage takes them as routine work: it never jumps the queue)."""
    if not settings.QUANGBA_PIPELINE.get("EXPRESS", True):
        return
    urgent = None if stage.background else urgent

    def claim_now():
        # Background tasks waiting (translations, behind everything anyway) are no burst to gather,
        # nor are a few tasks of the chain (the articles of one check, another worker's hand-off).
        if urgent is None and waiting(at_least=0, tasks=BURST):
            return
        keys, lease = stage.claim(timezone.now(), settings.QUANGBA_PIPELINE["CLAIM_LIMIT"], keys=urgent)
        enqueue(stage, keys, lease, urgent=urgent is not None)

    transaction.on_commit(claim_now, robust=True)


@task()
def run_stage(stage: str, claims: list, urgent: bool = False) -> dict:
    """The one task of the pipeline: run the claimed rows ([[key, lease end ISO 8601], …]) of a stage."""
    found = chain().get(stage)
    if found is None:
        return {"skipped": [key for key, _lease in claims], "error": f"no stage {stage!r} in QUANGBA_STAGES"}
    return found.execute([(key, datetime.fromisoformat(lease)) for key, lease in claims], urgent=urgent)


def priority(stage: Stage, urgent: bool = False) -> int:
    """A later stage's tasks run before an earlier one's: work already in the chain reaches readers
    before new work enters it, so a stream of new entries cannot keep stored articles from going
    live. A `background` stage (translation: its original is already live) runs after all of them,
    so a second of engine time per language never holds a new article back. Urgent work (a
    partner's push) runs before all routine work, in the same order among itself."""
    if stage.background:
        return -1
    return chain().position(stage) + (URGENT if urgent else 0)


def enqueue(stage: Stage, keys: list, lease: datetime, urgent: bool = False) -> int:
    """One task per `stage.rows_per_task` claimed rows, at the stage's priority."""
    sent = 0
    urgent = urgent and not stage.background
    task = run_stage.using(priority=priority(stage, urgent)) if chain().get(stage.name) else run_stage
    for chunk in chunked(keys, stage.rows_per_task):
        task.enqueue(stage.name, [[key, lease.isoformat()] for key in chunk], *([True] if urgent else []))
        sent += 1
    return sent
