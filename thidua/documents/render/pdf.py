"""Any Document as PDF: HTML written here, laid out by WeasyPrint (Pango, no browser).

Times New Roman is proprietary and not in Debian; the PDF asks for it first and falls back to
Liberation Serif (fonts-liberation2), which has the same metrics, so lines break where Word breaks
them. See docs/adr/0011-documents.md.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from html import escape

from thidua.documents.render.docx import (
    LEFT_MM,
    MARGINS_MM,
    RIGHT_MM,
    TEXT_WIDTH_MM,
    _width_mm,
    signers_per_row,
)
from thidua.documents.render.model import (
    QUOC_HIEU,
    TIEU_NGU,
    Annex,
    Block,
    Document,
    Heading,
    Image,
    Paragraph,
    Signature,
    Table,
)

__all__ = ["FONT_STACK", "html_to_pdf", "render_html", "render_pdf"]

FONT_STACK = '"Times New Roman", "Liberation Serif", "Tinos", serif'

CSS = f"""
@page {{
  size: A4;
  margin: {MARGINS_MM["top"]}mm {MARGINS_MM["right"]}mm {MARGINS_MM["bottom"]}mm {MARGINS_MM["left"]}mm;
  @top-center {{ content: counter(page); font: 13pt {FONT_STACK}; }}
}}
/* Phụ lục I, mục I.4: no number on page 1; each appendix numbers its own pages from 1. */
@page :first {{ @top-center {{ content: none; }} }}
@page annex {{ @top-center {{ content: counter(page); font: 13pt {FONT_STACK}; }} }}
@page :nth(1 of annex) {{ counter-reset: page 1; @top-center {{ content: none; }} }}
html {{ font-family: {FONT_STACK}; font-size: 14pt; color: #000; line-height: 1.15; }}
p {{ margin: 0; }}
.c {{ text-align: center; }} .l {{ text-align: left; }} .r {{ text-align: right; }}
.j {{ text-align: justify; }}
.b {{ font-weight: bold; }} .i {{ font-style: italic; }}
.ind {{ text-indent: 12.7mm; }}
.body p, .body h2 {{ margin-bottom: 6pt; }}
.body p {{ white-space: pre-line; }}  /* the dotted fill-in lines of a form are two lines of one paragraph */
h2 {{ font-size: 14pt; margin: 0; text-indent: 12.7mm; }}
h2.c {{ text-indent: 0; }}
.head {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
.head td {{ vertical-align: top; text-align: center; padding: 0; }}
.rule {{ border-top: 0.75pt solid #000; margin: 1pt auto 3pt auto; height: 0; }}
.s12 {{ font-size: 12pt; }} .s13 {{ font-size: 13pt; }} .s11 {{ font-size: 11pt; }}
.grid {{ border-collapse: collapse; margin: 0 auto 8pt auto; table-layout: fixed; }}
.grid th, .grid td {{ border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top; }}
.grid td {{ white-space: pre-line; }}  /* a line break inside a cell, as the DOCX run has it */
.grid thead {{ display: table-header-group; }}
.grid tr {{ break-inside: avoid; }}
figure {{ margin: 0 0 6pt 0; text-align: center; }}
figcaption {{ font-size: 12pt; font-style: italic; }}
.close {{ width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 8pt; break-inside: avoid; }}
.close td {{ vertical-align: top; padding: 0; }}
.gap {{ height: 24mm; }}
.annex {{ page: annex; break-before: page; }}
"""

_ALIGN = {"justify": "j", "center": "c", "left": "l", "right": "r"}


def _p(text: str, *classes: str) -> str:
    return f'<p class="{" ".join(c for c in classes if c)}">{escape(text)}</p>'


def _rule(width_mm: float) -> str:
    return f'<div class="rule" style="width:{width_mm:.1f}mm"></div>'


def _header(document: Document) -> str:
    header = document.header
    left = []
    if header.parent_authority:
        left.append(_p(header.parent_authority.upper(), "s13"))
    left.extend(_p(line, "s13", "b") for line in header.authority_lines)
    name_width = max(_width_mm(line, 13, True) for line in header.authority_lines)
    left.append(_rule(min(name_width, LEFT_MM) * 0.4))
    right = [_p(QUOC_HIEU, "s12", "b"), _p(TIEU_NGU, "s13", "b"), _rule(_width_mm(TIEU_NGU, 13, True))]
    return (
        f'<table class="head"><colgroup><col style="width:{LEFT_MM}mm"><col style="width:{RIGHT_MM}mm">'
        f"</colgroup><tr><td>{''.join(left)}</td><td>{''.join(right)}</td></tr>"
        f"<tr><td>{_p(header.number_text, 's13')}</td><td>{_p(header.date_text, 'i')}</td></tr></table>"
    )


def _title(document: Document) -> str:
    out = ['<div style="height:14pt"></div>', _p(document.kind.upper(), "c", "b")]
    if document.summary:
        out.append(_p(document.summary, "c", "b"))
        out.append(_rule(min(_width_mm(document.summary, 14, True), TEXT_WIDTH_MM) * 0.4))
    if len(document.addressees) == 1:
        out.append(_p(f"Kính gửi: {document.addressees[0]}.", "c"))
    elif document.addressees:
        out.append(_p("Kính gửi:", "c"))
        last = len(document.addressees) - 1
        out.extend(
            _p(f"- {name}{'.' if index == last else ';'}", "c")
            for index, name in enumerate(document.addressees)
        )
    out.append('<div style="height:8pt"></div>')
    return "".join(out)


def _table(table: Table) -> str:
    width = sum(c.width_mm for c in table.columns)
    cols = "".join(f'<col style="width:{c.width_mm}mm">' for c in table.columns)
    head = "".join(f'<th class="c b">{escape(c.title)}</th>' for c in table.columns)
    body = []
    for index, row in enumerate(table.rows):
        bold = " b" if index in table.bold_rows else ""
        cells = "".join(
            f'<td class="{_ALIGN.get(c.align, "l")}{bold}">{escape(value)}</td>'
            for c, value in zip(table.columns, row, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f'<table class="grid" style="width:{width}mm;font-size:{table.font_pt}pt"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _blocks(blocks: Iterable[Block]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(
                _p(
                    block.text,
                    _ALIGN.get(block.align, "j"),
                    "b" if block.bold else "",
                    "i" if block.italic else "",
                    "ind" if block.indent else "",
                )
            )
        elif isinstance(block, Heading):
            out.append(f'<h2 class="{_ALIGN.get(block.align, "l")}">{escape(block.text)}</h2>')
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Image):
            data = base64.b64encode(block.png).decode("ascii")
            caption = f"<figcaption>{escape(block.caption)}</figcaption>" if block.caption else ""
            out.append(
                f'<figure><img src="data:image/png;base64,{data}" style="width:{block.width_mm}mm" '
                f'alt="{escape(block.caption, quote=True)}">{caption}</figure>'
            )
    return f'<div class="body">{"".join(out)}</div>'


def _signature(signature: Signature) -> str:
    lines = []
    for line in signature.authority_line.splitlines():
        lines.append(_p(line.upper(), "c", "b"))
    lines.append(_p(signature.title.upper(), "c", "b"))
    lines.append('<div class="gap"></div>')
    lines.append(_p(signature.name, "c", "b"))
    return "".join(lines)


def _closing(document: Document) -> str:
    out = []
    if document.signers:
        per_row = signers_per_row(len(document.signers))
        rows = []
        for start in range(0, len(document.signers), per_row):
            group = document.signers[start : start + per_row]
            cells = "".join(f"<td>{_signature(s)}</td>" for s in group)
            rows.append(f"<tr>{cells}{'<td></td>' * (per_row - len(group))}</tr>")
        out.append(f'<table class="close">{"".join(rows)}</table>')
    recipients = ""
    if document.recipients:
        recipients = _p("Nơi nhận:", "s12", "b", "i", "l") + "".join(
            _p(line, "s11", "l") for line in document.recipient_lines
        )
    if document.recipients or not document.signers:
        sign = "" if document.signers else _signature(document.signature)
        out.append(
            f'<table class="close"><colgroup><col style="width:{TEXT_WIDTH_MM - 90}mm"><col style="width:90mm">'
            f"</colgroup><tr><td>{recipients}</td><td>{sign}</td></tr></table>"
        )
    return "".join(out)


def _annex(annex: Annex) -> str:
    parts = [_p(annex.heading, "c", "b"), _p(annex.title.upper(), "c", "b")]
    if annex.reference:
        parts.append(_p(annex.reference, "c", "i"))
    parts.append(_rule(50))
    parts.append('<div style="height:8pt"></div>')
    return f'<section class="annex">{"".join(parts)}{_blocks(annex.blocks)}</section>'


def render_html(document: Document) -> str:
    annexes = "".join(_annex(a) for a in document.annexes)
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(document.kind)}</title>'
        f"<style>{CSS}</style></head><body>{_header(document)}{_title(document)}"
        f"{_blocks(document.body)}{_closing(document)}{annexes}</body></html>"
    )


def html_to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads Pango through cffi, which a DOCX-only caller need not pay for.
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def render_pdf(document: Document) -> bytes:
    return html_to_pdf(render_html(document))
