from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "abierto.opendata"
    default_auto_field = "django.db.models.BigAutoField"
