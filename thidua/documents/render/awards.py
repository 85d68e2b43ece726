"""The papers of a commendation dossier (Luật Thi đua, khen thưởng 2022 Điều 84): the proposal letter
(tờ trình) with its annexed list, and the achievement report (báo cáo thành tích) of each person or
collective in it.

The proposal letter follows Mẫu 1.4 of NĐ 30/2020 Phụ lục III ("văn bản có tên loại"). The
achievement reports follow the forms annexed to the decree on emulation and commendation (Mẫu 01 for
a collective, Mẫu 02 for an individual of NĐ 98/2023, kept by NĐ 152/2025): the registry fills what it
knows (the subject's particulars, ratings, honours with their decisions, initiatives) and the narrative
sections are left as dotted lines for the officer, who edits the DOCX.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thidua.core.formatting import nd30_date, short_date
from thidua.core.signing import SigningAuthority  # re-exported: the registry stores it too
from thidua.documents.render.model import (
    Annex,
    Block,
    Column,
    Document,
    Header,
    Heading,
    Paragraph,
    Signature,
    Table,
)

__all__ = [
    "AchievementData",
    "HonourLine",
    "InitiativeLine",
    "ProposalLetterData",
    "ProposalLine",
    "SigningAuthority",
    "achievement_report_document",
    "is_committee",
    "proposal_letter_document",
    "signature_block",
    "signature_for",
]

# What the officer writes in by hand: dotted lines just narrower than the 165 mm of text (an ellipsis is
# 1 em, 4,9 mm at 14 pt), so the line neither wraps nor runs into the right margin.
FILL = "…" * 32
SHORT_FILL = "…" * 14
# The blanks of an undated reference, kept by both writers (an HTML space run collapses to one).
GAP = "\u00a0" * 6


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_committee(authority: str) -> bool:
    """A people's committee: a collective body, whose papers its chairman signs "TM." for it."""
    return authority.strip().upper().startswith(("ỦY BAN NHÂN DÂN", "UBND"))


def signature_block(
    *,
    authority: str,
    signing: SigningAuthority,
    head_title: str = "",
    signer_title: str = "",
    signer_name: str = "",
) -> Signature:
    """Box 7 as the officer chose it: the prefix line(s), the signer's own title, the name.

    `authority` is the issuing body ("Ủy ban nhân dân huyện Cầu Ngang"); a committee signs TM. as
    "ỦY BAN NHÂN DÂN", any other body with its name. `head_title` is the head's title the prefix
    names ("Chủ tịch", "Giám đốc"); `signer_title` the signer's own ("Phó Chủ tịch", "Chánh Văn phòng"),
    which defaults to the head's. Examples (Phụ lục I): "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH";
    "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; "TL. GIÁM ĐỐC" / "CHÁNH VĂN PHÒNG".
    """
    committee = is_committee(authority)
    head = (head_title.strip() or ("Chủ tịch" if committee else "Thủ trưởng đơn vị")).upper()
    title = signer_title.strip().upper() or head
    collective = "ỦY BAN NHÂN DÂN" if committee else authority.strip().upper()
    lines = {
        SigningAuthority.HEAD: ("", title),
        SigningAuthority.KT: (f"KT. {head}", title),
        SigningAuthority.TM: (f"TM. {collective}", title),
        SigningAuthority.TM_KT: (f"TM. {collective}\nKT. {head}", title),
        SigningAuthority.TL: (f"TL. {head}", title),
        SigningAuthority.TUQ: (f"TUQ. {head}", title),
        # The acting head signs under the head's title itself, with nothing above it.
        SigningAuthority.Q: ("", f"Q. {head}"),
    }
    authority_line, title_line = lines[signing]
    return Signature(authority_line, title_line, signer_name.strip())


def signature_for(authority: str, signer_title: str = "") -> Signature:
    """The signature block of a unit's paper (NĐ 30/2020 Phụ lục I, mục II.7a).

    A people's committee signs collectively: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", or "KT. CHỦ TỊCH" /
    "PHÓ CHỦ TỊCH" when a deputy signs for the chairman, as the decision does. Another body's head
    signs in their own name ("GIÁM ĐỐC"); a deputy signs "KT." for the head.
    """
    title = signer_title.strip()
    if is_committee(authority):
        title = title or "Chủ tịch"
        if "phó" in title.lower():
            return Signature("KT. CHỦ TỊCH", title.upper())
        return Signature("TM. ỦY BAN NHÂN DÂN", title.upper())
    title = title or "Thủ trưởng đơn vị"
    if title.lower().startswith("phó "):
        return Signature(f"KT. {title[4:].upper()}", title.upper())
    return Signature("", title.upper())


# ---------------------------------------------------------------------------------------------------
# The proposal letter (tờ trình đề nghị khen thưởng)


@dataclass(frozen=True, slots=True)
class ProposalLine:
    """One row of the annexed list."""

    name: str
    collective: bool
    position: str  # a person's chức vụ; "" for a collective
    unit: str  # the person's unit, or the collective's parent
    award: str  # "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    period: str  # "2025" or "2024–2025"
    achievement: str  # thành tích tóm tắt
    council: str = ""  # the council's result in words, once it has voted: "Đạt (9/11 đồng ý)"


@dataclass(frozen=True, slots=True)
class ProposalLetterData:
    unit_name: str  # the proposing unit: "Ủy ban nhân dân huyện Cầu Ngang"
    parent_authority: str  # box 2a: "UBND TỈNH TRÀ VINH", or ""
    unit_code: str  # the unit's short code in the symbol: "UBND" in "…/TTr-UBND"
    place: str
    year: int
    title: str  # the proposal's trích yếu: "Đề nghị khen thưởng thành tích năm 2025"
    commendation_kind: str  # "Khen thưởng theo công trạng và thành tích đạt được"
    addressee: str  # "Chủ tịch Ủy ban nhân dân tỉnh Trà Vinh"
    legal_grounds: tuple[str, ...]  # from the eligibility rule set in force on the receipt date
    lines: tuple[ProposalLine, ...]
    signer_title: str = ""
    signer_name: str = ""
    issued_on: dt.date | None = None  # None: the date is left for the signing day
    minutes_note: str = ""  # the council's session, when it has voted
    # The officer's choice of how the letter is signed (signature_block); None: guessed from the signer's
    # title by signature_for, as before the choice existed.
    signing: SigningAuthority | None = None
    head_title: str = ""  # the head's title a KT./TL./TUQ./Q. prefix names: "Chủ tịch"


def _award_counts(lines: tuple[ProposalLine, ...]) -> list[str]:
    """ "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 02 tập thể, 03 cá nhân", one per award asked."""
    order: list[str] = []
    counts: dict[str, list[int]] = {}
    for line in lines:
        if line.award not in counts:
            order.append(line.award)
            counts[line.award] = [0, 0]
        counts[line.award][0 if line.collective else 1] += 1
    out = []
    for award in order:
        collectives, people = counts[award]
        parts = []
        if collectives:
            parts.append(f"{collectives:02d} tập thể")
        if people:
            parts.append(f"{people:02d} cá nhân")
        out.append(f"{award}: {' và '.join(parts)}")
    return out


def _proposal_rows(lines: tuple[ProposalLine, ...]) -> tuple[tuple[tuple[str, ...], ...], frozenset[int]]:
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()
    groups = [
        ("TẬP THỂ", [line for line in lines if line.collective]),
        ("CÁ NHÂN", [line for line in lines if not line.collective]),
    ]
    roman = iter(("I", "II"))
    for label, group in groups:
        if not group:
            continue
        bold.add(len(rows))
        rows.append((next(roman), label, "", "", "", ""))
        for index, line in enumerate(group, start=1):
            # The council's result goes under the award it voted on: a seventh column would not fit
            # the 165 mm of a portrait page.
            award = f"{line.award} ({line.period})"
            if line.council:
                award += f"\nHội đồng: {line.council}"
            rows.append(
                (str(index), line.name, line.position or "–", line.unit or "–", award, line.achievement or "")
            )
    return tuple(rows), frozenset(bold)


def proposal_letter_document(data: ProposalLetterData) -> Document:
    title = data.title.strip().rstrip(".")
    lowered = title[:1].lower() + title[1:]
    # The proposal's own trích yếu usually begins "Đề nghị …" already; it is not said twice.
    summary = (
        f"Về việc {lowered}" if lowered.startswith("đề nghị") else f"Về việc đề nghị khen thưởng {lowered}"
    )
    collectives = sum(1 for line in data.lines if line.collective)
    people = len(data.lines) - collectives
    counted = " và ".join(
        part
        for part in (
            f"{collectives:02d} tập thể" if collectives else "",
            f"{people:02d} cá nhân" if people else "",
        )
        if part
    )
    body: list[Block] = [
        Paragraph(
            f"Căn cứ {ground};" if i < len(data.legal_grounds) - 1 else f"Căn cứ {ground}.", italic=True
        )
        for i, ground in enumerate(data.legal_grounds)
    ]
    body.append(
        Paragraph(
            f"Xét thành tích đạt được của các tập thể, cá nhân năm {data.year}, {data.unit_name} kính trình "
            f"{data.addressee} xem xét, khen thưởng ({data.commendation_kind[:1].lower()}{data.commendation_kind[1:]}) "
            f"cho {counted}, cụ thể như sau:"
        )
    )
    body.extend(Paragraph(f"- {line};") for line in _award_counts(data.lines)[:-1])
    for line in _award_counts(data.lines)[-1:]:
        body.append(Paragraph(f"- {line}."))
    body.append(
        Paragraph("(Có danh sách và báo cáo thành tích của từng tập thể, cá nhân kèm theo)", italic=True)
    )
    if data.minutes_note:
        body.append(Paragraph(data.minutes_note))
    body.append(
        Paragraph(
            "Các tập thể, cá nhân được đề nghị khen thưởng đã được xét chọn công khai, dân chủ, đúng tiêu "
            "chuẩn, điều kiện theo quy định của pháp luật về thi đua, khen thưởng."
        )
    )
    body.append(Paragraph(f"Kính trình {data.addressee} xem xét, quyết định./."))
    rows, bold = _proposal_rows(data.lines)
    # 165 mm: the text width of a portrait A4 page with NĐ 30's margins.
    columns = (
        Column("STT", 11, "center"),
        Column("Họ và tên / Tên tập thể", 33),
        Column("Chức vụ", 21),
        Column("Đơn vị", 30),
        Column("Hình thức khen thưởng", 33),
        Column("Thành tích tóm tắt", 37),
    )
    symbol = f"TTr-{data.unit_code}" if data.unit_code else "TTr"
    reference = "(Kèm theo Tờ trình số" + "\u00a0" * 8 + f"/{symbol} "
    reference += nd30_date(data.issued_on) if data.issued_on else f"ngày{GAP}tháng{GAP}năm {data.year}"
    reference += f" của {data.unit_name})"
    annex = Annex(
        heading="DANH SÁCH",
        title=f"Tập thể, cá nhân đề nghị khen thưởng năm {data.year}",
        reference=reference,
        blocks=(Table(columns=columns, rows=rows, bold_rows=bold, font_pt=11),),
    )
    if data.signing is None:
        guessed = signature_for(data.unit_name, data.signer_title)
        signature = Signature(guessed.authority_line, guessed.title, data.signer_name)
    else:
        signature = signature_block(
            authority=data.unit_name,
            signing=data.signing,
            head_title=data.head_title,
            signer_title=data.signer_title,
            signer_name=data.signer_name,
        )
    return Document(
        header=Header(
            parent_authority=data.parent_authority,
            authority=data.unit_name.upper(),
            symbol=symbol,
            place=data.place,
            date=data.issued_on,
            year=data.year,
        ),
        kind="TỜ TRÌNH",
        summary=summary,
        addressees=(data.addressee,),
        body=tuple(body),
        signature=signature,
        recipients=("Như trên", "Ban Thi đua - Khen thưởng tỉnh", f"Lưu: VT, {data.unit_code or 'TĐKT'}."),
        annexes=(annex,),
        title_for_file=f"to-trinh-{data.year}",
    )


# ---------------------------------------------------------------------------------------------------
# The achievement report (báo cáo thành tích), Mẫu 01 (collective) and Mẫu 02 (individual)


@dataclass(frozen=True, slots=True)
class HonourLine:
    year: str  # "2024" or "2021–2023"
    label: str  # "Chiến sĩ thi đua cơ sở"
    decision: str  # "Quyết định số 15/QĐ-UBND ngày 04/8/2023 của Ủy ban nhân dân tỉnh Trà Vinh"


@dataclass(frozen=True, slots=True)
class InitiativeLine:
    title: str
    scope: str  # "Cấp cơ sở"
    recognised: str  # "Hội đồng sáng kiến huyện Cầu Ngang, 12/11/2024"


@dataclass(frozen=True, slots=True)
class AchievementData:
    collective: bool
    name: str  # "Nguyễn Văn An" or "Ủy ban nhân dân xã Hiệp Mỹ"
    award: str  # the award asked for
    period: str  # "2025" or "2023–2025"
    unit: str  # a person's unit; a collective's parent ("" if none)
    parent_authority: str  # a collective's header box 2a
    place: str
    year: int
    position: str = ""
    gender: str = ""
    date_of_birth: dt.date | None = None
    ratings: tuple[tuple[int, str], ...] = ()  # (year, "Hoàn thành xuất sắc nhiệm vụ")
    titles: tuple[HonourLine, ...] = ()  # emulation titles (danh hiệu thi đua)
    commendations: tuple[HonourLine, ...] = ()  # commendations (hình thức khen thưởng)
    initiatives: tuple[InitiativeLine, ...] = ()
    summary: str = ""  # the proposal item's note: pre-fills "thành tích đạt được"
    predecessors: tuple[str, ...] = ()  # units this collective was formed from


def _fill() -> Paragraph:
    return Paragraph(f"{FILL}\n{FILL}", indent=False, align="left")


def _honour_table(lines: tuple[HonourLine, ...], what: str) -> Block:
    if not lines:
        return Paragraph(f"(Chưa có {what} nào được ghi nhận trong cơ sở dữ liệu.)", italic=True)
    return Table(
        columns=(
            Column("Năm", 24, "center"),
            Column(_upper_first(what), 54),
            Column("Số, ngày, tháng, năm của quyết định; cơ quan ban hành quyết định", 87),
        ),
        rows=tuple((line.year, line.label, line.decision) for line in lines),
        font_pt=12,
    )


def _ratings_block(data: AchievementData) -> list[Block]:
    if not data.ratings:
        return []
    return [
        Paragraph("Kết quả đánh giá, xếp loại hằng năm (theo cơ sở dữ liệu):", indent=True),
        Table(
            columns=(Column("Năm", 24, "center"), Column("Xếp loại", 141)),
            rows=tuple((str(year), label) for year, label in data.ratings),
            font_pt=12,
        ),
    ]


def _initiatives_block(data: AchievementData) -> list[Block]:
    if not data.initiatives:
        return []
    return [
        Paragraph("Sáng kiến, đề tài đã được công nhận (theo cơ sở dữ liệu):", indent=True),
        Table(
            columns=(
                Column("TT", 12, "center"),
                Column("Tên sáng kiến", 83),
                Column("Phạm vi", 25),
                Column("Công nhận", 45),
            ),
            rows=tuple(
                (str(i), x.title, x.scope, x.recognised) for i, x in enumerate(data.initiatives, start=1)
            ),
            font_pt=12,
        ),
    ]


def achievement_report_document(data: AchievementData) -> Document:
    who = "TẬP THỂ" if data.collective else "CÁ NHÂN"
    body: list[Block] = [
        Paragraph(
            f"({who}; thời gian đạt thành tích: {data.period})", italic=True, align="center", indent=False
        )
    ]
    if data.collective:
        body.append(Heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"))
        body.append(Paragraph(f"Tên tập thể: {data.name}.", indent=True))
        if data.unit:
            body.append(Paragraph(f"Đơn vị cấp trên trực tiếp: {data.unit}.", indent=True))
        if data.predecessors:
            body.append(Paragraph(f"Được thành lập trên cơ sở: {', '.join(data.predecessors)}.", indent=True))
        body.append(
            Paragraph(
                "1. Đặc điểm, tình hình (địa bàn, cơ cấu tổ chức, cơ sở vật chất, tổng số cán bộ, công chức, viên chức, người lao động):",
                indent=True,
            )
        )
        body.append(_fill())
        body.append(Paragraph("2. Chức năng, nhiệm vụ được giao:", indent=True))
        body.append(_fill())
    else:
        body.append(Heading("I. SƠ LƯỢC LÝ LỊCH"))
        particulars = [
            ("Họ và tên", data.name),
            ("Giới tính", data.gender),
            ("Sinh ngày", short_date(data.date_of_birth) if data.date_of_birth else ""),
            ("Quê quán", ""),
            ("Trú quán", ""),
            ("Đơn vị công tác", data.unit),
            ("Chức vụ (Đảng, chính quyền, đoàn thể)", data.position),
            ("Trình độ chuyên môn, nghiệp vụ", ""),
            ("Học hàm, học vị, danh hiệu, giải thưởng", ""),
        ]
        body.extend(
            Paragraph(f"- {label}: {value or SHORT_FILL}", indent=True, align="left")
            for label, value in particulars
        )
    body.append(Heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"))
    if data.collective:
        body.append(
            Paragraph(
                "1. Kết quả thực hiện nhiệm vụ chính trị được giao (các chỉ tiêu, nhiệm vụ cụ thể, so sánh với các năm trước):",
                indent=True,
            )
        )
    else:
        body.append(Paragraph("1. Quyền hạn, nhiệm vụ được giao:", indent=True))
        body.append(_fill())
        body.append(
            Paragraph(
                "2. Thành tích đạt được (kết quả thực hiện nhiệm vụ, các giải pháp, sáng kiến đã áp dụng):",
                indent=True,
            )
        )
    if data.summary:
        body.append(Paragraph(data.summary.strip().rstrip(".") + "."))
    body.append(_fill())
    body.extend(_ratings_block(data))
    body.extend(_initiatives_block(data))
    if data.collective:
        body.append(
            Paragraph(
                "2. Những biện pháp, giải pháp đã áp dụng; việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước; công tác xây dựng Đảng, đoàn thể:",
                indent=True,
            )
        )
        body.append(_fill())
    else:
        body.append(
            Paragraph(
                "3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước; tham gia các phong trào thi đua:",
                indent=True,
            )
        )
        body.append(_fill())
    body.append(Heading("III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN"))
    body.append(Paragraph("1. Danh hiệu thi đua:", indent=True))
    body.append(_honour_table(data.titles, "danh hiệu thi đua"))
    body.append(Paragraph("2. Hình thức khen thưởng:", indent=True))
    body.append(_honour_table(data.commendations, "hình thức khen thưởng"))
    if data.collective:
        signers = (
            Signature("", "THỦ TRƯỞNG ĐƠN VỊ CẤP TRÊN TRỰC TIẾP NHẬN XÉT, XÁC NHẬN"),
            Signature("", "THỦ TRƯỞNG ĐƠN VỊ"),
        )
    else:
        signers = (
            Signature("", "THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ"),
            Signature("", "NGƯỜI BÁO CÁO THÀNH TÍCH", data.name),
        )
    header = Header(
        # A collective's report carries its own name; an individual's form has no issuing body.
        parent_authority=data.parent_authority if data.collective else "",
        authority=data.name.upper() if data.collective else (data.unit.upper() if data.unit else ""),
        symbol="",
        place=data.place,
        date=None,
        year=data.year,
    )
    return Document(
        header=header,
        kind="BÁO CÁO THÀNH TÍCH",
        summary=f"Đề nghị tặng {data.award}",
        body=tuple(body),
        signature=Signature("", ""),
        signers=signers,
        title_for_file=f"bao-cao-thanh-tich-{data.year}",
    )
