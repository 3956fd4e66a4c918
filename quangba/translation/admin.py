from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ArticleTranslation, GlossaryTerm, TranslationMemoryEntry


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "language", "status", "qa_summary", "engines", "engine_calls", "translated_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "article__title"]
    list_select_related = ["article"]
    readonly_fields = ["article", "language", "qa_issues", "engines", "source_hash", "engine_calls",
                       "segments_sent", "segments_total", "attempts", "last_error", "translated_at"]
    actions = ["publish", "retranslate"]

    @admin.display(description=_("QA"))
    def qa_summary(self, obj):
        return "; ".join(obj.qa_issues[:3]) or "✓"

    @admin.action(description=_("Publish the selected translations (reviewed)"))
    def publish(self, request, queryset):
        queryset.update(status=ArticleTranslation.Status.PUBLISHED)

    @admin.action(description=_("Translate the selected again"))
    def retranslate(self, request, queryset):
        from django.utils import timezone

        queryset.update(status=ArticleTranslation.Status.PENDING, attempts=0, next_attempt_at=timezone.now())


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "source_language", "target_language", "do_not_translate", "strict"]
    list_filter = ["source_language", "target_language", "do_not_translate"]
    search_fields = ["source", "target", "note"]


@admin.register(TranslationMemoryEntry)
class TranslationMemoryAdmin(admin.ModelAdmin):
    list_display = ["source_text", "translation", "engine", "source_language", "target_language"]
    list_filter = ["engine", "source_language", "target_language"]
    search_fields = ["source_text", "translation"]
