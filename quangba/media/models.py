"""A picture the portal keeps: one row per distinct file (by the hash of its bytes), whichever
articles, outlets or videos use it; its renditions live in the media storage (STORAGES["media"])."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import addresses


class MediaFile(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo or poster")
        LOGO = "logo", _("Logo")

    digest = models.CharField(_("content hash"), max_length=64, unique=True,
                              help_text=_("SHA-256 of the file as fetched: the same picture is kept once."))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PHOTO)
    format = models.CharField(_("original format"), max_length=10)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("bytes fetched"))
    placeholder = models.CharField(_("placeholder colour"), max_length=7, blank=True)
    focal_x = models.FloatField(
        _("focal point, across"), null=True, blank=True,
        help_text=_("0 = left edge, 1 = right edge: where cards crop around. Empty: guessed from the picture."))
    focal_y = models.FloatField(
        _("focal point, down"), null=True, blank=True, help_text=_("0 = top edge, 1 = bottom edge."))
    renditions = models.JSONField(_("renditions"), default=list, blank=True)
    source_url = models.URLField(_("fetched from"), max_length=1000)
    created_at = models.DateTimeField(_("kept since"), auto_now_add=True)

    class Meta:
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")

    def __str__(self) -> str:
        return f"{self.digest[:12]} {self.width}×{self.height} {self.format}"

    @property
    def ratio(self) -> float:
        return self.width / self.height if self.height else 1.0

    def src(self, variant: str = "full", width: int = 960) -> str:
        """One URL of the picture (JPEG/PNG, or the SVG) near `width` pixels wide, or ""."""
        return addresses.src(self, variant, width)
