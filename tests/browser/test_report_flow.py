"""The main job in a real browser: a member unit's officer fills the report grid (the points change as
they type), saves and submits it; the head unit's officer then appraises it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World
from tests.emulation.fixtures import build_pact
from thidua.emulation.models import Report
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


def test_member_fills_and_submits_then_head_appraises(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    pw = build_pact(world, personas["province"])
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # "Gửi báo cáo?" is confirmed

    # The member unit's officer finds the period and opens the unit's report.
    _log_in(page, base, "member")
    page.goto(base + "/admin/emulation/periods/")
    page.get_by_role("link", name="Báo cáo của đơn vị").click()
    page.wait_for_url(f"{base}/admin/emulation/periods/{pw.period.pk}/report/")
    expect(page.locator("[data-report-status]")).to_have_text("Đang nhập")

    # Typing a value changes the points at once, without saving.
    value = page.get_by_label("Giá trị tiêu chí 1.1", exact=True)
    value.fill("80")
    expect(page.locator('[data-points-for="1.1"]')).to_have_text("80,00")
    value.fill("7.845,12")  # far above the target of 100: capped at the maximum
    expect(page.locator('[data-points-for="1.1"]')).to_have_text("100,00")
    value.fill("80")
    expect(page.locator('[data-points-for="1.1"]')).to_have_text("80,00")
    page.get_by_label("Giá trị tiêu chí 2.1", exact=True).fill("abc")
    expect(page.locator('[data-live-errors-for="2.1"]')).to_contain_text("không phải là số")
    page.get_by_label("Giá trị tiêu chí 2.1", exact=True).fill("90")
    page.get_by_label("Giá trị tiêu chí 1.2", exact=True).select_option(label="Có")
    page.get_by_label("Giá trị tiêu chí B", exact=True).fill("5")
    page.get_by_label("Giá trị tiêu chí V", exact=True).select_option(label="Không")
    page.get_by_label("Giải trình tiêu chí 1.1", exact=True).fill("Giá nông sản giảm")
    page.get_by_label("Tệp minh chứng tiêu chí 1.1", exact=True).set_input_files(
        files=[{"name": "thong-ke-6-thang.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    expect(page.locator('[data-points-for="1"]')).to_have_text("130,00")  # the group: 80 + 50
    expect(page.locator("[data-total]")).to_have_text("225,00")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "report-grid.png"), full_page=True)

    # Save, then submit.
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu báo cáo")
    expect(page.get_by_role("link", name="thong-ke-6-thang.pdf")).to_be_visible()
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo")
    expect(page.locator("[data-report-status]")).to_have_text("Đã gửi")
    assert page.locator("[data-value-input]").count() == 0  # read-only once sent

    # The head unit's officer reviews the group's reports and appraises, lowering 2.1 with a note.
    _log_in(page, base, "head")
    page.goto(f"{base}/admin/emulation/periods/{pw.period.pk}/")
    page.get_by_role("link", name="Các báo cáo").click()
    row = page.locator("tr", has_text=world.other.name)
    expect(row).to_contain_text("Đã gửi")
    row.get_by_role("link", name="Xem, thẩm định").click()
    appraised = page.get_by_label("Giá trị thẩm định tiêu chí 2.1", exact=True)
    expect(appraised).to_have_value("90")  # prefilled with the member's value
    appraised.fill("70")
    page.get_by_label("Ý kiến thẩm định tiêu chí 2.1", exact=True).fill("Thiếu minh chứng phong trào")
    page.screenshot(path=str(SHOTS / "report-review.png"), full_page=True)
    page.get_by_role("button", name="Thẩm định").click()
    page.wait_for_url(f"{base}/admin/emulation/periods/{pw.period.pk}/reports/")
    row = page.locator("tr", has_text=world.other.name)
    expect(row).to_contain_text("Đã thẩm định")
    expect(row).to_contain_text("205,00")

    report = Report.objects.get(period=pw.period, organisation=world.other)
    assert (report.status, report.self_total, report.appraised_total) == (
        "appraised",
        Decimal("225.00"),
        Decimal("205.00"),
    )


def test_a_refused_value_says_its_error_once(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    """#17 item 8: after a refused save the row showed the server's message and, once the live check
    ran on load, the same message again. It is said once; editing the value hands over to the live one."""
    from playwright.sync_api import expect

    pw = build_pact(world, personas["province"])
    base = live_server.url
    _log_in(page, base, "member")
    page.goto(f"{base}/admin/emulation/periods/{pw.period.pk}/report/")
    value = page.get_by_label("Giá trị tiêu chí 2.1", exact=True)
    value.fill("abc")
    page.get_by_role("button", name="Lưu", exact=True).click()
    row = page.locator('tr[data-row="2.1"]')
    expect(row.locator('[data-errors-for="2.1"]')).to_contain_text("không phải là số")
    # Wait for the live check that runs on load, then count the message in the row.
    expect(page.locator("[data-live-status]")).to_have_text("")
    expect(page.locator("[data-total]")).not_to_have_text("")
    assert row.inner_text().count("không phải là số") == 1
    value.fill("xyz")
    expect(page.locator('[data-live-errors-for="2.1"]')).to_contain_text("không phải là số")
    expect(row.locator('[data-errors-for="2.1"]')).to_be_hidden()
    assert row.inner_text().count("không phải là số") == 1
    value.fill("90")
    expect(page.locator('[data-live-errors-for="2.1"]')).to_have_text("")
    assert "không phải là số" not in row.inner_text()
