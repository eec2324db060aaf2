from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "samverkan.access"
    label = "access"
    verbose_name = "Access"
