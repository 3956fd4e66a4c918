from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["slug", "shown_name", "position"]

    @admin.display(description=_("name"))
    def shown_name(self, obj):
        return obj.name
