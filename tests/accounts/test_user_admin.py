from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from thidua.accounts.models import User

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_system_admin_creates_an_account_with_its_unit_and_role(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["sysadmin"])
    page = client.get("/admin/users/new/").content.decode()
    assert 'name="organisation"' in page
    role_group = Group.objects.get(role__code="member_officer")
    response = client.post(
        "/admin/users/new/",
        {
            "username": "moi",
            "email": "moi@example.vn",
            "first_name": "Mới",
            "last_name": "Nguyễn Văn",
            "password1": "mat-khau-rat-dai-1",
            "password2": "mat-khau-rat-dai-1",
            "organisation": world.other.pk,
            "phone": "0294 3832012",
            "groups": [role_group.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="moi")
    assert (user.organisation, user.get_full_name(), list(user.groups.all())) == (
        world.other,
        "Nguyễn Văn Mới",
        [role_group],
    )


@pytest.mark.parametrize("persona", ["province", "head", "member", "council", "editor", "chief"])
def test_only_system_admin_manages_accounts(personas: dict[str, Any], persona: str) -> None:
    assert _client(personas[persona]).get("/admin/users/new/").status_code == 302


# --- Every account change on the Users screens is in the audit log (#15) -----------------------------
def _edit_data(user: User, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "username": user.username,
        "email": user.email or f"{user.username}@example.vn",
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": user.organisation_id or "",
        "phone": getattr(user, "phone", ""),
        "groups": list(user.groups.values_list("pk", flat=True)),
        "is_active": "on" if user.is_active else "",
        "password1": "",
        "password2": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_creating_an_account_on_the_screen_is_audited(world: Any, personas: dict[str, Any]) -> None:
    from thidua.core.models import AuditEvent

    role_group = Group.objects.get(role__code="member_officer")
    response = _client(personas["sysadmin"]).post(
        "/admin/users/new/",
        {
            "username": "moi2",
            "email": "moi2@example.vn",
            "first_name": "Hai",
            "last_name": "Trần",
            "password1": "mat-khau-rat-dai-2",
            "password2": "mat-khau-rat-dai-2",
            "organisation": world.other.pk,
            "groups": [role_group.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(
        action="accounts.user.create", target_id=str(User.objects.get(username="moi2").pk)
    )
    assert event.actor_id == personas["sysadmin"].pk
    assert event.changes["roles"] == [None, ["member_officer"]]
    assert "password" not in event.changes and "mat-khau" not in str(event.changes)


def test_changing_roles_unit_and_password_on_the_screen_is_audited(
    world: Any, personas: dict[str, Any]
) -> None:
    from thidua.core.models import AuditEvent

    member = personas["member"]
    province_group = Group.objects.get(role__code="province_officer")
    before_roles = sorted(member.groups.filter(role__isnull=False).values_list("role__code", flat=True))
    response = _client(personas["sysadmin"]).post(
        f"/admin/users/edit/{member.pk}/",
        _edit_data(
            member,
            groups=[province_group.pk],
            organisation=world.home.pk,  # the member officer works at "other"
            password1="mat-khau-moi-rat-dai",
            password2="mat-khau-moi-rat-dai",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="accounts.user.change", target_id=str(member.pk))
    assert event.actor_id == personas["sysadmin"].pk
    assert event.changes["roles"] == [before_roles, ["province_officer"]]
    assert [side["id"] for side in event.changes["organisation"]] == [world.other.pk, world.home.pk]
    assert event.changes["password"][0] == "" and "mat-khau" not in str(event.changes)
    assert "username" not in event.changes and "full_name" not in event.changes  # only what changed


def test_saving_an_account_unchanged_writes_no_row(personas: dict[str, Any]) -> None:
    from thidua.core.models import AuditEvent

    member = personas["member"]
    member.email = "member@example.vn"  # the screen requires one; the persona has none
    member.save(update_fields=["email"])
    response = _client(personas["sysadmin"]).post(f"/admin/users/edit/{member.pk}/", _edit_data(member))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not AuditEvent.objects.filter(action="accounts.user.change").exists()


def test_deleting_an_account_on_the_screen_is_audited(personas: dict[str, Any]) -> None:
    from thidua.core.models import AuditEvent

    editor = personas["editor"]
    pk = editor.pk
    response = _client(personas["sysadmin"]).post(f"/admin/users/delete/{pk}/")
    assert response.status_code == 302
    assert not User.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(action="accounts.user.delete", target_id=str(pk))
    assert event.changes["username"] == [editor.username, None]
