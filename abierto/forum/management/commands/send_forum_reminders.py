"""Reminds the people responsible for the forum's agreements: a week before the deadline and once overdue."""

from django.core.management.base import BaseCommand

from abierto.forum import services


class Command(BaseCommand):
    help = (
        "Envía recordatorios de los acuerdos de la Mesa: una semana antes del plazo y una alerta al vencer. "
        "Cada aviso se envía una sola vez; puede ejecutarse a diario."
    )

    def handle(self, *args, **options):
        stored = services.send_reminders()
        self.stdout.write(self.style.SUCCESS(f"Avisos de acuerdos de la Mesa: {stored}."))
