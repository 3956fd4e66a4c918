"""Back-office chrome (the admin site's titles), the read-only audit log and the hand-offs
between stages (what is waiting, and what failed for good with why)."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.core.actions import RetryHandoff
from quangba.core.models import AuditEntry, Handoff
from quangba.core.reasons import localize

from .actions import reason_action

admin.site.site_header = _("quangba back office")
admin.site.site_title = _("quangba")
admin.site.index_title = _("Partners, articles and readers")


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly):
    list_display = ["at", "actor", "action", "target_type", "target_repr", "why"]
    list_filter = ["automatic", "action", "target_type"]
    search_fields = ["target_repr", "reason"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
    list_select_related = ["user"]

    @admin.display(description=_("by"))
    def actor(self, entry):
        return entry.actor

    @admin.display(description=_("why"))
    def why(self, entry):
        """The pipeline's reasons in the editor's language; a person's as written."""
        return localize(entry.reason)


@admin.register(Handoff)
class HandoffAdmin(ReadOnly):
    list_display = ["stage", "key", "state", "due_at", "attempts", "last_error"]
    readonly_fields = [f.name for f in Handoff._meta.fields]
    list_filter = ["stage"]
    search_fields = ["=key", "last_error"]
    actions = [reason_action(RetryHandoff, _("Retry the selected hand-offs"), ask_reason=False)]

    @admin.display(description=_("state"))
    def state(self, handoff):
        return _("waiting") if handoff.due_at else _("failed: needs a person")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("quangba_core.change_handoff")  # for the retry action
