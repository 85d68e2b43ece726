"""Any Document as DOCX (python-docx), laid out per NĐ 30/2020/NĐ-CP Phụ lục I.

The officers edit this file before signing, so it uses real paragraphs, tables and fields (no text
boxes): Times New Roman everywhere, the East-Asian font slot too, so Word does not substitute a font
for the Vietnamese letters it classes as East Asian.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

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

__all__ = ["FONT", "MARGINS_MM", "PAGE_MM", "render_docx", "signers_per_row"]

FONT = "Times New Roman"
PAGE_MM = (210, 297)
# Phụ lục I, mục I.3: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
# The header's two boxes: the authority's (left) and the motto's (right), Phụ lục I, mục IV.
LEFT_MM, RIGHT_MM = 68.0, TEXT_WIDTH_MM - 68.0
BODY_PT = 14
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def _width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """About how wide a line of Times New Roman is: the rules under the motto and the authority are
    sized from it (mục II.1–2: as long as the motto; 1/3–1/2 of the authority's name)."""
    per_char = 0.50 if bold else 0.46  # average advance in em for Vietnamese capitals and lower case
    if text.isupper():
        per_char += 0.18
    return len(text) * per_char * size_pt * 0.3528


def _set_font(run_or_style: object, size: float | None = None) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    element = run_or_style.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _para(
    container: object,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    indent: bool = False,
    after_pt: float = 0,
) -> DocxParagraph:
    paragraph: DocxParagraph = container.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = _ALIGN[align]
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after_pt)
    if indent:
        fmt.first_line_indent = Mm(12.7)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
        _set_font(run, size)
    return paragraph


def _rule(container: object, width_mm: float, box_mm: float) -> None:
    """A solid rule of the given length, centred in its box: an empty paragraph's top border, indented
    on both sides (Word draws a paragraph border between its indents)."""
    paragraph = _para(container, "", size=2)
    side = max((box_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    ppr.append(borders)
    run = paragraph.add_run("")
    _set_font(run, 2)


def _no_borders(table: object) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    tblpr = tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tblpr.append(borders)


def _cell(cell: _Cell, width_mm: float) -> _Cell:
    cell.width = Mm(width_mm)
    # A new cell holds one empty paragraph; the writers add their own.
    first = cell.paragraphs[0]
    first._p.getparent().remove(first._p)
    return cell


def _header(doc: object, document: Document) -> None:
    header = document.header
    table = doc.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left = _cell(table.cell(0, 0), LEFT_MM)
    right = _cell(table.cell(0, 1), RIGHT_MM)
    if header.parent_authority:
        _para(left, header.parent_authority.upper(), size=13)
    for line in header.authority_lines:
        _para(left, line, size=13, bold=True)
    name_width = max(_width_mm(line, 13, True) for line in header.authority_lines)
    _rule(left, min(name_width, LEFT_MM) * 0.4, LEFT_MM)
    _para(right, QUOC_HIEU, size=12, bold=True)
    _para(right, TIEU_NGU, size=13, bold=True)
    _rule(right, _width_mm(TIEU_NGU, 13, True), RIGHT_MM)
    number = _cell(table.cell(1, 0), LEFT_MM)
    date = _cell(table.cell(1, 1), RIGHT_MM)
    _para(number, header.number_text, size=13)
    _para(date, header.date_text, size=14, italic=True)
    for column, width in ((0, LEFT_MM), (1, RIGHT_MM)):
        table.columns[column].width = Mm(width)


def _title(doc: object, document: Document) -> None:
    _para(doc, "", size=BODY_PT)
    _para(doc, document.kind.upper(), size=BODY_PT, bold=True)
    if document.summary:
        _para(doc, document.summary, size=BODY_PT, bold=True)
        _rule(doc, min(_width_mm(document.summary, BODY_PT, True), TEXT_WIDTH_MM) * 0.4, TEXT_WIDTH_MM)
    if document.addressees:
        if len(document.addressees) == 1:
            _para(doc, f"Kính gửi: {document.addressees[0]}.", align="center", after_pt=6)
        else:
            _para(doc, "Kính gửi:", align="center")
            for index, name in enumerate(document.addressees):
                end = "." if index == len(document.addressees) - 1 else ";"
                _para(doc, f"- {name}{end}", align="center")
    _para(doc, "", size=6)


def _table(doc: object, table: Table) -> None:
    out = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))  # type: ignore[attr-defined]
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    for index, column in enumerate(table.columns):
        cell = _cell(out.cell(0, index), column.width_mm)
        _para(cell, column.title, size=table.font_pt, bold=True, align="center")
        out.columns[index].width = Mm(column.width_mm)
    for row_index, row in enumerate(table.rows):
        bold = row_index in table.bold_rows
        for index, column in enumerate(table.columns):
            cell = _cell(out.cell(row_index + 1, index), column.width_mm)
            _para(cell, row[index], size=table.font_pt, bold=bold, align=column.align)
    _para(doc, "", size=6)


def _blocks(doc: object, blocks: Iterable[Block]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            _para(
                doc,
                block.text,
                bold=block.bold,
                italic=block.italic,
                align=block.align,
                indent=block.indent,
                after_pt=6,
            )
        elif isinstance(block, Heading):
            _para(doc, block.text, bold=True, align=block.align, indent=block.align == "left", after_pt=6)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Image):
            paragraph = _para(doc, "", align="center")
            paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
            if block.caption:
                _para(doc, block.caption, size=12, italic=True, after_pt=6)


def signers_per_row(count: int) -> int:
    """Up to three signatures side by side; more (a pact of five members) go two to a row, so that
    "TM. ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH" wraps on two lines, not five."""
    return count if count <= 3 else 2


def _signature_cell(cell: _Cell, signature: Signature) -> None:
    for line in signature.authority_line.splitlines():
        _para(cell, line.upper(), bold=True)
    _para(cell, signature.title.upper(), bold=True)
    for _ in range(4):  # room for the signature and the seal
        _para(cell, "")
    _para(cell, signature.name, bold=True)


def _closing(doc: object, document: Document) -> None:
    _para(doc, "", size=6)
    if document.signers:
        per_row = signers_per_row(len(document.signers))
        rows = -(-len(document.signers) // per_row)
        table = doc.add_table(rows=rows, cols=per_row)  # type: ignore[attr-defined]
        _no_borders(table)
        width = TEXT_WIDTH_MM / per_row
        for index, signer in enumerate(document.signers):
            _signature_cell(_cell(table.cell(index // per_row, index % per_row), width), signer)
        if not document.recipients:
            return
    table = doc.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    table.autofit = False
    _no_borders(table)
    left = _cell(table.cell(0, 0), TEXT_WIDTH_MM - 90)
    right = _cell(table.cell(0, 1), 90)
    if document.recipients:
        # Phụ lục I, mục II.9b: "Nơi nhận:" 12 pt bold italic, the list 11 pt.
        _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left")
        for line in document.recipient_lines:
            _para(left, line, size=11, align="left")
    else:
        _para(left, "")
    if not document.signers:
        _signature_cell(right, document.signature)
    else:
        _para(right, "")


def _page_number_header(section: object) -> None:
    """Page numbers centred in the top margin, 13 pt, from page 2 (mục I.4): a different first page."""
    section.different_first_page_header_footer = True  # type: ignore[attr-defined]
    paragraph = section.header.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "26")
    rpr.append(fonts)
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page(section: object, landscape: bool = False) -> None:
    width, height = PAGE_MM
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE  # type: ignore[attr-defined]
        width, height = height, width
    section.page_width = Mm(width)  # type: ignore[attr-defined]
    section.page_height = Mm(height)  # type: ignore[attr-defined]
    section.top_margin = Mm(MARGINS_MM["top"])  # type: ignore[attr-defined]
    section.bottom_margin = Mm(MARGINS_MM["bottom"])  # type: ignore[attr-defined]
    section.left_margin = Mm(MARGINS_MM["left"])  # type: ignore[attr-defined]
    section.right_margin = Mm(MARGINS_MM["right"])  # type: ignore[attr-defined]
    section.header_distance = Mm(10)  # type: ignore[attr-defined]


def _annex(doc: object, annex: Annex) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)  # type: ignore[attr-defined]
    _page(section)
    # Each appendix has its own page numbers (mục I.4): restart at 1 in this section.
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.append(numbering)
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    _page_number_header(section)
    _para(doc, annex.heading, bold=True)
    _para(doc, annex.title.upper(), bold=True)
    if annex.reference:
        _para(doc, annex.reference, italic=True)
    _rule(doc, 50, TEXT_WIDTH_MM)
    _para(doc, "", size=6)
    _blocks(doc, annex.blocks)


def render_docx(document: Document) -> bytes:
    doc = new_docx()
    normal = doc.styles["Normal"]
    _set_font(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    _page(section)
    _page_number_header(section)
    _header(doc, document)
    _title(doc, document)
    _blocks(doc, document.body)
    _closing(doc, document)
    for annex in document.annexes:
        _annex(doc, annex)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
