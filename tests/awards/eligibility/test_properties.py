"""Properties that hold for every valid input, on inputs nobody wrote down (Hypothesis)."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.awards.eligibility import (
    EligibilityInputError,
    evaluate,
    parse_input,
    parse_json,
    results_to_json,
    results_to_text,
)
from thidua.awards.eligibility.codes import AwardCode, DisciplineLevel, InitiativeScope, PendingKind, Rating
from thidua.awards.eligibility.engine import UNVERIFIED_SUFFIX

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODES = [c.value for c in AwardCode]
YEARS = st.integers(2015, 2026)


def iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


DATES = st.builds(iso, st.integers(2015, 2027), st.integers(1, 12), st.integers(1, 28))


@st.composite
def subjects(draw: st.DrawFn, position: int) -> dict[str, Any]:
    year = draw(st.integers(2018, 2026))
    kind = draw(st.sampled_from(["individual", "collective"]))
    subject: dict[str, Any] = {
        "id": f"S-{position}",
        "kind": kind,
        "requested": draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True)),
        "year": year,
        "ratings": draw(
            st.dictionaries(YEARS.map(str), st.sampled_from([r.value for r in Rating]), max_size=8)
        ),
        "honours": draw(
            st.lists(
                st.one_of(
                    st.fixed_dictionaries({"code": st.sampled_from(CODES), "year": YEARS}),
                    st.builds(
                        lambda code, first, length: {"code": code, "period": [first, first + length]},
                        st.sampled_from(CODES),
                        YEARS,
                        st.integers(0, 3),
                    ),
                ),
                max_size=8,
            )
        ),
        "initiatives": [
            {"id": f"SK-{i}", **item}
            for i, item in enumerate(
                draw(
                    st.lists(
                        st.fixed_dictionaries(
                            {
                                "scope": st.sampled_from([s.value for s in InitiativeScope]),
                                "year": YEARS,
                                "used_for": st.none() | st.sampled_from(CODES),
                            }
                        ),
                        max_size=4,
                    )
                )
            )
        ],
    }
    if draw(st.booleans()):
        start = draw(DATES)
        end = max(start, draw(DATES))
        subject["discipline"] = [
            {"level": draw(st.sampled_from([d.value for d in DisciplineLevel])), "from": start, "to": end}
        ]
    if draw(st.integers(0, 5)) == 0:
        subject["pending"] = [
            {"kind": draw(st.sampled_from([p.value for p in PendingKind])), "since": draw(DATES)}
        ]
    if draw(st.booleans()):
        subject["recruited_on"] = draw(DATES)
    if kind == "collective":
        total = draw(st.integers(1, 50))
        part = st.integers(0, total)
        subject["members"] = {
            "total": total,
            "completed": draw(part),
            "ldtt": draw(part),
            "cstdcs": draw(part),
            "disciplined_canh_cao_or_above": draw(part),
        }
        if draw(st.booleans()):
            subject["lineage"] = [{"date": draw(DATES), "predecessors": ["Xã A", "Xã B"]}]
    for key in ("conduct_ok", "leads_group", "exceeded_targets"):
        value = draw(st.none() | st.booleans())
        if value is not None:
            subject[key] = value
    return subject


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 4))
    as_of = draw(
        st.sampled_from(["2024-03-01", "2025-06-30", "2025-08-10", "2026-01-20", "2026-10-05", "2027-02-01"])
    )
    document: dict[str, Any] = {"as_of": as_of, "subjects": [draw(subjects(i)) for i in range(count)]}
    received = draw(
        st.none() | st.sampled_from(["2023-12-31", "2024-01-01", "2025-07-01", "2026-09-30", "2026-10-01"])
    )
    if received is not None and received <= as_of:
        document["received_on"] = received
    for subject in document["subjects"]:
        subject["year"] = min(subject["year"], int(as_of[:4]))
    return document


@SETTINGS
@given(documents())
def test_engine_never_crashes_and_every_result_is_explained(document: dict[str, Any]) -> None:
    parsed = parse_input(document)
    results = evaluate(parsed.inputs, parsed.overrides)
    expected = [(s["id"], code) for s in document["subjects"] for code in s["requested"]]
    assert [(r.id, r.requested.value) for r in results] == expected
    for result in results:
        assert result.outcome.value in ("eligible", "not_eligible", "needs_review")
        assert result.reasons
        assert result.unverified == any(not r.verified for r in result.reasons)
        for reason in result.reasons:
            assert reason.citation.strip() and reason.message.strip() and "." in reason.code
            assert unicodedata.is_normalized("NFC", reason.message)
            if reason.message.endswith(UNVERIFIED_SUFFIX):
                assert not reason.verified
        if result.rule_set == "luat-06-2022/sd-06-2026" and not any(
            r.code.startswith("gate.") for r in result.reasons
        ):
            assert result.unverified
    # The CLI's fast writer gives exactly the standard library's indent=1 text.
    assert results_to_text(results) == json.dumps(results_to_json(results), ensure_ascii=False, indent=1)


@SETTINGS
@given(documents())
def test_pending_always_refuses(document: dict[str, Any]) -> None:
    document["subjects"][0]["pending"] = [{"kind": "audit", "since": "2024-01-01"}]
    results = evaluate(parse_input(document).inputs)
    first = [r for r in results if r.id == document["subjects"][0]["id"]]
    assert all(r.outcome.value in ("not_eligible", "needs_review") for r in first)
    assert all(r.outcome.value == "not_eligible" or r.rule_set is None for r in first)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def mutate(document: dict[str, Any], path: list[Any], value: Any) -> dict[str, Any]:
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@SETTINGS
@given(JSONISH)
def test_parser_raises_only_its_own_error_on_arbitrary_json(data: Any) -> None:
    try:
        parse_input(data)
    except EligibilityInputError as error:
        assert error.problems
    try:
        parse_input({"as_of": "2026-01-20", "subjects": [data], "rules": data})
    except EligibilityInputError as error:
        assert error.problems


@SETTINGS
@given(
    documents(),
    st.sampled_from(
        ["kind", "requested", "year", "ratings", "honours", "initiatives", "members", "lineage", "discipline"]
    ),
    JSONISH,
)
def test_parser_on_a_corrupted_field(document: dict[str, Any], key: str, value: Any) -> None:
    mutate(document, ["subjects", 0, key], value)
    try:
        parsed = parse_input(document)
    except EligibilityInputError as error:
        assert all(p.path and p.message for p in error.problems)
    else:
        assert all(r.reasons for r in evaluate(parsed.inputs))


@SETTINGS
@given(st.binary(max_size=200))
def test_parse_json_on_arbitrary_bytes(raw: bytes) -> None:
    try:
        parse_json(raw)
    except EligibilityInputError as error:
        assert error.problems
