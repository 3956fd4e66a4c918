from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import FrontPick, Story


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    """Raw story rows; merging, splitting and the lead article are the desk's (audited)."""

    list_display = ["title", "reports", "updated_at", "on_the_desk"]
    search_fields = ["title"]
    readonly_fields = ["title", "reports", "lead", "on_the_desk"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("Desk"))
    def on_the_desk(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("desk:story", args=[obj.pk]), _("Open on the desk"))


@admin.register(FrontPick)
class FrontPickAdmin(admin.ModelAdmin):
    list_display = ["story", "kind", "language", "section", "position", "starts_at", "ends_at"]
    list_filter = ["language", "kind", "section"]
    raw_id_fields = ["story"]
    readonly_fields = ["created_by"]
