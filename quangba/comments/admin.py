from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.backoffice.actions import reason_action

from .actions import ApproveComment, DeleteComment, MarkCommentSpam, RejectComment
from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "text_start", "article", "status", "created_at", "ip_address"]
    list_filter = ["status", "language"]
    search_fields = ["name", "email", "text"]
    list_select_related = ["article"]
    actions = [
        reason_action(ApproveComment, _("Approve the selected comments"), ask_reason=False),
        reason_action(RejectComment, _("Reject the selected comments"), ask_reason=False),
        reason_action(MarkCommentSpam, _("Mark the selected comments as spam"), ask_reason=False),
        reason_action(DeleteComment, _("Delete the selected comments")),
    ]

    @admin.display(description=_("comment"))
    def text_start(self, comment):
        return comment.text[:120]

    def get_actions(self, request):
        # Deleting goes through the audited action (which re-bakes the article's page).
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_model(self, request, obj):
        DeleteComment(obj, user=request.user, reason=_("deleted in the admin")).run()
