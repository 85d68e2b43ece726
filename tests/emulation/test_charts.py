"""The inline SVG bar chart: structure, scaling, Vietnamese labels, highlight and legend, escaping."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from tests.emulation.builders import plain_dashboard
from thidua.emulation.presenters.charts import (
    BAR_COLOUR,
    HIGHLIGHT_COLOUR,
    LABEL_WIDTH,
    VALUE_WIDTH,
    WIDTH,
    Bar,
    horizontal_bar_chart,
    ranking_chart,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16


def _parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def _bars(root: ET.Element) -> list[ET.Element]:
    return root.findall("svg:g[@class='bar']", NS) + root.findall("svg:g[@class='bar bar--highlighted']", NS)


def _chart(bars: list[Bar], **kwargs: str) -> ET.Element:
    return _parse(
        horizontal_bar_chart(bars, title="Tổng điểm", description="Ba đơn vị", chart_id="c1", **kwargs)
    )


def test_accessible_image_with_title_and_description() -> None:
    root = _chart([Bar("A", Decimal("10"))])
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find("svg:title", NS).get("id") == "c1-title"  # type: ignore[union-attr]
    assert root.find("svg:title", NS).text == "Tổng điểm"  # type: ignore[union-attr]
    assert root.find("svg:desc", NS).text == "Ba đơn vị"  # type: ignore[union-attr]


def test_bars_scale_to_the_largest_value_and_carry_vietnamese_numbers() -> None:
    root = _chart([Bar("Huyện Cầu Ngang", Decimal("1776.17")), Bar("Huyện Trà Cú", Decimal("888.085"))])
    groups = root.findall("svg:g[@class='bar']", NS)
    assert len(groups) == 2
    widths = [Decimal(g.find("svg:rect", NS).get("width")) for g in groups]  # type: ignore[union-attr, arg-type]
    assert widths[0] == AREA
    assert widths[1] == Decimal(AREA) / 2
    texts = [[t.text for t in g.findall("svg:text", NS)] for g in groups]
    assert texts[0] == ["Huyện Cầu Ngang", "1.776,17"]
    assert texts[1] == ["Huyện Trà Cú", "888,09"]
    assert groups[0].find("svg:title", NS).text == "Huyện Cầu Ngang: 1.776,17"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "values",
    [[Decimal("0"), Decimal("0")], [Decimal("-5"), Decimal("0")]],
)
def test_no_positive_value_draws_no_bar_and_never_divides_by_zero(values: list[Decimal]) -> None:
    root = _chart([Bar(str(i), v) for i, v in enumerate(values)])
    assert {g.find("svg:rect", NS).get("width") for g in _bars(root)} == {"0"}  # type: ignore[union-attr]


def test_highlighted_bars_get_their_colour_a_word_and_a_legend() -> None:
    root = _chart(
        [Bar("A", Decimal("10")), Bar("B", Decimal("8"), highlighted=True, note="phủ quyết")],
        highlight_legend="Vi phạm tiêu chí phủ quyết",
    )
    normal = root.find("svg:g[@class='bar']", NS)
    vetoed = root.find("svg:g[@class='bar bar--highlighted']", NS)
    assert normal.find("svg:rect", NS).get("fill") == BAR_COLOUR  # type: ignore[union-attr]
    assert vetoed.find("svg:rect", NS).get("fill") == HIGHLIGHT_COLOUR  # type: ignore[union-attr]
    assert vetoed.findall("svg:text", NS)[1].text == "8,00 – phủ quyết"  # type: ignore[union-attr]
    assert vetoed.find("svg:title", NS).text == "B: 8,00 (phủ quyết)"  # type: ignore[union-attr]
    legend = root.find("svg:g[@class='legend']", NS)
    assert [t.text for t in legend.findall("svg:text", NS)] == ["Tổng điểm", "Vi phạm tiêu chí phủ quyết"]  # type: ignore[union-attr]
    assert [r.get("fill") for r in legend.findall("svg:rect", NS)] == [BAR_COLOUR, HIGHLIGHT_COLOUR]  # type: ignore[union-attr]


def test_legend_has_no_highlight_entry_when_nothing_is_highlighted() -> None:
    root = _chart([Bar("A", Decimal("10"))], highlight_legend="Vi phạm tiêu chí phủ quyết")
    legend = root.find("svg:g[@class='legend']", NS)
    assert [t.text for t in legend.findall("svg:text", NS)] == ["Tổng điểm"]  # type: ignore[union-attr]


def test_user_text_is_escaped() -> None:
    name = '<script>alert("x")</script> & "Xã"'
    markup = horizontal_bar_chart(
        [Bar(name, Decimal("1"))], title="<b>T</b>", description="a & b", chart_id='x" onload="y'
    )
    assert "<script>" not in markup and "<b>" not in markup and 'onload="y"' not in markup
    root = _parse(markup)
    assert root.find("svg:title", NS).text == "<b>T</b>"  # type: ignore[union-attr]
    assert root.find("svg:g[@class='bar']/svg:title", NS).text == f"{name}: 1,00"  # type: ignore[union-attr]


def test_long_labels_are_shortened_but_the_tooltip_keeps_them_whole() -> None:
    name = "Ủy ban nhân dân phường Trung tâm hành chính thị xã Duyên Hải mở rộng"
    root = _chart([Bar(name, Decimal("5"))])
    label = root.find("svg:g[@class='bar']/svg:text", NS).text  # type: ignore[union-attr]
    assert label.endswith("…") and len(label) <= 36  # type: ignore[union-attr]
    assert root.find("svg:g[@class='bar']/svg:title", NS).text == f"{name}: 5,00"  # type: ignore[union-attr]


def test_empty_chart_says_so() -> None:
    root = _chart([])
    assert _bars(root) == []
    assert "Chưa có số liệu." in [t.text for t in root.findall("svg:text", NS)]


def test_height_grows_with_the_number_of_bars() -> None:
    small = _chart([Bar("A", Decimal("1"))]).get("viewBox")
    large = _chart([Bar(str(i), Decimal(i)) for i in range(50)]).get("viewBox")
    assert small is not None and large is not None
    assert int(large.split()[3]) - int(small.split()[3]) == 49 * 26


def test_ranking_chart_of_a_dashboard() -> None:
    dashboard = plain_dashboard(period_id=42)
    root = _parse(ranking_chart(dashboard))
    assert root.get("aria-labelledby") == "ranking-chart-42-title ranking-chart-42-desc"
    assert root.find("svg:title", NS).text == (  # type: ignore[union-attr]
        "Tổng điểm các đơn vị – Cụm Thi đua số 1, sơ kết 6 tháng năm 2023"
    )
    assert root.find("svg:desc", NS).text == (  # type: ignore[union-attr]
        "Tổng điểm của 2 đơn vị theo thứ hạng. Cao nhất: Huyện Cầu Ngang, 1.133,50 điểm. "
        "1 đơn vị vi phạm tiêu chí phủ quyết, xếp sau cùng, tô màu cam. Số liệu chi tiết ở bảng xếp hạng."
    )
    labels = [g.find("svg:text", NS).text for g in _bars(root)]  # type: ignore[union-attr]
    assert labels == ["1. Huyện Cầu Ngang", "2. Huyện Trà Cú"]
    legend = root.find("svg:g[@class='legend']", NS)
    assert len(legend.findall("svg:rect", NS)) == 2  # type: ignore[union-attr]


def test_ranking_chart_without_rows() -> None:
    root = _parse(ranking_chart(plain_dashboard(rows=())))
    assert root.find("svg:desc", NS).text == "Chưa có đơn vị nào được tính điểm."  # type: ignore[union-attr]
    assert _bars(root) == []


@pytest.mark.parametrize(
    ("kind", "label", "expected"),
    [
        ("so_ket", "Sơ kết 6 tháng", "Sơ kết 6 tháng năm 2023"),
        ("tong_ket", "Tổng kết năm", "Tổng kết năm 2023"),
    ],
)
def test_period_title(kind: str, label: str, expected: str) -> None:
    assert plain_dashboard(period_kind=kind, period_kind_label=label).period_title == expected
