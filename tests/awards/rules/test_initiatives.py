"""Which initiatives a granted award used up (G8), from the stored eligibility result."""

from __future__ import annotations

from typing import Any

import pytest

from thidua.awards.rules.initiatives import initiatives_consumed


def _result(outcome: str, *reasons: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    return {"outcome": outcome, "reasons": [{"code": code, "facts": facts} for code, facts in reasons]}


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        # CSTĐCS through its initiative: the first one found supports it.
        (_result("eligible", ("cstdcs.initiative", {"initiatives": ["SK-7", "SK-9"]})), ["SK-7"]),
        # CSTĐCS through HTXSNV: no initiative is used, though the person has one.
        (_result("eligible", ("cstdcs.htxs", {"initiatives": ["SK-7"]})), []),
        # Under "HTXSNV and initiative" both reasons are there; the initiative is used.
        (
            _result(
                "eligible",
                ("cstdcs.htxs", {"initiatives": ["SK-7"]}),
                ("cstdcs.initiative", {"initiatives": ["SK-7"]}),
            ),
            ["SK-7"],
        ),
        (_result("eligible", ("cstd_tinh.initiative", {"initiatives": ["SK-3"]})), ["SK-3"]),
        (_result("eligible", ("cstdtq.initiative", {"initiatives": ["SK-4", "SK-5"]})), ["SK-4"]),
        # Bằng khen tỉnh's second route takes as many as it needs, no more.
        (
            _result(
                "eligible",
                ("bk_tinh.htxs_years", {}),
                ("bk_tinh.initiatives", {"initiatives": ["SK-1", "SK-2", "SK-3"], "initiatives_needed": 2}),
            ),
            ["SK-1", "SK-2"],
        ),
        # Its first route (2 consecutive CSTĐCS) uses none.
        (_result("eligible", ("bk_tinh.cstdcs_chain", {})), []),
        # Nothing is used by an award that was not granted on this result.
        (_result("not_eligible", ("cstdcs.initiative", {"initiatives": ["SK-7"]})), []),
        (_result("needs_review", ("cstd_tinh.initiative", {"initiatives": ["SK-7"]})), []),
        ({}, []),
    ],
)
def test_initiatives_consumed(result: dict[str, Any], expected: list[str]) -> None:
    assert initiatives_consumed(result) == expected
