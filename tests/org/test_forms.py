"""The registry forms edit exactly the fields their services declare, in the order officers know."""

from __future__ import annotations

from typing import Any

import pytest

from thidua.org.forms import AdminUnitForm, GroupForm, OrganisationForm, PersonForm
from thidua.org.services.groups import GROUP_FIELDS, group_update
from thidua.org.services.organisations import ORGANISATION_FIELDS
from thidua.org.services.people import PERSON_EDITABLE, PERSON_FIELDS, POSITION_FIELDS
from thidua.org.services.units import UNIT_FIELDS

pytestmark = pytest.mark.django_db


def test_organisation_form_is_the_services_list() -> None:
    assert list(OrganisationForm().fields) == ORGANISATION_FIELDS
    assert ORGANISATION_FIELDS == [
        "code", "name", "short_name", "kind", "parent", "admin_unit", "province", "address", "phone",
        "email", "established_on", "dissolved_on",
    ]  # fmt: skip


def test_group_form_puts_the_members_after_the_province() -> None:
    assert list(GroupForm().fields) == [
        "name", "kind", "year", "province", "members", "head", "deputy", "head_person", "deputy_person",
        "note",
    ]  # fmt: skip
    assert [name for name in GroupForm().fields if name != "members"] == GROUP_FIELDS


def test_person_form_is_the_services_list_and_the_position_date() -> None:
    assert list(PersonForm().fields) == [*PERSON_EDITABLE, "position_since"]
    # person_update takes the own fields; the unit and the position go through person_change_position
    assert PERSON_FIELDS == ["full_name", "gender", "date_of_birth", "civil_servant_code", "is_active"]
    assert POSITION_FIELDS == ["organisation", "position"]


def test_unit_screen_edits_the_services_fields_but_the_source() -> None:
    assert list(AdminUnitForm().fields) == [name for name in UNIT_FIELDS if name != "source"]
    assert list(AdminUnitForm().fields) == [
        "code", "name", "short_name", "level", "kind", "parent", "valid_from", "valid_until", "latitude",
        "longitude", "area_km2",
    ]  # fmt: skip


def test_group_update_still_refuses_a_field_it_does_not_declare(world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match="previous"):
        group_update(actor=personas["province"], group=world.group, previous=None)
