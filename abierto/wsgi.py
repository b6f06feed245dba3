"""WSGI entry point (gunicorn abierto.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abierto.settings")
application = get_wsgi_application()
