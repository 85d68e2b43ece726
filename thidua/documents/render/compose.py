"""Each paper the cluster and the province sign, composed from its own plain data into a Document.

The wording is the papers' own (Vietnamese data, not interface text): the seed article's manner for the
report ("Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch"), Mẫu 1.9 of
NĐ 30/2020 Phụ lục III for the minutes, Mẫu 1.2 for a decision with its annexed list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from thidua.core.formatting import nd30_date, short_date, vn_number, vn_percent
from thidua.documents.render.awards import SigningAuthority, is_committee, signature_block
from thidua.documents.render.chart import ChartBar, bar_chart_png
from thidua.documents.render.model import (
    Annex,
    Block,
    Column,
    Document,
    Header,
    Heading,
    Image,
    Paragraph,
    Signature,
    Table,
)

__all__ = [
    "DecisionData",
    "MinutesData",
    "MinutesRound",
    "PactCriterionLine",
    "PactData",
    "RankLine",
    "ReceiverLine",
    "ReportData",
    "decision_document",
    "decision_signature",
    "minutes_document",
    "pact_document",
    "report_document",
]


def _joined(names: tuple[str, ...] | list[str]) -> str:
    """ "A, B và C": the way the seed article lists the districts."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _archive(code: str) -> str:
    return f"Lưu: VT, {code}."


# ---------------------------------------------------------------------------------------------------
# The group's report (báo cáo sơ kết / tổng kết)


@dataclass(frozen=True, slots=True)
class RankLine:
    rank: int
    name: str
    total: Decimal
    self_total: Decimal | None
    vetoed: bool = False


@dataclass(frozen=True, slots=True)
class ReportData:
    group_name: str  # "Cụm Thi đua số 1"
    group_word: str  # "Cụm" or "Khối", as the seed writes "toàn Cụm"
    province_name: str  # "Trà Vinh": the place in the date line
    parent_authority: str  # "UBND TỈNH TRÀ VINH"
    year: int
    mid_year: bool  # sơ kết 6 tháng (True) or tổng kết năm
    final: bool  # the period is closed: the figures are the frozen ones
    issued_on: dt.date | None
    members: tuple[str, ...]
    head_name: str  # the cụm trưởng's unit
    aggregates: tuple[str, ...]  # the sentences of the results screen
    ranking: tuple[RankLine, ...]
    not_scored: tuple[str, ...] = ()
    pact_title: str = ""
    illustrative: bool = False

    @property
    def span(self) -> str:
        return f"6 tháng đầu năm {self.year}" if self.mid_year else f"năm {self.year}"


def report_document(data: ReportData) -> Document:
    kind_word = "sơ kết" if data.mid_year else "tổng kết"
    summary = f"{kind_word.capitalize()} thực hiện giao ước thi đua {data.span}"
    group_upper = data.group_name.upper()
    body: list[Block] = []
    if data.illustrative:
        body.append(
            Paragraph(
                "(Số liệu minh họa, không phải số liệu thật.)", italic=True, align="center", indent=False
            )
        )
    body.append(
        Paragraph(
            f"Thực hiện giao ước thi đua {data.span.replace('6 tháng đầu năm', 'năm')}, {data.group_name} "
            f"gồm {len(data.members):02d} thành viên: {_joined(data.members)}, do {data.head_name} làm "
            f"{data.group_word.lower()} trưởng, báo cáo kết quả {kind_word} {data.span} như sau:"
        )
    )
    body.append(Heading(f"I. KẾT QUẢ THỰC HIỆN GIAO ƯỚC THI ĐUA {data.span.upper()}"))
    body.append(
        Paragraph(
            f"Trong {data.span}, được sự quan tâm chỉ đạo của Ủy ban nhân dân tỉnh, sự hỗ trợ của các sở, "
            f"ngành tỉnh, các thành viên {data.group_name} đã phát động nhiều phong trào thi đua yêu nước, "
            "tạo khí thế thi đua sôi nổi trong sản xuất, kinh doanh, thực hành tiết kiệm, chống lãng phí, "
            "góp phần hoàn thành nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh."
        )
    )
    if data.aggregates:
        body.append(Paragraph(" ".join(_sentence(s) for s in data.aggregates)))
    body.append(Heading("II. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG"))
    basis = "đã chốt khi khóa kỳ" if data.final else "tạm tính từ các báo cáo đã gửi"
    body.append(
        Paragraph(
            f"Căn cứ báo cáo tự chấm điểm của các thành viên và kết quả thẩm định, điểm và thứ hạng "
            f"({basis}) như sau:"
        )
    )
    rows = tuple(
        (
            str(index),
            line.name + (" (vi phạm tiêu chí phủ quyết)" if line.vetoed else ""),
            vn_number(line.self_total, 2) if line.self_total is not None else "–",
            vn_number(line.total, 2),
            str(line.rank),
        )
        for index, line in enumerate(data.ranking, start=1)
    )
    body.append(
        Table(
            columns=(
                Column("TT", 12, "center"),
                Column("Đơn vị", 72),
                Column("Điểm tự chấm", 26, "right"),
                Column("Điểm thẩm định", 28, "right"),
                Column("Xếp hạng", 22, "center"),
            ),
            rows=rows,
        )
    )
    if data.ranking:
        bars = [ChartBar(f"{r.rank}. {r.name}", r.total, r.vetoed) for r in data.ranking]
        png = bar_chart_png(bars, title=f"Tổng điểm các thành viên – {summary.lower()}")
        body.append(Image(png, 150, f"Biểu đồ: tổng điểm các thành viên {data.group_name}, {data.span}."))
        leader = data.ranking[0]
        body.append(
            Paragraph(
                f"{leader.name} dẫn đầu {data.group_name} với {vn_number(leader.total, 2)} điểm"
                + (
                    f"; tiếp theo là {_joined([r.name for r in data.ranking[1:3]])}."
                    if len(data.ranking) > 1
                    else "."
                )
            )
        )
    if data.not_scored:
        body.append(
            Paragraph(
                f"Chưa chấm điểm: {_joined(data.not_scored)} (chưa gửi báo cáo hoặc báo cáo chưa hợp lệ)."
            )
        )
    body.append(
        Heading(
            f"III. NHIỆM VỤ TRỌNG TÂM {'6 THÁNG CUỐI NĂM' if data.mid_year else 'NĂM'} {data.year if data.mid_year else data.year + 1}"
        )
    )
    body.append(
        Paragraph(
            "Tiếp tục triển khai Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới "
            "công tác thi đua, khen thưởng; các thành viên tập trung thực hiện đạt các chỉ tiêu kế hoạch năm, "
            "đẩy mạnh tuyên truyền các phong trào thi đua, phát hiện, biểu dương, khen thưởng kịp thời các "
            "điển hình tiên tiến."
        )
    )
    body.append(
        Paragraph(f"Trên đây là báo cáo {kind_word} giao ước thi đua {data.span} của {data.group_name}./.")
    )
    return Document(
        header=Header(
            parent_authority=data.parent_authority,
            authority=group_upper,
            symbol="BC-CTĐ" if data.group_word == "Cụm" else "BC-KTĐ",
            place=data.province_name,
            date=data.issued_on,
            year=data.year,
        ),
        kind="BÁO CÁO",
        summary=summary,
        body=tuple(body),
        signature=Signature(
            authority_line=f"TM. {group_upper}", title=f"{data.group_word.upper()} TRƯỞNG", name=""
        ),
        recipients=(
            "Ban Thi đua - Khen thưởng tỉnh (b/c)",
            f"Các thành viên {data.group_name}",
            _archive("TĐKT"),
        ),
        title_for_file=f"bao-cao-{'so-ket' if data.mid_year else 'tong-ket'}-{data.year}",
    )


# ---------------------------------------------------------------------------------------------------
# The minutes of the group's vote (biên bản kiểm phiếu suy tôn), Mẫu 1.9


@dataclass(frozen=True, slots=True)
class MinutesRound:
    number: int
    counted_at: dt.datetime | None
    electorate: int
    cast: int
    valid: int
    blank: int
    invalid: int
    not_voted: int
    rows: tuple[tuple[str, int, Decimal, bool], ...]  # name, votes, percent of the electorate, passed


@dataclass(frozen=True, slots=True)
class MinutesData:
    group_name: str
    group_word: str
    province_name: str
    parent_authority: str
    year: int
    seats: int
    threshold: str  # "trên 50%"
    ruleset: str
    rounds: tuple[MinutesRound, ...]
    leaders: tuple[str, ...]
    flag_candidates: tuple[str, ...]
    opened_on: dt.date
    closed_on: dt.date | None
    members: tuple[str, ...]
    head_name: str


def minutes_document(data: MinutesData) -> Document:
    group_upper = data.group_name.upper()
    body: list[Block] = []
    opened = data.opened_on
    body.append(
        Paragraph(
            f"Hôm nay, {nd30_date(data.closed_on or opened)}, {data.group_name} tổ chức bỏ phiếu kín suy tôn "
            f"đơn vị dẫn đầu phong trào thi đua năm {data.year} (mở bỏ phiếu {nd30_date(opened)})."
        )
    )
    body.append(Heading("I. THÀNH PHẦN"))
    body.append(Paragraph(f"Đại diện {len(data.members):02d} thành viên: {_joined(data.members)}."))
    body.append(Paragraph(f"Chủ trì: {data.head_name}, {data.group_word.lower()} trưởng."))
    body.append(Heading("II. NỘI DUNG"))
    body.append(
        Paragraph(
            f"Quy chế áp dụng: {data.ruleset or 'quy chế của ' + data.group_name}. Số đơn vị dẫn đầu được "
            f"suy tôn: {data.seats:02d}. Tỷ lệ phiếu cần đạt: {data.threshold} tổng số đơn vị thành viên."
        )
    )
    for round_ in data.rounds:
        if len(data.rounds) > 1:
            body.append(Heading(f"Kết quả kiểm phiếu vòng {round_.number}", align="left"))
        when = ""
        if round_.counted_at is not None:
            when = f" lúc {round_.counted_at:%H} giờ {round_.counted_at:%M}, {nd30_date(round_.counted_at.date())}"
        body.append(
            Paragraph(
                f"Kiểm phiếu{when}: tổng số đơn vị thành viên {round_.electorate:02d}; số phiếu thu về "
                f"{round_.cast:02d}; số phiếu hợp lệ {round_.valid:02d}; phiếu trắng {round_.blank:02d}; "
                f"phiếu không hợp lệ {round_.invalid:02d}; đơn vị không bỏ phiếu {round_.not_voted:02d}."
            )
        )
        body.append(
            Table(
                columns=(
                    Column("TT", 12, "center"),
                    Column("Đơn vị", 76),
                    Column("Số phiếu", 22, "center"),
                    Column("Tỷ lệ", 24, "right"),
                    Column("Kết quả", 26, "center"),
                ),
                rows=tuple(
                    (str(i), name, str(votes), vn_percent(percent), "Đạt" if passed else "Không đạt")
                    for i, (name, votes, percent, passed) in enumerate(round_.rows, start=1)
                ),
            )
        )
    body.append(Heading("III. KẾT LUẬN"))
    if data.leaders:
        body.append(
            Paragraph(
                f"Đơn vị được suy tôn dẫn đầu phong trào thi đua năm {data.year}: {_joined(data.leaders)}. "
                f"{data.group_name} thống nhất đề nghị xét tặng Cờ thi đua cấp tỉnh: "
                f"{_joined(data.flag_candidates or data.leaders)}."
            )
        )
    else:
        body.append(Paragraph(f"Không có đơn vị nào đạt tỷ lệ phiếu cần thiết ({data.threshold})."))
    end = data.closed_on or opened
    body.append(
        Paragraph(
            f"Biên bản kết thúc {nd30_date(end)}, đã thông qua cho các thành viên cùng nghe và thống nhất./."
        )
    )
    return Document(
        header=Header(
            parent_authority=data.parent_authority,
            authority=group_upper,
            symbol="BB-CTĐ" if data.group_word == "Cụm" else "BB-KTĐ",
            place=data.province_name,
            date=data.closed_on,
            year=data.year,
        ),
        kind="BIÊN BẢN",
        summary=f"Kiểm phiếu suy tôn đơn vị dẫn đầu phong trào thi đua năm {data.year}",
        body=tuple(body),
        signature=Signature("", "CHỦ TRÌ"),
        signers=(Signature("", "THƯ KÝ"), Signature("", "CHỦ TRÌ")),
        title_for_file=f"bien-ban-suy-ton-{data.year}",
    )


# ---------------------------------------------------------------------------------------------------
# The signed pact (giao ước thi đua)


@dataclass(frozen=True, slots=True)
class PactCriterionLine:
    code: str
    name: str
    unit: str
    max_points: Decimal | None
    depth: int
    method: str  # the method in words: "Tỷ lệ so chỉ tiêu", "Phủ quyết"
    scored: bool = False  # a scored leaf: its maximum counts in the total (not bonus, penalty, veto)


@dataclass(frozen=True, slots=True)
class PactData:
    title: str
    group_name: str
    group_word: str
    province_name: str
    parent_authority: str
    year: int
    signed_on: dt.date | None
    members: tuple[str, ...]
    head_name: str
    criteria: tuple[PactCriterionLine, ...]
    illustrative: bool = False


def pact_document(data: PactData) -> Document:
    group_upper = data.group_name.upper()
    body: list[Block] = []
    if data.illustrative:
        body.append(Paragraph("(Giao ước minh họa.)", italic=True, align="center", indent=False))
    body.append(
        Paragraph(
            f"Thực hiện phong trào thi đua yêu nước năm {data.year}, các thành viên {data.group_name} gồm: "
            f"{_joined(data.members)} cùng ký kết giao ước thi đua với các nội dung, tiêu chí và thang điểm "
            "như sau:"
        )
    )
    total = sum((c.max_points or Decimal(0)) for c in data.criteria if c.scored)
    rows = []
    bold_rows = set()
    for index, c in enumerate(data.criteria):
        if c.depth == 0:
            bold_rows.add(index)
        rows.append(
            (
                c.code,
                ("\u00a0\u00a0\u00a0" * c.depth) + c.name,
                c.unit or "",
                vn_number(c.max_points) if c.max_points is not None else "",
                c.method,
            )
        )
    body.append(
        Table(
            columns=(
                Column("Mã", 14, "center"),
                Column("Tiêu chí", 82),
                Column("Đơn vị tính", 22, "center"),
                Column("Điểm tối đa", 20, "right"),
                Column("Cách chấm", 27),
            ),
            rows=tuple(rows),
            bold_rows=frozenset(bold_rows),
            font_pt=11,
        )
    )
    if total:
        body.append(Paragraph(f"Tổng điểm tối đa các tiêu chí chấm điểm: {vn_number(total)} điểm."))
    body.append(
        Paragraph(
            "Các thành viên cam kết thực hiện đầy đủ các nội dung đã giao ước; kết quả được sơ kết 6 tháng, "
            f"tổng kết năm và là căn cứ suy tôn đơn vị dẫn đầu {data.group_word.lower()} thi đua./."
        )
    )
    signers = tuple(Signature(f"TM. {name.upper()}", "", "") for name in data.members)
    return Document(
        header=Header(
            parent_authority=data.parent_authority,
            authority=group_upper,
            symbol="GƯ-CTĐ" if data.group_word == "Cụm" else "GƯ-KTĐ",
            place=data.province_name,
            date=data.signed_on,
            year=data.year,
        ),
        kind="GIAO ƯỚC THI ĐUA",
        summary=f"Năm {data.year}",
        body=tuple(body),
        signature=Signature("", ""),
        signers=signers,
        title_for_file=f"giao-uoc-thi-dua-{data.year}",
    )


# ---------------------------------------------------------------------------------------------------
# The award decision (quyết định khen thưởng) with its annexed list, Mẫu 1.2


@dataclass(frozen=True, slots=True)
class ReceiverLine:
    name: str
    detail: str  # a person's position and unit, or an organisation's parent; no other personal data


@dataclass(frozen=True, slots=True)
class DecisionData:
    number: str  # "15/QĐ-UBND"
    signed_on: dt.date
    issuer_name: str  # "Ủy ban nhân dân tỉnh Trà Vinh"
    place: str
    award_label: str  # "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    period_text: str  # "2023" or "2021–2023"
    summary: str
    signer_title: str  # "Chủ tịch" / "Phó Chủ tịch"
    signer_name: str
    people: tuple[ReceiverLine, ...]
    organisations: tuple[ReceiverLine, ...]
    # How the decision is signed, as recorded with it (signature_block); None on a decision recorded
    # before the choice existed: the block is guessed from the signer's title.
    signing: SigningAuthority | None = None
    head_title: str = ""  # the head's title a KT./TL./TUQ./Q. prefix names: "Chủ tịch"


def decision_signature(data: DecisionData) -> Signature:
    """Box 7 of the decision (NĐ 30/2020 Phụ lục I, mục II.7a), also the certificates' signer lines."""
    if data.signing is not None:
        return signature_block(
            authority=data.issuer_name,
            signing=data.signing,
            head_title=data.head_title,
            signer_title=data.signer_title,
            signer_name=data.signer_name,
        )
    title = data.signer_title.strip() or "Chủ tịch"
    # The guess: KT. when a deputy signs for the head; otherwise TM. for the collective body, which a
    # people's committee writes "TM. ỦY BAN NHÂN DÂN" without its place (Phụ lục I, mục II.7a).
    if "phó" in title.lower():
        prefix = "KT. CHỦ TỊCH"
    elif is_committee(data.issuer_name):
        prefix = "TM. ỦY BAN NHÂN DÂN"
    else:
        prefix = f"TM. {data.issuer_name.upper()}"
    return Signature(prefix, title.upper(), data.signer_name)


def decision_document(data: DecisionData) -> Document:
    count = len(data.people) + len(data.organisations)
    award = data.award_label
    body: list[Block] = [
        Paragraph(f"{_signer_role(data)}", bold=True, align="center", indent=False),
        Paragraph("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", italic=True),
        Paragraph("Căn cứ các văn bản quy định chi tiết thi hành Luật Thi đua, khen thưởng;", italic=True),
        Paragraph("Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.", italic=True),
        Paragraph("QUYẾT ĐỊNH:", bold=True, align="center", indent=False),
        Paragraph(
            f"Điều 1. Tặng {award} cho {count:02d} tập thể, cá nhân (có danh sách kèm theo) đã có thành "
            f"tích {data.summary.strip().rstrip('.') or 'xuất sắc'}, thời gian đạt thành tích {data.period_text}."
        ),
        Paragraph("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
        Paragraph(
            "Điều 3. Chánh Văn phòng, Trưởng Ban Thi đua - Khen thưởng tỉnh, thủ trưởng các cơ quan, đơn vị "
            "có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        ),
    ]
    rows: list[tuple[str, ...]] = []
    bold: set[int] = set()
    if data.organisations:
        bold.add(len(rows))
        rows.append(("I", "TẬP THỂ", ""))
        rows.extend((str(i), r.name, r.detail) for i, r in enumerate(data.organisations, start=1))
    if data.people:
        bold.add(len(rows))
        rows.append(("II" if data.organisations else "I", "CÁ NHÂN", ""))
        rows.extend((str(i), r.name, r.detail) for i, r in enumerate(data.people, start=1))
    annex = Annex(
        heading="DANH SÁCH",
        title=f"Tập thể, cá nhân được tặng {award}",
        reference=f"(Kèm theo Quyết định số {data.number} {nd30_date(data.signed_on)} của {data.issuer_name})",
        blocks=(
            Table(
                columns=(
                    Column("TT", 14, "center"),
                    Column("Tên tập thể, cá nhân", 75),
                    Column("Chức vụ, đơn vị", 76),
                ),
                rows=tuple(rows),
                bold_rows=frozenset(bold),
            ),
        ),
    )
    return Document(
        header=Header(
            authority=data.issuer_name.upper(),
            symbol="",
            number=data.number,
            place=data.place,
            date=data.signed_on,
        ),
        kind="QUYẾT ĐỊNH",
        summary=f"Về việc tặng {award}",
        body=tuple(body),
        signature=decision_signature(data),
        recipients=("Như Điều 3", "Ban Thi đua - Khen thưởng tỉnh", "Lưu: VT, TĐKT."),
        annexes=(annex,),
        title_for_file=f"quyet-dinh-{short_date(data.signed_on).replace('/', '-')}",
    )


def _signer_role(data: DecisionData) -> str:
    """The heading above the basis: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TRÀ VINH" (a Chủ tịch's decision)."""
    if data.issuer_name.lower().startswith("ủy ban nhân dân"):
        return f"CHỦ TỊCH {data.issuer_name.upper()}"
    return data.issuer_name.upper()
