from django.apps import AppConfig


class EntitiesConfig(AppConfig):
    name = "samverkan.entities"
    label = "entities"
    verbose_name = "Entities"
