"""The unit and organisation forms pick units in a chooser, among the officer's units (#17 item 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.factories import CommuneFactory, OrganisationFactory, ProvinceFactory
from thidua.org.models import AdminUnit, Organisation, UnitLineage
from thidua.org.selectors.units import units_pickable_by

pytestmark = pytest.mark.django_db

REFUSED = "nằm ngoài tỉnh, thành phố mà bạn phụ trách"


@pytest.fixture
def units(world: Any) -> dict[str, AdminUnit]:
    """Two provinces of 300 communes each: the officer's (world.province) and another one."""
    elsewhere = ProvinceFactory(name="Tỉnh Nơi Khác")
    AdminUnit.objects.bulk_create(
        AdminUnit(
            code=f"7{n:04d}", name=f"Xã Số {n}", level=AdminUnit.Level.COMMUNE, kind="Xã", parent=parent
        )
        for n, parent in enumerate([world.province] * 300 + [elsewhere] * 300)
    )
    return {
        "own": CommuneFactory(parent=world.province, name="Xã Long Hồ", code="29770"),
        "other_province": elsewhere,
        "other": CommuneFactory(parent=elsewhere, name="Xã Long Hồ Khác", code="99001"),
    }


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _unit_post(**fields: Any) -> dict[str, Any]:
    data = {"code": "29771", "name": "Xã Tân Hạnh", "short_name": "", "level": "commune", "kind": "Xã"}
    data.update({"parent": "", "valid_from": "", "valid_until": "", "latitude": "", "longitude": ""})
    data["area_km2"] = ""
    return {**data, **fields}


def _organisation_post(**fields: Any) -> dict[str, Any]:
    data = {
        "code": "UBND-29770",
        "name": "Ủy ban nhân dân xã Long Hồ",
        "short_name": "",
        "kind": "local_government",
    }
    data.update({"parent": "", "admin_unit": "", "province": "", "address": "", "phone": "", "email": ""})
    data.update({"established_on": "", "dissolved_on": ""})
    return {**data, **fields}


@pytest.mark.parametrize(
    "url",
    ["/admin/org/units/new/", "/admin/org/organisations/new/", "unit-edit", "organisation-edit"],
)
def test_the_forms_hold_no_list_of_every_unit(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit], url: str
) -> None:
    if url == "unit-edit":
        url = f"/admin/org/units/edit/{units['own'].pk}/"
    elif url == "organisation-edit":
        organisation = OrganisationFactory(admin_unit=units["own"], province=world.province)
        url = f"/admin/org/organisations/edit/{organisation.pk}/"
    response = _client(personas["province"]).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert AdminUnit.objects.count() > 600
    # Before, one <option> per unit in the register (14,000 with the full set); now only the short
    # lists (level, kind, the officer's provinces, the organisations) are selects.
    assert html.count("<option") < 30
    assert "Xã Số 1" not in html
    assert "/admin/org/units/chooser/" in html


def test_the_chooser_searches_only_the_officers_province(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit]
) -> None:
    client = _client(personas["province"])
    html = client.get("/admin/org/units/chooser/results/", {"q": "Long Hồ"}).content.decode()
    assert "Xã Long Hồ (29770)" in html
    assert "Xã Long Hồ Khác" not in html
    by_code = client.get("/admin/org/units/chooser/results/", {"q": "99001"}).content.decode()
    assert "Xã Long Hồ Khác" not in by_code
    assert client.get(f"/admin/org/units/chooser/chosen/{units['own'].pk}/").status_code == 200
    # Another province's unit cannot be chosen through the URL either.
    assert client.get(f"/admin/org/units/chooser/chosen/{units['other'].pk}/").status_code == 404
    # The list is paged: the modal shows 20 units of the 302 of the province, not all of them.
    first = client.get("/admin/org/units/chooser/").content.decode()
    assert first.count("data-chooser-modal-choice") == 20


def test_the_chooser_filters_by_level(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit]
) -> None:
    html = (
        _client(personas["province"])
        .get("/admin/org/units/chooser/results/", {"level": "province"})
        .content.decode()
    )
    assert str(world.province) in html
    assert "Xã Long Hồ" not in html


def test_a_forged_parent_from_another_province_is_refused(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit]
) -> None:
    client = _client(personas["province"])
    response = client.post("/admin/org/units/new/", _unit_post(parent=units["other_province"].pk))
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not AdminUnit.objects.filter(code="29771").exists()

    response = client.post("/admin/org/units/new/", _unit_post(parent=world.province.pk))
    assert response.status_code == 302
    assert AdminUnit.objects.get(code="29771").parent == world.province


@pytest.mark.parametrize("field", ["admin_unit", "province"])
def test_a_forged_unit_of_an_organisation_is_refused(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit], field: str
) -> None:
    forged = units["other"] if field == "admin_unit" else units["other_province"]
    response = _client(personas["province"]).post(
        "/admin/org/organisations/new/", _organisation_post(**{field: forged.pk})
    )
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not Organisation.objects.filter(code="UBND-29770").exists()


def test_an_organisation_is_saved_with_the_chosen_units(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit]
) -> None:
    response = _client(personas["province"]).post(
        "/admin/org/organisations/new/",
        _organisation_post(admin_unit=units["own"].pk, province=world.province.pk),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(code="UBND-29770")
    assert (organisation.admin_unit, organisation.province) == (units["own"], world.province)


def test_an_edit_keeps_a_unit_chosen_before(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit]
) -> None:
    # A record already on another province's unit (entered by the system administrator) can still
    # be edited; only a change to such a unit is refused.
    organisation = OrganisationFactory(
        code="SO-KHAC", admin_unit=units["other"], province=units["other_province"]
    )
    response = _client(personas["province"]).post(
        f"/admin/org/organisations/edit/{organisation.pk}/",
        _organisation_post(
            code="SO-KHAC", name="Sở Khác", admin_unit=units["other"].pk, province=units["other_province"].pk
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Sở Khác"


def test_pickable_units_follow_the_officers_province_and_its_predecessors(
    world: Any, personas: dict[str, Any], units: dict[str, AdminUnit]
) -> None:
    old_province = ProvinceFactory(name="Tỉnh Cũ", valid_until=dt.date(2025, 6, 30))
    old_district = AdminUnit.objects.create(
        code="850", name="Huyện Cũ", level="district", kind="Huyện", parent=old_province
    )
    old_commune = CommuneFactory(parent=old_district, name="Xã Cũ", valid_from=None)
    UnitLineage.objects.create(
        predecessor=old_province, successor=world.province, effective_on=dt.date(2025, 7, 1)
    )

    province_officer = set(units_pickable_by(user=personas["province"]).values_list("pk", flat=True))
    assert {
        world.province.pk,
        units["own"].pk,
        old_province.pk,
        old_district.pk,
        old_commune.pk,
    } <= province_officer
    assert not {units["other_province"].pk, units["other"].pk} & province_officer
    # The system administrator works for no province: every unit.
    assert units_pickable_by(user=personas["sysadmin"]).count() == AdminUnit.objects.count()
    # Without the registry capability, nothing.
    assert not units_pickable_by(user=personas["editor"]).exists()
