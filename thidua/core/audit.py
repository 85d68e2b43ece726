"""The audit log: every service that changes state calls audit_record() in its transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction

from thidua.core.models import AuditEvent

if TYPE_CHECKING:
    # The project's user model subclasses it; core may not import accounts (import-linter).
    from django.contrib.auth.models import AbstractUser


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "repr": str(value)}
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of the named fields, for diffing before and after a change."""
    return {name: getattr(instance, name) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        key: [_jsonable(before.get(key)), _jsonable(after.get(key))]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def audit_record(
    *,
    actor: AbstractUser | None,
    action: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Write one audit row. Must run inside the transaction of the change it records."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record() must be called inside the transaction of the change it records")
    # None (a command, the demo loader) and an unsaved user are the system acting.
    person = actor if actor is not None and actor.pk else None
    return AuditEvent.objects.create(
        actor_id=person.pk if person else None,
        actor_name=(person.get_full_name() or person.get_username()) if person else "hệ thống",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        changes=_jsonable(changes or {}),
        reason=reason,
    )
