"""The awards forms' people choosers in a real browser: a decision's recipients picked several at a
time in the chooser's multiple mode, one taken off again, and the decision saved with the rest."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.choosers import choose, choose_several, fill_date
from tests.conftest import World
from tests.factories import PersonFactory
from thidua.awards.models import AwardDecision
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def home_page(transactional_db: Any) -> None:
    portal_home_ensure()


def _log_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def test_a_decision_names_several_people_picked_in_the_chooser(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    lan = PersonFactory(organisation=world.home, full_name="Nguyễn Thị Lan")
    PersonFactory(organisation=world.other, full_name="Nguyễn Thị Lan Anh")
    _log_in(page, live_server.url, "province")
    page.goto(live_server.url + "/admin/awards/decisions/new/")
    page.fill("#id_number", "31/QĐ-UBND")
    fill_date(page, "#id_signed_on", "10/01/2025")
    choose(page, "id_issuer", "Nội vụ", "Sở Nội vụ")
    page.select_option("#id_award", "giay_khen")
    page.fill("#id_period_from_year", "2024")
    page.fill("#id_period_to_year", "2024")
    # Two people ticked in one search typed without diacritics, a third added by a second search.
    choose_several(page, "id_people", "nguyen thi lan", ["Nguyễn Thị Lan Anh", str(world.home)])
    chosen = page.locator("#id_people-chooser [data-thidua-multi-list] li")
    expect(chosen).to_have_count(2)
    choose_several(page, "id_people", "CS-2", ["Trần Thị Khác"])
    expect(chosen).to_have_count(3)
    # One taken off again before saving.
    chosen.filter(has_text="Nguyễn Thị Lan Anh").get_by_role("button").click()
    expect(chosen).to_have_count(2)
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    decision = AwardDecision.objects.get(number="31/QĐ-UBND")
    assert {r.person_id for r in decision.recipients.all()} == {lan.pk, world.other_person.pk}
    assert decision.issuer == world.office
