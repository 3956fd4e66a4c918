from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "quangba.backoffice"
    label = "backoffice"
