"""A tie for the last seat in a real browser (#17 item 9): the head unit's officer counts a vote that
leaves two units tied, opens round 2, the members vote among the tied units, and the minutes show
both rounds and the winner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World
from thidua.emulation.models import Vote
from thidua.emulation.services.rulesets import ruleset_save
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


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


def _cast(page: Any, base: str, vote: Vote, unit: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/admin/emulation/votes/{vote.pk}/")
    page.locator("a.button", has_text="Bỏ phiếu").first.click()
    page.get_by_label(unit, exact=True).check()
    page.get_by_label("Tôi xác nhận đây là phiếu bầu của đơn vị", exact=False).check()
    page.get_by_role("button", name="Bỏ phiếu", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi nhận phiếu bầu")


def test_head_settles_a_tie_with_a_second_round(
    live_server: Any, page: Any, world: World, personas: dict[str, Any]
) -> None:
    from playwright.sync_api import expect

    # "at least 50%" of two members: each choosing the other ties them for the one seat
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_rule="at_least",
    )
    base = live_server.url
    home, other = world.home.name, world.other.name

    # The head opens the vote and both units vote, each for the other.
    _log_in(page, base, "head")
    page.goto(base + "/admin/emulation/votes/")
    page.get_by_role("link", name="Mở bỏ phiếu").click()
    page.get_by_role("button", name="Mở bỏ phiếu").click()
    expect(page.locator(".messages")).to_contain_text("Đã mở bỏ phiếu suy tôn")
    vote = Vote.objects.get(group=world.group)
    _cast(page, base, vote, other)
    _log_in(page, base, "member")
    _cast(page, base, vote, home)

    # The head counts: the tie is said in words, with the button for round 2.
    _log_in(page, base, "head")
    page.goto(f"{base}/admin/emulation/votes/{vote.pk}/close/")
    page.get_by_role("button", name="Kiểm phiếu và kết thúc bỏ phiếu").click()
    page.goto(f"{base}/admin/emulation/votes/{vote.pk}/")
    tie = page.locator("[data-vote-tie]")
    expect(tie).to_contain_text(f"Hai đơn vị «{home}» và «{other}» bằng phiếu ở suất cuối cùng")
    expect(tie).to_contain_text("Cần bỏ phiếu lại (vòng 2)")
    page.get_by_role("link", name="Mở bỏ phiếu vòng 2").click()
    page.get_by_role("button", name="Mở bỏ phiếu vòng 2").click()
    expect(page.locator(".messages")).to_contain_text("Đã mở bỏ phiếu vòng 2")
    expect(page.locator("[data-vote-round]")).to_contain_text(
        "Vòng 2: bỏ phiếu lại giữa các đơn vị bằng phiếu"
    )

    # Round 2: both units choose Nhà; the ballot offers only the two tied units.
    _cast(page, base, vote, home)
    _log_in(page, base, "member")
    page.goto(f"{base}/admin/emulation/votes/{vote.pk}/ballot/")
    expect(page.locator("input[name=choices]")).to_have_count(2)
    _cast(page, base, vote, home)

    # The head counts round 2; the minutes show both rounds and the winner.
    _log_in(page, base, "head")
    page.goto(f"{base}/admin/emulation/votes/{vote.pk}/close/")
    page.get_by_role("button", name="Kiểm phiếu và kết thúc bỏ phiếu").click()
    page.wait_for_url(f"{base}/admin/emulation/votes/{vote.pk}/minutes/")
    expect(page.locator('[data-minutes-round="1"]')).to_contain_text("(bằng phiếu)")
    expect(page.locator('[data-minutes-round="2"]')).to_contain_text("(được suy tôn)")
    expect(page.locator('[data-minutes-round="2"]')).to_contain_text("100,00%")
    expect(page.locator("[data-minutes-leaders]")).to_contain_text(
        f"Đề nghị xét tặng Cờ thi đua cấp tỉnh: {home}"
    )
    expect(page.locator("[data-vote-tie]")).to_have_count(0)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "vote-rounds-minutes.png"), full_page=True)
