"""The audit log: every editorial action, who did it, when, to what and why."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=50, db_index=True)
    target_type = models.CharField(_("target type"), max_length=50)
    target_id = models.CharField(_("target id"), max_length=50)
    target_repr = models.CharField(_("target"), max_length=300)
    reason = models.TextField(_("why"), blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user or 'system'} {self.action} {self.target_repr}"


def record(user, action: str, target, reason: str = "") -> AuditEntry:
    """Write one audit entry for `action` on `target` (any model instance)."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None, action=action,
        target_type=target._meta.label_lower, target_id=str(target.pk), target_repr=str(target)[:300],
        reason=reason)
