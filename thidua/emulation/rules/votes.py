"""Counting the group's secret ballot for its leading unit (kiểm phiếu suy tôn đơn vị dẫn đầu).

Pure functions over plain values: no database, no models. The vote services load the ballots and
call tally(); the tests check it from tables.

The legal basis is thin on purpose: no national text fixes the threshold for a cụm/khối suy tôn.
Each province's "Quy chế tổ chức và hoạt động của cụm, khối thi đua" sets it, e.g. "more than half"
or "at least 2/3" of the member units (legal-rules §2.7, §4.2), so the threshold and its rule are
inputs, taken from the provincial ruleset.

Counting rules, as implemented:
- Every percentage is of the electorate (all member units of the group, voted or not), computed in
  Decimal and rounded half-up to 2 decimals, the figure the minutes show. The threshold is compared
  with that rounded figure, so a ruleset of "at least 66.67%" reads as 2/3: 2 votes of 3 members are
  66.67% and pass. (For electorates below 5,000 the rounding can never move a figure across a
  threshold of 50%; clusters have 4 to 14 members.)
- "more_than" means strictly greater than the threshold; "at_least" means greater than or equal.
  A candidate with no vote never passes, whatever the threshold (a ruleset may say 0%).
- A ballot with no choice is blank (phiếu trắng): it counts as cast and gives no vote. A ballot
  with more choices than seats, a repeated choice or a choice that is not a candidate is invalid:
  it counts as cast and gives no vote. (The vote service refuses such ballots, so the count of
  invalid ballots is zero in practice; it is kept so the minutes stay truthful whatever the input.)
- The leaders are the passing candidates with the most votes, up to the number of seats. When
  candidates tie for the last seat(s), the tie is reported (`tied`, `tie_seats`) and needs a new
  round; it is never broken by order, name or chance. Seats that no passing candidate can fill
  are reported as `seats_unfilled`.

Rounds (issue #17 item 9). The shared domain notes (legal-rules §2.7 and §4.2) leave everything
about the cụm/khối vote but the secret ballot to the provincial quy chế and say nothing of a second
round, so this module holds one only where the count above already says it needs one: a tie for
the last seat(s). A round where nobody reaches the threshold leaves its seats unfilled and opens no
other round, since no source asks for one. A new round (round_plan):
- is held among the tied candidates only, for the `tie_seats` seats still open; the seats won in
  earlier rounds stay won (outcome);
- is counted with tally() like the first: the whole roster votes, every percentage is of the
  whole electorate and the ruleset's threshold applies again, so a seat is never won with less
  support than the quy chế asks for;
- may itself end in a tie, which opens a further round in the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.utils.translation import ngettext

from thidua.core.formatting import to_decimal

# The percentage arithmetic and the threshold's wording are shared with the awards council's vote;
# they are re-exported here for the callers that always imported them from this module.
from thidua.core.voting import AT_LEAST as AT_LEAST
from thidua.core.voting import MORE_THAN as MORE_THAN
from thidua.core.voting import RULES as RULES
from thidua.core.voting import passes as passes
from thidua.core.voting import percent_of as percent_of
from thidua.core.voting import threshold_text as threshold_text

_HUNDRED = Decimal(100)

BallotKind = Literal["valid", "blank", "invalid"]


@dataclass(frozen=True)
class CandidateCount:
    key: str
    votes: int
    percent: Decimal
    passed: bool


@dataclass(frozen=True)
class Tally:
    electorate: int
    cast: int
    valid: int
    blank: int
    invalid: int
    seats: int
    threshold_percent: Decimal
    threshold_rule: str
    # Every candidate, most votes first; equal counts keep the order of `order_hint`.
    results: tuple[CandidateCount, ...]
    # Elected outright: passing, and inside the seats without a tie.
    leaders: tuple[str, ...]
    # Passing candidates tied for the last seat(s); they compete for `tie_seats` seats in a new round.
    tied: tuple[str, ...]
    tie_seats: int
    # Seats left empty because fewer candidates passed the threshold than there are seats.
    seats_unfilled: int

    @property
    def needs_new_round(self) -> bool:
        return bool(self.tied)

    @property
    def not_voted(self) -> int:
        return self.electorate - self.cast

    @property
    def threshold_text(self) -> str:
        return threshold_text(self.threshold_percent, self.threshold_rule)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, decimals as strings, for storing on the vote."""
        return {
            "electorate": self.electorate,
            "cast": self.cast,
            "valid": self.valid,
            "blank": self.blank,
            "invalid": self.invalid,
            "not_voted": self.not_voted,
            "seats": self.seats,
            "threshold_percent": str(self.threshold_percent),
            "threshold_rule": self.threshold_rule,
            "threshold_text": self.threshold_text,
            "results": [
                {"key": c.key, "votes": c.votes, "percent": str(c.percent), "passed": c.passed}
                for c in self.results
            ],
            "leaders": list(self.leaders),
            "tied": list(self.tied),
            "tie_seats": self.tie_seats,
            "seats_unfilled": self.seats_unfilled,
            "needs_new_round": self.needs_new_round,
        }


@dataclass(frozen=True)
class RoundPlan:
    """What a new round votes on: the candidates still tied and the seats still open."""

    candidates: tuple[str, ...]
    seats: int


def round_plan(*, tied: Sequence[str], tie_seats: int) -> RoundPlan | None:
    """The next round after a count that left `tied` competing for `tie_seats` seats, or None when
    the count needs no new round (no tie: the seats are won, or left unfilled)."""
    if not tied:
        return None
    if not 1 <= tie_seats < len(tied):
        raise ValueError(f"{len(tied)} tied candidates for {tie_seats} seats is no tie")
    return RoundPlan(candidates=tuple(tied), seats=tie_seats)


@dataclass(frozen=True)
class Outcome:
    """The vote's result over all its rounds so far."""

    # Elected, round by round, most votes first within a round.
    leaders: tuple[str, ...]
    # From the last round: still tied, the seats they compete for, and the seats left empty.
    tied: tuple[str, ...]
    tie_seats: int
    seats_unfilled: int

    @property
    def needs_new_round(self) -> bool:
        return bool(self.tied)


def outcome(*, seats: int, earlier_leaders: Sequence[str], last: Tally) -> Outcome:
    """The seats won before the last round stay won; the last round fills only the seats left.

    Raises ValueError when the last round was not counted for the seats the earlier ones left
    (the service counts round n + 1 for round n's `tie_seats`, so only a bug can cause it)."""
    if len(earlier_leaders) + last.seats != seats:
        raise ValueError(f"{len(earlier_leaders)} seats won and {last.seats} counted, of {seats}")
    if set(earlier_leaders) & {c.key for c in last.results}:
        raise ValueError("a candidate of the last round had already won a seat")
    return Outcome(
        leaders=(*earlier_leaders, *last.leaders),
        tied=last.tied,
        tie_seats=last.tie_seats,
        seats_unfilled=last.seats_unfilled,
    )


def within_seats(*, chosen: int, seats: int) -> bool:
    """A ballot may choose at most as many units as there are seats (none at all is a blank ballot)."""
    return chosen <= seats


def seats_error(*, chosen: int, seats: int) -> str | None:
    """The refusal of a ballot that chooses more units than there are seats, or None when it fits.

    One wording for the ballot form and the vote service, so the officer reads the same sentence
    whether the form or the service catches it."""
    if within_seats(chosen=chosen, seats=seats):
        return None
    return ngettext(
        "Chỉ được chọn tối đa %(seats)s đơn vị (phiếu đang chọn %(chosen)s đơn vị).",
        "Chỉ được chọn tối đa %(seats)s đơn vị (phiếu đang chọn %(chosen)s đơn vị).",
        seats,
    ) % {"seats": seats, "chosen": chosen}


def classify_ballot(
    choices: Sequence[str], *, candidates: set[str] | frozenset[str], seats: int
) -> BallotKind:
    if not choices:
        return "blank"
    if (
        not within_seats(chosen=len(choices), seats=seats)
        or len(set(choices)) != len(choices)
        or not set(choices) <= candidates
    ):
        return "invalid"
    return "valid"


def tally(
    *,
    electorate: int,
    ballots: Sequence[Sequence[str]],
    seats: int,
    threshold_percent: object,
    threshold_rule: str,
    order_hint: Sequence[str],
) -> Tally:
    """Count the ballots. `order_hint` lists the candidates (the member units, in the group's order);
    it decides only the display order of equal counts, never who wins.

    Raises ValueError for inputs no real vote can produce: no electorate, no seat, more ballots
    than voters, an unknown rule or a threshold outside 0–100.
    """
    threshold = to_decimal(threshold_percent)
    if electorate < 1:
        raise ValueError("electorate must be at least 1")
    if seats < 1:
        raise ValueError("seats must be at least 1")
    if len(ballots) > electorate:
        raise ValueError(f"{len(ballots)} ballots for an electorate of {electorate}")
    if threshold_rule not in RULES:
        raise ValueError(f"unknown threshold rule: {threshold_rule!r}")
    if not Decimal(0) <= threshold <= _HUNDRED:
        raise ValueError("threshold must be between 0 and 100")
    if len(set(order_hint)) != len(order_hint):
        raise ValueError("order_hint lists a candidate twice")

    candidates = frozenset(order_hint)
    counts: Counter[str] = Counter()
    kinds: Counter[BallotKind] = Counter()
    for choices in ballots:
        kind = classify_ballot(choices, candidates=candidates, seats=seats)
        kinds[kind] += 1
        if kind == "valid":
            counts.update(choices)

    position = {key: index for index, key in enumerate(order_hint)}
    ranked = sorted(order_hint, key=lambda key: (-counts[key], position[key]))
    results = []
    for key in ranked:
        percent = percent_of(counts[key], electorate)
        # A unit nobody chose is never elected, even under a threshold of "at least 0%".
        passed = counts[key] > 0 and passes(percent, threshold, threshold_rule)
        results.append(CandidateCount(key, counts[key], percent, passed))

    passing = [c for c in results if c.passed]
    leaders: list[CandidateCount] = passing
    tied: list[CandidateCount] = []
    if len(passing) > seats:
        cutoff = passing[seats - 1].votes
        leaders = [c for c in passing if c.votes > cutoff]
        at_cutoff = [c for c in passing if c.votes == cutoff]
        if len(leaders) + len(at_cutoff) <= seats:
            leaders += at_cutoff
        else:
            tied = at_cutoff
    tie_seats = seats - len(leaders) if tied else 0
    return Tally(
        electorate=electorate,
        cast=len(ballots),
        valid=kinds["valid"],
        blank=kinds["blank"],
        invalid=kinds["invalid"],
        seats=seats,
        threshold_percent=threshold,
        threshold_rule=threshold_rule,
        results=tuple(results),
        leaders=tuple(c.key for c in leaders),
        tied=tuple(c.key for c in tied),
        tie_seats=tie_seats,
        seats_unfilled=0 if tied else seats - len(leaders),
    )
