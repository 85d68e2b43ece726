from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from django.test import RequestFactory

from thidua.accounts.models import Role
from thidua.accounts.roles import ROLES, Cap, RoleCode
from thidua.accounts.services import roles_sync, user_create
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_every_role_has_a_group_with_its_permissions() -> None:
    roles_sync()
    roles_sync()  # idempotent
    assert Role.objects.count() == len(ROLES)
    for code, spec in ROLES.items():
        group = Group.objects.get(role__code=code)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == set(spec.permissions), code


def test_unknown_role_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown role"):
        user_create(actor=None, username="x", password=None, full_name="X Y", roles=["emperor"])


def test_user_create_audits_and_names_in_vietnamese_order() -> None:
    user = user_create(
        actor=None,
        username="thanh",
        password="pw",
        full_name="Lê Thị Thanh",
        roles=[RoleCode.PROVINCE_OFFICER],
    )
    assert user.get_full_name() == "Lê Thị Thanh"
    event = AuditEvent.objects.get(action="accounts.user.create")
    assert event.target_id == str(user.pk)
    assert event.actor_name == "hệ thống"


@pytest.mark.parametrize(("demo", "can_log_in"), [(True, True), (False, False)])
def test_demo_accounts_log_in_only_in_demo_mode(settings: Any, demo: bool, can_log_in: bool) -> None:
    user_create(actor=None, username="demo", password="thidua-demo", full_name="Demo User", is_demo=True)
    user_create(actor=None, username="real", password="real-pass-123", full_name="Real User")
    settings.DEMO = demo
    # django-axes refuses authenticate() without the request it counts failures against.
    request = RequestFactory().post("/admin/login/")
    assert (authenticate(request, username="demo", password="thidua-demo") is not None) is can_log_in
    assert authenticate(request, username="real", password="real-pass-123") is not None


# Who may do what. Written out by hand, independently of roles.py, so a change there that grants
# or withdraws a capability by mistake fails here.
CAPABILITY_TABLE = {
    "province": {
        Cap.MANAGE_GROUPS,
        Cap.MANAGE_ALL_PEOPLE,
        Cap.MANAGE_UNITS,
        Cap.MANAGE_ORGANISATIONS,
        Cap.VIEW_ALL_PEOPLE,
        Cap.VIEW_ALL_PERSONAL_DATA,
        Cap.VIEW_ALL_GROUPS,
        Cap.VIEW_AUDIT,
        Cap.VIEW_REGISTRY,
        Cap.MANAGE_EMULATION,
        Cap.VIEW_ALL_EMULATION,
    },
    "head": {
        Cap.VIEW_REGISTRY,
        Cap.VIEW_OWN_PEOPLE,
        Cap.MANAGE_OWN_PEOPLE,
        Cap.VIEW_OWN_GROUPS,
        Cap.REPORT_EMULATION,
    },
    "member": {
        Cap.VIEW_REGISTRY,
        Cap.VIEW_OWN_PEOPLE,
        Cap.MANAGE_OWN_PEOPLE,
        Cap.VIEW_OWN_GROUPS,
        Cap.REPORT_EMULATION,
    },
    "council": {Cap.VIEW_REGISTRY, Cap.VIEW_ALL_PEOPLE, Cap.VIEW_ALL_GROUPS, Cap.VIEW_ALL_EMULATION},
    "editor": set(),
    "chief": set(),
    "sysadmin": {
        Cap.MANAGE_GROUPS,
        Cap.MANAGE_ALL_PEOPLE,
        Cap.MANAGE_UNITS,
        Cap.MANAGE_ORGANISATIONS,
        Cap.VIEW_ALL_PEOPLE,
        Cap.VIEW_ALL_PERSONAL_DATA,
        Cap.VIEW_ALL_GROUPS,
        Cap.VIEW_AUDIT,
        Cap.VIEW_REGISTRY,
        Cap.MANAGE_USERS,
        Cap.MANAGE_EMULATION,
        Cap.VIEW_ALL_EMULATION,
    },
    "outsider": set(),
}
ALL_CAPS = sorted(set().union(*CAPABILITY_TABLE.values()) | {Cap.VIEW_OWN_PEOPLE, Cap.MANAGE_OWN_PEOPLE})


@pytest.mark.parametrize("persona", sorted(CAPABILITY_TABLE))
@pytest.mark.parametrize("capability", ALL_CAPS)
def test_capability_table(personas: dict[str, Any], persona: str, capability: str) -> None:
    from thidua.accounts.permissions import has_capability

    assert has_capability(personas[persona], capability) is (capability in CAPABILITY_TABLE[persona])


def test_inactive_user_has_no_capability(personas: dict[str, Any]) -> None:
    from thidua.accounts.permissions import capabilities

    user = personas["province"]
    user.is_active = False
    assert capabilities(user) == frozenset()
