from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "quangba.demo"
    label = "demo"
