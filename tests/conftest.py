"""Shared fixtures: named personas, one per role, each working for a unit of a small world.

The world: a province with two communes' people's committees, "home" and "other", in one cluster
of 2026 that "home" heads; the province office. Personas: province (province officer), head
(group head officer, works at home), member (member unit officer, works at other), council,
editor, chief (editor-in-chief), sysadmin, outsider (an account with no role).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import (
    GroupFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProvinceFactory,
)
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create


@pytest.fixture(autouse=True)
def _vietnamese() -> Any:
    """Each test starts in the site language. A request with the English cookie activates English in
    this thread, and Django leaves it active afterwards, so without this a later test's result would
    depend on the order tests run in (seen with pytest-xdist)."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _audit_log_flushable() -> Any:
    """The flush between transactional tests empties every table, the audit log included, which its
    triggers refuse (DELETE on SQLite, TRUNCATE on PostgreSQL: thidua.core.audit_guard). The tests'
    flush, and only it, lifts them for its own statements."""
    from django.db import connection

    from thidua.core.audit_guard import guard_sql, unguard_sql

    operations = type(connection.ops)
    original = operations.execute_sql_flush

    def execute_sql_flush(self: Any, sql_list: Any) -> Any:
        vendor = self.connection.vendor
        with self.connection.cursor() as cursor:
            for statement in unguard_sql(vendor):
                cursor.execute(statement)
        try:
            return original(self, sql_list)
        finally:
            with self.connection.cursor() as cursor:
                for statement in guard_sql(vendor):
                    cursor.execute(statement)

    operations.execute_sql_flush = execute_sql_flush
    yield
    operations.execute_sql_flush = original


@dataclass
class World:
    province: Any
    office: Any
    home: Any
    other: Any
    group: Any
    home_person: Any
    other_person: Any


@pytest.fixture
def world(db: Any) -> World:
    province = ProvinceFactory()
    office = OrganisationFactory(name="Sở Nội vụ", kind="agency", province=province)
    home = OrganisationFactory(name="Ủy ban nhân dân xã Nhà", province=province)
    other = OrganisationFactory(name="Ủy ban nhân dân xã Khác", province=province)
    group = GroupFactory(province=province, head=home, deputy=other)
    MembershipFactory(group=group, organisation=home, order=1)
    MembershipFactory(group=group, organisation=other, order=2)
    return World(
        province=province,
        office=office,
        home=home,
        other=other,
        group=group,
        home_person=PersonFactory(organisation=home, full_name="Lê Văn Nhà", civil_servant_code="CS-1"),
        other_person=PersonFactory(organisation=other, full_name="Trần Thị Khác", civil_servant_code="CS-2"),
    )


PERSONAS = {
    "province": (RoleCode.PROVINCE_OFFICER, "office"),
    "head": (RoleCode.GROUP_HEAD_OFFICER, "home"),
    "member": (RoleCode.MEMBER_OFFICER, "other"),
    "council": (RoleCode.COUNCIL_MEMBER, "office"),
    "editor": (RoleCode.PORTAL_EDITOR, "office"),
    "chief": (RoleCode.EDITOR_IN_CHIEF, "office"),
    "sysadmin": (RoleCode.SYSTEM_ADMIN, None),
    "outsider": (None, "home"),
}


@pytest.fixture
def personas(world: World) -> dict[str, Any]:
    users = {}
    for name, (role, org) in PERSONAS.items():
        users[name] = user_create(
            actor=None,
            username=name,
            password="pw-" + name,
            full_name=f"Người Dùng {name}",
            organisation=getattr(world, org) if org else None,
            roles=[role] if role else [],
        )
    return users
