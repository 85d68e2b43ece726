"""The registry screens in Wagtail's admin, for every role: who may open what, and scoping."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from thidua.core.models import AuditEvent
from thidua.org.models import EmulationGroup

pytestmark = pytest.mark.django_db

ROLES = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
# persona -> the registry listings they may open
LISTINGS = {
    "province": {"people", "groups", "organisations", "units"},
    "sysadmin": {"people", "groups", "organisations", "units"},
    "council": {"people", "groups", "organisations", "units"},
    "head": {"people", "groups", "organisations", "units"},
    "member": {"people", "groups", "organisations", "units"},
    "editor": set(),
    "chief": set(),
    "outsider": set(),
}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ROLES)
def test_admin_home(personas: dict[str, Any], persona: str) -> None:
    response = _client(personas[persona]).get("/admin/")
    if persona == "outsider":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("listing", ["people", "groups", "organisations", "units"])
def test_listing_access(personas: dict[str, Any], persona: str, listing: str) -> None:
    response = _client(personas[persona]).get(f"/admin/org/{listing}/")
    if listing in LISTINGS[persona]:
        assert response.status_code == 200
    else:
        # Wagtail answers a permission failure with a redirect (to the dashboard or the login page).
        assert response.status_code == 302


def test_member_officer_sees_only_own_units_people(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    body = client.get("/admin/org/people/").content.decode()
    assert world.other_person.full_name in body
    assert world.home_person.full_name not in body
    # Typing another unit's URL does not help.
    assert client.get(f"/admin/org/people/edit/{world.home_person.pk}/").status_code == 404
    assert client.get(f"/admin/org/people/inspect/{world.home_person.pk}/").status_code == 404
    assert client.get(f"/admin/org/people/edit/{world.other_person.pk}/").status_code == 200


def test_member_officer_edits_own_person_through_the_service(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    person = world.other_person
    response = client.post(
        f"/admin/org/people/edit/{person.pk}/",
        {
            "full_name": "Trần Thị Khác Đã Sửa",
            "gender": "female",
            "date_of_birth": "15/03/1985",
            "civil_servant_code": "CS-2",
            "organisation": world.other.pk,
            "position": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.full_name == "Trần Thị Khác Đã Sửa"
    assert AuditEvent.objects.filter(action="org.person.update", actor=personas["member"]).exists()


def test_council_member_does_not_see_personal_data(world: Any, personas: dict[str, Any]) -> None:
    body = (
        _client(personas["council"])
        .get(f"/admin/org/people/inspect/{world.home_person.pk}/")
        .content.decode()
    )
    assert world.home_person.full_name in body
    assert "CS-1" not in body and "1985" not in body
    body = (
        _client(personas["province"])
        .get(f"/admin/org/people/inspect/{world.home_person.pk}/")
        .content.decode()
    )
    assert "CS-1" in body


def test_group_form_shows_service_errors_and_saves_nothing(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    count = EmulationGroup.objects.count()
    response = client.post(
        "/admin/org/groups/new/",
        {
            "name": "Cụm Mới",
            "kind": "cum",
            "year": "2026",
            "province": world.province.pk,
            "members": [world.home.pk, world.other.pk],
            "head": world.office.pk,
        },
    )
    assert response.status_code == 200
    assert "không phải là thành viên của cụm, khối" in response.content.decode()
    assert EmulationGroup.objects.count() == count


def test_group_create_through_admin(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    response = client.post(
        "/admin/org/groups/new/",
        {
            "name": "Cụm Mới",
            "kind": "cum",
            "year": "2026",
            "province": world.province.pk,
            "members": [world.home.pk, world.other.pk],
            "head": world.home.pk,
            "deputy": world.other.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group = EmulationGroup.objects.get(name="Cụm Mới")
    assert AuditEvent.objects.filter(action="org.group.create", target_id=str(group.pk)).exists()


@pytest.mark.parametrize(("persona", "allowed"), [("province", True), ("member", False), ("head", False)])
def test_copy_next_year_screen(world: Any, personas: dict[str, Any], persona: str, allowed: bool) -> None:
    client = _client(personas[persona])
    response = client.post(
        f"/admin/org/groups/copy-next-year/{world.group.pk}/",
        {"head": world.other.pk, "deputy": world.home.pk},
    )
    if allowed:
        assert response.status_code == 302
        assert EmulationGroup.objects.filter(year=world.group.year + 1, head=world.other).exists()
    else:
        assert EmulationGroup.objects.filter(year=world.group.year + 1).count() == 0
        assert "không có quyền" in response.content.decode()


def test_member_officer_cannot_open_group_creation(personas: dict[str, Any]) -> None:
    assert _client(personas["member"]).get("/admin/org/groups/new/").status_code == 302


@pytest.mark.parametrize(
    ("persona", "unit", "role"), [("member", "xã Khác", "Cụm phó"), ("head", "xã Nhà", "Cụm trưởng")]
)
def test_home_panel_shows_own_unit_and_groups(
    world: Any, personas: dict[str, Any], persona: str, unit: str, role: str
) -> None:
    import datetime as dt

    world.group.year = dt.date.today().year
    world.group.save(update_fields=["year"])
    body = _client(personas[persona]).get("/admin/").content.decode()
    assert f"Đơn vị của tôi: Ủy ban nhân dân {unit}" in body
    assert f"{world.group.name}</a> – {role}" in body
    assert f"năm {world.group.year}" in body  # never "2.026"
