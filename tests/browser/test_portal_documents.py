"""The document library in a real browser: a reader filters by kind and year, searches a number
without diacritics, opens a document and reaches its file; at 360 px the list does not scroll
sideways; no script or style breaks the page's Content-Security-Policy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.documents.models import Document

from tests.portal import builders
from thidua.portal.models import DocumentKind
from thidua.portal.services.editorial import root_collection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def library() -> dict[str, Any]:
    lib = builders.library()
    pdf = Document.objects.create(
        title="512/QĐ-UBND",
        collection=root_collection(),
        file=ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", name="512-qd-ubnd.pdf"),
    )
    builders.document(
        lib,
        "45/KH-UBND",
        "Tổ chức phong trào thi đua yêu nước năm 2023",
        kind=DocumentKind.KE_HOACH,
        issued_on=dt.date(2023, 2, 10),
        issuer="UBND thị xã Duyên Hải",
    )
    rules = builders.document(
        lib,
        "512/QĐ-UBND",
        "Ban hành Quy chế hoạt động của các Cụm, Khối thi đua",
        issued_on=dt.date(2023, 3, 15),
        file=pdf,
        field="Thi đua, khen thưởng",
    )
    builders.document(
        lib,
        "2015/QĐ-UBND",
        "Tặng Cờ thi đua cho các tập thể dẫn đầu năm 2024",
        issued_on=dt.date(2024, 12, 20),
    )
    return {"library": lib, "rules": rules}


def _numbers(page: Any) -> list[str]:
    return page.locator(".document-table tbody th").all_inner_texts()


def test_reader_filters_searches_and_opens_a_document(
    live_server: Any, page: Any, library: dict[str, Any]
) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + library["library"].url)
    assert _numbers(page) == ["2015/QĐ-UBND", "512/QĐ-UBND", "45/KH-UBND"]
    # Filter by the labels a screen reader announces.
    page.get_by_label("Loại văn bản").select_option(label="Quyết định")
    page.get_by_label("Năm ban hành").select_option("2023")
    page.get_by_role("button", name="Lọc văn bản").click()
    page.wait_for_url("**loai=quyet-dinh**")
    expect(page.locator(".document-count")).to_have_text("Có 1 văn bản.")
    assert _numbers(page) == ["512/QĐ-UBND"]
    # Search the number typed without diacritics, the filters cleared.
    page.get_by_role("link", name="Bỏ lọc").click()
    page.get_by_label("Số ký hiệu, trích yếu").fill("512/QD-UBND")
    page.get_by_role("button", name="Lọc văn bản").click()
    page.wait_for_url("**q=512**")
    assert _numbers(page) == ["512/QĐ-UBND"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "portal-documents.png"), full_page=True)
    page.locator(".document-table tbody th a").first.click()
    expect(page.locator("h1")).to_have_text("Quyết định 512/QĐ-UBND")
    assert "ngày 15 tháng 3 năm 2023" in page.locator(".document-meta").inner_text()
    link = page.get_by_role("link", name="Tải văn bản (PDF", exact=False)
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF-")
    assert violations == []


def test_library_at_phone_width(live_server: Any, browser: Any, library: dict[str, Any]) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + library["library"].url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # The table is stacked as cards, each cell labelled by its column's header.
    expect(page.locator(".document-table thead")).to_have_css("position", "absolute")
    page.screenshot(path=str(SHOTS / "portal-documents-360.png"), full_page=True)
    context.close()
