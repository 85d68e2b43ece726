"""The demo's sample Excel file of past award decisions (thidua/demo/data/so-khen-thuong-minh-hoa.xlsx),
for "an officer imports a registry": written on the project's own template (org's build_template for the
awards' "award_decisions" layout), so it has the drop-downs and the instructions sheet an officer
downloads, and rows naming only what the demo holds (people by civil-servant code, units by code) and
decisions the demo's registry does not have yet. ILLUSTRATIVE: numbers, dates and people are not real.

Regenerate with `python scripts/demo_registry_xlsx.py` after changing the rows.
"""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources
from typing import Any

import openpyxl

from thidua.awards.spreadsheets import DECISIONS
from thidua.org.spreadsheets import build_template

FILE_NAME = "so-khen-thuong-minh-hoa.xlsx"
_TV = "UBND-84-2025"  # Ủy ban nhân dân tỉnh Trà Vinh (to 30/06/2025)
_CHAU_THANH = "UBND-847-2025"

# One row per recipient, as the template's instructions say; the same number on several rows is one
# decision with several recipients.
ROWS: list[dict[str, Any]] = [
    {
        "number": "88/QĐ-UBND",
        "signed_on": dt.date(2022, 12, 20),
        "issuer_code": _CHAU_THANH,
        "signer_name": "Minh họa",
        "signer_title": "Chủ tịch Ủy ban nhân dân huyện",
        "summary": "Tặng Giấy khen năm 2022 (minh họa)",
        "award": "Giấy khen",
        "period_from": 2022,
        "period_to": 2022,
        "civil_servant_code": "VL-086-0101",  # Nguyễn Văn An
    },
    {
        "number": "88/QĐ-UBND",
        "signed_on": dt.date(2022, 12, 20),
        "issuer_code": _CHAU_THANH,
        "signer_name": "Minh họa",
        "signer_title": "Chủ tịch Ủy ban nhân dân huyện",
        "summary": "Tặng Giấy khen năm 2022 (minh họa)",
        "award": "Giấy khen",
        "period_from": 2022,
        "period_to": 2022,
        "civil_servant_code": "VL-086-0103",  # Lê Thị Hoa
    },
    {
        "number": "102/QĐ-UBND",
        "signed_on": dt.date(2023, 1, 16),
        "issuer_code": _TV,
        "signer_name": "Minh họa",
        "signer_title": "Chủ tịch Ủy ban nhân dân tỉnh",
        "summary": "Tặng danh hiệu Tập thể lao động xuất sắc năm 2022 (minh họa)",
        "award": "Tập thể lao động xuất sắc",
        "period_from": 2022,
        "period_to": 2022,
        "organisation_code": "UBND-851-2025",  # thị xã Duyên Hải
    },
    {
        "number": "102/QĐ-UBND",
        "signed_on": dt.date(2023, 1, 16),
        "issuer_code": _TV,
        "signer_name": "Minh họa",
        "signer_title": "Chủ tịch Ủy ban nhân dân tỉnh",
        "summary": "Tặng danh hiệu Tập thể lao động xuất sắc năm 2022 (minh họa)",
        "award": "Tập thể lao động xuất sắc",
        "period_from": 2022,
        "period_to": 2022,
        "organisation_code": "UBND-29395-2025",  # xã Nguyệt Hóa, now part of phường Nguyệt Hóa
    },
    {
        "number": "115/QĐ-UBND",
        "signed_on": dt.date(2023, 1, 18),
        "issuer_code": _TV,
        "signer_name": "Minh họa",
        "signer_title": "Chủ tịch Ủy ban nhân dân tỉnh",
        "summary": "Tặng Bằng khen cho thành tích 2021–2022 (minh họa)",
        "award": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "period_from": 2021,
        "period_to": 2022,
        "civil_servant_code": "TV-084-0202",  # Thạch Văn Sơn
    },
]


def build_sample() -> bytes:
    """The template with the rows filled in below its header."""
    wb = openpyxl.load_workbook(io.BytesIO(build_template(DECISIONS.kind)))
    ws = wb.worksheets[0]
    for number, row in enumerate(ROWS, start=2):
        for index, column in enumerate(DECISIONS.import_columns, start=1):
            value = row.get(column.key)
            if value is not None:
                ws.cell(row=number, column=index, value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sample_bytes() -> bytes:
    """The committed file, as the demo ships it."""
    return resources.files("thidua.demo").joinpath(f"data/{FILE_NAME}").read_bytes()
