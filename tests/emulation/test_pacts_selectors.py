"""The reads behind the pact, period and template screens, persona by persona (against the database)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.emulation.fixtures import CRITERIA, PactWorld, build_pact
from tests.factories import GroupFactory, MembershipFactory, OrganisationFactory
from thidua.emulation.models import Report
from thidua.emulation.selectors.pacts import (
    groups_for_new_pact,
    member_group_ids,
    member_unit,
    pact_listing,
    pact_member,
    pacts_visible_to,
    period_overview,
    registered_targets,
    target_criteria,
)
from thidua.emulation.selectors.templates import (
    template_criteria,
    templates_editable_by,
    templates_visible_to,
)
from thidua.emulation.services.pacts import criteria_template_create

pytestmark = pytest.mark.django_db

PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]


@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("province", True),
        ("head", True),  # its unit heads the group
        ("member", True),  # its unit is a member
        ("council", True),
        ("sysadmin", True),
        ("editor", False),
        ("chief", False),
        ("outsider", False),  # works at a member unit but holds no role
    ],
)
def test_pacts_visible_to(pw: PactWorld, personas: dict[str, Any], persona: str, sees: bool) -> None:
    expected = [pw.pact] if sees else []
    assert list(pacts_visible_to(user=personas[persona])) == expected
    assert list(pact_listing(user=personas[persona])) == expected


def test_a_pact_of_another_group_is_not_visible_to_a_unit(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    # given a second group in which neither of the personas' units is
    stranger = OrganisationFactory(name="Ủy ban nhân dân xã Xa", province=world.province)
    second = GroupFactory(province=world.province, name="Khối Xa", head=stranger)
    MembershipFactory(group=second, organisation=stranger, order=1)
    pw2 = build_pact(
        type(world)(**{**world.__dict__, "group": second, "home": stranger, "other": stranger}),
        personas["province"],
    )
    assert set(pacts_visible_to(user=personas["province"])) == {pw.pact, pw2.pact}
    assert list(pacts_visible_to(user=personas["member"])) == [pw.pact]


@pytest.mark.parametrize(
    ("persona", "may_create"),
    [(p, p in {"province", "head", "sysadmin"}) for p in PERSONAS],
)
def test_groups_for_new_pact(world: Any, personas: dict[str, Any], persona: str, may_create: bool) -> None:
    assert groups_for_new_pact(user=personas[persona]) == ([world.group] if may_create else [])


def test_a_group_with_a_pact_is_not_offered_again(pw: PactWorld, personas: dict[str, Any]) -> None:
    assert groups_for_new_pact(user=personas["province"]) == []


@pytest.mark.parametrize(
    ("persona", "unit"),
    [("head", "home"), ("member", "other"), ("outsider", "home"), ("province", None), ("sysadmin", None)],
)
def test_member_unit(world: Any, personas: dict[str, Any], persona: str, unit: str | None) -> None:
    # member_unit follows the user's organisation only; whether the role may report is the services' call
    expected = getattr(world, unit) if unit else None
    assert member_unit(user=personas[persona], group=world.group) == expected
    assert member_group_ids(user=personas[persona]) == ({world.group.pk} if unit else set())


def test_member_unit_through_a_department(world: Any, personas: dict[str, Any]) -> None:
    # given a department of the province office is a member, and an officer of the office itself
    from tests.emulation.test_votes import _officer

    department = OrganisationFactory(name="Phòng Thi đua", parent=world.office, province=world.province)
    MembershipFactory(group=world.group, organisation=department, order=3)
    officer = _officer(world.office, "van_phong")
    # then the officer reports for the department, the first member unit within the office
    assert member_unit(user=officer, group=world.group) == department


def test_pact_member_and_targets(pw: PactWorld, world: Any) -> None:
    assert pact_member(pact=pw.pact, organisation_id=world.other.pk) == world.other
    assert pact_member(pact=pw.pact, organisation_id=world.office.pk) is None
    [ratio] = target_criteria(pact=pw.pact)
    assert ratio.code == "1.1"
    assert registered_targets(pact=pw.pact, organisation=world.other) == {ratio.pk: Decimal(100)}


@pytest.mark.parametrize(
    ("persona", "unit", "visible_drafts"),
    [
        ("member", "other", 1),  # its own draft
        ("head", "home", 0),  # another unit's draft is the member's own until it is sent
        ("province", None, 1),
        ("council", None, 1),
    ],
)
def test_period_overview(
    pw: PactWorld, world: Any, personas: dict[str, Any], persona: str, unit: str | None, visible_drafts: int
) -> None:
    # given "other" has a draft
    draft = Report.objects.create(period=pw.period, organisation=world.other, status=Report.Status.DRAFT)
    overview = period_overview(user=personas[persona], period=pw.period)
    assert overview.unit == (getattr(world, unit) if unit else None)
    assert overview.own == (draft if unit == "other" else None)
    assert overview.counts[str(Report.Status.DRAFT.label)] == visible_drafts
    assert set(overview.counts) == {str(label) for _value, label in Report.Status.choices}
    assert overview.member_count == 2
    assert overview.has_unlocked is bool(visible_drafts)


# --- templates ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "sees", "edits"),
    [
        ("province", True, True),
        ("sysadmin", True, True),
        ("council", True, False),
        ("head", False, False),
        ("member", False, False),
        ("editor", False, False),
        ("chief", False, False),
        ("outsider", False, False),
    ],
)
def test_templates_scoped_by_capability(
    world: Any, personas: dict[str, Any], persona: str, sees: bool, edits: bool
) -> None:
    template = criteria_template_create(
        actor=personas["province"], name="Mẫu cụm xã", kind="cum", criteria=CRITERIA
    )
    assert list(templates_visible_to(user=personas[persona])) == ([template] if sees else [])
    assert list(templates_editable_by(user=personas[persona])) == ([template] if edits else [])
    assert [c.code for c in template_criteria(template=template)] == ["1", "1.1", "1.2", "2.1", "B", "V"]
