"""An administrative document as data: the nine components of NĐ 30/2020/NĐ-CP Điều 8 and the blocks of
its body. Both writers (docx.py, pdf.py) read only this, so the DOCX and the PDF say the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from thidua.core.formatting import nd30_date

__all__ = [
    "Annex",
    "Block",
    "Column",
    "Document",
    "Header",
    "Heading",
    "Image",
    "Paragraph",
    "Signature",
    "Table",
]

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
# Left blank for the clerk (văn thư), who numbers the document when it is registered and signed.
NUMBER_BLANK = "\u00a0" * 8


@dataclass(frozen=True, slots=True)
class Header:
    """Boxes 1–4 of Phụ lục I, mục IV: the authority on the left, the motto and the date on the right."""

    authority: str  # box 2b, the issuing body: "CỤM THI ĐUA SỐ 1"
    symbol: str  # "BC-CTĐ"; with number "15" it reads "Số: 15/BC-CTĐ"
    place: str  # the administrative unit where the issuer sits: "Trà Vinh"
    date: dt.date | None  # None: left for the signing day ("ngày    tháng    năm 2023")
    parent_authority: str = ""  # box 2a, the body directly above, if any: "UBND TỈNH TRÀ VINH"
    number: str = ""  # "" leaves the number to the clerk; a full "15/QĐ-UBND" is kept as written
    year: int | None = None  # for an undated draft's date line

    @property
    def authority_lines(self) -> tuple[str, ...]:
        """The issuing body in capitals, broken where officers break it: "ỦY BAN NHÂN DÂN" / "TỈNH TRÀ VINH"."""
        name = self.authority.upper()
        for lead in ("ỦY BAN NHÂN DÂN ", "UBND "):
            if name.startswith(lead) and len(name) > 24:
                return (lead.strip(), name[len(lead) :])
        return tuple(name.splitlines()) or ("",)

    @property
    def number_text(self) -> str:
        if not self.number and not self.symbol:
            return ""  # a form with no number (a báo cáo thành tích is numbered by the tờ trình it goes with)
        if "/" in self.number:
            return f"Số: {self.number}"
        number = self.number
        if number.isdigit() and int(number) < 10:
            number = f"{int(number):02d}"  # Phụ lục I, mục II.3: numbers below 10 get a leading zero
        return f"Số: {number or NUMBER_BLANK}/{self.symbol}"

    @property
    def date_text(self) -> str:
        if self.date is not None:
            return nd30_date(self.date, self.place)
        gap = "\u00a0" * 6
        year = self.year if self.year is not None else ""
        return f"{self.place}, ngày{gap}tháng{gap}năm {year}".rstrip()


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # justify, center, left, right
    indent: bool = True  # first-line indent of 1,27 cm (Phụ lục I, mục I.5)


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading in the body: "I. KẾT QUẢ …" (bold, flush with the indent) or "Điều 1." ."""

    text: str
    align: str = "left"


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width_mm: float
    align: str = "left"


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    bold_rows: frozenset[int] = frozenset()  # rows shown bold: a group's subtotal, a total
    font_pt: float = 12


@dataclass(frozen=True, slots=True)
class Image:
    png: bytes
    width_mm: float
    caption: str = ""


Block = Paragraph | Heading | Table | Image


@dataclass(frozen=True, slots=True)
class Signature:
    """Box 7: "TM. CỤM THI ĐUA SỐ 1" / "CỤM TRƯỞNG" / the name (no academic title, mục II.7)."""

    # With its prefix (TM., KT., TL., TUQ.) or ""; two lines, "\n" between, when a deputy signs for the
    # head on behalf of a collective body: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" (Phụ lục I, mục II.7a).
    authority_line: str
    title: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Annex:
    """A phụ lục after the document, with its own heading and reference line (Phụ lục I, mục II)."""

    heading: str  # "Phụ lục" or "DANH SÁCH …" label line
    title: str
    reference: str  # "(Kèm theo Quyết định số 15/QĐ-UBND ngày 04 tháng 8 năm 2023 …)"
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Document:
    header: Header
    kind: str  # box 5a: "BÁO CÁO", "BIÊN BẢN", "QUYẾT ĐỊNH"
    summary: str  # trích yếu, under the kind
    body: tuple[Block, ...]
    signature: Signature
    recipients: tuple[str, ...] = ()  # "Nơi nhận" lines, the last "Lưu: VT, …."
    addressees: tuple[str, ...] = ()  # "Kính gửi" (báo cáo, tờ trình to a superior)
    signers: tuple[Signature, ...] = ()  # several signatures side by side (minutes, a pact)
    annexes: tuple[Annex, ...] = ()
    title_for_file: str = field(default="", compare=False)

    @property
    def recipient_lines(self) -> tuple[str, ...]:
        """ "- Như Điều 3;" … "- Lưu: VT, TĐKT." (Phụ lục I, mục II.9b: ";" after each, "." after the last)."""
        lines = [line.rstrip(" ;.") for line in self.recipients]
        return tuple(f"- {line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines))
