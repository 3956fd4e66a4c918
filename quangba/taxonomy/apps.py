from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "quangba.taxonomy"
    label = "taxonomy"
