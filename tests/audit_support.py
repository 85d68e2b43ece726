"""Test helpers around the append-only audit log (thidua.core.audit_guard).

The log refuses UPDATE and DELETE at two levels, so fixtures that must place a row at a given instant
create it with the clock stubbed, and the few that must clean up what a module committed outside the
tests' transactions lift the database guard for that one statement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.db import connection, models

from thidua.core.audit_guard import guard_sql, unguard_sql
from thidua.core.models import AuditEvent


def audit_event_at(moment: dt.datetime, **fields: Any) -> AuditEvent:
    """A row written at `moment`: created_at is auto_now_add, so the clock says `moment` while it is
    inserted (no UPDATE afterwards, which the log refuses)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return AuditEvent.objects.create(**fields)


@contextmanager
def audit_guard_lifted() -> Iterator[None]:
    """Tests only: the database's triggers dropped for the block and installed again after it."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for statement in unguard_sql(vendor):
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in guard_sql(vendor):
                cursor.execute(statement)


def audit_rows_delete(queryset: models.QuerySet[AuditEvent]) -> None:
    """Remove rows a module-scoped fixture committed (tests only; the model's delete() refuses)."""
    with audit_guard_lifted():
        queryset._raw_delete(queryset.db)


def audit_event_retime(event: AuditEvent, moment: dt.datetime) -> None:
    """Move an existing row (the demo's) to `moment` (tests only; the model's update() refuses)."""
    with audit_guard_lifted():
        models.QuerySet.update(AuditEvent.objects.filter(pk=event.pk), created_at=moment)
