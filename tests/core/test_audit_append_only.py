"""The audit log is append-only: the model refuses to change or remove a row, and so does the
database (triggers), for raw SQL and any other client; forgetting a deleted account stays possible."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from thidua.accounts.models import User
from thidua.core.audit import audit_record
from thidua.core.models import AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world: Any) -> AuditEvent:
    with transaction.atomic():
        return audit_record(actor=None, action="org.group.update", target=world.group, reason="Lý do ban đầu")


def _unchanged(event: AuditEvent) -> None:
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.reason, stored.action, stored.created_at) == (event.reason, event.action, event.created_at)


def test_the_model_refuses_to_save_an_existing_row(event: AuditEvent) -> None:
    event.reason = "Sửa lý do"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    _unchanged(AuditEvent.objects.get(pk=event.pk))
    assert AuditEvent.objects.get(pk=event.pk).reason == "Lý do ban đầu"


def test_the_queryset_refuses_update_and_delete(event: AuditEvent) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="Sửa lý do")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(actor_name="Người khác", actor=None)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == "Lý do ban đầu"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE core_auditevent SET reason = 'Sửa lý do' WHERE id = %s",
        "UPDATE core_auditevent SET actor_name = 'Người khác', actor_id = NULL WHERE id = %s",
        "UPDATE core_auditevent SET target_id = '0' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_sql(event: AuditEvent, statement: str) -> None:
    with pytest.raises(DatabaseError) as refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    assert "chỉ được ghi thêm" in str(refused.value)
    assert AuditEvent.objects.get(pk=event.pk).reason == "Lý do ban đầu"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_truncate(event: AuditEvent) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE core_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_deleting_an_account_forgets_the_link_and_keeps_the_name(personas: dict[str, Any]) -> None:
    # the fixture's accounts were created by nobody; this row is the province officer's own
    province: User = personas["province"]
    with transaction.atomic():
        row = audit_record(actor=province, action="org.group.update", target=province, reason="Lý do")
    province.delete()
    stored = AuditEvent.objects.get(pk=row.pk)
    assert stored.actor_id is None
    assert (stored.actor_name, stored.reason, stored.created_at) == (row.actor_name, "Lý do", row.created_at)


def test_the_database_lets_only_the_actor_link_go(personas: dict[str, Any]) -> None:
    province: User = personas["province"]
    with transaction.atomic():
        row = audit_record(actor=province, action="org.group.update", target=province)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET actor_id = NULL WHERE id = %s", [row.pk])
    assert AuditEvent.objects.get(pk=row.pk).actor_id is None
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET actor_id = %s WHERE id = %s", [province.pk, row.pk])
