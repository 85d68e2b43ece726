"""Shared fixtures: named personas, one per role, each working for a unit of a small world.

The world: a province with two communes' people's committees, "home" and "other", in one cluster
of 2026 that "home" heads; the province office. Personas: province (province officer), head
(group head officer, works at home), member (member unit officer, works at other), council,
editor, chief (editor-in-chief), sysadmin, outsider (an account with no role).
"""

from __future__ import annotations

import os
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


@pytest.fixture(autouse=True, scope="session")
def _cache_keys_per_worker() -> Any:
    """Each pytest-xdist worker its own cache keys. CI runs the suite with REDIS_URL, so both workers
    share one Redis database while each has its own test database: Wagtail's cached site root paths
    (Site.get_site_root_paths, the ids of one worker's sites) were read by the other worker, whose
    admin dashboard then asked its database for a site that is not there (CI on PostgreSQL:
    Site.DoesNotExist in tests/test_demo.py, and an editor's dashboard that never listed the page
    awaiting review in the browser). override_settings resets Django's cache handlers, in the live
    server's thread too."""
    from django.conf import settings
    from django.test.utils import override_settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    caches = {
        alias: {**config, "KEY_PREFIX": f"tests-{worker}:{config.get('KEY_PREFIX', '')}"}
        for alias, config in settings.CACHES.items()
    }
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True, scope="session")
def _migration_rows_after_flush() -> Any:
    """Put back the rows data migrations create and a flush removes: Wagtail's root collection and
    the portal's root page, home, locale and site. Without them a test that runs on a worker after a
    transactional test finds no root collection (document upload) or no site, and the result depends
    on the order pytest-xdist hands tests out (seen in CI: document uploads failing with a None
    collection). The flush sends post_migrate once per app; the last app's signal comes after every
    content type has been recreated, so the pages get fresh ones."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    # post_migrate goes only to apps with a models module (django.core.management.sql).
    last_app = [config for config in apps.get_app_configs() if config.models_module][-1]

    def reseed(sender: Any, **kwargs: Any) -> None:
        if sender is not last_app:
            return
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Collection

        from thidua.portal.services.pages import portal_home_ensure

        ContentType.objects.clear_cache()
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        portal_home_ensure()

    post_migrate.connect(reseed, dispatch_uid="tests-reseed-migration-rows")
    yield
    post_migrate.disconnect(dispatch_uid="tests-reseed-migration-rows")


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
