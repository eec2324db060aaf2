"""WSGI entry point for ``samverkan serve`` and any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
application = get_wsgi_application()
