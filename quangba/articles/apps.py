from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "quangba.articles"
    label = "articles"
