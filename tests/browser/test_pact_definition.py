"""The pact's reopening and its aggregates and tie-break in a real browser: the province office
reopens a signed pact with a reason and sees the audit row; then adds an aggregate and a tie-break
criterion on the form and finds the aggregate's sentence on the period's results."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World
from tests.emulation.builders import build_pact, fill_period, seed_document
from thidua.emulation.models import Pact, Period
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


def _signed_pact_with_reports(world: World) -> tuple[Pact, Period]:
    """The seed's signed pact of five members (two of them the world's), without aggregates or
    tie-break, and an open period in which every member has sent its report."""
    document = {**seed_document(), "aggregates": [], "tie_break": []}
    built = build_pact(
        document=document, group=world.group, organisations={"cau-ngang": world.home, "tra-cu": world.other}
    )
    return built.pact, fill_period(built)


def _reopen(page: Any, base: str, pact: Pact) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/admin/emulation/pacts/{pact.pk}/")
    page.get_by_role("link", name="Mở lại giao ước").click()
    expect(page.locator("[data-reopen-effects]")).to_contain_text("không bản nào bị xoá")
    # an empty reason is refused, with the reason asked for
    page.get_by_role("button", name="Mở lại giao ước").click()
    expect(page.locator("main form")).to_contain_text("Cần nêu lý do mở lại giao ước.")
    page.get_by_label("Lý do mở lại").fill("Bổ sung số liệu tổng hợp theo chỉ đạo của tỉnh")
    page.get_by_role("button", name="Mở lại giao ước").click()
    page.wait_for_url(f"{base}/admin/emulation/pacts/{pact.pk}/")


def test_province_reopens_a_signed_pact(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    pact, _period = _signed_pact_with_reports(world)
    base = live_server.url
    # the head unit signs but may not reopen: no button
    _log_in(page, base, "head")
    page.goto(f"{base}/admin/emulation/pacts/{pact.pk}/")
    expect(page.locator("[data-pact-status]")).to_have_text("Đã ký kết")
    expect(page.get_by_role("link", name="Mở lại giao ước")).to_have_count(0)
    # the province office reopens it
    _log_in(page, base, "province")
    _reopen(page, base, pact)
    expect(page.locator(".messages")).to_contain_text("lần ký kết tới sẽ là phiên bản 2")
    expect(page.locator("[data-pact-status]")).to_have_text("Đang soạn")
    history = page.locator("table[data-history]")
    expect(history).to_contain_text("Mở lại giao ước thi đua")
    expect(history).to_contain_text("Bổ sung số liệu tổng hợp theo chỉ đạo của tỉnh")


def test_aggregate_and_tie_break_reach_the_results(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    pact, period = _signed_pact_with_reports(world)
    base = live_server.url
    _log_in(page, base, "province")
    _reopen(page, base, pact)
    page.get_by_role("link", name="Sửa số liệu tổng hợp, thứ tự xét khi bằng điểm").click()
    page.wait_for_url(f"{base}/admin/emulation/pacts/{pact.pk}/aggregates/")

    # one aggregate row: the kind narrows the criteria offered to those that fit it
    row = page.locator("fieldset[data-aggregate-row]").first
    row.get_by_label("Loại số liệu").select_option(label="Tổng thực hiện so kế hoạch")
    expect(row.locator('option[value="1.2"]')).to_be_disabled()
    row.get_by_label("Tiêu chí").select_option("1.1")
    row.get_by_label("Câu hiển thị").fill("Tổng giá trị sản xuất toàn Cụm là {display}")

    # the tie-break: add two criteria, then move the second up (each move redraws the page)
    page.get_by_label("Thêm tiêu chí").select_option("3.2")
    page.get_by_role("button", name="Thêm vào thứ tự xét").click()
    page.get_by_label("Thêm tiêu chí").select_option("1.1")
    page.get_by_role("button", name="Thêm vào thứ tự xét").click()
    expect(page.locator("ol[data-tie-break] li")).to_have_count(2)
    page.get_by_role("button", name="Đưa lên: 1.1. Tổng giá trị sản xuất so kế hoạch năm (tỷ đồng)").click()
    expect(page.locator("ol[data-tie-break] li").first).to_contain_text("1.1. Tổng giá trị sản xuất")
    # the aggregate typed before the moves is still there
    expect(page.locator("fieldset[data-aggregate-row]").first.get_by_label("Câu hiển thị")).to_have_value(
        "Tổng giá trị sản xuất toàn Cụm là {display}"
    )
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_url(f"{base}/admin/emulation/pacts/{pact.pk}/")
    expect(page.locator(".messages")).to_contain_text("Đã lưu số liệu tổng hợp")
    expect(page.locator("p[data-tie-break]")).to_contain_text(
        "1.1. Tổng giá trị sản xuất so kế hoạch năm (tỷ đồng); 3.2."
    )

    # the period's results say the aggregate's sentence
    page.goto(f"{base}/admin/emulation/periods/{period.pk}/dashboard/")
    expect(page.locator("#aggregates-heading")).to_be_visible()
    expect(
        page.get_by_text("Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch")
    ).to_be_visible()
