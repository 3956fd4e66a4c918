from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "quangba.comments"
    label = "comments"
