"""Kept pictures in the admin: what was kept, where from, where it is used, and the focal point
an editor sets for the cards' crop (saved: the crops are rendered again around it)."""
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import store
from .models import MediaFile


@admin.register(MediaFile)
class MediaFileAdmin(admin.ModelAdmin):
    list_display = ["preview_small", "digest_short", "kind", "format", "width", "height", "size", "created_at"]
    list_filter = ["kind", "format"]
    search_fields = ["digest", "source_url"]
    fields = ["preview", "card_preview", "focal_x", "focal_y", "kind", "format", "width", "height", "size",
              "placeholder", "source_url", "digest", "created_at"]
    readonly_fields = ["preview", "card_preview", "kind", "format", "width", "height", "size", "placeholder",
                       "source_url", "digest", "created_at"]

    def has_add_permission(self, request):
        return False  # pictures come from partners through the media stage

    @admin.display(description=_("content hash"))
    def digest_short(self, obj):
        return obj.digest[:12]

    @admin.display(description=_("picture"))
    def preview_small(self, obj):
        return format_html('<img src="{}" alt="" height="40">', obj.src(width=320)) if obj.renditions else "—"

    @admin.display(description=_("picture"))
    def preview(self, obj):
        return format_html('<img src="{}" alt="" width="640">', obj.src(width=640)) \
            if obj.renditions else _("Not kept (its files were removed)")

    @admin.display(description=_("card crop"))
    def card_preview(self, obj):
        return format_html('<img src="{}" alt="" width="320" height="180">', obj.src("card", 320)) \
            if obj.renditions and obj.kind == MediaFile.Kind.PHOTO else "—"

    def save_model(self, request, obj, form, change):
        if {"focal_x", "focal_y"} & set(form.changed_data) and obj.renditions and obj.kind == MediaFile.Kind.PHOTO:
            store.set_focal(obj, obj.focal_x, obj.focal_y)
            messages.info(request, _("The card crops were made again around the new focal point."))
        else:
            super().save_model(request, obj, form, change)
