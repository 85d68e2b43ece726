"""In a real browser: an article goes through the workflow to publication in Wagtail's admin (the
editor approves, the editor-in-chief approves and it goes live; its writer cannot approve it), and a
reader opens the administrative map."""

from __future__ import annotations

import datetime as dt
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from wagtail.models import Workflow

from tests.portal import builders
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.org.models import AdminUnit
from thidua.portal.models import ArticlePage, MapPage
from thidua.portal.services.editorial import WORKFLOW_NAME, editorial_setup
from thidua.portal.services.pages import article_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _login(page: Any, base: str, username: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")


def test_article_through_the_workflow_to_publication(
    live_server: Any, browser: Any, personas: dict[str, Any]
) -> None:
    home = builders.home()
    editorial_setup(actor=None, home=home)
    section = builders.section()
    writer = user_create(
        actor=None,
        username="writer",
        password="pw-writer",
        full_name="Phóng Viên",
        organisation=personas["editor"].organisation,
        roles=[RoleCode.PORTAL_EDITOR],
    )
    draft = article_create(
        actor=writer,
        section=section,
        title="Bài chờ duyệt trên trình duyệt",
        date=dt.date(2026, 12, 7),
        author="Phóng Viên",
        paragraphs=["Nội dung."],
        publish=False,
    )
    draft.save_revision(user=writer)
    Workflow.objects.get(name=WORKFLOW_NAME).start(draft, writer)

    for username, shot in (("writer", None), ("editor", None), ("chief", "portal-workflow-chief.png")):
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        _login(page, live_server.url, username)
        row = page.locator("tr", has_text="Bài chờ duyệt trên trình duyệt")
        if username == "writer":
            # The writer sees the article among their own in the workflow, with nothing to approve.
            expect(row.get_by_role("button", name="Phê duyệt", exact=True)).to_have_count(0)
        else:
            if shot:
                SHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SHOTS / shot))
            row.get_by_role("button").last.click()
            row.get_by_role("button", name="Phê duyệt", exact=True).click()
            expect(page.locator("tr", has_text="Bài chờ duyệt trên trình duyệt")).to_have_count(0)
        context.close()
    draft = ArticlePage.objects.get(pk=draft.pk)
    assert draft.live
    with urllib.request.urlopen(live_server.url + draft.url, timeout=30) as response:
        assert "Bài chờ duyệt trên trình duyệt" in response.read().decode()


def test_reader_opens_the_map(live_server: Any, page: Any, world: Any) -> None:
    today = builders.home()
    unit = AdminUnit.objects.create(
        code="29999",
        name="Phường Thử",
        level="commune",
        kind="Phường",
        latitude=Decimal("9.6"),
        longitude=Decimal("106.5"),
    )
    world.home.admin_unit = unit
    world.home.save(update_fields=["admin_unit"])
    map_page = MapPage(title="Bản đồ hành chính", slug="ban-do-hanh-chinh", group_today=world.group)
    today.add_child(instance=map_page)
    map_page.save_revision().publish()
    page.goto(live_server.url + "/ban-do-hanh-chinh/")
    expect(page.locator("svg.unit-map circle")).to_have_count(1)
    expect(page.locator("table.unit-table")).to_contain_text("Phường Thử")
    expect(page.locator(".notice-map")).to_contain_text("Hoàng Sa và Trường Sa")
    page.get_by_role("link", name="Đơn vị trước ngày 01/07/2025").click()
    expect(page.locator("main")).to_contain_text("Chưa chọn cụm, khối cho thời kỳ này.")
