"""The Excel layouts of the awards registry's imports: past decisions with their recipients, and yearly
ratings. Data only, read by thidua.org.spreadsheets (template, reader) once AwardsConfig.ready() has
registered them (sheet_register), since org may not import this app.

The drop-downs list the names of eligibility/codes.py (the contract's vocabulary), and the reader also
accepts the codes themselves (htxs, bang_khen_thu_tuong, …). Headers and labels are not translated:
the reader recognises them by their text (docs/i18n.md, "What not to wrap").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from thidua.awards.eligibility.codes import AWARD_NAMES, RATING_NAMES
from thidua.org.spreadsheets import Column, Sheet

AWARD_CHOICES = tuple((name, code.value) for code, name in AWARD_NAMES.items())
RATING_CHOICES = tuple((name, code.value) for code, name in RATING_NAMES.items())

# A province's history of decisions runs to tens of thousands of recipients; the file is saved in the
# background (ADR 0010). 100,000 rows of this layout unpack to about 60 MB.
MAX_ROWS = 100_000
MAX_UNPACKED_BYTES = 256 * 1024 * 1024

_PERSON_CODE_HELP = gettext_lazy(
    "Mã số công chức, viên chức của cá nhân, như trong danh mục Cá nhân. Ghi mã này hoặc mã tập thể, "
    "không ghi cả hai."
)
_ORGANISATION_CODE_HELP = gettext_lazy(
    "Mã cơ quan, đơn vị, như trong danh mục Cơ quan, đơn vị (ví dụ UBND-29254). Ghi mã này hoặc mã số "
    "công chức, không ghi cả hai."
)

# fmt: off
DECISIONS = Sheet(
    kind="award_decisions",
    title=gettext_lazy("Quyết định khen thưởng"),
    noun=gettext_lazy("người, tập thể được khen thưởng"),
    max_rows=MAX_ROWS,
    max_unpacked_bytes=MAX_UNPACKED_BYTES,
    columns=(
        Column("number", "Số quyết định", required=True, max_length=60, width=16,
               help=gettext_lazy("Số, ký hiệu, ví dụ 15/QĐ-UBND. Quyết định có nhiều người, tập thể được khen "
               "thì ghi nhiều dòng cùng số, mỗi dòng một người hoặc một tập thể.")),
        Column("signed_on", "Ngày ký", required=True, type="date", width=13,
               help=gettext_lazy("Ngày/tháng/năm, ví dụ 20/01/2024. Không trước năm bắt đầu thời gian đạt "
               "thành tích.")),
        Column("issuer_code", "Mã cơ quan ban hành", required=True, type="code", max_length=40, width=18,
               help=gettext_lazy("Mã của cơ quan ban hành quyết định trong danh mục Cơ quan, đơn vị.")),
        Column("signer_name", "Người ký", max_length=200, width=22,
               help=gettext_lazy("Họ và tên người ký. Có thể để trống.")),
        Column("signer_title", "Chức vụ người ký", max_length=200, width=22,
               help=gettext_lazy("Ví dụ: Chủ tịch UBND tỉnh. Có thể để trống.")),
        Column("summary", "Trích yếu", max_length=2000, width=30,
               help=gettext_lazy("Trích yếu nội dung quyết định. Có thể để trống.")),
        Column("award", "Hình thức, danh hiệu", required=True, type="choice", choices=AWARD_CHOICES,
               width=34, help=gettext_lazy("Chọn từ danh sách.")),
        Column("period_from", "Thành tích từ năm", required=True, type="year", width=10,
               help=gettext_lazy("Năm bắt đầu thời gian đạt thành tích, ví dụ 2023.")),
        Column("period_to", "Thành tích đến năm", required=True, type="year", width=10,
               help=gettext_lazy("Năm kết thúc; thành tích một năm thì ghi cùng năm ở cả hai cột.")),
        Column("civil_servant_code", "Mã số công chức, viên chức", type="code", max_length=30, width=18,
               help=_PERSON_CODE_HELP),
        Column("organisation_code", "Mã tập thể", type="code", max_length=40, width=18,
               help=_ORGANISATION_CODE_HELP),
    ),
)

RATINGS = Sheet(
    kind="ratings",
    title=gettext_lazy("Xếp loại hằng năm"),
    noun=gettext_lazy("xếp loại"),
    max_rows=MAX_ROWS,
    max_unpacked_bytes=MAX_UNPACKED_BYTES,
    columns=(
        Column("civil_servant_code", "Mã số công chức, viên chức", type="code", max_length=30, width=18,
               help=_PERSON_CODE_HELP),
        Column("organisation_code", "Mã tập thể", type="code", max_length=40, width=18,
               help=_ORGANISATION_CODE_HELP),
        Column("year", "Năm", required=True, type="year", width=8,
               help=gettext_lazy("Năm được đánh giá, xếp loại, ví dụ 2024.")),
        Column("rating", "Xếp loại", required=True, type="choice", choices=RATING_CHOICES, width=32,
               help=gettext_lazy("Chọn từ danh sách.")),
    ),
)
# fmt: on

SHEETS = {sheet.kind: sheet for sheet in (DECISIONS, RATINGS)}
