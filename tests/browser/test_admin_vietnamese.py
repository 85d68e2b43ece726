"""Issue #17 item 7 in a real browser: no English or raw Python values left on the officers' screens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import World
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.portal.services import portal_home_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture(autouse=True)
def home_page(transactional_db: Any) -> None:
    portal_home_ensure()


@pytest.fixture
def officer(world: World) -> Any:
    return user_create(
        actor=None,
        username="tinh",
        password="mat-khau-dai-1",
        full_name="Phạm Văn Tỉnh",
        organisation=world.office,
        roles=[RoleCode.PROVINCE_OFFICER],
    )


def _log_in(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", "mat-khau-dai-1")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


def test_login_page_says_mat_khau(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/admin/login/")

    assert page.locator("label[for=id_password]").inner_text().startswith("Mật khẩu")
    assert "Password" not in page.locator("body").inner_text()
    assert not page.title().endswith("Wagtail")


def test_admin_titles_end_in_the_product_name(live_server: Any, page: Any, officer: Any) -> None:
    _log_in(page, live_server)

    for path in ("/admin/", "/admin/org/people/"):
        page.goto(live_server.url + path)
        assert "Wagtail" not in page.title(), path
        assert page.title().endswith("Thi đua – Khen thưởng"), path


def test_person_inspect_page_reads_co_khong(live_server: Any, page: Any, officer: Any, world: World) -> None:
    _log_in(page, live_server)

    page.goto(live_server.url + f"/admin/org/people/inspect/{world.home_person.pk}/")

    values = page.locator("main dd").all_inner_texts()
    assert "Có" in [v.strip() for v in values]
    assert not {"True", "False", "None"} & {v.strip() for v in values}
    page.goto(live_server.url + f"/admin/org/groups/inspect/{world.group.pk}/")
    values = [v.strip() for v in page.locator("main dd").all_inner_texts()]
    assert "–" in values
    assert not {"True", "False", "None"} & set(values)


def test_import_page_has_a_vietnamese_file_picker(
    live_server: Any, page: Any, officer: Any, tmp_path: Path
) -> None:
    _log_in(page, live_server)
    page.goto(live_server.url + "/admin/org/excel/people/import/")

    picker = page.locator("[data-thidua-file]")
    assert "Chọn tệp…" in picker.inner_text()
    assert page.locator(".thidua-file__none").is_visible()
    body = page.locator("body").inner_text()
    assert "No file chosen" not in body and "Choose File" not in body
    # The real input is the one the label names, and the keyboard reaches it.
    assert page.get_by_label("Chọn tệp…").get_attribute("type") == "file"
    page.locator("#id_file").focus()
    assert page.evaluate("document.activeElement.id") == "id_file"

    upload = tmp_path / "ca-nhan.xlsx"
    upload.write_bytes(b"not a workbook")
    page.set_input_files("#id_file", str(upload))
    assert page.locator(".thidua-file__chosen").is_visible()
    assert not page.locator(".thidua-file__none").is_visible()
    assert "ca-nhan.xlsx" in page.locator("[data-thidua-file-name]").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-file-picker.png"), full_page=True)
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    # The upload went through: the dry run answers about this file.
    page.wait_for_selector("[data-import-errors], .help-block")
    assert "ca-nhan.xlsx" in page.locator("main").inner_text()


def test_import_picker_status_without_javascript(
    live_server: Any, browser: Any, officer: Any, tmp_path: Path
) -> None:
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        _log_in(page, live_server)
        page.goto(live_server.url + "/admin/org/excel/people/import/")
        assert page.locator(".thidua-file__none").is_visible()
        upload = tmp_path / "ca-nhan.xlsx"
        upload.write_bytes(b"x")
        page.set_input_files("#id_file", str(upload))
        assert page.locator(".thidua-file__chosen").is_visible()
        assert not page.locator(".thidua-file__none").is_visible()
    finally:
        context.close()


def test_help_menu_opens_the_project_guide(live_server: Any, page: Any, officer: Any) -> None:
    _log_in(page, live_server)

    page.get_by_role("button", name="Trợ giúp").click()
    link = page.locator("aside").get_by_role("link", name="Hướng dẫn sử dụng")
    assert link.get_attribute("href") == "/admin/huong-dan/"
    # Wagtail's English guides are gone from the menu and from the dashboard's account panel, whose
    # link goes to the same guide.
    assert page.locator("a[href*='guide.wagtail.org']").count() == 0
    assert page.locator("main a[href='/admin/huong-dan/']").count() == 1
    assert page.locator("aside a[href='/admin/huong-dan/']").count() == 1
    link.click()

    page.wait_for_url(live_server.url + "/admin/huong-dan/")
    assert "Hướng dẫn sử dụng dành cho cán bộ" in page.locator("main").inner_text()
    page.get_by_role("link", name="Nhập và xuất danh sách từ Excel").click()
    page.wait_for_url(live_server.url + "/admin/huong-dan/import-excel/")
    assert "Chọn tệp…" in page.locator("main").inner_text()
    assert not page.title().endswith("Wagtail")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "user-guide.png"), full_page=True)
