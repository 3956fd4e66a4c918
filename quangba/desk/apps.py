from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "quangba.desk"
    label = "desk"
    verbose_name = _("Editorial desk")

    def ready(self):
        from quangba.core.signals import acted

        from .counts import count_action

        acted.connect(count_action, dispatch_uid="quangba.desk.count_action")
