"""Dates on the registry forms in a real browser (#17 item 2): typed dd/mm/yyyy stays, 31/02 is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import World
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


def _type_date(page: Any, selector: str, text: str) -> None:
    field = page.locator(selector)
    field.click()
    field.fill("")
    field.press_sequentially(text)
    page.keyboard.press("Escape")  # the picker's calendar
    field.press("Tab")


def test_person_dates_keep_what_the_officer_typed(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    person = world.home_person
    before = person.date_of_birth
    _log_in(page, live_server.url, "province")
    edit = f"{live_server.url}/admin/org/people/edit/{person.pk}/"

    # given a date typed the Vietnamese way, when the field loses focus, then it still reads so
    page.goto(edit)
    _type_date(page, "#id_date_of_birth", "20/10/1988")
    expect(page.locator("#id_date_of_birth")).to_have_value("20/10/1988")
    _type_date(page, "#id_position_since", "01/07/2025")
    page.fill("#id_position", "Chủ tịch Ủy ban nhân dân")
    expect(page.locator("#id_position_since")).to_have_value("01/07/2025")
    _save(page)
    person.refresh_from_db()
    assert person.date_of_birth == dt.date(1988, 10, 20)
    page.goto(edit)
    expect(page.locator("#id_date_of_birth")).to_have_value("20/10/1988")
    # The work history starts on the typed day, not today.
    page.goto(f"{live_server.url}/admin/org/people/inspect/{person.pk}/")
    assert "Chủ tịch Ủy ban nhân dân, Ủy ban nhân dân xã Nhà (01/07/2025 – nay)" in page.content()

    # given an impossible date, the text stays (no today's date), and saving refuses it
    page.goto(edit)
    _type_date(page, "#id_date_of_birth", "31/02/1990")
    expect(page.locator("#id_date_of_birth")).to_have_value("31/02/1990")
    assert page.locator("#id_date_of_birth").input_value() != f"{dt.date.today():%d/%m/%Y}"
    _save(page)
    expect(page.locator("main")).to_contain_text(
        "Ngày sinh không hợp lệ: 31/02/1990 (tháng 2 không có ngày 31). "
        "Nhập theo dạng ngày/tháng/năm, ví dụ 20/10/1988."
    )
    expect(page.locator("#id_date_of_birth")).to_have_value("31/02/1990")
    person.refresh_from_db()
    assert person.date_of_birth == dt.date(1988, 10, 20) != before


def test_the_picker_writes_dd_mm_yyyy(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
    from playwright.sync_api import expect

    _log_in(page, live_server.url, "province")
    page.goto(f"{live_server.url}/admin/org/people/edit/{world.home_person.pk}/", wait_until="networkidle")
    field = page.locator("#id_date_of_birth")
    field.fill("")
    picker = page.locator(".xdsoft_datetimepicker:visible")
    # Wagtail binds the picker from a script once the page has loaded; on a busy machine (CI runs two
    # test workers on two cores) the first click can come before that and opens nothing: click again.
    for _ in range(5):
        field.click()
        try:
            picker.wait_for(state="visible", timeout=3000)
            break
        except PlaywrightTimeoutError:
            page.locator("body").click(position={"x": 5, "y": 5})
    today = dt.date.today()
    picker.locator(f"td[data-date='{today.day}'][data-month='{today.month - 1}']").click()
    expect(page.locator("#id_date_of_birth")).to_have_value(f"{today:%d/%m/%Y}")
