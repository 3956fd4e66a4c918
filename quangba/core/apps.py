from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "quangba.core"
    verbose_name = _("Pipeline and audit")
    label = "quangba_core"
