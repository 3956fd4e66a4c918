"""What editors do to a feed entry, as audited Actions."""
from quangba.core.actions import Action
from quangba.core.stages import send


class RetryEntry(Action):
    """Fetch, extract and store the entry again at the next scheduler pass (after its outlet
    fixed the page, or its failure was on our side)."""

    name = "retry"
    permission = "ingest.change_entry"
    then = None

    def execute(self):
        send("ingest", [self.target.pk])
        return []
