"""Charts drawn as inline SVG by pure functions: numbers in, markup out, no chart library.

Inline SVG needs no script, prints as it shows, scales with the page and can be read by a screen
reader (role="img" with <title> and <desc>; every bar also has its own <title>). Every text that
reaches the markup is escaped here, so the caller may mark the result safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.core.formatting import vn_number

if TYPE_CHECKING:
    from thidua.emulation.presenters.dashboard import Dashboard

__all__ = ["BAR_COLOUR", "HIGHLIGHT_COLOUR", "Bar", "horizontal_bar_chart", "ranking_chart"]

BAR_COLOUR = "#2e5c8a"
# Orange-red: distinct from the blue for the common colour blindnesses too, and every such bar also
# says so in words, so the colour is never the only cue.
HIGHLIGHT_COLOUR = "#c2410c"

WIDTH = 760
LABEL_WIDTH = 250
VALUE_WIDTH = 150
ROW_HEIGHT = 26
BAR_HEIGHT = 18
LEGEND_HEIGHT = 28
PADDING = 8
FONT_SIZE = 13
MAX_LABEL_CHARS = 36


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal
    highlighted: bool = False
    note: str = ""  # said after the value, e.g. "phủ quyết"


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def horizontal_bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    chart_id: str = "chart",
    legend: str | None = None,
    highlight_legend: str = "",
    decimals: int = 2,
    empty_text: str | None = None,
) -> str:
    """One bar per item, top to bottom, each labelled with its value in Vietnamese format.

    Bars are scaled to the largest value (negative values draw no bar). A legend is drawn above the
    bars; the highlighted entry appears only when some bar is highlighted and `highlight_legend` is
    given. `chart_id` makes the ids of <title> and <desc> unique on the page.
    """
    legend = _("Tổng điểm") if legend is None else legend
    empty_text = _("Chưa có số liệu.") if empty_text is None else empty_text
    show_highlight = bool(highlight_legend) and any(bar.highlighted for bar in bars)
    top = LEGEND_HEIGHT + PADDING
    height = top + max(len(bars), 1) * ROW_HEIGHT + PADDING
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 2 * PADDING
    largest = max((bar.value for bar in bars), default=Decimal(0))
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="thidua-chart" '
        f'aria-labelledby="{_attr(title_id)} {_attr(desc_id)}" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="max-width: {WIDTH}px; height: auto" font-size="{FONT_SIZE}">',
        f'<title id="{_attr(title_id)}">{escape(title)}</title>',
        f'<desc id="{_attr(desc_id)}">{escape(description)}</desc>',
    ]
    parts.append(_legend(legend, highlight_legend if show_highlight else ""))
    if not bars:
        parts.append(
            f'<text x="{PADDING}" y="{top + ROW_HEIGHT // 2 + 4}" fill="currentColor">{escape(empty_text)}</text>'
        )
    for index, bar in enumerate(bars):
        y = top + index * ROW_HEIGHT
        width = Decimal(0)
        if largest > 0 and bar.value > 0:
            width = (Decimal(area) * bar.value / largest).quantize(Decimal("0.1"))
        value = vn_number(bar.value, decimals)
        spoken = f"{bar.label}: {value}" + (f" ({bar.note})" if bar.note else "")
        shown = value + (f" – {bar.note}" if bar.note else "")
        colour = HIGHLIGHT_COLOUR if bar.highlighted else BAR_COLOUR
        text_y = y + BAR_HEIGHT // 2 + 5
        parts.append(
            f'<g class="{"bar bar--highlighted" if bar.highlighted else "bar"}">'
            f"<title>{escape(spoken)}</title>"
            f'<text x="{LABEL_WIDTH - PADDING}" y="{text_y}" text-anchor="end" fill="currentColor">'
            f"{escape(_short(bar.label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + (ROW_HEIGHT - BAR_HEIGHT) // 2}" width="{width}" '
            f'height="{BAR_HEIGHT}" fill="{colour}"/>'
            f'<text x="{Decimal(LABEL_WIDTH) + width + 6}" y="{text_y}" fill="currentColor">{escape(shown)}</text>'
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend(normal: str, highlighted: str) -> str:
    items = [(normal, BAR_COLOUR)] + ([(highlighted, HIGHLIGHT_COLOUR)] if highlighted else [])
    out = ['<g class="legend">']
    x = LABEL_WIDTH
    for text, colour in items:
        out.append(
            f'<rect x="{x}" y="{PADDING}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20}" y="{PADDING + 12}" fill="currentColor">{escape(text)}</text>'
        )
        # An estimate of the text's width: the legend is short and never wraps.
        x += 20 + 8 * len(text) + 24
    out.append("</g>")
    return "".join(out)


def ranking_chart(dashboard: Dashboard) -> str:
    """The dashboard's totals in rank order, vetoed members in the highlight colour."""
    rows = dashboard.rows
    bars = [
        Bar(
            label=f"{row.rank}. {row.name}",
            value=row.total,
            highlighted=row.vetoed,
            # Translators: said after a unit's total when it failed a veto criterion.
            note=_("phủ quyết") if row.vetoed else "",
        )
        for row in rows
    ]
    if rows:
        best = rows[0]
        summary = ngettext(
            "Tổng điểm của %(count)s đơn vị theo thứ hạng. Cao nhất: %(best)s, %(total)s điểm.",
            "Tổng điểm của %(count)s đơn vị theo thứ hạng. Cao nhất: %(best)s, %(total)s điểm.",
            len(rows),
        ) % {"count": len(rows), "best": best.name, "total": vn_number(best.total, 2)}
        vetoed = sum(1 for row in rows if row.vetoed)
        if vetoed:
            summary += " " + ngettext(
                "%(count)s đơn vị vi phạm tiêu chí phủ quyết, xếp sau cùng, tô màu cam.",
                "%(count)s đơn vị vi phạm tiêu chí phủ quyết, xếp sau cùng, tô màu cam.",
                vetoed,
            ) % {"count": vetoed}
        summary += " " + _("Số liệu chi tiết ở bảng xếp hạng.")
    else:
        summary = _("Chưa có đơn vị nào được tính điểm.")
    return horizontal_bar_chart(
        bars,
        title=_("Tổng điểm các đơn vị – %(group)s, %(period)s")
        % {"group": dashboard.group_name, "period": dashboard.period_title.lower()},
        description=summary,
        chart_id=f"ranking-chart-{dashboard.period_id}",
        legend=_("Tổng điểm"),
        highlight_legend=_("Vi phạm tiêu chí phủ quyết (xếp sau cùng)"),
    )
