"""What editors (and the pipeline) do to a feed, as audited Actions."""
from django.utils import timezone

from quangba.core.actions import Action
from quangba.core.stages import send

from .models import Feed


class FeedAction(Action):
    permission = "sources.change_feed"
    then = None  # no article changes

    def execute(self):
        self.change(Feed.objects.filter(pk=self.target.pk))
        return []

    def change(self, feeds) -> None:
        raise NotImplementedError


class PauseFeed(FeedAction):
    """Stop polling a feed (the pipeline does it after repeated failures, saying why)."""

    name = "pause"

    def change(self, feeds):
        feeds.update(paused=True)


class ResumeFeed(FeedAction):
    """Poll a paused feed again, from a clean error streak, at the next scheduler pass."""

    name = "resume"

    def change(self, feeds):
        feeds.update(paused=False, error_count=0, next_check_at=timezone.now())


class CheckFeedNow(FeedAction):
    """Poll the feed at the next scheduler pass."""

    name = "check now"

    def change(self, feeds):
        send("poll", [self.target.pk])


class SetOutletActive(Action):
    """Takes an outlet and all its articles off every public surface (and stops polling it), or
    brings them back."""

    permission = "sources.change_outlet"
    active = False

    def execute(self):
        type(self.target).objects.filter(pk=self.target.pk).update(active=self.active)
        return list(self.target.articles.values_list("pk", flat=True))


class TakedownOutlet(SetOutletActive):
    name = "takedown"


class RestoreOutlet(SetOutletActive):
    name = "restore"
    active = True
