"""The first two stages of the chain: poll the partners' feeds, then fetch, extract and store
each entry's article."""
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from quangba.core.errors import PipelineError
from quangba.core.retry import Failure
from quangba.core.stages import Stage
from quangba.extract import ExtractionError
from quangba.sources import health
from quangba.sources.actions import PauseFeed
from quangba.sources.models import Feed

from . import feeds, websub
from .models import Entry
from .push import document
from .store import ExtractionFailed, Walled, client_for, fetch_and_extract, store


def pushed_document(entry: Entry):
    try:
        return document(entry.payload)
    except ExtractionError as exc:
        raise ExtractionFailed(exc.reason, url=entry.url) from exc


ALERT_EVERY_SECONDS = 60
_alerts_checked = float("-inf")


class Poll(Stage):
    """Feeds whose next check is due: a conditional GET, new and changed entries handed on. The
    next check moves on when the feed is claimed, before fetching, so a failing feed moves on too."""

    name = "poll"
    model = Feed
    due_field = "next_check_at"

    def pending(self):
        return Feed.objects.filter(paused=False, outlet__active=True, kind=Feed.Kind.POLLED)

    def sweep(self, now):
        """Tell the staff of outlets newly failing, paused or idle: once a minute at most (per
        process; only one process sends each e-mail)."""
        global _alerts_checked
        if time.monotonic() - _alerts_checked < ALERT_EVERY_SECONDS:
            return 0
        _alerts_checked = time.monotonic()
        return health.alert_staff(now)

    def accept(self, keys) -> None:
        """Check these feeds at the next scheduler pass."""
        Feed.objects.filter(pk__in=list(keys)).update(next_check_at=timezone.now())

    def run(self, key) -> None:
        began = timezone.now()  # checks are an interval apart start to start: the fetch's time is no drift
        feed = Feed.objects.select_related("outlet").get(pk=key)
        with client_for(feed.outlet) as client:
            fetched = feeds.fetch(feed, client)
            subscription = websub.keep_subscribed(feed, fetched, client)  # the hub it names, if any
        with self.commit(key) as end:
            result = feeds.record(feed, fetched)
            websub.note_check(subscription, result)
            # The feed's own rhythm; rarely while a hub pushes it and has missed nothing.
            seconds = websub.interval(subscription, feed.interval_seconds)
            end["next_check_at"] = began + timedelta(seconds=seconds)
            self.hand_off(result.due)

    def fail(self, key, exc: BaseException):
        """Recorded on the feed (error streak, backoff); paused after too many in a row."""
        if not isinstance(exc, PipelineError):
            exc = PipelineError(f"unexpected {type(exc).__name__}: {exc}")
        feed = self._mine(key).select_related("outlet").first()
        if feed is None:
            return None
        if feeds.record_failure(feed, exc):
            PauseFeed(feed, reason=f"{feed.error_count} failed checks in a row; the last: {feed.last_error}",
                      automatic=True).run()
            return Failure(feed.last_error, None)
        return Failure(feed.last_error, feed.next_check_at)


class Ingest(Stage):
    """One entry's page: fetched through the guarded client, extracted, stored as an article
    (or an update of it, with a version); a changed article goes on to filing."""

    name = "ingest"
    model = Entry
    due_field = "next_attempt_at"
    done = {"state": Entry.State.DONE, "last_error": ""}
    failed = {"state": Entry.State.FAILED}

    def pending(self):
        return Entry.objects.filter(state=Entry.State.PENDING)

    def sweep(self, now):
        """A whole article an outlet pushed stays on its entry for PUSH_KEEP_DAYS after it was
        ended (ingesting the entry again re-stores it as sent); then the article and its versions
        are its only copy, and ingesting again fetches the URL. A bounded batch a pass."""
        keep = timedelta(days=settings.QUANGBA_PIPELINE["PUSH_KEEP_DAYS"])
        old = Entry.objects.filter(payload__isnull=False, updated_at__lt=now - keep) \
            .exclude(state=Entry.State.PENDING).order_by("updated_at").values_list("pk", flat=True)[:500]
        return Entry.objects.filter(pk__in=list(old)).update(payload=None)

    def accept(self, keys) -> None:
        Entry.objects.filter(pk__in=list(keys)).update(
            state=Entry.State.PENDING, attempts=0, last_error="", next_attempt_at=timezone.now())

    def fail(self, key, exc: BaseException):
        """As any stage; a wall that is still there at the last try marks the entry "walled" (the
        feed's summary stays on it as the excerpt): the desk lists them, nothing is stored."""
        failure = super().fail(key, exc)
        if isinstance(exc, Walled) and failure is not None and failure.permanent:
            Entry.objects.filter(pk=key, state=Entry.State.FAILED).update(state=Entry.State.WALLED)
        return failure

    def run(self, key) -> None:
        entry = Entry.objects.select_related("feed__outlet").get(pk=key)
        # A whole article its outlet pushed is stored as sent; anything else is fetched.
        doc, fetched_url = (pushed_document(entry), entry.url) if entry.payload else fetch_and_extract(entry)
        with self.commit(key):
            outcome = store(entry, doc, fetched_url=fetched_url)
            if outcome.changed:
                self.hand_off([outcome.article_id])
