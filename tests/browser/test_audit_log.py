"""The audit log in a real browser, on the demo data: the province officer of the demo reads an action
in Vietnamese at Vietnam time on the list, opens the record and reads old → new in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.audit_support import audit_event_retime
from thidua.core.models import AuditEvent
from thidua.demo import loader
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def demo(transactional_db: Any, settings: Any) -> None:
    settings.DEMO = True
    portal_home_ensure()  # transactional tests empty every table afterwards, the home page included
    call_command("org_load_units", province=["86"], verbosity=0)
    loader.load_demo()


def test_province_officer_reads_the_audit_log(live_server: Any, page: Any, demo: None) -> None:
    from playwright.sync_api import expect

    # given the demo's pact signing, recorded at 11:00 UTC: 18:00 in Vietnam
    event = AuditEvent.objects.filter(action="emulation.pact.sign").latest("created_at")
    audit_event_retime(event, dt.datetime(2026, 12, 4, 11, 0, tzinfo=dt.UTC))
    base = live_server.url

    # when the demo's province officer signs in and opens the audit log
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", loader.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")
    page.goto(base + "/admin/audit/?action=emulation.pact.sign")

    # then the row names the action in Vietnamese, at Vietnam time
    row = page.locator("#listing-results tbody tr").filter(has_text="04/12/2026 18:00")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Ký kết giao ước thi đua")
    expect(row).to_contain_text("Trạng thái:")
    expect(page.locator("#listing-results")).not_to_contain_text("emulation.pact.sign")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "audit-list.png"), full_page=True)

    # and its record shows the same time and the change as Trường | Trước | Sau in words
    row.get_by_role("link", name="04/12/2026 18:00").click()
    page.wait_for_url(f"{base}/admin/audit/inspect/{event.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("04/12/2026 18:00")
    expect(main).not_to_contain_text("11:00")
    table = page.locator("[data-audit-changes]")
    expect(table.locator("thead")).to_have_text("Trường Trước Sau", use_inner_text=True)
    status = table.locator("tbody tr").filter(has_text="Trạng thái")
    expect(status.locator("td").nth(0)).to_have_text("Đang soạn")
    expect(status.locator("td").nth(1)).to_have_text("Đã ký kết")
    expect(table.locator("tbody tr").filter(has_text="Phiên bản").locator("td").nth(0)).to_have_text(
        "(trống)"
    )
    expect(main).not_to_contain_text("{'")
    expect(main).not_to_contain_text("None")
    page.screenshot(path=str(SHOTS / "audit-record.png"), full_page=True)
