"""The portal's sections."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The portal's sections, in menu order; their names are chrome, translated through gettext.
SECTIONS = [
    ("news", _("News")),
    ("political-system", _("Political System")),
    ("business", _("Business")),
    ("heritage", _("Heritage")),
    ("figure", _("Figure")),
    ("local", _("Local")),
    ("product", _("Product")),
    ("travel", _("Travel")),
    ("video", _("Video")),
]
SECTION_NAMES = dict(SECTIONS)
DEFAULT_SECTION = "news"


class Section(models.Model):
    """A section of the portal (News, Business, Travel…)."""

    slug = models.SlugField(max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self):
        return SECTION_NAMES.get(self.slug, self.slug)

    def get_absolute_url(self) -> str:
        return reverse("web:section", kwargs={"slug": self.slug})
