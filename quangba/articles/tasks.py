"""Background tasks. They carry primary keys only; the database holds the state."""
from django_tasks import task

from quangba.core.errors import PipelineError
from quangba.sources import feeds
from quangba.sources.models import Feed

from .ingest import client_for, run_entry
from .scheduler import dispatch_entries


@task()
def poll_feed(feed_id: int) -> dict:
    """Poll one feed and dispatch the entries that are new or changed."""
    feed = Feed.objects.select_related("outlet").filter(pk=feed_id).first()
    if feed is None or feed.paused or not feed.outlet.active:
        return {"skipped": True}
    try:
        with client_for(feed.outlet) as client:
            result = feeds.poll(feed, client)
    except PipelineError as exc:
        return {"error": str(exc)}  # recorded on the feed; the scheduler tries again later
    dispatch_entries(result.due)
    return {"status": result.status, "new": len(result.new), "changed": len(result.changed)}


@task()
def ingest_entry(entry_id: int) -> dict:
    """Fetch, extract and store one entry's article."""
    outcome = run_entry(entry_id)
    return {"article": outcome.article_id, "action": outcome.action}
