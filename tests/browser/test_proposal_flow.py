"""A commendation proposal in a real browser (#12): the member unit's officer proposes a person, sees
the outcome and its reasons beside the item, attaches the dossier and submits; the province office
appraises and puts it to the council; the council member votes; the office closes the count and
records the decision; the honour is on the person's award history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.awards.proposal_builders import PDF, YEAR
from tests.browser.choosers import choose, fill_date
from tests.conftest import World
from tests.factories import PersonFactory
from thidua.awards.services.council import council_create
from thidua.awards.services.records import rating_set
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


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


def test_propose_submit_appraise_vote_decide(
    live_server: Any, page: Any, world: World, personas: dict[str, Any], tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    rating_set(actor=personas["province"], person=world.other_person, year=YEAR, rating="htt")
    council_create(
        actor=None,
        year=timezone.localdate().year,
        name="Hội đồng Thi đua – Khen thưởng tỉnh",
        members=[(PersonFactory(full_name="Chủ Tịch Hội Đồng"), personas["council"], "Chủ tịch")],
    )
    # The member unit's officer: a new proposal, one person, the reasons beside the item.
    _log_in(page, base, "member")
    page.goto(base + "/admin/awards/proposals/new/")
    page.fill("#id_title", f"Đề nghị khen thưởng năm {YEAR}")
    page.fill("#id_year", str(YEAR))
    page.get_by_role("button", name="Lập hồ sơ").click()
    expect(page.locator("[data-proposal-page]")).to_be_visible()
    proposal_url = page.url
    # The person is searched in the chooser, typed without diacritics; another unit's namesake is
    # not offered (choose() insists on exactly one row).
    PersonFactory(organisation=world.home, full_name="Trần Thị Khác")
    choose(page, "id_person", "tran thi khac", "Trần Thị Khác")
    expect(page.locator("#id_person-chooser [data-chooser-title]")).to_contain_text(str(world.other))
    page.select_option("#id_award", "lao_dong_tien_tien")
    page.get_by_role("button", name="Thêm và xét điều kiện").click()
    item = page.locator("[data-item]").first
    expect(item.locator("[data-outcome-label]")).to_have_text("đủ điều kiện")
    expect(item.locator("[data-citation]").first).to_contain_text("Luật Thi đua, khen thưởng")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "proposal-item.png"), full_page=True)
    # The dossier of Điều 84 khoản 1, then submit.
    upload = tmp_path / "ho-so.pdf"
    upload.write_bytes(PDF)
    for kind in ("to_trinh", "bao_cao_thanh_tich", "bien_ban_xet_thi_dua"):
        page.select_option("#id_kind", kind)
        page.set_input_files("#id_file", str(upload))
        page.get_by_role("button", name="Tải lên").click()
        expect(page.locator(f"[data-required={kind}]")).to_have_attribute("data-present", "1")
    page.get_by_role("button", name="Gửi hồ sơ đề nghị").click()
    expect(page.locator("[data-state-label]")).to_have_text("Đã gửi, chờ thẩm định")
    # The province office appraises and opens the council's vote.
    _log_in(page, base, "province")
    page.goto(proposal_url)
    expect(page.locator("[data-received-on]")).to_have_text(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Thẩm định: hồ sơ đủ điều kiện trình Hội đồng").click()
    expect(page.locator("[data-state-label]")).to_have_text("Đã thẩm định")
    page.select_option("#id_council", index=1)
    page.get_by_role("button", name="Mở bỏ phiếu của Hội đồng").click()
    expect(page.locator("[data-state-label]")).to_have_text("Hội đồng đang bỏ phiếu")
    # The council member votes.
    _log_in(page, base, "council")
    page.goto(proposal_url)
    page.get_by_role("link", name="Phiếu biểu quyết của tôi").click()
    page.locator("[data-ballot-item] input[value=agree]").first.check()
    page.get_by_role("button", name="Ghi phiếu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi phiếu biểu quyết")
    # The office closes the count and records the decision; the registry shows the honour.
    _log_in(page, base, "province")
    page.goto(proposal_url)
    page.get_by_role("button", name="Kết thúc bỏ phiếu, kiểm phiếu").click()
    expect(page.locator("[data-minutes]")).to_contain_text("Đạt")
    page.get_by_role("link", name="Ghi quyết định khen thưởng").click()
    page.fill("#id_number_lao_dong_tien_tien", "123/QĐ-UBND")
    fill_date(page, "#id_signed_on", timezone.localdate().strftime("%d/%m/%Y"))
    choose(page, "id_issuer", "Nội vụ", "Sở Nội vụ")
    page.fill("#id_signer_name", "Nguyễn Văn Ký")
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.locator("[data-state-label]")).to_have_text("Đã có quyết định")
    page.get_by_role("link", name="Quá trình khen thưởng của Trần Thị Khác").click()
    expect(page.locator("[data-honour]").first).to_contain_text("123/QĐ-UBND")
    page.screenshot(path=str(SHOTS / "proposal-timeline.png"), full_page=True)
