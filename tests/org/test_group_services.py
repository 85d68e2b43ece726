from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import OrganisationFactory, PersonFactory
from thidua.core.models import AuditEvent
from thidua.org.models import EmulationGroup, GroupMembership
from thidua.org.services.groups import group_copy_to_next_year, group_create, group_update

pytestmark = pytest.mark.django_db


def _create(world: Any, actor: Any, **overrides: Any) -> EmulationGroup:
    kwargs = dict(
        actor=actor,
        name="Cụm Thi đua số 9",
        kind="cum",
        year=2026,
        province=world.province,
        members=[world.home, world.other],
        head=world.home,
        deputy=world.other,
    )
    kwargs.update(overrides)
    return group_create(**kwargs)


def test_create_group_with_members_and_audit(world: Any, personas: dict[str, Any]) -> None:
    # given a province officer
    actor = personas["province"]
    # when
    group = _create(world, actor)
    # then
    assert [m.organisation for m in group.memberships.order_by("order")] == [world.home, world.other]
    event = AuditEvent.objects.get(action="org.group.create", target_id=str(group.pk))
    assert event.actor == actor
    assert event.changes["members"] == [None, [world.home.name, world.other.name]]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (lambda w: {"head": w.office}, "head", "không phải là thành viên"),
        (lambda w: {"deputy": w.office}, "deputy", "không phải là thành viên"),
        (lambda w: {"deputy": w.home}, "deputy", "vừa là cụm trưởng vừa là cụm phó"),
        (lambda w: {"members": [w.home, w.home, w.other]}, "members", "bị lặp"),
        (lambda w: {"year": 1990}, "year", "2000–2100"),
        (lambda w: {"name": w.group.name}, "name", "đã có"),
        (lambda w: {"head_person": w.other_person}, "head_person", "không công tác tại đơn vị cụm trưởng"),
    ],
)
def test_create_group_rejects_bad_input_and_saves_nothing(
    world: Any, personas: dict[str, Any], overrides: Any, field: str, message: str
) -> None:
    groups_before = EmulationGroup.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        _create(world, personas["province"], **overrides(world))
    assert field in excinfo.value.message_dict
    assert any(message in text for text in excinfo.value.message_dict[field])
    assert EmulationGroup.objects.count() == groups_before
    assert not AuditEvent.objects.filter(action="org.group.create").exists()


def test_dissolved_member_is_refused_with_its_name(world: Any, personas: dict[str, Any]) -> None:
    import datetime as dt

    old = OrganisationFactory(name="UBND huyện Cũ", dissolved_on=dt.date(2025, 6, 30))
    with pytest.raises(ValidationError, match="UBND huyện Cũ» đã giải thể ngày 30/06/2025"):
        _create(world, personas["province"], members=[world.home, world.other, old])


@pytest.mark.parametrize("persona", ["head", "member", "council", "editor", "chief", "outsider"])
def test_only_province_and_admin_manage_groups(world: Any, personas: dict[str, Any], persona: str) -> None:
    with pytest.raises(PermissionDenied):
        _create(world, personas[persona])
    with pytest.raises(PermissionDenied):
        group_update(actor=personas[persona], group=world.group, note="x")


def test_update_replaces_members_all_or_nothing(world: Any, personas: dict[str, Any]) -> None:
    third = OrganisationFactory()
    # a member list without the head is refused, and the old list stays
    with pytest.raises(ValidationError):
        group_update(actor=personas["province"], group=world.group, members=[world.other, third])
    assert set(GroupMembership.objects.filter(group=world.group).values_list("organisation", flat=True)) == {
        world.home.pk,
        world.other.pk,
    }
    group_update(
        actor=personas["province"],
        group=world.group,
        members=[world.home, world.other, third],
        reason="Bổ sung thành viên",
    )
    event = AuditEvent.objects.get(action="org.group.update")
    assert event.reason == "Bổ sung thành viên"
    assert event.changes["members"][1] == [world.home.name, world.other.name, third.name]


def test_copy_to_next_year_hands_over_head(world: Any, personas: dict[str, Any]) -> None:
    person = PersonFactory(organisation=world.home)
    group_update(actor=personas["province"], group=world.group, head_person=person)
    new = group_copy_to_next_year(
        actor=personas["province"], group=world.group, head=world.other, deputy=world.home
    )
    assert (new.year, new.head, new.deputy, new.previous) == (2027, world.other, world.home, world.group)
    assert new.head_person is None  # the representative belonged to last year's head
    assert list(new.memberships.values_list("organisation", flat=True).order_by("order")) == [
        world.home.pk,
        world.other.pk,
    ]
    with pytest.raises(ValidationError, match="đã được chuyển sang năm 2027"):
        group_copy_to_next_year(actor=personas["province"], group=world.group)


def test_copy_keeps_head_by_default(world: Any, personas: dict[str, Any]) -> None:
    new = group_copy_to_next_year(actor=personas["province"], group=world.group)
    assert (new.head, new.deputy) == (world.home, world.other)
