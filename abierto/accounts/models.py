"""Who may do what beyond reading: roles granted to people (domain.md, "Who uses the platform").

A person signs in with an email (django-allauth) and may hold several roles. An implementer's role
is tied to one institution: they report on that institution's commitments and nothing else.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RoleQuerySet(models.QuerySet):
    def active(self) -> "RoleQuerySet":
        return self.filter(revoked_at__isnull=True)


class Role(models.Model):
    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretaría ejecutiva")
        IMPLEMENTER = "implementer", _("Contraparte de institución")
        FORUM_MEMBER = "forum_member", _("Integrante de la Mesa")
        EVALUATOR = "evaluator", _("Evaluador/a independiente")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persona"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("rol"), max_length=20, choices=Kind.choices)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institución"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("otorgado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("otorgado el"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revocado el"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="implementer") | Q(institution__isnull=False),
                name="role_implementer_has_institution",
                violation_error_message=_("Una contraparte debe estar vinculada a una institución."),
            ),
            # One active role of a kind per person (and per institution, for implementers). Two partial
            # constraints instead of one with NULLS NOT DISTINCT, which SQLite does not support.
            models.UniqueConstraint(
                fields=["user", "kind", "institution"],
                condition=Q(revoked_at__isnull=True, institution__isnull=False),
                name="role_unique_active_per_institution",
                violation_error_message=_("Esa persona ya tiene ese rol."),
            ),
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(revoked_at__isnull=True, institution__isnull=True),
                name="role_unique_active",
                violation_error_message=_("Esa persona ya tiene ese rol."),
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} · {self.institution}" if self.institution_id else str(label)


INVITABLE_KINDS = (Role.Kind.IMPLEMENTER, Role.Kind.FORUM_MEMBER, Role.Kind.EVALUATOR)


def new_token() -> str:
    return secrets.token_urlsafe(32)


_new_token = new_token  # migration 0002 refers to it by this name


def hash_token(token: str) -> str:
    """Only this digest is stored: a copy of the database does not let anyone accept an invitation."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())

    def by_token(self, token: str) -> "Invitation | None":
        return self.filter(token_hash=hash_token(token or "")).first()


class Invitation(models.Model):
    """The secretariat asks someone, by email, to take a role. Accepting it grants the role once."""

    email = models.EmailField(_("correo electrónico"))
    kind = models.CharField(_("rol"), max_length=20, choices=[(kind.value, kind.label) for kind in INVITABLE_KINDS])
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institución"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    # The link carries a random token; only its SHA-256 is kept. ``invitation.token`` (not a field) holds the
    # plain token on the instance that created or renewed it, long enough to email it.
    token_hash = models.CharField(_("huella del código"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invitado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("enviada el"), default=timezone.now)
    expires_at = models.DateTimeField(_("vence el"))
    accepted_at = models.DateTimeField(_("aceptada el"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aceptada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("anulada el"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("anulada por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitación")
        verbose_name_plural = _("invitaciones")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="implementer") | Q(institution__isnull=False),
                name="invitation_implementer_has_institution",
                violation_error_message=_("Una contraparte debe estar vinculada a una institución."),
            ),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.institution_id:
            label = f"{label} · {self.institution}"
        return f"{self.email} ({label})"

    def set_token(self) -> str:
        """Give the invitation a fresh token (the old link stops working) and return it."""
        self.token = new_token()
        self.token_hash = hash_token(self.token)
        return self.token

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_pending(self) -> bool:
        return not (self.is_accepted or self.is_revoked or self.is_expired)

    @property
    def status_label(self) -> str:
        if self.is_accepted:
            return str(_("Aceptada"))
        if self.is_revoked:
            return str(_("Anulada"))
        if self.is_expired:
            return str(_("Vencida"))
        return str(_("Pendiente"))


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> "ApiTokenQuerySet":
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)


class ApiToken(models.Model):
    """A personal token for an institution's own system to use the write API as this person, under the same
    rules as the web forms. Only the SHA-256 of the token is stored; it is shown once, when created."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("persona"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nombre"), max_length=100, help_text=_("Para reconocerla, p. ej. «Sistema de gestión»."))
    prefix = models.CharField(_("inicio del código"), max_length=12, editable=False)
    token_hash = models.CharField(_("huella del código"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("creada el"), default=timezone.now)
    expires_at = models.DateTimeField(_("vence el"))
    last_used_at = models.DateTimeField(_("último uso"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revocada el"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("clave de API")
        verbose_name_plural = _("claves de API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
