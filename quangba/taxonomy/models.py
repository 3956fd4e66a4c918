"""The portal's sections."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .places import get_place

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

    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

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
        # The Local section is built from places: its own page lists the provinces.
        if self.slug == "local":
            return reverse("web:local")
        return reverse("web:section", kwargs={"slug": self.slug})


class Place(models.Model):
    """A provincial unit of the 2025 map (34): Local pages and the province filters use it.
    Names and aliases live in the gazetteer (quangba/taxonomy/data/places.json)."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100)
    kind = models.CharField(max_length=20)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str) -> str:
        return self.name if language == "vi" else self.name_en

    def get_absolute_url(self) -> str:
        return reverse("web:place", kwargs={"slug": self.slug})

    @classmethod
    def for_slugs(cls, slugs: list[str]) -> list["Place"]:
        """Rows for these gazetteer slugs, created from the gazetteer when missing."""
        existing = {p.slug: p for p in cls.objects.filter(slug__in=slugs)}
        for slug in slugs:
            if slug not in existing:
                place = get_place(slug)
                existing[slug], _created = cls.objects.get_or_create(
                    slug=slug, defaults={"name": place.name, "name_en": place.name_en, "kind": place.kind})
        return [existing[slug] for slug in slugs]
