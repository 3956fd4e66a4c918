from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "quangba.web"
    label = "web"
