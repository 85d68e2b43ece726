"""The product as a person uses it: in a real browser against a live server."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def home_page(transactional_db: Any) -> None:
    # Transactional tests empty every table afterwards, the home page included.
    portal_home_ensure()


SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def test_home_and_admin_login_answer_200(live_server: Any) -> None:
    for path in ("/", "/admin/login/", "/healthz"):
        with urllib.request.urlopen(live_server.url + path, timeout=30) as response:
            assert response.status == 200, path


def test_home_page_is_vietnamese(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Trang chủ"
    assert "Đăng nhập cán bộ" in page.content()


def test_member_officer_logs_in_and_sees_only_own_unit(live_server: Any, page: Any, world: World) -> None:
    user_create(
        actor=None,
        username="donvi",
        password="mat-khau-dai-1",
        full_name="Nguyễn Thị Mai",
        organisation=world.other,
        roles=[RoleCode.MEMBER_OFFICER],
    )
    page.goto(live_server.url + "/admin/login/")
    assert "Đăng nhập" in page.content()
    page.fill("#id_username", "donvi")
    page.fill("#id_password", "mat-khau-dai-1")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/org/people/")
    body = page.locator("main").inner_text()
    assert world.other_person.full_name in body
    assert world.home_person.full_name not in body
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "member-officer-people.png"), full_page=True)
    # Another unit's person, even by URL, is not found.
    response = page.goto(live_server.url + f"/admin/org/people/edit/{world.home_person.pk}/")
    assert response.status == 404
