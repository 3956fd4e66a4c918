"""Back-office chrome (the admin site's titles) and the read-only audit log."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from quangba.core.models import AuditEntry

admin.site.site_header = _("quangba back office")
admin.site.site_title = _("quangba")
admin.site.index_title = _("Partners, articles and readers")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "target_type", "target_repr", "reason"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "reason"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
