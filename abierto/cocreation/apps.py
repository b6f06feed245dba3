from django.apps import AppConfig


class CocreationConfig(AppConfig):
    name = "abierto.cocreation"
    default_auto_field = "django.db.models.BigAutoField"
