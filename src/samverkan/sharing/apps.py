from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "samverkan.sharing"
    label = "sharing"
    verbose_name = "Sharing"
