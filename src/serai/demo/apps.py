from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "serai.demo"
    label = "demo"
    verbose_name = "Demo newsroom"
