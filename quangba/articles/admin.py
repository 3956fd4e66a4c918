from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from quangba.backoffice.actions import reason_action
from quangba.core.reasons import localize, localize_finding

from .actions import (ChangeFiling, HoldArticle, HoldTranslation, PublishArticle, PublishTranslation, RestoreArticle,
                      Retranslate, TakedownArticle)
from .models import Article, ArticleImage, ArticleTranslation, ArticleVersion


class ImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0
    fields = ["position", "url", "caption", "credit", "alt", "file", "media_error", "media_tries", "media_retry_at"]
    readonly_fields = ["file", "media_error", "media_tries", "media_retry_at"]


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
                       "version", "first_seen_at", "modified_at", "section_hint", "categories", "status",
                       "why_held", "decided_by_editor", "section_locked", "places_locked"]
    exclude = ["review_reason"]  # shown as why_held, in the editor's language
    inlines = [ImageInline, VersionInline]
    actions = [
        reason_action(PublishArticle, _("Publish the selected articles"), ask_reason=False),
        reason_action(HoldArticle, _("Hold the selected articles for review")),
        reason_action(TakedownArticle, _("Take down the selected articles (partner withdrawal)")),
        reason_action(RestoreArticle, _("Restore the selected articles")),
    ]

    @admin.display(description=_("why held"))
    def why_held(self, obj):
        return localize(obj.review_reason)

    def save_model(self, request, obj, form, change):
        # Section and places go through the audited filing action; an editor's choice sticks.
        request.quangba_filing = {"section", "places"} & set(form.changed_data) if change else set()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        filing, obj = getattr(request, "quangba_filing", None), form.instance
        if not filing:
            return super().save_related(request, form, formsets, change)
        places = form.cleaned_data.pop("places", None)
        super().save_related(request, form, formsets, change)
        ChangeFiling(obj, user=request.user, reason=_("changed in the admin"),
                     section=obj.section if "section" in filing else None,
                     places=list(places) if "places" in filing else None).run()


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "language", "status", "qa_summary", "engines", "engine_calls", "translated_at"]
    list_filter = ["status", "language"]
    search_fields = ["title", "article__title"]
    list_select_related = ["article"]
    exclude = ["qa_issues", "machine", "approved_hash"]  # findings shown as qa_findings, in the editor's language
    readonly_fields = ["side_by_side", "article", "language", "status", "qa_passed", "qa_findings", "engines",
                       "source_hash", "engine_calls", "segments_sent", "segments_total", "attempts", "last_error",
                       "translated_at", "decided_by_editor", "by_editors", "edited_by", "edited_at"]
    actions = [
        reason_action(PublishTranslation, _("Publish the selected translations (reviewed)"), ask_reason=False),
        reason_action(HoldTranslation, _("Hold the selected translations for review")),
        reason_action(Retranslate, _("Translate the selected again"), ask_reason=False),
    ]

    @admin.display(description=_("Edit"))
    def side_by_side(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("desk:translation", args=[obj.pk]), _("Edit side by side"))

    @admin.display(description=_("QA"))
    def qa_summary(self, obj):
        return "; ".join(localize_finding(finding) for finding in obj.qa_issues[:3]) or "✓"

    @admin.display(description=_("QA findings"))
    def qa_findings(self, obj):
        findings = ((localize_finding(finding),) for finding in obj.qa_issues)
        return format_html_join(mark_safe("<br>"), "{}", findings) or "—"
