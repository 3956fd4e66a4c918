from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.backoffice.actions import reason_action

from .actions import HoldArticle, PublishArticle, TakedownArticle
from .models import Article, ArticleImage, ArticleVersion


class ImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ["position", "url", "caption", "credit", "alt"]


class VersionInline(admin.TabularInline):
    model = ArticleVersion
    extra = 0
    can_delete = False
    fields = ["number", "title", "fetched_at", "content_hash"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "language", "section", "status", "published_at", "version", "confidence"]
    list_filter = ["status", "language", "section", "outlet"]
    search_fields = ["title", "original_url"]
    date_hierarchy = "published_at"
    list_select_related = ["outlet", "section"]
    readonly_fields = ["identity", "original_url", "canonical_url", "extractor", "confidence", "content_hash",
                       "version", "first_seen_at", "modified_at", "section_hint"]
    inlines = [ImageInline, VersionInline]
    actions = [
        reason_action(PublishArticle, _("Publish the selected articles"), ask_reason=False),
        reason_action(HoldArticle, _("Hold the selected articles for review")),
        reason_action(TakedownArticle, _("Take down the selected articles (partner withdrawal)")),
    ]

    def save_model(self, request, obj, form, change):
        # An editor's choice of section survives re-ingests.
        if change and "section" in form.changed_data:
            obj.section_locked = True
        super().save_model(request, obj, form, change)
