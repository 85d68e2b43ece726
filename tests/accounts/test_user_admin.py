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
