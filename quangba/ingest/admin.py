from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.backoffice.actions import reason_action

from .actions import RetryEntry
from .models import Entry


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "feed", "state", "attempts", "next_attempt_at", "article", "problem"]
    list_filter = ["state", "feed__outlet"]
    search_fields = ["title", "url", "guid"]
    readonly_fields = ["identity", "fingerprint", "article", "last_error", "notes", "attempts", "summary", "payload"]
    list_select_related = ["feed", "article"]
    actions = [reason_action(RetryEntry, _("Retry the selected entries"), ask_reason=False)]

    @admin.display(description=_("problem"))
    def problem(self, entry):
        return entry.last_error[:120]
