from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samverkan.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from samverkan.api import checks  # noqa: F401 - registers the system checks
