"""Certificates of #14: a large decision printed by a background job (progress on the Job, the file in
the private storage, downloadable by whoever may see the decision), and overprinting on the province's
pre-printed blanks at the positions set in the admin (pypdf reads where each field landed)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from pypdf import PdfReader

from tests.awards.builders import decision as make_decision
from tests.factories import PersonFactory
from thidua.core.audit import AuditEvent
from thidua.core.models import Job
from thidua.documents.models import CertificateLayout
from thidua.documents.render.certificate import (
    CertificateData,
    FieldBox,
    OverprintLayout,
    overprint_html,
    render_overprint,
)
from thidua.documents.selectors.certificates import certificates_data
from thidua.documents.services.certificates import (
    CERTIFICATES_JOB_KIND,
    CERTIFICATES_SYNC_MAX,
    certificate_layout_create,
    certificate_layout_update,
    certificates_print_schedule,
)

MM = 72 / 25.4  # points per millimetre

CERTIFICATE = CertificateData(
    title="BẰNG KHEN",
    conferred_by="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TRÀ VINH",
    recipient_name="Nguyễn Văn An",
    recipient_unit="Ủy ban nhân dân huyện Cầu Ngang",
    achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2025",
    decision_number="05/QĐ-UBND",
    decision_date=dt.date(2026, 2, 5),
    place="Trà Vinh",
    signer_title="Chủ tịch",
    signer_name="Lê Văn Hẳn",
    verify_url="https://example.test/xac-thuc/abc/",
)
LAYOUT = OverprintLayout(
    name=FieldBox(40, 90, 217, 24, bold=True),
    unit=FieldBox(40, 105, 217, 15),
    achievement=FieldBox(30, 117, 237, 15),
    decision=FieldBox(150, 182, 100, 11),
    qr_x_mm=20,
    qr_y_mm=160,
    qr_size_mm=25,
)


def _placed(pdf: bytes) -> tuple[dict[str, tuple[float, float]], str]:
    """Each text run's first position, in millimetres from the sheet's left and top edges."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    height = float(page.mediabox.height)
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        text = text.strip()
        if not text or text in found:
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        found[text] = (x / MM, (height - y) / MM)

    text = page.extract_text(visitor_text=visit)
    return found, text


def _at(found: dict[str, tuple[float, float]], start: str) -> tuple[float, float]:
    return next(pos for text, pos in found.items() if text.startswith(start))


def test_overprint_prints_only_the_fields_where_the_layout_says() -> None:
    pdf = render_overprint([CERTIFICATE], LAYOUT)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (297, 210)
    found, text = _placed(pdf)
    # the blank already carries the emblem's words, the title and the signature: none is printed
    for printed in ("CỘNG HÒA", "BẰNG KHEN", "CHỦ TỊCH", "Lê Văn Hẳn", "TẶNG"):
        assert printed not in text
    for start, box in (
        ("Nguyễn Văn An", LAYOUT.name),
        ("Ủy ban nhân dân huyện Cầu Ngang", LAYOUT.unit),
        ("Đã có thành tích", LAYOUT.achievement),
        ("Quyết định số 05/QĐ-UBND", LAYOUT.decision),
    ):
        x, baseline = _at(found, start)
        # centred in its box, and on the box's first line (the baseline sits under the top edge)
        assert box.x_mm < x < box.x_mm + box.width_mm / 2, (start, x)
        assert box.y_mm < baseline < box.y_mm + box.font_pt * 1.4 / MM, (start, baseline)
    html = overprint_html([CERTIFICATE], LAYOUT)
    assert "left:20mm;top:160mm;width:25mm;height:25mm" in html  # the QR code's square
    assert "ngày 05 tháng 02 năm 2026" in text


def test_overprint_moves_with_the_layout() -> None:
    moved = OverprintLayout(
        name=FieldBox(40, 60, 217, 24),
        unit=LAYOUT.unit,
        achievement=LAYOUT.achievement,
        decision=LAYOUT.decision,
        qr_x_mm=0,
        qr_y_mm=0,
        qr_size_mm=0,
    )
    before = _at(_placed(render_overprint([CERTIFICATE], LAYOUT))[0], "Nguyễn Văn An")[1]
    after = _at(_placed(render_overprint([CERTIFICATE], moved))[0], "Nguyễn Văn An")[1]
    assert round(before - after) == 30
    assert "<img" not in overprint_html([CERTIFICATE], moved)  # size 0: no QR code on this paper


@pytest.fixture
def big_decision(world: Any, personas: dict[str, Any]) -> Any:
    people = [
        PersonFactory(organisation=world.home, full_name=f"Người Nhận {i:02d}")
        for i in range(CERTIFICATES_SYNC_MAX + 1)
    ]
    return make_decision(
        personas["province"],
        issuer=world.office,
        award="bang_khen_chu_tich_ubnd_tinh",
        people=people,
        organisations=[],
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_large_decision_prints_in_the_background(
    big_decision: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    office = _client(personas["province"])
    inspect = office.get(f"/admin/awards/decisions/inspect/{big_decision.pk}/")
    assert b"data-certificates-job" in inspect.content
    # the request no longer lays out a large decision
    response = office.get(f"/admin/documents/decisions/{big_decision.pk}/certificates.pdf")
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(f"/admin/documents/decisions/{big_decision.pk}/certificates-job.pdf")
    job = Job.objects.get(kind=CERTIFICATES_JOB_KIND)
    assert response["Location"].endswith(f"/jobs/{job.pk}/")
    assert job.status == Job.Status.SUCCEEDED and job.done == job.total == CERTIFICATES_SYNC_MAX + 1
    assert job.title.startswith("In bằng khen theo Quyết định số 15/QĐ-UBND")
    page = office.get(f"/admin/jobs/{job.pk}/")
    assert job.result["next_url"].encode() in page.content
    download = office.get(job.result["next_url"])
    assert download.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(pdf.pages) == CERTIFICATES_SYNC_MAX + 1
    assert "Người Nhận 00" in pdf.pages[0].extract_text()
    assert "Người Nhận 20" in pdf.pages[-1].extract_text()
    event = AuditEvent.objects.get(action="documents.certificates.print")
    assert event.changes["count"] == CERTIFICATES_SYNC_MAX + 1
    # a unit officer, who may not see the decision, gets nothing from the job's file
    assert _client(personas["member"]).get(job.result["next_url"]).status_code in (302, 403, 404)


def test_zip_job_and_refusals(
    big_decision: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = certificates_print_schedule(
            actor=personas["province"], decision=big_decision, fmt="zip", verify_url="https://x.test/{token}/"
        )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result["file"].endswith(".zip")
    with pytest.raises(PermissionDenied):
        certificates_print_schedule(
            actor=personas["member"], decision=big_decision, fmt="pdf", verify_url="https://x.test/{token}/"
        )
    with pytest.raises(ValidationError):
        certificates_print_schedule(
            actor=personas["province"], decision=big_decision, fmt="odt", verify_url="https://x.test/{token}/"
        )
    # overprint with no layout for Bằng khen yet: the job fails in words
    with django_capture_on_commit_callbacks(execute=True):
        failed = certificates_print_schedule(
            actor=personas["province"],
            decision=big_decision,
            fmt="pdf",
            verify_url="https://x.test/{token}/",
            overprint=True,
        )
    failed.refresh_from_db()
    assert failed.status == Job.Status.FAILED
    assert failed.message == "Chưa đặt vị trí in trên phôi cho loại bằng khen, giấy khen này."


def test_layout_service_and_overprint_download(world: Any, personas: dict[str, Any]) -> None:
    office = personas["province"]
    with pytest.raises(PermissionDenied):
        certificate_layout_create(actor=personas["member"], kind="bang_khen")
    with pytest.raises(ValidationError):
        certificate_layout_create(actor=office, kind="bang_khen", name_x_mm=Decimal("200"))  # 200 + 200 > 297
    layout = certificate_layout_create(actor=office, kind="bang_khen")
    layout = certificate_layout_update(actor=office, layout=layout, name_y_mm=Decimal("70"))
    assert layout.name_y_mm == Decimal("70")
    actions = AuditEvent.objects.filter(target_type="documents.certificatelayout").order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "documents.layout.create",
        "documents.layout.update",
    ]
    person = PersonFactory(organisation=world.home, full_name="Phạm Thị Phôi")
    small = make_decision(
        office, issuer=world.office, award="bang_khen_chu_tich_ubnd_tinh", people=[person], organisations=[]
    )
    client = _client(office)
    inspect = client.get(f"/admin/awards/decisions/inspect/{small.pk}/")
    assert b"data-overprint" in inspect.content
    response = client.get(f"/admin/documents/decisions/{small.pk}/certificates.pdf?phoi=1")
    assert response.status_code == 200
    found, text = _placed(response.content)
    assert "BẰNG KHEN" not in text
    assert 70 < _at(found, "Phạm Thị Phôi")[1] < 70 + 24 * 1.4 / MM
    # the layouts' screens: the office lists and edits them, a unit officer does not
    assert client.get("/admin/documents/layouts/").status_code == 200
    assert client.get(f"/admin/documents/layouts/edit/{layout.pk}/").status_code == 200
    assert _client(personas["member"]).get("/admin/documents/layouts/").status_code in (302, 403)
    assert CertificateLayout.objects.count() == 1


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024", "Đã có thành tích xuất sắc năm 2024"),
        (
            "xuất sắc trong phong trào thi đua năm 2024",
            "Đã có thành tích xuất sắc trong phong trào thi đua năm 2024",
        ),
        ("", "Đã có thành tích xuất sắc năm 2024"),
    ],
)
def test_certificate_achievement_wording(
    world: Any, personas: dict[str, Any], summary: str, expected: str
) -> None:
    person = PersonFactory(organisation=world.home, full_name="Võ Thị Lời")
    decision = make_decision(
        personas["province"], issuer=world.office, people=[person], organisations=[], summary=summary
    )
    (certificate,) = certificates_data(decision=decision, verify_url="https://x.test/{token}/")
    assert certificate.achievement == expected
