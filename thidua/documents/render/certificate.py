"""Certificates (Bằng khen, Giấy khen): A4 landscape PDF, one page each, with a QR code that opens
the public verify page. Many certificates are one HTML document laid out once, so printing a whole
decision costs one WeasyPrint run (bench/bench_documents.py: 500 pages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

import segno

from thidua.core.formatting import nd30_date
from thidua.documents.render.model import QUOC_HIEU, TIEU_NGU
from thidua.documents.render.pdf import FONT_STACK, html_to_pdf

__all__ = [
    "CertificateData",
    "FieldBox",
    "OverprintLayout",
    "certificate_html",
    "overprint_html",
    "render_certificates",
    "render_certificates_in_parts",
    "render_overprint",
]


@dataclass(frozen=True, slots=True)
class CertificateData:
    title: str  # "BẰNG KHEN" or "GIẤY KHEN"
    conferred_by: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"
    recipient_name: str
    recipient_unit: str  # a person's unit, or "" for an organisation
    achievement: str  # "Đã có thành tích xuất sắc trong phong trào thi đua năm 2023"
    decision_number: str
    decision_date: dt.date
    place: str
    signer_title: str
    signer_name: str
    verify_url: str
    # "KT. CHỦ TỊCH" when a deputy signs (NĐ 30/2020 Phụ lục I, mục II.7a); one line per prefix.
    signer_authority: str = ""


CSS = f"""
@page {{ size: A4 landscape; margin: 12mm; }}
html {{ font-family: {FONT_STACK}; color: #000; }}
body {{ margin: 0; }}
.cert {{ position: relative; height: 184mm; border: 3pt double #8a1c1c; padding: 8mm 14mm;
  break-after: page; box-sizing: border-box; text-align: center; }}
.cert:last-child {{ break-after: auto; }}
.qh {{ font-size: 13pt; font-weight: bold; margin: 0; }}
.tn {{ font-size: 14pt; font-weight: bold; margin: 0; }}
.rule {{ border-top: 0.75pt solid #000; width: 62mm; margin: 1pt auto 6mm auto; }}
.by {{ font-size: 15pt; font-weight: bold; margin: 0 0 2mm 0; }}
.tang {{ font-size: 15pt; margin: 0; }}
.title {{ font-size: 46pt; font-weight: bold; color: #b91c1c; margin: 2mm 0 4mm 0; letter-spacing: 2pt; }}
.name {{ font-size: 24pt; font-weight: bold; margin: 0 0 1mm 0; }}
.unit {{ font-size: 15pt; margin: 0 0 4mm 0; }}
.ach {{ font-size: 15pt; font-style: italic; margin: 0 20mm; }}
.foot {{ position: absolute; left: 14mm; right: 14mm; bottom: 8mm; height: 46mm; }}
.qr {{ position: absolute; left: 0; bottom: 0; width: 30mm; text-align: center; font-size: 8pt; }}
.qr img {{ width: 28mm; height: 28mm; }}
.dec {{ position: absolute; left: 36mm; bottom: 2mm; text-align: left; font-size: 11pt; }}
.sign {{ position: absolute; right: 0; top: 0; width: 110mm; font-size: 14pt; }}
.sign p {{ margin: 0; }}
.sign .date {{ font-style: italic; }}
.sign .t {{ font-weight: bold; }}
.sign .n {{ font-weight: bold; margin-top: 20mm; }}
"""


def _qr(url: str) -> str:
    # Error correction M: a printed code survives a fold or a stain; the URL is short (a signed id).
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2))


def _one(cert: CertificateData) -> str:
    unit = f'<p class="unit">{escape(cert.recipient_unit)}</p>' if cert.recipient_unit else ""
    return (
        '<section class="cert">'
        f'<p class="qh">{QUOC_HIEU}</p><p class="tn">{TIEU_NGU}</p><div class="rule"></div>'
        f'<p class="by">{escape(cert.conferred_by)}</p><p class="tang">TẶNG</p>'
        f'<p class="title">{escape(cert.title)}</p>'
        f'<p class="name">{escape(cert.recipient_name)}</p>{unit}'
        f'<p class="ach">{escape(cert.achievement)}</p>'
        '<div class="foot">'
        f'<div class="qr"><img src="{_qr(cert.verify_url)}" alt="Mã QR xác thực">'
        "<br>Quét mã để xác thực</div>"
        f'<p class="dec">Quyết định số {escape(cert.decision_number)}<br>'
        f"{escape(nd30_date(cert.decision_date))}</p>"
        '<div class="sign">'
        f'<p class="date">{escape(nd30_date(cert.decision_date, cert.place))}</p>'
        # One line per prefix: TM. and KT. stand on two lines (NĐ 30/2020 Phụ lục I, mục II.7a).
        + "".join(f'<p class="t">{escape(line.upper())}</p>' for line in cert.signer_authority.splitlines())
        + f'<p class="t">{escape(cert.signer_title.upper())}</p>'
        f'<p class="n">{escape(cert.signer_name)}</p></div>'
        "</div></section>"
    )


def certificate_html(certificates: Sequence[CertificateData]) -> str:
    pages = "".join(_one(c) for c in certificates)
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bằng khen</title>'
        f"<style>{CSS}</style></head><body>{pages}</body></html>"
    )


def render_certificates(certificates: Sequence[CertificateData]) -> bytes:
    """All the certificates as one PDF, one landscape page each."""
    return html_to_pdf(certificate_html(certificates))


def render_certificates_in_parts(
    certificates: Sequence[CertificateData],
    *,
    html: Callable[[Sequence[CertificateData]], str] = certificate_html,
    chunk: int = 25,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The certificates as one PDF, laid out `chunk` at a time so that a background job can move its
    progress bar (`progress(done)`) between parts; the pages are then joined into one document."""
    from weasyprint import HTML

    if not certificates:
        return html_to_pdf(html([]))
    parts = []
    for start in range(0, len(certificates), chunk):
        part = certificates[start : start + chunk]
        parts.append(HTML(string=html(part)).render())
        if progress is not None:
            progress(start + len(part))
    pages = [page for part in parts for page in part.pages]
    pdf: bytes = parts[0].copy(pages).write_pdf()
    return pdf


# ---------------------------------------------------------------------------------------------------
# Overprinting on pre-printed blanks: the province buys Bằng khen and Giấy khen paper with the national
# emblem, the frame and the fixed words already printed; only the variable fields are printed, each at
# the position the office measured on its paper (in millimetres from the sheet's top-left corner).


@dataclass(frozen=True, slots=True)
class FieldBox:
    x_mm: float  # left edge of the field's box
    y_mm: float  # top edge
    width_mm: float  # the text is centred in the box and wraps inside it
    font_pt: float
    bold: bool = False


@dataclass(frozen=True, slots=True)
class OverprintLayout:
    name: FieldBox
    unit: FieldBox
    achievement: FieldBox
    decision: FieldBox
    qr_x_mm: float
    qr_y_mm: float
    qr_size_mm: float  # 0: no QR code on this paper
    page_width_mm: float = 297  # A4 landscape
    page_height_mm: float = 210


def _box(box: FieldBox, css_class: str, text: str) -> str:
    weight = "bold" if box.bold else "normal"
    return (
        f'<div class="{css_class}" style="left:{box.x_mm}mm;top:{box.y_mm}mm;width:{box.width_mm}mm;'
        f'font-size:{box.font_pt}pt;font-weight:{weight}">{escape(text)}</div>'
    )


def overprint_html(certificates: Sequence[CertificateData], layout: OverprintLayout) -> str:
    """Only the variable fields, absolutely placed on a page the size of the blank, no margins."""
    css = (
        f"@page {{ size: {layout.page_width_mm}mm {layout.page_height_mm}mm; margin: 0; }}"
        f"html {{ font-family: {FONT_STACK}; color: #000; }} body {{ margin: 0; }}"
        f".sheet {{ position: relative; width: {layout.page_width_mm}mm; height: {layout.page_height_mm}mm;"
        " break-after: page; overflow: hidden; }"
        ".sheet:last-child { break-after: auto; }"
        ".sheet div { position: absolute; text-align: center; line-height: 1.2; }"
        ".sheet img { position: absolute; }"
    )
    pages = []
    for cert in certificates:
        parts = [
            _box(layout.name, "name", cert.recipient_name),
            _box(layout.unit, "unit", cert.recipient_unit) if cert.recipient_unit else "",
            _box(layout.achievement, "ach", cert.achievement),
            _box(
                layout.decision,
                "dec",
                f"Quyết định số {cert.decision_number} {nd30_date(cert.decision_date)}",
            ),
        ]
        if layout.qr_size_mm > 0:
            parts.append(
                f'<img src="{_qr(cert.verify_url)}" alt="Mã QR xác thực" style="left:{layout.qr_x_mm}mm;'
                f'top:{layout.qr_y_mm}mm;width:{layout.qr_size_mm}mm;height:{layout.qr_size_mm}mm">'
            )
        pages.append(f'<section class="sheet">{"".join(parts)}</section>')
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>In trên phôi</title>'
        f"<style>{css}</style></head><body>{''.join(pages)}</body></html>"
    )


def render_overprint(certificates: Sequence[CertificateData], layout: OverprintLayout) -> bytes:
    return html_to_pdf(overprint_html(certificates, layout))
