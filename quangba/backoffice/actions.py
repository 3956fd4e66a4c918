"""Admin actions that ask why before they act, then run the editorial command objects."""
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def reason_action(command, description: str, *, ask_reason: bool = True):
    """An admin action running `command(obj, user=…, reason=…).run()` for each selected object,
    after a confirmation page that asks for the reason (kept in the audit log)."""

    def action(modeladmin, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if ask_reason and "confirmed" not in request.POST:
            return TemplateResponse(request, "admin/quangba/reason.html", {
                **modeladmin.admin_site.each_context(request), "title": description, "objects": queryset,
                "action": request.POST.get("action"), "opts": modeladmin.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            })
        if ask_reason and not reason:
            modeladmin.message_user(request, _("Say why: the reason goes to the audit log."), messages.ERROR)
            return None
        for obj in queryset:
            command(obj, user=request.user, reason=reason).run()
        modeladmin.message_user(request, _("%(action)s: %(count)d done.") % {
            "action": description, "count": queryset.count()}, messages.SUCCESS)
        return None

    action.short_description = description
    action.__name__ = f"action_{command.__name__.lower()}"
    return admin.action(description=description)(action)
