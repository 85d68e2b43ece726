"""The audit log: every service that changes state calls audit_record() in its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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


def audit_record_many(
    *,
    actor: AbstractUser | None,
    action: str,
    items: Iterable[tuple[models.Model, dict[str, Any]] | tuple[models.Model, dict[str, Any], str]],
    reason: str = "",
    batch_size: int = 1000,
) -> int:
    """Write one audit row per (target, changes), in bulk: for imports that save thousands of records
    in one transaction, where a row each through audit_record() would be one INSERT per record.
    The rows are those audit_record() would write; an item's third value, when given, is the target's
    text (str(target) may read related rows, a query per record). Returns how many were written."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record_many() must be called inside the transaction of the changes")
    person = actor if actor is not None and actor.pk else None
    name = (person.get_full_name() or person.get_username()) if person else "hệ thống"
    events = [
        AuditEvent(
            actor_id=person.pk if person else None,
            actor_name=name,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_repr=(item[2] if len(item) > 2 else str(target))[:300],
            changes=_jsonable(changes or {}),
            reason=reason,
        )
        for item in items
        for target, changes in [item[:2]]
    ]
    AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    return len(events)
