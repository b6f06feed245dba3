"""Creates the development secretariat account and prints how to log in. Refuses outside DEBUG."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from abierto.core.roles import SECRETARIAT, ensure_roles

DEV_USERNAME = "secretaria"
DEV_PASSWORD = "abierto-local-2026"


class Command(BaseCommand):
    help = "Crea (o restablece) la cuenta de la secretaría para desarrollo local e indica cómo ingresar."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="Dirección del ingreso.")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Solo para desarrollo local (DJANGO_DEBUG=1): no crea cuentas con contraseña conocida.")
        ensure_roles()
        user, _ = get_user_model().objects.get_or_create(
            username=DEV_USERNAME,
            defaults={"first_name": "Secretaría", "last_name": "Ejecutiva", "email": "secretaria@example.org"},
        )
        user.is_staff = True
        user.set_password(DEV_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name=SECRETARIAT))
        self.stdout.write(
            f"Ingreso de la secretaría: {options['url']}  "
            f"usuario «{DEV_USERNAME}», contraseña «{DEV_PASSWORD}» (solo en desarrollo)."
        )
