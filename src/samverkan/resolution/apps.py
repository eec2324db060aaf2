from django.apps import AppConfig


class ResolutionConfig(AppConfig):
    """Registered for its management commands only: the package has no models."""

    name = "samverkan.resolution"
    verbose_name = "Resolution"
