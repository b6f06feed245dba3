"""Writing audit events. Every service that changes public data calls ``record``."""

import datetime
import decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

from abierto.audit.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value.normalize()) if value == value.to_integral() else str(value)
    if hasattr(value, "name") and hasattr(value, "storage"):  # FieldFile
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's editable concrete fields, as plain JSON-friendly values keyed by field name."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, field.name, None) if getattr(instance, field.attname) else None
            data[field.name] = str(related) if related is not None else None
        else:
            data[field.name] = _plain(getattr(instance, field.attname))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [old, new]}."""
    keys = set(before) | set(after)
    return {key: [before.get(key), after.get(key)] for key in sorted(keys) if before.get(key) != after.get(key)}


def actor_label_for(actor: Any, fallback: str = "Sistema") -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return fallback
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return full or actor.get_username()


def record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    actor_label: str | None = None,
    plan_id: int | None = None,
    commitment_id: int | None = None,
) -> AuditEvent:
    event = AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=actor_label or actor_label_for(actor),
        action=action,
        object_type=instance._meta.model_name,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        plan_id=plan_id,
        commitment_id=commitment_id,
        changes=changes or {},
        created_at=timezone.now(),
    )
    _insert(event)
    return event


def _insert(event: AuditEvent) -> None:
    """One INSERT written once, not through ``Model.save``: every support and comment of a busy consultation
    writes an event, and nothing listens to their saves. Values go through each field's own preparation (the
    JSON of the changes, the time zone of the date), as ``save`` would."""
    meta = AuditEvent._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    values = [field.get_db_prep_save(getattr(event, field.attname), connection) for field in fields]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        event.pk = cursor.fetchone()[0]
    event._state.adding = False
    event._state.db = connection.alias
