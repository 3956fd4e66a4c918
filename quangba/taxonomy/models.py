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

    @classmethod
    def for_slug(cls, slug: str) -> "Section":
        """The section with this slug, created in its menu position if missing."""
        positions = [s for s, _name in SECTIONS]
        section, _created = cls.objects.get_or_create(
            slug=slug, defaults={"position": positions.index(slug) if slug in positions else len(positions)})
        return section

    @classmethod
    def ensure_all(cls) -> None:
        for slug, _name in SECTIONS:
            cls.for_slug(slug)

    @property
    def name(self):
        return SECTION_NAMES.get(self.slug, self.slug)

    def get_absolute_url(self) -> str:
        return reverse("web:section", kwargs={"slug": self.slug})
