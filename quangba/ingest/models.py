"""The entries partner feeds list: the unit of work of the ingest stage."""
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """An item a feed listed: the unit of work of the ingest stage (fetch → extract → article)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        WALLED = "walled", _("Behind a wall (paywall, login, bot challenge)")

    feed = models.ForeignKey("sources.Feed", on_delete=models.CASCADE, related_name="entries", verbose_name=_("feed"))
    identity = models.CharField(_("identity"), max_length=64, help_text=_("Hash of the item's GUID (or link), within its feed."))
    guid = models.CharField(_("GUID"), max_length=1000, blank=True)
    url = models.URLField(_("URL"), max_length=1000)
    title = models.CharField(_("title"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("What the feed says of the item (plain text): the excerpt "
                               "kept when the page turns out to be behind a wall."))
    categories = models.JSONField(_("categories"), default=list, blank=True)
    media = models.JSONField(_("media"), default=list, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, help_text=_("Hash of what the feed says of the entry."))
    payload = models.JSONField(_("payload"), 
        null=True, blank=True,
        help_text=_("A whole article the outlet pushed (the ingest API): stored as sent, not fetched."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("What the ingest noticed and did not believe (a foreign canonical URL, say)."))
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="entries", verbose_name=_("article")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feed entry")
        verbose_name_plural = _("feed entries")
        indexes = [models.Index(fields=["state", "next_attempt_at"]),
                   # The pushed articles still kept, by age: the ingest's sweep prunes the old ones.
                   models.Index(fields=["updated_at"], condition=models.Q(payload__isnull=False),
                                name="entry_payload_kept")]
        # An item belongs to the feed that lists it: another feed naming the same GUID is another entry.
        constraints = [models.UniqueConstraint(fields=["feed", "identity"], name="unique_feed_identity")]

    def __str__(self) -> str:
        return self.title or self.url
