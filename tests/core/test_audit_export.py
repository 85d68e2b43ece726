"""The audit log's search and its spreadsheet export: what a province officer takes away, per role."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.test import Client

from tests.audit_support import audit_event_at

pytestmark = pytest.mark.django_db

NOON_UTC = dt.datetime(2026, 12, 4, 11, 0, tzinfo=dt.UTC)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _events() -> None:
    audit_event_at(
        NOON_UTC,
        actor_name="Trần Văn An",
        action="org.group.update",
        target_type="org.emulationgroup",
        target_id="7",
        target_repr='=HYPERLINK("http://x")',
        changes={"note": [None, "Ghi chú mới"]},
        reason="@SUM(1+1) trả lại vì thiếu minh chứng",
    )
    audit_event_at(
        NOON_UTC + dt.timedelta(days=1),
        actor_name="Nguyễn Thị Bình",
        action="org.group.delete",
        target_type="org.emulationgroup",
        target_id="8",
        target_repr="Cụm B",
        reason="Sáp nhập",
    )


def _sheet(response: Any) -> list[list[Any]]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("persona", ["province", "sysadmin"])
def test_the_export_says_what_the_list_says_with_formulas_defused(
    personas: dict[str, Any], persona: str
) -> None:
    _events()
    response = _client(personas[persona]).get("/admin/audit/?export=xlsx&action=org.group.update")
    assert response.status_code == 200
    rows = _sheet(response)
    assert rows[0] == [
        "Thời điểm",
        "Người thực hiện",
        "Thao tác",
        "Loại bản ghi",
        "Mã bản ghi",
        "Bản ghi",
        "Thay đổi",
        "Lý do",
    ]
    assert rows[1:] == [
        [
            "04/12/2026 18:00",
            "Trần Văn An",
            "Sửa cụm, khối thi đua",
            "Cụm, khối thi đua",
            "7",
            '\'=HYPERLINK("http://x")',
            "Ghi chú: (trống) → Ghi chú mới",
            "'@SUM(1+1) trả lại vì thiếu minh chứng",
        ]
    ]


def test_the_csv_export_is_defused_too(personas: dict[str, Any]) -> None:
    _events()
    response = _client(personas["province"]).get("/admin/audit/?export=csv&q=minh+ch%E1%BB%A9ng")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and rows[1][5] == '\'=HYPERLINK("http://x")' and rows[1][7].startswith("'@SUM")


def test_the_search_reads_reasons(personas: dict[str, Any]) -> None:
    _events()
    listing = _client(personas["province"]).get("/admin/audit/?q=s%C3%A1p+nh%E1%BA%ADp").content.decode()
    assert "Cụm B" in listing and "HYPERLINK" not in listing


@pytest.mark.parametrize("persona", ["head", "member", "council", "editor", "chief", "outsider"])
def test_others_get_no_export(personas: dict[str, Any], persona: str) -> None:
    _events()
    response = _client(personas[persona]).get("/admin/audit/?export=xlsx")
    assert response.status_code in {302, 403}
    assert b"Tr\xe1\xba\xa7n V\xc4\x83n An" not in response.content
