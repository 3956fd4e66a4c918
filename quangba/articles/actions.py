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


class PublishArticle(Action):
    name = "publish"
    permission = "articles.change_article"

    def execute(self):
        Article.objects.filter(pk=self.target.pk).update(status=Article.Status.PUBLISHED, review_reason="")
        return [self.target.pk]


class HoldArticle(Action):
    name = "hold"
    permission = "articles.change_article"

    def execute(self):
        Article.objects.filter(pk=self.target.pk).update(
            status=Article.Status.REVIEW, review_reason=f"held by an editor: {self.reason}"[:2000])
        return [self.target.pk]


class TakedownArticle(Action):
    """The partner withdrew one article: gone from every public surface (410 on its page)."""

    name = "takedown"
    permission = "articles.change_article"

    def execute(self):
        Article.objects.filter(pk=self.target.pk).update(
            status=Article.Status.WITHDRAWN, review_reason=f"taken down: {self.reason}"[:2000])
        return [self.target.pk]


class TakedownOutlet(Action):
    """The partner withdrew everything: its articles leave every public surface, polling stops."""

    name = "takedown"
    permission = "sources.change_outlet"

    def execute(self):
        Outlet.objects.filter(pk=self.target.pk).update(active=False)
        return list(Article.objects.filter(outlet=self.target).values_list("pk", flat=True))


class RestoreOutlet(Action):
    name = "restore"
    permission = "sources.change_outlet"

    def execute(self):
        Outlet.objects.filter(pk=self.target.pk).update(active=True)
        return list(Article.objects.filter(outlet=self.target).values_list("pk", flat=True))
