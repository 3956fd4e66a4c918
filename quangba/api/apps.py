from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "quangba.api"
    label = "quangba_api"
    verbose_name = _("Public API")
