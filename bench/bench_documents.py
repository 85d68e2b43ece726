"""Benchmarks of #14 (docs/benchmarks.md): the cluster report as DOCX (< 2 s), 500 certificates as one
PDF (< 120 s, peak memory < 1 GiB). Pure renderers on synthetic data: no database.

    .venv/bin/python bench/bench_documents.py
"""

from __future__ import annotations

import datetime as dt
import resource
import time
from decimal import Decimal

from thidua.documents.render.certificate import CertificateData, render_certificates
from thidua.documents.render.compose import RankLine, ReportData, report_document
from thidua.documents.render.docx import render_docx


def report() -> ReportData:
    members = tuple(f"huyện Thử Nghiệm {i}" for i in range(1, 31))
    return ReportData(
        group_name="Cụm Thi đua số 1",
        group_word="Cụm",
        province_name="Trà Vinh",
        parent_authority="UBND TỈNH TRÀ VINH",
        year=2023,
        mid_year=True,
        final=True,
        issued_on=dt.date(2023, 8, 4),
        members=members,
        head_name="UBND huyện Châu Thành",
        aggregates=("Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch",),
        ranking=tuple(
            RankLine(i, name, Decimal(2000 - i * 7), Decimal(2000 - i * 6))
            for i, name in enumerate(members, 1)
        ),
    )


def main() -> None:
    data = report()
    start = time.perf_counter()
    size = len(render_docx(report_document(data)))
    print(f"cluster report DOCX (30 members, chart): {time.perf_counter() - start:.2f} s, {size // 1024} KiB")
    certificates = [
        CertificateData(
            title="BẰNG KHEN",
            conferred_by="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TRÀ VINH",
            recipient_name=f"Nguyễn Văn Thử {i}",
            recipient_unit="UBND huyện Cầu Ngang",
            achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2023",
            decision_number="05/QĐ-UBND",
            decision_date=dt.date(2024, 2, 5),
            place="Trà Vinh",
            signer_title="Phó Chủ tịch",
            signer_name="Lê Văn Hẳn",
            verify_url=f"https://thidua.example.vn/xac-thuc/{i:06d}:1xaNPK:w8_oVfywv5x22sK7QJk-qjhq-6DQs1rHkao71w8/",
            signer_authority="KT. CHỦ TỊCH",
        )
        for i in range(500)
    ]
    start = time.perf_counter()
    size = len(render_certificates(certificates))
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"500 certificates, one PDF: {elapsed:.1f} s, {size // 1024} KiB, peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
