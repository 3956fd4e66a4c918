from django.contrib import admin

from .models import GlossaryTerm, TranslationMemoryEntry


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
