"""Moderating comments, as audited Actions; the article's page is baked again after each."""
from quangba.core.actions import Action

from .models import Comment


class Moderate(Action):
    permission = "comments.change_comment"
    then = "bake"
    status = Comment.Status.APPROVED

    def execute(self):
        Comment.objects.filter(pk=self.target.pk).update(status=self.status)
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
        return [self.target.article_id]
