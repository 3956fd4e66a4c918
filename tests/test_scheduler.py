"""The scheduler's leases: dead workers' tasks come back, waiting tasks are not sent twice."""
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quangba.articles import scheduler
from quangba.articles.tasks import ingest_entry
from quangba.sources.models import Entry, Feed, Outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    outlet = Outlet.objects.create(name="B", slug="b", homepage="http://b.example/", language="vi")
    feed = Feed.objects.create(outlet=outlet, url="http://b.example/rss", next_check_at=timezone.now() + timedelta(days=1))
    return Entry.objects.create(feed=feed, identity="x", url="http://b.example/a", fingerprint="f")


def test_an_expired_lease_with_its_task_still_queued_sends_nothing_new(entry):
    assert scheduler.tick()["entries"] == 1
    Entry.objects.filter(pk=entry.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert scheduler.tick()["entries"] == 0
    assert DBTaskResult.objects.filter(status="READY", task_path=ingest_entry.module_path).count() == 1


def test_a_task_claimed_by_a_dead_worker_is_released_after_the_lease(entry, settings):
    scheduler.tick()
    task = DBTaskResult.objects.get()
    task.claim("dead-worker")
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - timedelta(hours=1))
    assert scheduler.tick()["released"] == 1
    assert DBTaskResult.objects.get(pk=task.pk).status == "READY"
    assert scheduler.tick()["released"] == 0
