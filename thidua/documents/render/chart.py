"""The report's ranking chart as a PNG (Pillow): a DOCX cannot hold the screen's inline SVG, and the
same picture goes into the PDF so both papers show one chart."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from thidua.core.formatting import vn_number

__all__ = ["ChartBar", "bar_chart_png"]

# The screen's colours (emulation/presenters/charts.py): blue bars, orange-red for a vetoed unit.
BAR = (46, 92, 138)
HIGHLIGHT = (194, 65, 12)
SCALE = 3  # drawn at 3× and kept at that size: sharp when printed at 150 mm (about 300 dpi)


@dataclass(frozen=True, slots=True)
class ChartBar:
    label: str
    value: Decimal
    highlighted: bool = False


@cache
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = (
        ("LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf")
        if bold
        else ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf")
    )
    for name in names:
        try:
            return ImageFont.truetype(name, size)  # Pillow looks under /usr/share/fonts
        except OSError:
            continue
    return ImageFont.load_default(size)


def bar_chart_png(bars: Sequence[ChartBar], *, title: str, width: int = 760) -> bytes:
    """Horizontal bars, labels on the left, values (Vietnamese style) after each bar."""
    s = SCALE
    label_w, value_w, row_h, bar_h, top = 260 * s, 90 * s, 30 * s, 20 * s, 40 * s
    height = top + row_h * max(len(bars), 1) + 10 * s
    image = Image.new("RGB", (width * s, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((10 * s, 8 * s), title, fill="black", font=_font(16 * s, bold=True))
    font = _font(14 * s)
    largest = max((bar.value for bar in bars), default=Decimal(0)) or Decimal(1)
    span = width * s - label_w - value_w - 20 * s
    for index, bar in enumerate(bars):
        y = top + index * row_h
        label = bar.label if len(bar.label) <= 34 else bar.label[:33].rstrip() + "…"
        draw.text((10 * s, y + 2 * s), label, fill="black", font=font)
        length = int(span * float(max(bar.value, Decimal(0)) / largest))
        x0 = label_w
        draw.rectangle(
            (x0, y + (row_h - bar_h) // 2, x0 + max(length, 1), y + (row_h + bar_h) // 2),
            fill=HIGHLIGHT if bar.highlighted else BAR,
        )
        draw.text((x0 + length + 8 * s, y + 2 * s), vn_number(bar.value, 2), fill="black", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
