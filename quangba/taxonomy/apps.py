from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "quangba.taxonomy"
    verbose_name = _("Sections and places")
    label = "taxonomy"
