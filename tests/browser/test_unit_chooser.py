"""The unit chooser of the unit and organisation forms in a real browser (#17 item 5)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.choosers import choose
from tests.conftest import World
from tests.factories import CommuneFactory, ProvinceFactory
from thidua.org.models import AdminUnit, Organisation
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def home_page(transactional_db: Any) -> None:
    # Transactional tests empty every table afterwards, the home page included.
    portal_home_ensure()


def _log_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def _save(page: Any) -> None:
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def test_unit_and_organisation_forms_pick_a_unit_by_searching(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    commune = CommuneFactory(parent=world.province, name="Xã Long Hồ", code="29770")
    elsewhere = ProvinceFactory(name="Tỉnh Nơi Khác")
    CommuneFactory(parent=elsewhere, name="Xã Long Hồ Khác")
    _log_in(page, live_server.url, "province")

    # A new commune under the officer's province, the parent chosen by searching.
    page.goto(live_server.url + "/admin/org/units/new/")
    page.fill("#id_code", "29771")
    page.fill("#id_name", "Xã Tân Hạnh")
    page.select_option("#id_level", AdminUnit.Level.COMMUNE)
    page.fill("#id_kind", "Xã")
    choose(page, "id_parent", world.province.name[:12], world.province.name)
    expect(page.locator("main")).to_contain_text(str(world.province))
    _save(page)
    unit = AdminUnit.objects.get(code="29771")
    assert unit.parent == world.province
    page.goto(f"{live_server.url}/admin/org/units/inspect/{unit.pk}/")
    expect(page.locator("main")).to_contain_text(str(world.province))

    # A new organisation on that commune; another province's commune is not offered.
    page.goto(live_server.url + "/admin/org/organisations/new/")
    page.fill("#id_code", "UBND-29770")
    page.fill("#id_name", "Ủy ban nhân dân xã Long Hồ")
    page.select_option("#id_kind", Organisation.Kind.LOCAL_GOVERNMENT)
    choose(page, "id_admin_unit", "Long Hồ", "Xã Long Hồ")
    page.select_option("#id_province", str(world.province.pk))
    _save(page)
    organisation = Organisation.objects.get(code="UBND-29770")
    assert organisation.admin_unit == commune
    assert organisation.province == world.province
    page.goto(f"{live_server.url}/admin/org/organisations/inspect/{organisation.pk}/")
    expect(page.locator("main")).to_contain_text(str(commune))
