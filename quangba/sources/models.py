"""Partner outlets and their feeds."""
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quangba.core.text import web_url


def validate_zone(name: str) -> None:
    if name not in available_timezones():
        raise ValidationError(_("%(name)s is not a time zone name (such as Asia/Ho_Chi_Minh)."), params={"name": name})


class Outlet(models.Model):
    """A partner newspaper and the terms of its agreement with the portal."""

    class Licence(models.TextChoices):
        FULL = "full", _("Full text")
        EXCERPT = "excerpt", _("Excerpt only")

    class Publish(models.TextChoices):
        AUTO = "auto", _("Publish automatically")
        REVIEW = "review", _("Hold for review")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    homepage = models.URLField(_("homepage"), max_length=500)
    logo_url = models.URLField(_("logo URL"), max_length=500, blank=True)
    logo_file = models.ForeignKey("media.MediaFile", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("kept logo"))
    logo_source = models.URLField(_("logo kept from"), max_length=500, blank=True, editable=False)
    logo_error = models.CharField(_("why the logo is not kept"), max_length=500, blank=True, editable=False)
    logo_checked_at = models.DateTimeField(_("logo last fetched"), null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="Asia/Ho_Chi_Minh", validators=[validate_zone],
        help_text=_("Where the outlet's dates written without a zone (feeds, sitemaps, pushes) are read."))
    licence = models.CharField(_("licence"), max_length=10, choices=Licence.choices, default=Licence.FULL)
    images_allowed = models.BooleanField(_("images allowed"), default=True)
    publish = models.CharField(_("publishing"), max_length=10, choices=Publish.choices, default=Publish.AUTO)
    allow_private_addresses = models.BooleanField(
        _("allow private addresses"), default=False,
        help_text=_("Only for outlets on the portal's own network (the demo's sample outlets)."),
    )
    extraction_rules = models.CharField(
        _("extraction rule set"), max_length=100, blank=True,
        help_text=_("Name of the extraction rule set; empty: matched from the page itself."),
    )
    section_map = models.JSONField(
        _("category → section map"), default=dict, blank=True,
        help_text=_("The outlet's own category names or URL path parts mapped to portal section slugs."),
    )
    active = models.BooleanField(_("active"), default=True)
    idle_hours = models.PositiveIntegerField(
        _("idle after (hours)"), default=24,
        help_text=_("With nothing new for this long, the outlet is flagged on the sources board and the staff "
                    "are told by e-mail."))
    alerted_at = models.DateTimeField(
        _("staff told"), null=True, blank=True,
        help_text=_("When the staff were told of the outlet's current trouble; cleared once it is healthy again."))
    alert = models.CharField(_("trouble"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:outlet", kwargs={"slug": self.slug})

    @property
    def site_url(self) -> str:
        """The homepage, when it is a web URL."""
        return web_url(self.homepage)

    @property
    def zone(self) -> ZoneInfo:
        """The outlet's time zone (the site's, if its name is not known here)."""
        try:
            return ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)

    @property
    def kept_logo(self):
        """The portal's copy of the logo (a MediaFile), or None until the media stage kept it."""
        return self.logo_file if self.logo_file_id is not None and self.logo_file.renditions else None

    @property
    def logo(self) -> str:
        """The kept logo's URL (never the partner's), or ""."""
        return self.kept_logo.src(width=480) if self.kept_logo is not None else ""


class Feed(models.Model):
    """One source of an outlet's new articles, with its conditional-GET state and health: an RSS,
    Atom or RDF feed, a JSON Feed, a (Google News) sitemap or a sitemap index, told apart by what
    the URL serves; or the outlet's pushes through the ingest API (never polled)."""

    class Kind(models.TextChoices):
        POLLED = "polled", _("Fetched (feed or sitemap; WebSub when it names a hub)")
        PUSH = "push", _("Pushed by the outlet through the ingest API")

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="feeds", verbose_name=_("outlet"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.POLLED)
    url = models.URLField(_("URL"), max_length=1000, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    etag = models.CharField(_("ETag"), max_length=300, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    interval_seconds = models.PositiveIntegerField(_("check every (seconds)"), default=900)
    next_check_at = models.DateTimeField(_("next check"), default=timezone.now, db_index=True)
    last_checked_at = models.DateTimeField(_("last check"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    error_count = models.PositiveIntegerField(_("consecutive errors"), default=0)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True,
                                         help_text=_("The first failed check of the current error streak."))
    last_new_at = models.DateTimeField(_("last new item"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    paused = models.BooleanField(
        _("paused"), default=False,
        help_text=_("Set automatically after repeated failures; clear it to resume polling."),
    )

    class Meta:
        ordering = ["outlet__name", "url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self) -> str:
        return self.title or self.url


class Subscription(models.Model):
    """A feed's WebSub subscription at the hub it names: the hub pushes the feed's new content to
    our callback (signed with `secret`) while the lease lasts; polling goes on rarely beside it,
    and at the feed's own rhythm whenever the hub misses an item or the lease is not in force."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested (waiting for the hub to verify)")
        VERIFIED = "verified", _("Verified")
        DENIED = "denied", _("Denied by the hub")

    feed = models.OneToOneField(Feed, on_delete=models.CASCADE, related_name="subscription", verbose_name=_("feed"))
    hub = models.URLField(_("hub"), max_length=1000)
    topic = models.URLField(_("topic"), max_length=1000, help_text=_("The feed's own URL as it names itself."))
    secret = models.CharField(_("secret"), max_length=64, help_text=_("Signs the hub's pushes (HMAC); new with each request."))
    callback_token = models.CharField(_("callback token"), max_length=43, unique=True,
                                      help_text=_("Part of the callback URL; new with each request."))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    last_push_at = models.DateTimeField(_("last push"), null=True, blank=True)
    pushes = models.PositiveIntegerField(_("pushes received"), default=0)
    missed = models.BooleanField(
        _("hub missed items"), default=False,
        help_text=_("A check found items the hub had not pushed: the feed is polled at its own rhythm until a push comes."))
    last_error = models.TextField(_("last problem"), blank=True)

    class Meta:
        verbose_name = _("WebSub subscription")
        verbose_name_plural = _("WebSub subscriptions")

    def __str__(self) -> str:
        return f"{self.topic} @ {self.hub}"

    def in_force(self, now) -> bool:
        """Verified and its lease not over."""
        return self.state == self.State.VERIFIED and self.lease_until is not None and self.lease_until > now


class IngestToken(models.Model):
    """A partner's key to the ingest API, good for its own outlet only. Only a hash is kept: the
    key is shown once, when it is made (`quangba ingest-token create OUTLET`)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="ingest_tokens", verbose_name=_("outlet"))
    name = models.CharField(_("name"), max_length=100, help_text=_("Who uses it (the outlet's CMS, say)."))
    prefix = models.CharField(_("starts with"), max_length=12, help_text=_("Its first characters, to tell keys apart."))
    digest = models.CharField(_("digest"), max_length=64, unique=True, help_text=_("SHA-256 of the key."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["outlet__name", "-created_at"]
        verbose_name = _("ingest API key")
        verbose_name_plural = _("ingest API keys")

    def __str__(self) -> str:
        return f"{self.outlet} — {self.name} ({self.prefix}…)"


class OutletDay(models.Model):
    """What happened to one outlet's articles on one day (the portal's time zone), counted as it
    happens — one row an outlet a day, so the sources board's 14 days and a month's partner report
    read a few hundred rows whatever the size of the archive."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(_("day"))
    ingested = models.PositiveIntegerField(_("ingested"), default=0)
    published = models.PositiveIntegerField(_("articles published"), default=0)
    translated = models.PositiveIntegerField(_("translations published"), default=0)
    held = models.PositiveIntegerField(_("held for review"), default=0)
    taken_down = models.PositiveIntegerField(_("taken down"), default=0)
    comments = models.PositiveIntegerField(_("comments approved"), default=0)

    COUNTS = ("ingested", "published", "translated", "held", "taken_down", "comments")

    class Meta:
        verbose_name = _("outlet's day")
        verbose_name_plural = _("outlets' days")
        constraints = [models.UniqueConstraint(fields=["outlet", "day"], name="unique_outlet_day")]
        indexes = [models.Index(fields=["day", "outlet"], name="outlet_day_by_day")]

    def __str__(self) -> str:
        return f"{self.outlet_id} {self.day}"
