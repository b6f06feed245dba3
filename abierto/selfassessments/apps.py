from django.apps import AppConfig


class SelfassessmentsConfig(AppConfig):
    name = "abierto.selfassessments"
    default_auto_field = "django.db.models.BigAutoField"
