"""State changes as small command objects: check permission → execute → audit → hand the affected
articles to a stage → signal on commit. Editors run them from the admin, the desk and the command
line; the pipeline runs the same ones with `user=None` (audited as automatic, with the reason)."""
from django.core.exceptions import PermissionDenied
from django.db import transaction

from .models import record
from .signals import acted, changed
from .stages import send


class Action:
    """One state change on one target. Subclasses set `name`, `permission` and `execute()`, which
    returns the primary keys of the articles whose public pages change; those go to the stage
    named by `then` (not when a stage runs the action: `hand_off=False`, the stage hands its work
    on itself). `automatic`: the pipeline decided, by a rule; otherwise a person did, from the
    admin or the desk (`user`) or the command line."""

    name = ""
    permission = ""
    then: str | None = "publish"

    def __init__(self, target, *, user=None, reason: str = "", automatic: bool = False, hand_off: bool = True):
        self.target, self.user, self.reason = target, user, reason.strip()
        self.automatic, self.hand_off = automatic, hand_off

    def __str__(self) -> str:
        return f"{self.name} {self.target}"

    def check(self) -> None:
        if self.user is not None and not self.user.has_perm(self.permission):
            raise PermissionDenied(f"{self.user} may not {self.name} {self.target}")

    def execute(self) -> list[int]:
        raise NotImplementedError

    def run(self) -> list[int]:
        self.check()
        before = getattr(self.target, "status", None)
        with transaction.atomic():
            keys = list(self.execute() or [])
            record(self.user, self.name, self.target, self.reason, automatic=self.automatic)
            acted.send(sender=type(self), action=self, before=before)
            if self.then and self.hand_off:
                send(self.then, keys)
            transaction.on_commit(lambda: changed.send(sender=type(self), action=self, keys=keys))
        return keys


class RetryHandoff(Action):
    """Give a hand-off that failed for good back to its stage (after the cause was fixed)."""

    name = "retry"
    permission = "quangba_core.change_handoff"
    then = None

    def execute(self):
        send(self.target.stage, [self.target.key])
        return []
