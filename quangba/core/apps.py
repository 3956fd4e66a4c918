from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quangba.core"
    label = "quangba_core"
