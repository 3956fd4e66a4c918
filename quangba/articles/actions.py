"""What editors (and the publish stage) do to articles and their translations, as audited Actions.
An editor's decision sticks: the publish stage leaves it alone until the content changes."""
from django.utils import timezone

from quangba.core.actions import Action

from .models import Article, ArticleTranslation


class SetArticleStatus(Action):
    """Puts one article in `status`; `review_reason` records why (`{reason}` is the given reason)."""

    permission = "articles.change_article"
    status = Article.Status.PUBLISHED
    reason_format = "{reason}"
    sticks = None  # None: an editor's decision sticks, the pipeline's does not

    def execute(self):
        sticks = (not self.automatic) if self.sticks is None else self.sticks
        Article.objects.filter(pk=self.target.pk).update(
            status=self.status, decided_by_editor=sticks,
            review_reason=self.reason_format.format(reason=self.reason)[:2000] if self.status != Article.Status.PUBLISHED
            else "")
        return [self.target.pk]


class PublishArticle(SetArticleStatus):
    name = "publish"


class HoldArticle(SetArticleStatus):
    name = "hold"
    status = Article.Status.REVIEW


class TakedownArticle(SetArticleStatus):
    """The partner withdrew one article: gone from every public surface (410 on its page), and its
    pictures' files from the media storage once the change is committed (unless another live
    article or an outlet's logo uses the same picture)."""

    name = "takedown"
    status = Article.Status.WITHDRAWN
    reason_format = "taken down: {reason}"
    sticks = True


class RestoreArticle(SetArticleStatus):
    """Undo a takedown: the publish stage decides again, as for a new article; pictures whose files
    went with the takedown are fetched again (the media stage's retries, in the background)."""

    name = "restore"
    status = Article.Status.PENDING
    sticks = False


class ChangeFiling(Action):
    """An editor files the article under another section and/or other places; the choice sticks
    through re-ingests."""

    name = "file"
    permission = "articles.change_article"

    def __init__(self, target, *, section=None, places=None, **kwargs):
        super().__init__(target, **kwargs)
        self.section, self.places = section, places

    def execute(self):
        if self.section is not None:
            Article.objects.filter(pk=self.target.pk).update(section=self.section, section_locked=True)
        if self.places is not None:
            self.target.places.set(self.places)
            Article.objects.filter(pk=self.target.pk).update(places_locked=True)
        return [self.target.pk]


class SetTranslationStatus(Action):
    """Publishes or holds one translation (the publish stage does it from the QA gate's verdict)."""

    permission = "articles.change_articletranslation"
    status = ArticleTranslation.Status.PUBLISHED

    def execute(self):
        ArticleTranslation.objects.filter(pk=self.target.pk).update(
            status=self.status, decided_by_editor=not self.automatic)
        return [self.target.article_id]


class PublishTranslation(SetTranslationStatus):
    name = "publish translation"


class HoldTranslation(SetTranslationStatus):
    name = "hold translation"
    status = ArticleTranslation.Status.REVIEW


class Retranslate(Action):
    """Send the translation to the engines again (after a glossary fix, say)."""

    name = "translate again"
    permission = "articles.change_articletranslation"

    def execute(self):
        ArticleTranslation.objects.filter(pk=self.target.pk).update(
            status=ArticleTranslation.Status.PENDING, attempts=0, last_error="", decided_by_editor=False,
            next_attempt_at=timezone.now())
        return [self.target.article_id]
