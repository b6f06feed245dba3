from django.apps import AppConfig


class CocreationConfig(AppConfig):
    name = "abierto.cocreation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from abierto.cocreation import processcache

        processcache.connect_signals()
