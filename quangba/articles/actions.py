"""Editorial actions as small command objects: check permission → execute → log → signal."""
from django.core.exceptions import PermissionDenied
from django.db import transaction

from quangba.core.models import record
from quangba.sources.models import Outlet

from .models import Article
from .signals import content_changed


class Action:
    """One editorial action on one target. Subclasses set `name`, `permission` and `execute`."""

    name = ""
    permission = ""

    def __init__(self, target, *, user=None, reason: str = ""):
        self.target, self.user, self.reason = target, user, reason.strip()

    def check(self) -> None:
        if self.user is not None and not self.user.has_perm(self.permission):
            raise PermissionDenied(f"{self.user} may not {self.name} {self.target}")

    def execute(self) -> list[int]:
        raise NotImplementedError

    def run(self) -> list[int]:
        self.check()
        with transaction.atomic():
            changed = self.execute()
            record(self.user, self.name, self.target, self.reason)
        transaction.on_commit(lambda: content_changed.send(sender=type(self), articles=changed))
        return changed


class SetArticleStatus(Action):
    """Puts one article in `status`; `review_reason` records why (`{reason}` is the editor's)."""

    permission = "articles.change_article"
    status = Article.Status.PUBLISHED
    reason_format = ""

    def execute(self):
        Article.objects.filter(pk=self.target.pk).update(
            status=self.status, review_reason=self.reason_format.format(reason=self.reason)[:2000])
        return [self.target.pk]


class PublishArticle(SetArticleStatus):
    name = "publish"


class HoldArticle(SetArticleStatus):
    name = "hold"
    status = Article.Status.REVIEW
    reason_format = "held by an editor: {reason}"


class TakedownArticle(SetArticleStatus):
    """The partner withdrew one article: gone from every public surface (410 on its page)."""

    name = "takedown"
    status = Article.Status.WITHDRAWN
    reason_format = "taken down: {reason}"


class SetOutletActive(Action):
    """Takes an outlet and all its articles off every public surface (and stops polling it), or
    brings them back."""

    permission = "sources.change_outlet"
    active = False

    def execute(self):
        Outlet.objects.filter(pk=self.target.pk).update(active=self.active)
        return list(Article.objects.filter(outlet=self.target).values_list("pk", flat=True))


class TakedownOutlet(SetOutletActive):
    name = "takedown"


class RestoreOutlet(SetOutletActive):
    name = "restore"
    active = True
