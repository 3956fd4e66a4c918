"""What every app shares: the audit log, the hand-offs between stages and named counters."""
from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One state change: who made it (nobody: the pipeline), what, on what and why."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("user"))
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=50, db_index=True)
    target_type = models.CharField(_("target type"), max_length=50)
    target_id = models.CharField(_("target id"), max_length=50)
    target_repr = models.CharField(_("target"), max_length=300)
    reason = models.TextField(_("why"), blank=True)
    automatic = models.BooleanField(_("decided by the pipeline"), default=False)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target_repr}"

    @property
    def actor(self) -> str:
        return str(self.user) if self.user_id else ("pipeline" if self.automatic else "operator")


def record(user, action: str, target, reason: str = "", *, automatic: bool = False) -> AuditEntry:
    """Write one audit entry for `action` on `target` (any model instance)."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None, action=action,
        target_type=target._meta.label_lower, target_id=str(target.pk), target_repr=str(target)[:300],
        reason=reason, automatic=automatic)


class Handoff(models.Model):
    """A key (an article's primary key) handed to a stage of the chain: due at `due_at`, claimed
    while `due_at` lies in the future, done when the row is gone. A null `due_at` means it failed
    for good and waits for a person (the error says why)."""

    stage = models.CharField(_("stage"), max_length=40)
    key = models.BigIntegerField(_("key"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    handed_at = models.DateTimeField(_("handed over"), auto_now=True)

    class Meta:
        ordering = ["stage", "due_at"]
        constraints = [models.UniqueConstraint(fields=["stage", "key"], name="unique_handoff")]
        indexes = [models.Index(fields=["stage", "due_at"])]
        verbose_name = _("hand-off")
        verbose_name_plural = _("hand-offs")

    def __str__(self) -> str:
        return f"{self.stage} #{self.key}"


class Run(models.Model):
    """A row of a stage being run now, by the run holding `token`, until `until` (its lease: a dead
    worker's marker expires with it). A row handed over again while it runs is claimed again at
    once; this marker keeps the second run from starting beside the first."""

    stage = models.CharField(max_length=40)
    key = models.BigIntegerField()
    token = models.CharField(max_length=32)
    until = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stage", "key"], name="unique_run")]

    def __str__(self) -> str:
        return f"{self.stage} #{self.key} until {self.until:%H:%M:%S}"


class Counter(models.Model):
    """A named number every process shares: the content generation the page cache keys on, the
    cursors of sweeps."""

    name = models.CharField(max_length=100, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.name} = {self.value}"

    @classmethod
    def read(cls, name: str, default: int = 0) -> int:
        return cls.objects.filter(name=name).values_list("value", flat=True).first() or default

    @classmethod
    def write(cls, name: str, value: int) -> None:
        cls.objects.update_or_create(name=name, defaults={"value": value})

    @classmethod
    def bump(cls, name: str) -> None:
        """Add one, in one statement (no lost update between processes)."""
        if not cls.objects.filter(name=name).update(value=F("value") + 1):
            try:
                with transaction.atomic():
                    cls.objects.create(name=name, value=1)
            except IntegrityError:  # another process created it first
                cls.objects.filter(name=name).update(value=F("value") + 1)
