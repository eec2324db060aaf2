from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "samverkan.intake"
    label = "intake"
    verbose_name = "Intake"
