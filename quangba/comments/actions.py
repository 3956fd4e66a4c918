"""Moderating comments, as audited Actions; the article's page is baked again after each."""
from quangba.articles.models import Article
from quangba.core.actions import Action

from .models import Comment


def recount(article_id: int) -> None:
    """The article's count of approved comments, kept on the article (cards show it)."""
    Article.objects.filter(pk=article_id).update(
        comment_count=Comment.objects.filter(article_id=article_id).approved().count())


class Moderate(Action):
    permission = "comments.change_comment"
    then = "bake"
    status = Comment.Status.APPROVED

    def execute(self):
        Comment.objects.filter(pk=self.target.pk).update(status=self.status)
        recount(self.target.article_id)
        return [self.target.article_id]


class ApproveComment(Moderate):
    name = "approve"


class RejectComment(Moderate):
    name = "reject"
    status = Comment.Status.REJECTED


class MarkCommentSpam(Moderate):
    name = "spam"
    status = Comment.Status.SPAM


class DeleteComment(Moderate):
    name = "delete"
    permission = "comments.delete_comment"

    def execute(self):
        Comment.objects.filter(pk=self.target.pk).delete()
        recount(self.target.article_id)
        return [self.target.article_id]
