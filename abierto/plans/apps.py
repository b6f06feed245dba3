from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "abierto.plans"
    default_auto_field = "django.db.models.BigAutoField"
