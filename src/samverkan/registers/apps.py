from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "samverkan.registers"
    label = "registers"
    verbose_name = "Public registers"
