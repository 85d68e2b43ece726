"""The pure tally of the suy tôn vote, from tables; no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.emulation.rules.votes import (
    AT_LEAST,
    MORE_THAN,
    Outcome,
    RoundPlan,
    classify_ballot,
    outcome,
    passes,
    percent_of,
    round_plan,
    seats_error,
    tally,
    threshold_text,
    within_seats,
)

ABCD = ["A", "B", "C", "D"]


def _tally(ballots, *, electorate=4, seats=1, threshold="50", rule=MORE_THAN, order=ABCD):
    return tally(
        electorate=electorate,
        ballots=ballots,
        seats=seats,
        threshold_percent=Decimal(threshold),
        threshold_rule=rule,
        order_hint=order,
    )


@pytest.mark.parametrize(
    ("votes", "electorate", "expected"),
    [
        (0, 4, "0.00"),
        (2, 4, "50.00"),
        (1, 3, "33.33"),
        (2, 3, "66.67"),  # 66.666… rounds half-up
        (1, 8, "12.50"),
        (1, 6, "16.67"),
        (5, 6, "83.33"),
        (1, 200, "0.50"),
        (1, 400, "0.25"),
        (1, 800, "0.13"),  # 0.125 -> half-up, not banker's 0.12
        (7, 7, "100.00"),
    ],
)
def test_percent_of_is_decimal_half_up(votes: int, electorate: int, expected: str) -> None:
    assert percent_of(votes, electorate) == Decimal(expected)
    assert str(percent_of(votes, electorate)) == expected


@pytest.mark.parametrize(
    ("percent", "threshold", "rule", "expected"),
    [
        ("50.00", "50", MORE_THAN, False),  # exactly at the boundary: "trên 50%" is not met
        ("50.01", "50", MORE_THAN, True),
        ("50.00", "50", AT_LEAST, True),  # "từ 50% trở lên" is met at 50%
        ("49.99", "50", AT_LEAST, False),
        ("66.67", "66.67", AT_LEAST, True),  # 2 of 3 members: "từ 2/3 trở lên"
        ("66.67", "66.67", MORE_THAN, False),
        ("66.66", "66.67", AT_LEAST, False),
        ("100.00", "100", AT_LEAST, True),
        ("100.00", "100", MORE_THAN, False),
        ("0.00", "0", AT_LEAST, True),
    ],
)
def test_passes_at_the_boundary(percent: str, threshold: str, rule: str, expected: bool) -> None:
    assert passes(Decimal(percent), Decimal(threshold), rule) is expected


@pytest.mark.parametrize(
    ("threshold", "rule", "text"),
    [
        ("50", MORE_THAN, "trên 50%"),
        ("50.00", MORE_THAN, "trên 50%"),
        ("66.67", AT_LEAST, "từ 2/3 trở lên"),
        ("75", AT_LEAST, "từ 75% trở lên"),
        ("62.5", MORE_THAN, "trên 62,5%"),
        ("33.33", MORE_THAN, "trên 1/3"),
    ],
)
def test_threshold_text(threshold: str, rule: str, text: str) -> None:
    assert threshold_text(Decimal(threshold), rule) == text


@pytest.mark.parametrize(
    ("choices", "seats", "kind"),
    [
        ([], 1, "blank"),
        (["A"], 1, "valid"),
        (["A", "B"], 1, "invalid"),  # more choices than seats
        (["A", "B"], 2, "valid"),
        (["A", "A"], 2, "invalid"),  # repeated
        (["Z"], 1, "invalid"),  # not a candidate
    ],
)
def test_classify_ballot(choices: list[str], seats: int, kind: str) -> None:
    assert classify_ballot(choices, candidates=frozenset(ABCD), seats=seats) == kind


# Each row: ballots, keyword overrides, then the expected leaders, tied, tie_seats, seats_unfilled.
CASES = [
    pytest.param([["A"], ["A"], ["A"], ["B"]], {}, ["A"], [], 0, 0, id="clear winner, 75% > 50%"),
    pytest.param([["A"], ["A"], ["B"], ["C"]], {}, [], [], 0, 1, id="exactly 50% fails 'more than 50%'"),
    pytest.param(
        [["A"], ["A"], ["B"], ["C"]],
        {"rule": AT_LEAST},
        ["A"],
        [],
        0,
        0,
        id="exactly 50% passes 'at least 50%'",
    ),
    pytest.param(
        [["A"], ["A"], ["B"], ["B"]],
        {"rule": AT_LEAST},
        [],
        ["A", "B"],
        1,
        0,
        id="two at 50% under 'at least', one seat: tie, new round",
    ),
    pytest.param(
        [["A"], ["A"], ["B"]],
        {"electorate": 3, "threshold": "66.67", "rule": AT_LEAST, "order": ["A", "B", "C"]},
        ["A"],
        [],
        0,
        0,
        id="2 of 3 is 66.67%: meets 'at least 2/3'",
    ),
    pytest.param(
        [["A"], ["A"], ["B"]],
        {"electorate": 3, "threshold": "66.67", "rule": MORE_THAN, "order": ["A", "B", "C"]},
        [],
        [],
        0,
        1,
        id="2 of 3 is not 'more than 66.67%'",
    ),
    pytest.param(
        [["A"], ["A"], ["A"], ["B"], ["B"], ["C"]],
        {"electorate": 9, "threshold": "66.67", "rule": AT_LEAST, "order": ABCD},
        [],
        [],
        0,
        1,
        id="threshold is of the electorate, not of ballots cast: 3 of 9 members",
    ),
    pytest.param([[], [], [], []], {}, [], [], 0, 1, id="all blank: nobody passes"),
    pytest.param([["A"], ["A"], ["A"], []], {}, ["A"], [], 0, 0, id="a blank ballot counts as cast, no vote"),
    pytest.param([["A"], ["A"]], {}, [], [], 0, 1, id="two absent members: 2 of 4 is not more than half"),
    pytest.param(
        [["A", "B"], ["A", "B"], ["A", "C"], ["B", "C"]],
        {"seats": 2},
        ["A", "B"],
        [],
        0,
        0,
        id="seats 2: both 75%",
    ),
    pytest.param(
        [["A", "B"], ["A", "C"], ["A", "B"], ["A", "C"]],
        {"seats": 2},
        ["A"],
        [],
        0,
        1,
        id="seats 2: B and C at exactly 50% fail, one seat unfilled",
    ),
    pytest.param(
        [["A", "B"], ["A", "C"], ["A", "B"], ["A", "C"]],
        {"seats": 2, "rule": AT_LEAST},
        ["A"],
        ["B", "C"],
        1,
        0,
        id="seats 2: B and C tie for the second seat",
    ),
    pytest.param(
        [["A", "B"], ["A", "B"], ["C", "D"], ["C", "D"]],
        {"seats": 2, "rule": AT_LEAST},
        [],
        ["A", "B", "C", "D"],
        2,
        0,
        id="seats 2: four-way tie for both seats",
    ),
    pytest.param(
        [["A", "B"], ["A", "B"], ["A", "B"], ["C", "D"]],
        {"seats": 2, "rule": AT_LEAST},
        ["A", "B"],
        [],
        0,
        0,
        id="seats 2: a tie inside the seats is no tie",
    ),
    pytest.param(
        [["A"], ["B"], ["A", "B"], ["A"]],
        {},
        [],
        [],
        0,
        1,
        id="an invalid ballot (too many choices) gives no vote: A has 2 of 4, not 3",
    ),
    pytest.param(
        [["A"], ["B"], ["C"], ["D"]], {"threshold": "0"}, [], ["A", "B", "C", "D"], 1, 0, id="0% tie"
    ),
    pytest.param([], {"threshold": "0", "rule": AT_LEAST}, [], [], 0, 1, id="no vote never elects"),
]


# The seat rule: one function for the ballot form, the vote service and the count of invalid ballots.
@pytest.mark.parametrize(
    ("chosen", "seats", "fits", "message"),
    [
        (0, 1, True, None),  # a blank ballot
        (1, 1, True, None),
        (2, 1, False, "Chỉ được chọn tối đa 1 đơn vị (phiếu đang chọn 2 đơn vị)."),
        (2, 2, True, None),
        (3, 2, False, "Chỉ được chọn tối đa 2 đơn vị (phiếu đang chọn 3 đơn vị)."),
        (14, 3, False, "Chỉ được chọn tối đa 3 đơn vị (phiếu đang chọn 14 đơn vị)."),
    ],
)
def test_seat_rule(chosen: int, seats: int, fits: bool, message: str | None) -> None:
    assert within_seats(chosen=chosen, seats=seats) is fits
    assert seats_error(chosen=chosen, seats=seats) == message
    # the count agrees: a ballot over the seats is invalid, one within them is valid (or blank)
    kind = classify_ballot(
        [f"U{i}" for i in range(chosen)], candidates={f"U{i}" for i in range(20)}, seats=seats
    )
    assert kind == ("invalid" if not fits else "blank" if chosen == 0 else "valid")


@pytest.mark.parametrize(("ballots", "overrides", "leaders", "tied", "tie_seats", "unfilled"), CASES)
def test_tally_leaders(
    ballots: list[list[str]],
    overrides: dict,
    leaders: list[str],
    tied: list[str],
    tie_seats: int,
    unfilled: int,
) -> None:
    result = _tally(ballots, **overrides)
    assert list(result.leaders) == leaders
    assert list(result.tied) == tied
    assert result.tie_seats == tie_seats
    assert result.seats_unfilled == unfilled
    assert result.needs_new_round is bool(tied)


def test_tally_counts_and_percent_per_candidate() -> None:
    # given 6 members, 5 ballots of which one blank and one invalid
    result = _tally(
        [["B"], ["B"], ["A"], [], ["A", "C"]],
        electorate=6,
        order=["A", "B", "C"],
    )
    # then
    assert (result.electorate, result.cast, result.valid, result.blank, result.invalid) == (6, 5, 3, 1, 1)
    assert result.not_voted == 1
    assert [(c.key, c.votes, str(c.percent), c.passed) for c in result.results] == [
        ("B", 2, "33.33", False),
        ("A", 1, "16.67", False),
        ("C", 0, "0.00", False),
    ]
    assert result.threshold_text == "trên 50%"


def test_equal_counts_are_listed_in_member_order_but_not_elected_by_it() -> None:
    result = _tally([["C"], ["C"], ["A"], ["A"]], rule=AT_LEAST)
    assert [c.key for c in result.results] == ["A", "C", "B", "D"]
    assert result.leaders == ()
    assert result.tied == ("A", "C")


def test_as_dict_is_json_ready() -> None:
    data = _tally([["A"], ["A"], ["A"], []]).as_dict()
    assert data["results"][0] == {"key": "A", "votes": 3, "percent": "75.00", "passed": True}
    assert data["leaders"] == ["A"]
    assert data["threshold_percent"] == "50"
    assert data["blank"] == 1 and data["not_voted"] == 0 and data["needs_new_round"] is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"electorate": 0}, "electorate"),
        ({"seats": 0}, "seats"),
        ({"electorate": 1}, "ballots for an electorate"),
        ({"rule": "half"}, "unknown threshold rule"),
        ({"threshold": "100.01"}, "between 0 and 100"),
        ({"threshold": "-1"}, "between 0 and 100"),
        ({"order": ["A", "A"]}, "twice"),
    ],
)
def test_tally_rejects_impossible_input(overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _tally([["A"], ["B"]], **overrides)


# --- rounds: a tie for the last seat opens a new round among the tied (issue #17 item 9) -----------
# Each row: the first round (ballots, overrides), what it leaves, then the second round's ballots and
# the vote's outcome after it: leaders (every round), tied, tie_seats, seats_unfilled.
ROUND_CASES = [
    pytest.param(
        [["A"], ["A"], ["B"], ["B"]],
        {"rule": AT_LEAST},
        RoundPlan(("A", "B"), 1),
        [["A"], ["A"], ["A"], ["B"]],
        Outcome(("A",), (), 0, 0),
        id="1 seat, A and B tied at 50%; round 2 elects A",
    ),
    pytest.param(
        [["A"], ["A"], ["B"], ["B"]],
        {"rule": AT_LEAST},
        RoundPlan(("A", "B"), 1),
        [["A"], ["A"], ["B"], ["B"]],
        Outcome((), ("A", "B"), 1, 0),
        id="round 2 ties again: a round 3 among the same two",
    ),
    pytest.param(
        [["A"], ["A"], ["B"], ["B"]],
        {"rule": AT_LEAST},
        RoundPlan(("A", "B"), 1),
        [["A"], ["B"], [], []],
        Outcome((), (), 0, 1),
        id="round 2: nobody reaches the threshold again; the seat stays empty, no round 3",
    ),
    pytest.param(
        [["A", "B"], ["A", "C"], ["A", "B"], ["A", "C"], ["D"], ["D"]],
        {"electorate": 6, "seats": 2, "rule": AT_LEAST, "threshold": "33.33"},
        RoundPlan(("B", "C", "D"), 1),
        [["B"], ["B"], ["B"], ["C"], ["D"], []],
        Outcome(("A", "B"), (), 0, 0),
        id="2 seats: A won outright and keeps it; B, C, D tied for the second; round 2 elects B",
    ),
    pytest.param(
        [["A", "B"], ["A", "B"], ["C", "D"], ["C", "D"]],
        {"seats": 3, "rule": AT_LEAST},
        RoundPlan(("A", "B", "C", "D"), 3),
        [["A", "B", "C"], ["A", "B", "C"], ["A", "B", "D"], ["A", "B", "C"]],
        Outcome(("A", "B", "C"), (), 0, 0),
        id="3 seats, four tied at 50%: round 2 fills all three",
    ),
]


@pytest.mark.parametrize(("first", "overrides", "plan", "second", "expected"), ROUND_CASES)
def test_a_tie_for_the_last_seat_is_settled_by_a_new_round(
    first: list[list[str]], overrides: dict, plan: RoundPlan, second: list[list[str]], expected: Outcome
) -> None:
    # given the first round's count
    seats = overrides.get("seats", 1)
    round_one = _tally(first, **overrides)
    assert outcome(seats=seats, earlier_leaders=(), last=round_one).needs_new_round is True
    # then the next round is among the tied only, for the seats the count left open
    assert round_plan(tied=round_one.tied, tie_seats=round_one.tie_seats) == plan
    # when the second round is counted with the same electorate and threshold, for those seats
    round_two = _tally(second, **{**overrides, "seats": plan.seats, "order": list(plan.candidates)})
    # then the seats won in round 1 stay won and round 2 fills only the rest
    result = outcome(seats=seats, earlier_leaders=round_one.leaders, last=round_two)
    assert result == expected
    assert result.needs_new_round is bool(expected.tied)
    assert len(result.leaders) + result.tie_seats + result.seats_unfilled == seats


@pytest.mark.parametrize(
    "ballots",
    [
        pytest.param([["A"], ["A"], ["A"], ["B"]], id="a clear winner"),
        pytest.param(
            [["A"], ["A"], ["B"], ["C"]], id="nobody above 50%: no second round (no source asks one)"
        ),
        pytest.param([[], [], [], []], id="all blank"),
    ],
)
def test_no_tie_no_new_round(ballots: list[list[str]]) -> None:
    result = _tally(ballots)
    assert round_plan(tied=result.tied, tie_seats=result.tie_seats) is None
    assert outcome(seats=1, earlier_leaders=(), last=result).needs_new_round is False


def test_a_round_cannot_drop_a_candidate_outside_it() -> None:
    # A round 2 ballot for a unit that was not tied is invalid, like any choice outside the candidates.
    assert classify_ballot(["C"], candidates=frozenset({"A", "B"}), seats=1) == "invalid"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tied": ["A", "B"], "tie_seats": 2}, "is no tie"),
        ({"tied": ["A", "B"], "tie_seats": 0}, "is no tie"),
    ],
)
def test_round_plan_rejects_what_no_count_produces(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        round_plan(**kwargs)


def test_outcome_rejects_a_round_counted_for_the_wrong_seats() -> None:
    round_two = _tally([["A"], ["A"], ["A"], []], seats=1, order=["A", "B"])
    with pytest.raises(ValueError, match="seats won"):
        outcome(seats=3, earlier_leaders=("C",), last=round_two)
    with pytest.raises(ValueError, match="already won"):
        outcome(seats=2, earlier_leaders=("A",), last=round_two)
