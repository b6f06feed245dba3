"""Invitations: the secretariat invites someone by email; accepting the link grants exactly one role."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.accounts.models import INVITABLE_KINDS, Invitation, Role
from abierto.audit.services import record


class InvitationError(Exception):
    """An invitation that cannot be accepted (expired, used, or meant for another email)."""


def invitation_days() -> int:
    return int(getattr(settings, "ABIERTO_INVITATION_DAYS", 14))


def accept_url(invitation: Invitation, request=None) -> str:
    """The link to email. Only the instance that created or renewed the token knows it."""
    path = reverse("invitation_accept", args=[invitation.token])
    if request is not None:
        return request.build_absolute_uri(path)
    site_url = getattr(settings, "ABIERTO_SITE_URL", "")
    if site_url:
        return f"{site_url.rstrip('/')}{path}"
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"), "localhost")
    return f"{settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}://{host}{path}"


def invite(*, email: str, kind: str, institution=None, actor, request=None) -> Invitation:
    """Record an invitation, note it in the audit log and email the link. Only the secretariat may."""
    if actor is None or not actor.has_perm("accounts.invite"):
        raise PermissionDenied(_("Solo la secretaría ejecutiva puede invitar."))
    email = (email or "").strip().lower()
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = _("Escribe un correo electrónico válido.")
    if kind not in INVITABLE_KINDS:
        errors["kind"] = _("Elige un rol: contraparte, integrante de la Mesa o evaluador/a.")
    elif kind == Role.Kind.IMPLEMENTER and institution is None:
        errors["institution"] = _("Una contraparte debe estar vinculada a una institución.")
    elif kind != Role.Kind.IMPLEMENTER and institution is not None:
        errors["institution"] = _("Solo las contrapartes se vinculan a una institución.")
    if not errors:
        holders = Role.objects.active().filter(kind=kind, institution=institution, user__email__iexact=email)
        if holders.exists():
            errors["email"] = _("Esa persona ya tiene ese rol.")
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    with transaction.atomic():
        invitation = Invitation(
            email=email,
            kind=kind,
            institution=institution,
            invited_by=actor,
            created_at=now,
            expires_at=now + datetime.timedelta(days=invitation_days()),
        )
        invitation.set_token()
        invitation.save()
        record(
            actor=actor,
            action="create",
            instance=invitation,
            changes={
                "email": [None, email],
                "kind": [None, kind],
                "institution": [None, str(institution) if institution else None],
                "expires_at": [None, invitation.expires_at.isoformat()],
            },
        )
    _send_invitation(invitation, request)
    return invitation


def _may_manage(actor) -> None:
    if actor is None or not actor.has_perm("accounts.invite"):
        raise PermissionDenied(_("Solo la secretaría ejecutiva puede gestionar invitaciones."))


def revoke(*, invitation: Invitation, actor) -> Invitation:
    """Cancel a pending invitation: its link stops working. An accepted one is left alone (revoke the role)."""
    _may_manage(actor)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.is_accepted:
            raise ValidationError(_("Esta invitación ya fue aceptada; para quitar el rol, revócalo en la cuenta."))
        if invitation.is_revoked:
            return invitation
        invitation.revoked_at = timezone.now()
        invitation.revoked_by = actor
        invitation.save(update_fields=["revoked_at", "revoked_by"])
        record(
            actor=actor,
            action="update",
            instance=invitation,
            changes={"revoked_at": [None, invitation.revoked_at.isoformat()]},
        )
    return invitation


def resend(*, invitation: Invitation, actor, request=None) -> Invitation:
    """Email a new link with a new deadline; the previous link stops working."""
    _may_manage(actor)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.is_accepted or invitation.is_revoked:
            raise ValidationError(_("Solo se puede reenviar una invitación pendiente o vencida."))
        before = invitation.expires_at
        invitation.set_token()
        invitation.expires_at = timezone.now() + datetime.timedelta(days=invitation_days())
        invitation.save(update_fields=["token_hash", "expires_at"])
        record(
            actor=actor,
            action="update",
            instance=invitation,
            changes={"expires_at": [before.isoformat(), invitation.expires_at.isoformat()], "token": ["…", "…"]},
        )
    _send_invitation(invitation, request)
    return invitation


def _send_invitation(invitation: Invitation, request) -> None:
    context = {
        "invitation": invitation,
        "accept_url": accept_url(invitation, request),
        "site_name": getattr(settings, "ABIERTO_SITE_NAME", "Abierto"),
        "inviter": invitation.invited_by.get_full_name() if invitation.invited_by else "",
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(
        f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, settings.DEFAULT_FROM_EMAIL, [invitation.email]
    )


def email_matches(invitation: Invitation, user) -> bool:
    """The person has verified the invited address (as their main email or an extra one)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists()


def check(invitation: Invitation | None, user=None) -> None:
    """Raise InvitationError with a message for the person when this invitation cannot be accepted."""
    if invitation is None:
        raise InvitationError(_("Este enlace de invitación no es válido. Revisa que lo hayas copiado completo."))
    if invitation.is_accepted:
        if user is not None and invitation.accepted_by_id == getattr(user, "pk", None):
            return
        raise InvitationError(_("Esta invitación ya fue usada. Si necesitas otra, pídela a la secretaría ejecutiva."))
    if invitation.is_revoked:
        raise InvitationError(_("Esta invitación fue anulada por la secretaría ejecutiva."))
    if invitation.is_expired:
        raise InvitationError(_("Esta invitación venció. Pide una nueva a la secretaría ejecutiva."))


def accept(*, invitation: Invitation, user) -> Role:
    """Grant the invited role to ``user``. Accepting again by the same person changes nothing."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        raise InvitationError(_("Ingresa con tu cuenta para aceptar la invitación."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        check(invitation, user)
        if not email_matches(invitation, user):
            raise InvitationError(
                _("Esta invitación es para %(email)s. Ingresa con esa dirección de correo para aceptarla.")
                % {"email": invitation.email}
            )
        existing = Role.objects.active().filter(user=user, kind=invitation.kind, institution=invitation.institution)
        role = existing.first()
        if role is None:
            try:
                with transaction.atomic():
                    role = Role.objects.create(
                        user=user,
                        kind=invitation.kind,
                        institution=invitation.institution,
                        granted_by=invitation.invited_by,
                    )
            except IntegrityError:
                role = existing.get()
            else:
                record(
                    actor=user,
                    action="create",
                    instance=role,
                    changes={"kind": [None, role.kind], "invitation": [None, invitation.pk]},
                )
        if not invitation.is_accepted:
            invitation.accepted_at = timezone.now()
            invitation.accepted_by = user
            invitation.save(update_fields=["accepted_at", "accepted_by"])
            record(
                actor=user,
                action="update",
                instance=invitation,
                changes={"accepted_at": [None, invitation.accepted_at.isoformat()]},
            )
    for cached in ("_abierto_roles", "_abierto_secretariat_group"):
        if hasattr(user, cached):
            delattr(user, cached)
    return role
