"""The demo's document library (Văn bản): eight documents of the emulation work of Trà Vinh (Vĩnh Long
since the 01/07/2025 merger), each marked illustrative and carrying a one-page PDF drawn by the
project's document renderer in the NĐ 30/2020 layout, which says on its face that it is not a real
document. Numbers, dates and summaries are plausible, not copied from real documents."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from wagtail.documents.models import Document as WagtailDocument

from thidua.documents.render.model import Document, Header, Paragraph, Signature
from thidua.documents.render.pdf import render_pdf
from thidua.portal.models import DocumentKind, HomePage
from thidua.portal.services.editorial import root_collection
from thidua.portal.services.pages import document_create, document_library_create

NOTICE = (
    "BẢN MINH HỌA – không phải văn bản thật. Văn bản dựng để giới thiệu thư viện văn bản của phần mềm "
    "Thi đua – Khen thưởng; số ký hiệu, ngày tháng và nội dung đều là giả định."
)
FIELD_EMULATION = "Thi đua, khen thưởng"
FIELD_HOME_AFFAIRS = "Nội vụ"

# number, kind, issue date, issuer, the body above it (box 2a), signer's authority line and title,
# summary, field, effective date
SAMPLES: list[tuple[str, str, dt.date, str, str, str, str, str, str, dt.date | None]] = [
    (
        "45/KH-UBND",
        DocumentKind.KE_HOACH,
        dt.date(2023, 2, 10),
        "UBND thị xã Duyên Hải",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Tổ chức phong trào thi đua yêu nước năm 2023 trên địa bàn thị xã Duyên Hải",
        FIELD_EMULATION,
        None,
    ),
    (
        "512/QĐ-UBND",
        DocumentKind.QUYET_DINH,
        dt.date(2023, 3, 15),
        "UBND tỉnh Trà Vinh",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Ban hành Quy chế tổ chức và hoạt động của các Cụm, Khối thi đua thuộc tỉnh Trà Vinh",
        FIELD_EMULATION,
        dt.date(2023, 3, 15),
    ),
    (
        "12/HD-HĐTĐKT",
        DocumentKind.HUONG_DAN,
        dt.date(2023, 6, 20),
        "Hội đồng Thi đua – Khen thưởng tỉnh Trà Vinh",
        "UBND TỈNH TRÀ VINH",
        "TM. HỘI ĐỒNG",
        "CHỦ TỊCH",
        "Hướng dẫn sơ kết, tổng kết công tác thi đua, khen thưởng năm 2023",
        FIELD_EMULATION,
        None,
    ),
    (
        "256/UBND-NV",
        DocumentKind.CONG_VAN,
        dt.date(2024, 1, 8),
        "UBND thị xã Duyên Hải",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "Về việc đăng ký danh hiệu thi đua và ký kết giao ước thi đua năm 2024",
        FIELD_EMULATION,
        None,
    ),
    (
        "18/TB-CTĐ",
        DocumentKind.THONG_BAO,
        dt.date(2024, 7, 25),
        "Cụm Thi đua số 1",
        "UBND TỈNH TRÀ VINH",
        "TM. CỤM THI ĐUA SỐ 1",
        "CỤM TRƯỞNG",
        "Kết quả chấm điểm, xếp hạng thi đua 6 tháng đầu năm 2024 của Cụm Thi đua số 1",
        FIELD_EMULATION,
        None,
    ),
    (
        "2015/QĐ-UBND",
        DocumentKind.QUYET_DINH,
        dt.date(2024, 12, 20),
        "UBND tỉnh Trà Vinh",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho các tập thể dẫn đầu Cụm, Khối thi đua năm 2024",
        FIELD_EMULATION,
        dt.date(2024, 12, 20),
    ),
    (
        "30/KH-UBND",
        DocumentKind.KE_HOACH,
        dt.date(2026, 2, 5),
        "UBND tỉnh Vĩnh Long",
        "",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Phát động phong trào thi đua yêu nước năm 2026 sau sắp xếp đơn vị hành chính",
        FIELD_EMULATION,
        None,
    ),
    (
        "03/HD-SNV",
        DocumentKind.HUONG_DAN,
        dt.date(2026, 4, 10),
        "Sở Nội vụ tỉnh Vĩnh Long",
        "UBND TỈNH VĨNH LONG",
        "",
        "GIÁM ĐỐC",
        "Hướng dẫn quy trình, hồ sơ đề nghị khen thưởng cấp xã theo Nghị định số 98/2023/NĐ-CP",
        FIELD_HOME_AFFAIRS,
        dt.date(2026, 4, 15),
    ),
]


def _pdf(
    number: str,
    kind: str,
    issued_on: dt.date,
    issuer: str,
    parent: str,
    authority: str,
    title: str,
    summary: str,
) -> WagtailDocument:
    paper = Document(
        header=Header(
            authority=issuer,
            symbol=number.split("/", 1)[1],
            number=number,
            place="Vĩnh Long" if issued_on.year >= 2025 else "Trà Vinh",
            date=issued_on,
            parent_authority=parent,
        ),
        kind=str(DocumentKind(kind).label).upper() if kind != DocumentKind.CONG_VAN else "",
        summary=summary,
        body=(Paragraph(NOTICE, bold=True), Paragraph(f"Trích yếu: {summary}.")),
        signature=Signature(authority_line=authority, title=title, name="(minh họa)"),
        recipients=("Như trên", "Lưu: VT"),
    )
    slug = number.replace("/", "-").lower()
    return WagtailDocument.objects.create(
        title=f"{number} (minh họa)",
        collection=root_collection(),
        file=ContentFile(render_pdf(paper), name=f"{slug}-{issued_on.year}-minh-hoa.pdf"),
    )


def load_documents(*, admin: object, home: HomePage) -> None:
    library = document_library_create(
        actor=admin,  # type: ignore[arg-type]
        home=home,
        title="Văn bản",
        slug="van-ban",
        intro="<p>Văn bản chỉ đạo, điều hành về công tác thi đua, khen thưởng. "
        "Các văn bản dưới đây là văn bản minh họa.</p>",
    )
    for number, kind, issued_on, issuer, parent, authority, title, summary, field, effective in SAMPLES:
        document_create(
            actor=admin,  # type: ignore[arg-type]
            library=library,
            number=number,
            kind=kind,
            summary=summary,
            issued_on=issued_on,
            issuer=issuer,
            field=field,
            effective_on=effective,
            file=_pdf(number, kind, issued_on, issuer, parent, authority, title, summary),
            illustrative=True,
        )
