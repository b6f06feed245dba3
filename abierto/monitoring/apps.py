from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "abierto.monitoring"
    default_auto_field = "django.db.models.BigAutoField"
