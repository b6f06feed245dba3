"""Personal API tokens: created by the person (implementers and the secretariat), shown once, revocable;
presented as ``Authorization: Bearer abierto_…`` to the write API."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.accounts import rules as account_rules
from abierto.accounts.models import ApiToken, hash_token, new_token
from abierto.audit.services import record

PREFIX = "abierto_"
DEFAULT_DAYS = 365
MAX_ACTIVE = 10


def may_have_tokens(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        account_rules.is_implementer(user) or account_rules.is_secretariat(user)
    )


def create(*, user, name: str, days: int = DEFAULT_DAYS) -> tuple[ApiToken, str]:
    """Return the stored token and its plain value (the only time it exists in clear)."""
    if not may_have_tokens(user):
        raise PermissionDenied(_("Solo las contrapartes y la secretaría pueden crear claves de API."))
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Ponle un nombre para reconocerla.")})
    if not 1 <= days <= 730:
        raise ValidationError({"days": _("La vigencia debe estar entre 1 y 730 días.")})
    with transaction.atomic():
        if ApiToken.objects.usable().filter(user=user).count() >= MAX_ACTIVE:
            raise ValidationError(
                {"name": _("Ya tienes %(n)s claves vigentes: revoca alguna antes de crear otra.") % {"n": MAX_ACTIVE}}
            )
        plain = PREFIX + new_token()
        token = ApiToken.objects.create(
            user=user,
            name=name[:100],
            prefix=plain[: len(PREFIX) + 4],
            token_hash=hash_token(plain),
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        record(actor=user, action="create", instance=token, changes={"name": [None, token.name]})
    return token, plain


def revoke(*, token: ApiToken, user) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied(_("Esa clave no es tuya."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            actor=user, action="update", instance=token, changes={"revoked_at": [None, token.revoked_at.isoformat()]}
        )


def authenticate(header: str):
    """The person behind an ``Authorization`` header, or None. Marks the token as used (at most once a minute)."""
    scheme, _sep, value = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not value.startswith(PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(token_hash=hash_token(value.strip())).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
