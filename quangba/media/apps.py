from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "quangba.media"
    verbose_name = _("Pictures")
    label = "media"

    def ready(self):
        from quangba.core.signals import acted

        from .handlers import on_action

        acted.connect(on_action, dispatch_uid="quangba.media.on_action")
