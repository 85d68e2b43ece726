"""The audit log's words, from tables: no database."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from thidua.core.presenters.audit import (
    ChangeRow,
    FactRow,
    KeyInfo,
    changes_view,
    key_info_for,
    local_time_text,
    value_text,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (dt.datetime(2026, 12, 4, 11, 0, tzinfo=UTC), "04/12/2026 18:00"),
        # Past midnight in Vietnam while still the day before in UTC.
        (dt.datetime(2026, 12, 4, 20, 30, tzinfo=UTC), "05/12/2026 03:30"),
        (dt.datetime(2026, 12, 4, 18, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), "04/12/2026 18:00"),
        (dt.datetime(2026, 1, 2, 9, 5), "02/01/2026 09:05"),  # naive: taken as already local
    ],
)
def test_local_time_text(moment: dt.datetime, text: str) -> None:
    assert local_time_text(moment) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "(trống)"),
        ("", "(trống)"),
        ([], "(trống)"),
        ({}, "(trống)"),
        (True, "Có"),
        (False, "Không"),
        (2026, "2026"),
        (0, "0"),
        ("225.00", "225,00"),
        ("1234.5", "1.234,5"),
        ("001", "001"),
        ("2026-12-04", "04/12/2026"),
        ("2026-12-04T11:00:00+00:00", "04/12/2026 18:00"),
        ("Ghi chú mới", "Ghi chú mới"),
        ({"id": 3, "repr": "Cụm thi đua số 1"}, "Cụm thi đua số 1"),
        ([{"id": 1, "repr": "Xã A"}, {"id": 2, "repr": "Xã B"}], "Xã A, Xã B"),
        (["province_officer"], "province_officer"),
        ({"1.1": "80", "2.1": None}, "1.1: 80; 2.1: (trống)"),
    ],
)
def test_value_text(value: Any, text: str) -> None:
    assert value_text(value) == text


@pytest.mark.parametrize(
    ("value", "choices", "text"),
    [
        ("draft", {"draft": "Đang nhập"}, "Đang nhập"),
        ("other", {"draft": "Đang nhập"}, "other"),
        (["a", "b"], {"a": "Vai trò A", "b": "Vai trò B"}, "Vai trò A, Vai trò B"),
        (None, {"draft": "Đang nhập"}, "(trống)"),
    ],
)
def test_value_text_with_choices(value: Any, choices: dict[str, str], text: str) -> None:
    assert value_text(value, choices) == text


LABELS = {
    "note": KeyInfo("Ghi chú"),
    "status": KeyInfo("Trạng thái", {"draft": "Đang nhập", "sent": "Đã gửi"}),
}


def _info(key: str) -> KeyInfo:
    return LABELS.get(key, KeyInfo(key))


def test_pairs_become_rows_and_the_rest_facts() -> None:
    view = changes_view(
        {"note": [None, "Mới"], "status": ["draft", "sent"], "seats": 2, "members": ["Xã A", "Xã B"]},
        key_info=_info,
        is_fact=lambda key: key == "members",
    )
    assert view.rows == [
        ChangeRow("note", "Ghi chú", "(trống)", "Mới"),
        ChangeRow("status", "Trạng thái", "Đang nhập", "Đã gửi"),
    ]
    # A two-name list of a fact is not read as old → new.
    assert view.facts == [FactRow("seats", "seats", "2"), FactRow("members", "members", "Xã A, Xã B")]


@pytest.mark.parametrize(
    ("changes", "summary"),
    [
        ({}, ""),
        ({"note": [None, "Mới"]}, "Ghi chú: (trống) → Mới"),
        (
            {"note": ["Cũ", "Mới"], "status": ["draft", "sent"]},
            "Ghi chú: Cũ → Mới; Trạng thái: Đang nhập → Đã gửi",
        ),
        (
            {"note": ["Cũ", "Mới"], "status": ["draft", "sent"], "seats": 2, "x": [1, 2]},
            "Ghi chú: Cũ → Mới; Trạng thái: Đang nhập → Đã gửi; và 2 mục khác",
        ),
        ({"seats": 2}, "seats: 2"),
    ],
)
def test_summary(changes: dict[str, Any], summary: str) -> None:
    assert changes_view(changes, key_info=_info, is_fact=lambda key: False).summary == summary


def test_changes_not_a_mapping_are_shown_whole() -> None:
    view = changes_view(["a", "b"], key_info=_info, is_fact=lambda key: False)  # type: ignore[arg-type]
    assert (view.rows, [f.value for f in view.facts]) == ([], ["a, b"])


@pytest.mark.parametrize(
    ("target_type", "key", "label"),
    [
        ("org.emulationgroup", "note", "Ghi chú"),  # the model's verbose_name
        ("org.emulationgroup", "recipients", "Người nhận"),  # a key an app registered
        ("org.emulationgroup", "whatever", "whatever"),  # nothing known: the raw key
        ("nosuch.model", "note", "note"),
        ("broken", "note", "note"),
    ],
)
def test_key_labels(target_type: str, key: str, label: str) -> None:
    assert key_info_for(target_type)(key).label == label


def test_key_choices_come_from_the_model_or_the_app() -> None:
    assert key_info_for("emulation.report")("status").choices["draft"] == "Đang nhập"
    assert key_info_for("accounts.user")("roles").choices["province_officer"] == (
        "Cán bộ Ban Thi đua – Khen thưởng tỉnh"
    )
