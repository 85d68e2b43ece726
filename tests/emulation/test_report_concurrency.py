"""Two officers save the same report at once, on two PostgreSQL connections: exactly one save wins,
the other is refused with a clear message, and no update is lost."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from tests.emulation.fixtures import build_pact
from thidua.emulation.models import ReportValue
from thidua.emulation.services.reports import ConcurrentEditError, report_open, report_save

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections need PostgreSQL (CI runs this on PostgreSQL)")


def test_two_connections_one_wins(world: Any, personas: dict[str, Any]) -> None:
    pw = build_pact(world, personas["province"])
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    version = report.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def save(label: str, value: str) -> None:
        try:
            barrier.wait(timeout=10)
            report_save(actor=member, report=report, version=version, values={"2.1": {"value": value}})
            outcomes[label] = "saved"
        except ConcurrentEditError as error:
            outcomes[label] = str(error)
        finally:
            connections.close_all()  # each thread has its own connection; give it back

    threads = [
        threading.Thread(target=save, args=(label, value)) for label, value in (("a", "70"), ("b", "95"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(o == "saved" for o in outcomes.values()) == [False, True], outcomes
    refused = next(o for o in outcomes.values() if o != "saved")
    assert "vừa được người khác cập nhật" in refused
    winner = next(label for label, o in outcomes.items() if o == "saved")
    stored = ReportValue.objects.get(report=report, criterion__code="2.1").value
    assert stored == {"a": "70", "b": "95"}[winner]  # the winner's value, not a mix
    report.refresh_from_db()
    assert report.version == version + 1
