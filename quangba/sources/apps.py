from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "quangba.sources"
    label = "sources"
