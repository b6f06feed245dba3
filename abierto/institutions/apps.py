from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "abierto.institutions"
    default_auto_field = "django.db.models.BigAutoField"
