"""The stage runner: the chain declared in settings, claims and leases, hand-offs, failures, and
tasks a dead worker left behind."""
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quangba.core import scheduler, stages
from quangba.core.errors import PipelineError
from quangba.core.models import Handoff
from quangba.core.stages import Stage, chain, run_stage, send
from quangba.ingest.models import Entry
from quangba.sources.models import Feed, Outlet

pytestmark = pytest.mark.django_db

RUNS: list = []


class Count(Stage):
    """A stage for these tests: records its runs, fails when told to."""

    name = "count"
    fail_with: Exception | None = None

    def run(self, key):
        RUNS.append(key)
        if self.fail_with:
            raise self.fail_with
        with self.commit(key):
            self.hand_off([key])


class After(Stage):
    name = "after"

    def run(self, key):
        RUNS.append(("after", key))


@pytest.fixture
def test_chain(settings):
    RUNS.clear()
    Count.fail_with = None
    settings.QUANGBA_STAGES = ["test_scheduler.Count", "test_scheduler.After"]
    yield chain()
    RUNS.clear()


def tasks():
    """The tasks waiting in the queue, taken out of it (the tests run them by hand)."""
    waiting = list(DBTaskResult.objects.filter(status="READY").order_by("enqueued_at"))
    DBTaskResult.objects.filter(pk__in=[t.pk for t in waiting]).delete()
    return waiting


def run(task):
    return run_stage.call(*task.args_kwargs["args"])


def test_the_default_chain_is_the_documented_one():
    assert [stage.name for stage in chain()] == ["poll", "ingest", "file", "media", "stories", "translate", "publish",
                                                 "bake", "media-retry"]


def test_adding_a_stage_is_one_class_and_one_line(test_chain):
    assert [s.name for s in test_chain] == ["count", "after"]
    send("count", [7, 8])
    assert scheduler.tick() == {"count": 2, "after": 0, "released": 0}
    for task in tasks():
        assert len(run(task)["done"]) == 1
    assert RUNS == [7, 8] and set(Handoff.objects.filter(stage="after").values_list("key", flat=True)) == {7, 8}
    assert not Handoff.objects.filter(stage="count").exists()  # done rows are gone


def test_work_further_down_the_chain_runs_first(test_chain):
    """A stream of new rows entering the chain cannot keep the rows already in it from finishing:
    the queue hands out a later stage's task first."""
    send("count", [2])
    send("after", [1])
    scheduler.tick()
    ready = DBTaskResult.objects.filter(status="READY")  # in the order workers take them
    assert [t.args_kwargs["args"][0] for t in ready] == ["after", "count"]


def test_a_partners_push_jumps_the_queue_down_the_whole_chain(test_chain, django_capture_on_commit_callbacks):
    """Urgent work (a push) is claimed at once even while a burst of routine tasks waits, runs
    before them, and what it hands on is urgent too; routine work handed on during a burst
    gathers for the scheduler's pass as before."""
    burst = list(range(10, 10 + stages.BURST))
    send("count", burst)
    scheduler.tick()  # a burst of routine tasks waits
    with django_capture_on_commit_callbacks(execute=True):
        send("count", [3])  # routine: not claimed during a burst
        send("count", [2], urgent=True)
    ready = list(DBTaskResult.objects.filter(status="READY"))  # in the order workers take them
    assert [(t.args_kwargs["args"][0], [k for k, _ in t.args_kwargs["args"][1]]) for t in ready] == \
        [("count", [2])] + [("count", [key]) for key in burst]
    assert ready[0].priority > ready[1].priority
    assert Handoff.objects.get(stage="count", key=3).due_at <= timezone.now()  # left for the pass
    urgent = ready[0]
    DBTaskResult.objects.filter(pk=urgent.pk).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert run(urgent)["done"] == [2]
    following = DBTaskResult.objects.filter(status="READY").first()  # the hand-off: urgent, first in line
    assert following.args_kwargs["args"][0] == "after" and following.priority > ready[0].priority
    assert following.args_kwargs["args"][1][0][0] == 2


def test_background_tasks_or_a_few_routine_ones_waiting_do_not_hold_the_express_back(
        test_chain, monkeypatch, django_capture_on_commit_callbacks):
    """Translations waiting (a background stage: they run after everything) are the steady state,
    and so are a few routine tasks (another check's articles): not a burst to gather, so a
    routine hand-off is still claimed at once beside them."""
    monkeypatch.setattr(test_chain.get("after"), "background", True)
    send("after", [9])
    send("count", list(range(20, 20 + stages.BURST - 2)))
    scheduler.tick()
    assert sorted(t.priority for t in DBTaskResult.objects.filter(status="READY")) == \
        [-1] + [0] * (stages.BURST - 2)
    with django_capture_on_commit_callbacks(execute=True):
        send("count", [4])
    ready = DBTaskResult.objects.filter(status="READY")
    assert [t.args_kwargs["args"][1][0][0] for t in ready if t.args_kwargs["args"][0] == "count"][-1] == 4


def lease_of(task):
    return stages.datetime.fromisoformat(task.args_kwargs["args"][1][0][1])


def test_a_row_handed_over_again_while_it_runs_waits_for_that_run(test_chain):
    send("count", [5])
    scheduler.tick()
    [first] = tasks()
    turned_away = []

    class Meanwhile(Count):
        def run(self, key):
            send("count", [key])  # new input while the row runs…
            scheduler.tick()  # …and it is claimed again at once, by another worker say
            [second] = tasks()
            turned_away.append(run(second))  # that task does not start it beside this run
            super().run(key)

    assert Meanwhile().execute([(5, lease_of(first))])["done"] == [5]
    assert turned_away == [{"done": [], "skipped": [5], "retry": [], "failed": []}] and RUNS == [5]
    row = Handoff.objects.get(stage="count", key=5)  # the new input is not lost: due again shortly
    assert row.due_at <= timezone.now() + stages.BUSY_RETRY
    Handoff.objects.filter(pk=row.pk).update(due_at=timezone.now())
    scheduler.tick()
    [third] = [task for task in tasks() if task.args_kwargs["args"][0] == "count"]
    assert run(third)["done"] == [5] and RUNS == [5, 5]
    assert not stages.Run.objects.exists()


def test_a_claimed_row_is_not_claimed_again_until_its_lease_runs_out(test_chain):
    send("count", [1])
    assert scheduler.tick()["count"] == 1
    assert scheduler.tick()["count"] == 0  # leased: nothing new sent
    Handoff.objects.filter(stage="count").update(due_at=timezone.now() - timedelta(seconds=1))  # a dead worker
    assert scheduler.tick()["count"] == 1
    stale, fresh = tasks()
    assert run(stale) == {"done": [], "skipped": [1], "retry": [], "failed": []}  # its lease is not the row's
    assert run(fresh)["done"] == [1]
    assert RUNS == [1]  # the row ran once


def test_a_row_handed_over_again_while_it_runs_runs_again(test_chain):
    send("count", [5])
    scheduler.tick()

    class Meanwhile(Count):
        def run(self, key):
            send("count", [key])  # new input arrives while the stage works on the old
            super().run(key)

    [task] = tasks()
    Meanwhile().execute([(5, stages.datetime.fromisoformat(task.args_kwargs["args"][1][0][1]))])
    assert Handoff.objects.get(stage="count", key=5).due_at <= timezone.now()  # due again, not lost


def test_failures_back_off_then_wait_for_a_person(test_chain, settings):
    settings.QUANGBA_PIPELINE = {**settings.QUANGBA_PIPELINE, "MAX_ATTEMPTS": 2}
    Count.fail_with = PipelineError("engine down")
    Count.fail_with.transient = True
    send("count", [3])
    scheduler.tick()
    assert run(tasks()[0])["retry"] == [3]
    row = Handoff.objects.get(stage="count", key=3)
    assert row.attempts == 1 and "engine down" in row.last_error and row.due_at > timezone.now()
    Handoff.objects.filter(pk=row.pk).update(due_at=timezone.now())
    scheduler.tick()
    assert run(tasks()[0])["failed"] == [3]
    row.refresh_from_db()
    assert row.due_at is None and "gave up after 2 attempts" in row.last_error
    send("count", [3])  # new input: tried again from scratch
    row.refresh_from_db()
    assert row.due_at is not None and row.attempts == 0


def test_a_task_claimed_by_a_dead_worker_is_released_after_the_lease():
    outlet = Outlet.objects.create(name="B", slug="b", homepage="http://b.example/", language="vi")
    feed = Feed.objects.create(outlet=outlet, url="http://b.example/rss", next_check_at=timezone.now() + timedelta(days=1))
    Entry.objects.create(feed=feed, identity="x", url="http://b.example/a", fingerprint="f")
    assert scheduler.tick()["ingest"] == 1
    task = DBTaskResult.objects.get()
    task.claim("dead-worker")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert scheduler.tick()["released"] == 1
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"
    assert scheduler.tick()["released"] == 0
