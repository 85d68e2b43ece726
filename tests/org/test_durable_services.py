"""Which services of org, accounts and the demo insist on being the outermost transaction (durable),
and which run inside another one by design.

Inside a test's own transaction Django lets a durable block through only when the test's block is the
one directly around it, so wrapping a call in transaction.atomic() shows the refusal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from tests.factories import ProvinceFactory
from thidua.accounts.services import roles_sync, user_create
from thidua.demo.loader import load_demo
from thidua.org.models import AdminUnit
from thidua.org.services.groups import group_copy_to_next_year, group_create, group_delete, group_update
from thidua.org.services.imports.jobs import import_schedule
from thidua.org.services.imports.people import import_people
from thidua.org.services.organisations import organisation_create, organisation_update
from thidua.org.services.people import person_change_position, person_create, person_update
from thidua.org.services.units import adminunit_create, adminunit_update, adminunits_load, lineage_add
from thidua.org.units_loader import UnitsDataset

pytestmark = pytest.mark.django_db
NESTED = "A durable atomic block cannot be nested within another atomic block"


def _durable_calls(world: Any, personas: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    province = personas["province"]
    old = ProvinceFactory(code="93", valid_until=dt.date(2025, 6, 30))
    new = ProvinceFactory(code="94", valid_from=dt.date(2025, 7, 1))
    row = {
        "row": 2,
        "full_name": "Người Nhập",
        "gender": "male",
        "date_of_birth": None,
        "civil_servant_code": "",
        "organisation_code": world.home.code,
        "position": "",
        "position_since": None,
    }
    return {
        "group_delete": lambda: group_delete(actor=province, group=world.group),
        "group_copy_to_next_year": lambda: group_copy_to_next_year(actor=province, group=world.group),
        "lineage_add": lambda: lineage_add(
            actor=province, predecessor=old, successor=new, effective_on=dt.date(2025, 7, 1), kind="merged"
        ),
        "adminunits_load": lambda: adminunits_load(
            actor=None, dataset=UnitsDataset(source="thử", units=(), lineage=())
        ),
        "import_schedule": lambda: import_schedule(
            actor=province, kind="people", token="00000000-0000-0000-0000-000000000000", filename="x.xlsx"
        ),
        # the saving step of an import (its planning runs first, outside any transaction)
        "import_people saving": lambda: import_people(actor=province, rows=[row], dry_run=False),
        "load_demo": load_demo,
        "roles_sync": roles_sync,
    }


@pytest.mark.parametrize(
    "name",
    [
        "group_delete",
        "group_copy_to_next_year",
        "lineage_add",
        "adminunits_load",
        "import_schedule",
        "import_people saving",
        "load_demo",
        "roles_sync",
    ],
)
def test_durable_services_refuse_an_enclosing_transaction(
    world: Any, personas: dict[str, Any], name: str
) -> None:
    call = _durable_calls(world, personas)[name]
    with pytest.raises(RuntimeError, match=NESTED), transaction.atomic():
        call()


def test_services_that_others_call_inside_their_transaction_still_nest(
    world: Any, personas: dict[str, Any]
) -> None:
    # Wagtail's create and edit views, the demo loader and the import's saving step call these inside
    # their own transaction.
    province = personas["province"]
    with transaction.atomic():
        organisation = organisation_create(
            actor=province, code="UBND-T", name="Ủy ban thử", kind="local_government"
        )
        organisation_update(actor=province, organisation=organisation, short_name="Thử")
        group = group_create(
            actor=province, name="Cụm thử", kind="cum", year=2026, province=world.province, members=[]
        )
        group_update(actor=province, group=group, note="Ghi chú")
        person = person_create(
            actor=province, full_name="Người Thử", gender="male", organisation=organisation
        )
        person_update(actor=province, person=person, full_name="Người Thử Mới")
        person_change_position(
            actor=province,
            person=person,
            organisation=organisation,
            title="Chuyên viên",
            start_date=dt.date(2026, 1, 1),
        )
        unit = adminunit_create(
            actor=province, code="95", name="Tỉnh Thử", level="province", kind="Tỉnh", valid_from=None
        )
        adminunit_update(actor=province, unit=unit, name="Tỉnh Thử Mới")
        user_create(actor=None, username="thu", password=None, full_name="Người Dùng Thử")
    assert AdminUnit.objects.filter(code="95", name="Tỉnh Thử Mới").exists()
