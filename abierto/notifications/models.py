"""What each person wants to hear about, what they follow, and every notice sent to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Al momento: un correo por aviso")
        DAILY = "daily", _("Un resumen diario")
        NONE = "none", _("Ningún correo")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    frequency = models.CharField(
        _("frecuencia de los correos"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    updated_at = models.DateTimeField(_("actualizado el"), auto_now=True)

    class Meta:
        verbose_name = _("preferencia de avisos")
        verbose_name_plural = _("preferencias de avisos")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_frequency_display()}"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persona"), on_delete=models.CASCADE, related_name="follows"
    )
    commitment = models.ForeignKey(
        "plans.Commitment", verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(_("desde"), default=timezone.now)

    class Meta:
        verbose_name = _("seguimiento de compromiso")
        verbose_name_plural = _("seguimientos de compromisos")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "commitment"], name="follow_unique_user_commitment")]

    def __str__(self) -> str:
        return f"{self.user} → {self.commitment}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persona"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("tipo"), max_length=40)
    subject = models.CharField(_("asunto"), max_length=300)
    body = models.TextField(_("texto"))
    url = models.CharField(_("dirección"), max_length=500, blank=True)
    dedupe_key = models.CharField(_("clave única"), max_length=200, blank=True)
    context = models.JSONField(_("contexto"), default=dict, blank=True)
    created_at = models.DateTimeField(_("creado el"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("enviado el"), null=True, blank=True)
    digest_at = models.DateTimeField(_("incluido en resumen el"), null=True, blank=True)

    class Meta:
        verbose_name = _("aviso")
        verbose_name_plural = _("avisos")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_unique_dedupe_per_user",
            ),
        ]
        indexes = [models.Index(fields=["user", "sent_at"], name="notification_unsent_idx")]

    def __str__(self) -> str:
        return f"{self.user} · {self.subject}"
