"""Selectors of units and lineage, on the real data of tỉnh Vĩnh Long loaded once for the module.

The seed article's Cụm Thi đua số 1 of Trà Vinh had huyện Duyên Hải (850) and thị xã Duyên Hải (851)
among its members; both ended on 30/06/2025 and their communes went to communes of tỉnh Vĩnh Long.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tests.audit_support import audit_rows_delete
from thidua.core.models import AuditEvent
from thidua.org.models import AdminUnit, UnitLineage
from thidua.org.selectors.units import (
    unit_get_by_code,
    unit_history,
    unit_predecessors,
    unit_successors,
    units_valid_on,
)

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)
IN_2024 = dt.date(2024, 1, 1)
IN_2026 = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def vinh_long(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        call_command("org_load_units", "--province", "86", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        # Only what the load committed; lineage links go with their units (CASCADE).
        loaded = AdminUnit.objects.filter(source__startswith="vietnamadminunits ")
        for level in ("commune", "district", "province"):
            loaded.filter(level=level).delete()
        audit_rows_delete(AuditEvent.objects.filter(action="org.adminunit.load"))


def old(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(level=level, code=code, valid_until=BEFORE)


def new(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(level=level, code=code, valid_until__isnull=True)


def names(units: list[AdminUnit]) -> list[str]:
    return [u.name for u in units]


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vinh_long")]


def test_huyen_duyen_hai_became_five_communes(django_assert_max_num_queries: Any) -> None:
    district = old("district", "850")

    with django_assert_max_num_queries(2):
        successors = unit_successors(unit=district, on=IN_2026)

    assert [(u.code, u.name) for u in successors] == [
        ("29497", "Xã Đôn Châu"),
        ("29513", "Xã Long Thành"),
        ("29530", "Xã Ngũ Lạc"),
        ("29533", "Xã Long Vĩnh"),
        ("29536", "Xã Đông Hải"),
    ]
    assert all(u.valid_from == AFTER and u.parent.code == "86" for u in successors)


def test_thi_xa_duyen_hai_became_two_wards_and_a_commune() -> None:
    successors = unit_successors(unit=old("district", "851"), on=IN_2026)

    assert names(successors) == ["Phường Duyên Hải", "Phường Trường Long Hòa", "Xã Long Hữu"]


def test_phuong_1_of_thi_xa_duyen_hai_went_to_phuong_duyen_hai() -> None:
    phuong_1 = AdminUnit.objects.get(level="commune", name="Phường 1", parent__code="851")

    assert names(unit_successors(unit=phuong_1, on=IN_2026)) == ["Phường Duyên Hải"]


def test_a_unit_valid_on_the_day_is_its_own_successor(django_assert_num_queries: Any) -> None:
    district = old("district", "850")

    with django_assert_num_queries(0):
        assert unit_successors(unit=district, on=IN_2024) == [district]
        assert unit_successors(unit=district, on=BEFORE) == [district]


def test_a_unit_that_did_not_exist_yet_has_no_successor() -> None:
    assert unit_successors(unit=new("province", "86"), on=IN_2024) == []


def test_successors_follow_several_steps_and_only_effective_links(django_assert_max_num_queries: Any) -> None:
    # given: A ended in 2020 and became B, which became C on a later date
    a = AdminUnit.objects.create(
        code="70001", name="Xã A", level="commune", kind="Xã", valid_until=dt.date(2020, 12, 31)
    )
    b = AdminUnit.objects.create(
        code="70002",
        name="Xã B",
        level="commune",
        kind="Xã",
        valid_from=dt.date(2021, 1, 1),
        valid_until=BEFORE,
    )
    c = AdminUnit.objects.create(code="70003", name="Xã C", level="commune", kind="Xã", valid_from=AFTER)
    UnitLineage.objects.create(predecessor=a, successor=b, effective_on=dt.date(2021, 1, 1))
    UnitLineage.objects.create(predecessor=b, successor=c, effective_on=AFTER)

    # then
    assert unit_successors(unit=a, on=dt.date(2022, 1, 1)) == [b]
    with django_assert_max_num_queries(3):
        assert unit_successors(unit=a, on=IN_2026) == [c]
    assert unit_predecessors(unit=c, transitive=True) == [a, b]
    assert unit_predecessors(unit=c) == [b]


def test_a_link_not_yet_effective_is_not_followed() -> None:
    # given: a unit that ended on 30/06/2025 but whose successor takes over only from 01/08/2025
    a = AdminUnit.objects.create(code="70001", name="Xã A", level="commune", kind="Xã", valid_until=BEFORE)
    b = AdminUnit.objects.create(
        code="70002", name="Xã B", level="commune", kind="Xã", valid_from=dt.date(2025, 7, 1)
    )
    UnitLineage.objects.create(predecessor=a, successor=b, effective_on=dt.date(2025, 8, 1))

    assert unit_successors(unit=a, on=dt.date(2025, 7, 15)) == []
    assert unit_successors(unit=a, on=dt.date(2025, 8, 1)) == [b]


def test_tra_vinh_ended_and_vinh_long_succeeded_it() -> None:
    tra_vinh = old("province", "84")

    assert tra_vinh.valid_until == BEFORE
    assert [(u.name, u.valid_from) for u in unit_successors(unit=tra_vinh, on=IN_2026)] == [
        ("Tỉnh Vĩnh Long", AFTER)
    ]


def test_predecessors_of_phuong_duyen_hai_are_its_old_communes() -> None:
    ward = new("commune", "29512")

    communes = unit_predecessors(unit=ward, level="commune")
    everything = unit_predecessors(unit=ward)

    assert [(u.code, u.name) for u in communes] == [
        ("29512", "Phường 1"),
        ("29515", "Xã Long Toàn"),
        ("29524", "Xã Dân Thành"),
    ]
    assert all(u.parent.name == "Thị xã Duyên Hải" for u in communes)
    assert names(everything) == ["Thị xã Duyên Hải", "Phường 1", "Xã Long Toàn", "Xã Dân Thành"]


def test_predecessors_of_the_new_province_transitively(django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(3):
        predecessors = unit_predecessors(unit=new("province", "86"), transitive=True)

    assert [(u.code, u.name) for u in predecessors] == [
        ("83", "Tỉnh Bến Tre"),
        ("84", "Tỉnh Trà Vinh"),
        ("86", "Tỉnh Vĩnh Long"),
    ]
    assert all(u.valid_until == BEFORE for u in predecessors)


def test_units_valid_on_a_day() -> None:
    provinces_2024 = units_valid_on(on=IN_2024, level="province")
    provinces_2026 = units_valid_on(on=IN_2026, level="province")

    assert [(u.code, u.valid_until) for u in provinces_2024] == [
        ("83", BEFORE),
        ("84", BEFORE),
        ("86", BEFORE),
    ]
    assert [(u.code, u.valid_from) for u in provinces_2026] == [("86", AFTER)]
    assert units_valid_on(on=IN_2026, parent=new("province", "86")).count() == 124
    assert units_valid_on(on=IN_2026, level="district").count() == 0
    assert units_valid_on(on=IN_2024, parent=old("province", "84"), level="district").count() == 9


def test_history_of_tra_vinh_and_of_xa_long_vinh() -> None:
    tra_vinh = unit_history(unit=old("province", "84"))
    long_vinh = unit_history(unit=new("commune", "29533"))

    assert tra_vinh.predecessors == ()
    [link] = tra_vinh.successors
    assert (link.unit.name, link.effective_on, link.kind) == ("Tỉnh Vĩnh Long", AFTER, "merged")
    assert link.legal_basis.startswith("Nghị quyết số 202/2025/QH15")
    assert [(item.unit.name, item.kind) for item in long_vinh.predecessors] == [
        ("Huyện Duyên Hải", "split"),
        ("Xã Long Vĩnh", "renamed"),
    ]
    assert "1687/NQ-UBTVQH15" in long_vinh.predecessors[0].legal_basis
    assert long_vinh.successors == ()


def test_unit_get_by_code_prefers_the_current_unit() -> None:
    assert unit_get_by_code(code="86", level="province").valid_from == AFTER
    assert unit_get_by_code(code=" 86 ", level="province", on=IN_2024).valid_until == BEFORE
    assert unit_get_by_code(code="850").name == "Huyện Duyên Hải"
    assert unit_get_by_code(code="29512").name == "Phường Duyên Hải"
    assert unit_get_by_code(code="29512", on=IN_2024).name == "Phường 1"


def test_unit_get_by_code_names_an_unknown_code() -> None:
    with pytest.raises(
        ValidationError, match="Không tìm thấy đơn vị hành chính cấp xã có mã «99999»"
    ) as error:
        unit_get_by_code(code="99999", level="commune")
    assert error.value.code == "unit_not_found"

    with pytest.raises(ValidationError, match="còn hiệu lực vào ngày 01/01/2026"):
        unit_get_by_code(code="850", on=IN_2026)


def test_unit_get_by_code_refuses_to_guess_between_ended_units() -> None:
    # given: two ended units sharing a code (no current one)
    for until in (dt.date(2010, 12, 31), dt.date(2020, 12, 31)):
        AdminUnit.objects.create(code="70001", name="Xã Cũ", level="commune", kind="Xã", valid_until=until)

    with pytest.raises(ValidationError, match="ứng với nhiều đơn vị") as error:
        unit_get_by_code(code="70001")
    assert error.value.code == "unit_ambiguous"
    assert unit_get_by_code(code="70001", on=dt.date(2015, 1, 1)).valid_until == dt.date(2020, 12, 31)
