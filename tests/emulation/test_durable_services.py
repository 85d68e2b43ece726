"""Which services insist on being the outermost transaction (durable), and which may be nested.

Django's TestCase (and pytest-django's default `db`) disables the durability check, so these tests
use real transactions (`transaction=True`): a durable service inside another atomic block must fail,
and the services that Wagtail's admin views or the demo loader call inside their own transaction
must not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction

from tests.emulation.fixtures import CRITERIA, build_pact
from thidua.accounts.models import User
from thidua.emulation.models import Report
from thidua.emulation.services.pacts import (
    criteria_template_create,
    criteria_template_update,
    pact_aggregates_set,
    pact_create,
    pact_criteria_replace,
    pact_reopen,
)
from thidua.emulation.services.periods import report_unlock
from thidua.emulation.services.reminders import reminders_send
from thidua.emulation.services.rulesets import ruleset_save

pytestmark = pytest.mark.django_db(transaction=True)
NESTED = "A durable atomic block cannot be nested within another atomic block"


def test_durable_services_refuse_an_enclosing_transaction(world: Any, personas: dict[str, Any]) -> None:
    province = personas["province"]
    pw = build_pact(world, province)
    locked = Report.objects.create(
        period=pw.period,
        organisation=world.other,
        status=Report.Status.LOCKED,
        status_before_lock=Report.Status.APPRAISED,
    )
    # the head unit ("home", no report yet) is reminded on the deadline, so the reminders open their
    # transaction
    User.objects.filter(pk=personas["head"].pk).update(email="head@thidua.example")
    calls = [
        lambda: pact_reopen(actor=province, pact=pw.pact, reason="Bổ sung tiêu chí"),
        lambda: pact_criteria_replace(actor=province, pact=pw.pact, criteria=CRITERIA),
        lambda: pact_aggregates_set(actor=province, pact=pw.pact, aggregates=[], tie_break=["1.1"]),
        lambda: report_unlock(actor=province, report=locked, reason="Sai số liệu"),
        lambda: reminders_send(actor=None, today=dt.date(2026, 7, 15)),
    ]
    for call in calls:
        with pytest.raises(RuntimeError, match=NESTED), transaction.atomic():
            call()
    # and on their own they run
    pact_reopen(actor=province, pact=pw.pact, reason="Bổ sung tiêu chí")
    pact_aggregates_set(actor=province, pact=pw.pact, aggregates=[], tie_break=["1.1"])
    report_unlock(actor=province, report=locked, reason="Sai số liệu")


def test_services_called_inside_other_transactions_may_be_nested(
    world: Any, personas: dict[str, Any]
) -> None:
    province = personas["province"]
    # as Wagtail's admin create and edit views call them (save_instance() inside transaction.atomic())
    with transaction.atomic():
        template = criteria_template_create(actor=province, name="Mẫu cụm xã", kind="cum", criteria=CRITERIA)
    with transaction.atomic():
        criteria_template_update(actor=province, template=template, name="Mẫu cụm xã 2027")
    with transaction.atomic():
        ruleset_save(actor=province, province=world.province, effective_from=dt.date(2026, 1, 1))
    # as the demo loader calls the pact, period and vote services inside its load
    with transaction.atomic():
        pact_create(actor=province, group=world.group, criteria=CRITERIA)
