from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "abierto.jobs"
    verbose_name = _("Tareas en segundo plano")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every app declares its tasks in a ``tasks`` module; importing them fills the registry,
        # so a worker knows every task name whatever app enqueued it.
        autodiscover_modules("tasks")
        from django.conf import settings

        for module in getattr(settings, "ABIERTO_JOB_MODULES", []):
            __import__(module)
