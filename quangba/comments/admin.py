from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.articles.signals import content_changed

from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "article", "status", "created_at", "ip_address"]
    list_filter = ["status", "language"]
    search_fields = ["name", "email", "text"]
    list_select_related = ["article"]
    actions = ["approve", "reject", "mark_spam"]

    def _moderate(self, queryset, status):
        articles = list(queryset.values_list("article_id", flat=True).distinct())
        queryset.update(status=status)
        # The counts and lists on the articles' public pages change.
        content_changed.send(sender=Comment, articles=articles)

    @admin.action(description=_("Approve the selected comments"))
    def approve(self, request, queryset):
        self._moderate(queryset, Comment.Status.APPROVED)

    @admin.action(description=_("Reject the selected comments"))
    def reject(self, request, queryset):
        self._moderate(queryset, Comment.Status.REJECTED)

    @admin.action(description=_("Mark the selected comments as spam"))
    def mark_spam(self, request, queryset):
        self._moderate(queryset, Comment.Status.SPAM)
