from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "samverkan.imports"
    label = "imports"
    verbose_name = "Bulk imports"
