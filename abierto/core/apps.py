from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "abierto.core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from abierto.core.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)

        from abierto.core import pagecache

        pagecache.connect_signals()

        from abierto.core import choices

        choices.install()
