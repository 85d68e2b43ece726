from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.org.models import Person
from thidua.org.selectors.groups import groups_headed_by, groups_visible_to
from thidua.org.selectors.people import can_see_personal_data, people_visible_to
from thidua.org.services.people import person_change_position, person_create, person_update

pytestmark = pytest.mark.django_db

# persona -> which of the two people ("home", "other") they see
VISIBLE = {
    "province": {"home", "other"},
    "sysadmin": {"home", "other"},
    "council": {"home", "other"},
    "head": {"home"},
    "member": {"other"},
    "editor": set(),
    "chief": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_people_visible_by_role(world: Any, personas: dict[str, Any], persona: str) -> None:
    names = {world.home_person.pk: "home", world.other_person.pk: "other"}
    seen = {names[p.pk] for p in people_visible_to(user=personas[persona])}
    assert seen == VISIBLE[persona]


@pytest.mark.parametrize(
    ("persona", "home", "other"),
    [
        ("province", True, True),
        ("sysadmin", True, True),
        ("council", False, False),
        ("head", True, False),
        ("member", False, True),
        ("outsider", False, False),
    ],
)
def test_personal_data_shown_only_to_those_who_need_it(
    world: Any, personas: dict[str, Any], persona: str, home: bool, other: bool
) -> None:
    user = personas[persona]
    assert can_see_personal_data(user=user, person=world.home_person) is home
    assert can_see_personal_data(user=user, person=world.other_person) is other


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("province", True),
        ("sysadmin", True),
        ("member", True),
        ("head", False),
        ("council", False),
        ("editor", False),
        ("chief", False),
        ("outsider", False),
    ],
)
def test_create_person_in_other_unit(
    world: Any, personas: dict[str, Any], persona: str, allowed: bool
) -> None:
    call = lambda: person_create(  # noqa: E731
        actor=personas[persona],
        full_name="  Phạm   Văn Mới ",
        gender="male",
        organisation=world.other,
        position="Chuyên viên",
        position_since=dt.date(2025, 7, 1),
    )
    if allowed:
        person = call()
        assert person.full_name == "Phạm Văn Mới"
        assert person.positions.get().start_date == dt.date(2025, 7, 1)
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert not Person.objects.filter(full_name="Phạm Văn Mới").exists()


def test_member_officer_cannot_edit_other_units_person(world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        person_update(actor=personas["member"], person=world.home_person, full_name="Đổi Tên")
    person_update(actor=personas["member"], person=world.other_person, full_name="Trần Thị Khác Mới")
    assert AuditEvent.objects.get(action="org.person.update").changes == {
        "full_name": ["Trần Thị Khác", "Trần Thị Khác Mới"]
    }


def test_duplicate_civil_servant_code_is_named(world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match=r"CS-1.*Lê Văn Nhà"):
        person_update(actor=personas["province"], person=world.other_person, civil_servant_code="CS-1")


def test_position_history(world: Any, personas: dict[str, Any]) -> None:
    actor = personas["province"]
    person = person_create(
        actor=actor,
        full_name="Võ Văn Lịch",
        gender="male",
        organisation=world.home,
        position="Chuyên viên",
        position_since=dt.date(2020, 1, 1),
    )
    person_change_position(
        actor=actor,
        person=person,
        organisation=world.other,
        title="Phó Chủ tịch",
        start_date=dt.date(2025, 7, 1),
        reason="Điều động",
    )
    person.refresh_from_db()
    assert (person.organisation, person.position) == (world.other, "Phó Chủ tịch")
    history = list(person.positions.order_by("start_date").values_list("title", "start_date", "end_date"))
    assert history == [
        ("Chuyên viên", dt.date(2020, 1, 1), dt.date(2025, 6, 30)),
        ("Phó Chủ tịch", dt.date(2025, 7, 1), None),
    ]
    with pytest.raises(ValidationError, match="phải sau ngày nhận chức vụ hiện tại"):
        person_change_position(
            actor=actor, person=person, organisation=world.other, title="X", start_date=dt.date(2025, 1, 1)
        )


@pytest.mark.parametrize(
    ("persona", "sees_group", "heads_group"),
    [
        ("province", True, False),
        ("council", True, False),
        ("head", True, True),
        ("member", True, False),
        ("editor", False, False),
        ("outsider", False, False),
    ],
)
def test_groups_by_role(
    world: Any, personas: dict[str, Any], persona: str, sees_group: bool, heads_group: bool
) -> None:
    user = personas[persona]
    assert (world.group in groups_visible_to(user=user)) is sees_group
    assert (world.group in groups_headed_by(user=user)) is heads_group
