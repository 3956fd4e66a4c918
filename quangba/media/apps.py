from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "quangba.media"
    verbose_name = _("Pictures")
    label = "media"
