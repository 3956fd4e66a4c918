from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "quangba.sources"
    verbose_name = _("Partner outlets")
    label = "sources"
