"""The draft news article of a closed review, in the seed article's manner (thidua/demo/data/
seed-article-cum-1-2023.txt): "Ngày 04/8/2023, tại …, Cụm Thi đua số 1 tổ chức hội nghị sơ kết …";
plain text, pure. An editor finishes it in the portal's editorial workflow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thidua.core.formatting import vn_number
from thidua.documents.render.compose import ReportData, _joined, _sentence

__all__ = ["ArticleText", "review_article"]


@dataclass(frozen=True, slots=True)
class ArticleText:
    title: str
    paragraphs: tuple[str, ...]


def _prose_date(day: dt.date) -> str:
    """ "04/8/2023": the seed's prose form (day padded, month not)."""
    return f"{day.day:02d}/{day.month}/{day.year}"


def review_article(data: ReportData, *, place: str, held_on: dt.date) -> ArticleText:
    if data.mid_year:
        event = f"sơ kết giao ước thi đua 6 tháng đầu năm {data.year}"
        next_part = f"triển khai nhiệm vụ 6 tháng cuối năm {data.year}"
    else:
        event = f"tổng kết giao ước thi đua năm {data.year}"
        next_part = f"triển khai nhiệm vụ năm {data.year + 1}"
    title = f"{data.group_name} {event} và {next_part}"
    members = _joined(data.members)
    paragraphs = [
        f"Ngày {_prose_date(held_on)}, tại {place}, {data.group_name} tổ chức hội nghị {event} và {next_part}. "
        f"Dự hội nghị có đại diện lãnh đạo và công chức phụ trách công tác thi đua, khen thưởng của {members}."
        + (
            f" {data.head_name}, {data.group_word.lower()} trưởng, chủ trì hội nghị."
            if data.head_name
            else ""
        ),
        f"Trong {data.span}, được sự quan tâm chỉ đạo sâu sát của UBND tỉnh, sự hỗ trợ của các Sở, ngành tỉnh, "
        f"các thành viên {data.group_name} đã phát động nhiều phong trào thi đua yêu nước nhằm tạo khí thế thi đua "
        "sôi nổi trong sản xuất, kinh doanh, thực hành tiết kiệm, chống lãng phí, tạo động lực hoàn thành nhiệm vụ "
        "phát triển kinh tế - xã hội, đảm bảo an ninh - quốc phòng.",
    ]
    if data.aggregates:
        paragraphs.append(" ".join(_sentence(s) for s in data.aggregates))
    if data.ranking:
        leader = data.ranking[0]
        text = (
            f"Qua chấm điểm giao ước thi đua {data.span}, {leader.name} dẫn đầu {data.group_name} với "
            f"{vn_number(leader.total, 2)} điểm"
        )
        others = [r.name for r in data.ranking[1:3]]
        paragraphs.append(text + (f"; tiếp theo là {_joined(others)}." if others else "."))
    paragraphs.append(
        "Hội nghị thống nhất các nhiệm vụ trọng tâm thời gian tới: tiếp tục triển khai Chỉ thị số 34-CT/TW "
        "ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác thi đua, khen thưởng; nâng cao chất lượng "
        "các phong trào thi đua yêu nước; phát hiện, biểu dương, khen thưởng các điển hình tiên tiến./."
    )
    return ArticleText(title=title, paragraphs=tuple(paragraphs))
