"""The record of every change to public data: who, when, what, from which value to which."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("creó")
        UPDATE = "update", _("modificó")
        DELETE = "delete", _("eliminó")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("autor"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(
        _("autor (texto)"), max_length=200, help_text=_("Nombre del autor o del proceso (importación, carga inicial).")
    )
    action = models.CharField(_("acción"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("tipo de objeto"), max_length=60)
    object_id = models.CharField(_("identificador del objeto"), max_length=40)
    object_repr = models.CharField(_("objeto"), max_length=300)
    plan = models.ForeignKey(
        "plans.ActionPlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    commitment = models.ForeignKey(
        "plans.Commitment", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    changes = models.JSONField(_("cambios"), default=dict, blank=True)
    created_at = models.DateTimeField(_("fecha"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("registro de cambio")
        verbose_name_plural = _("registro de cambios")
        ordering = ["-created_at", "-id"]
        indexes = [
            # A commitment page shows its history, newest first.
            models.Index(fields=["commitment", "-created_at"], name="audit_commitment_idx"),
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.get_action_display()} {self.object_repr}"
