"""The provincial council's vote on a proposal (Hội đồng Thi đua – Khen thưởng tỉnh), pure: no models.

The services load the council's members and each item's ballots, pick the threshold for the item's
award with threshold_for() and count with tally(); session() adds the quorum and gives the data of the
minutes (biên bản họp xét).

Counting rules, as implemented:
- Every share is of ALL the council's members, present or not (NĐ 98/2023 Điều 30 khoản 7 [V]: "tổng
  số thành viên Hội đồng"; members away from the session vote in writing, legal-rules §2.7), so a
  member who did not vote counts against the item like a disagreement.
- A ballot agrees, disagrees or abstains. An abstention is not agreement: it counts as cast and gives
  no vote, so it weighs like a disagreement; the minutes show the three apart.
- The threshold is an exact share (a Fraction: 9/10, 4/5, 2/3, 1/2) compared exactly: the item passes
  when it has at least `needed` votes (core.voting.needed). The percentage shown is rounded half-up to
  2 decimals for the minutes and is never compared, so 89.995% does not round up into a pass.
- No vote at all never passes.

Thresholds are dated data (legal-rules §2.7: "store vote thresholds as versioned, configurable
parameters for each council and title, with the source document"):
- NATIONAL: what a decree says and was verified: NĐ 98/2023 Điều 30 khoản 7 [V], in force 01/01/2024 –
  30/06/2025: at least 90% of all members for Chiến sĩ thi đua cấp tỉnh and toàn quốc; at least 80%
  for Chiến sĩ thi đua cơ sở, Cờ thi đua cấp tỉnh and Cờ thi đua của Chính phủ.
- PROVINCIAL_DEFAULTS: what applies when neither a province nor a verified decree says: from
  01/07/2025 (NĐ 152/2025) the figures are not verified [U], so NĐ 98's are carried over, marked [U],
  until the province enters its own; any other form, at any date, more than half of the members [I].
- A province's own rules (its quy chế of the council) are passed to threshold_for() as `ruleset` and
  win over both.
Which date: the caller's. The services pass the date of the council's session, since a procedure
follows the text in force when it is carried out [I].

Quorum: the council sits with at least 2/3 of its members present: NĐ 98/2023 Điều 47 for the central
council [V]; Bắc Ninh's QĐ 86/2025/QĐ-UBND for its provincial council [V for Bắc Ninh], which also asks
80% of the members at sessions that consider awards. DEFAULT_QUORUM is 2/3 as the provincial default
[I]; a province sets its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.eligibility.types import Confidence
from thidua.core.voting import AT_LEAST, MORE_THAN, RULES, needed, percent_of, share_percent, threshold_text

__all__ = [
    "BAC_NINH_AWARD_SESSION_QUORUM",
    "DEFAULT_QUORUM",
    "NATIONAL",
    "PROVINCIAL_DEFAULTS",
    "Choice",
    "ItemTally",
    "QuorumRule",
    "Session",
    "Threshold",
    "ThresholdRule",
    "quorum_met",
    "session",
    "tally",
    "threshold_for",
]


class Choice(StrEnum):
    AGREE = "agree"  # đồng ý
    DISAGREE = "disagree"  # không đồng ý
    ABSTAIN = "abstain"  # không biểu quyết: cast, and not agreement


@dataclass(frozen=True)
class Threshold:
    """A share of all the council's members: at least (or more than) `share`."""

    share: Fraction
    rule: str = AT_LEAST

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown threshold rule: {self.rule!r}")
        if not 0 < self.share <= 1:
            raise ValueError("a threshold is a share above 0 and at most 1")

    @property
    def percent(self) -> Decimal:
        return share_percent(self.share)

    @property
    def text(self) -> str:
        """As the minutes word it: "từ 90% trở lên", "trên 50%", "từ 2/3 trở lên"."""
        return threshold_text(self.percent, self.rule)

    def needed(self, members: int) -> int:
        return needed(self.share, members, self.rule)


@dataclass(frozen=True)
class ThresholdRule:
    """A threshold with where it comes from and when it applies (both dates included; None = open).

    `awards` None applies to every award no rule of the same layer names."""

    threshold: Threshold
    awards: frozenset[AwardCode] | None
    valid_from: date | None
    valid_to: date | None
    source: str
    confidence: Confidence

    def applies(self, award: AwardCode, on: date) -> bool:
        return (
            (self.awards is None or award in self.awards)
            and (self.valid_from is None or self.valid_from <= on)
            and (self.valid_to is None or on <= self.valid_to)
        )


_ND_98 = "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7"
_ND_98_FROM, _ND_98_TO, _ND_152_FROM = date(2024, 1, 1), date(2025, 6, 30), date(2025, 7, 1)
_NINETY = Threshold(Fraction(9, 10))
_EIGHTY = Threshold(Fraction(4, 5))
_NINETY_AWARDS = frozenset({AwardCode.CHIEN_SI_THI_DUA_CAP_TINH, AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC})
_EIGHTY_AWARDS = frozenset(
    {AwardCode.CHIEN_SI_THI_DUA_CO_SO, AwardCode.CO_THI_DUA_CAP_TINH, AwardCode.CO_THI_DUA_CHINH_PHU}
)

NATIONAL: tuple[ThresholdRule, ...] = (
    ThresholdRule(_NINETY, _NINETY_AWARDS, _ND_98_FROM, _ND_98_TO, _ND_98, Confidence.V),
    ThresholdRule(_EIGHTY, _EIGHTY_AWARDS, _ND_98_FROM, _ND_98_TO, _ND_98, Confidence.V),
)
_CARRIED = (
    "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7, giữ làm mặc định: chưa xác minh được tỷ lệ theo "
    "Nghị định 152/2025/NĐ-CP"
)
PROVINCIAL_DEFAULTS: tuple[ThresholdRule, ...] = (
    ThresholdRule(_NINETY, _NINETY_AWARDS, _ND_152_FROM, None, _CARRIED, Confidence.U),
    ThresholdRule(_EIGHTY, _EIGHTY_AWARDS, _ND_152_FROM, None, _CARRIED, Confidence.U),
    ThresholdRule(
        Threshold(Fraction(1, 2), MORE_THAN),
        None,
        None,
        None,
        "Nguyên tắc đa số, mặc định của tỉnh khi quy chế Hội đồng không quy định khác",
        Confidence.I,
    ),
)


def threshold_for(award: AwardCode, *, on: date, ruleset: Sequence[ThresholdRule] = ()) -> ThresholdRule:
    """The rule for `award` on `on`: a rule naming the award beats a rule for every award; between
    equals, the province's `ruleset` beats NATIONAL, which beats PROVINCIAL_DEFAULTS; within one
    layer, the first listed. PROVINCIAL_DEFAULTS end with an open-ended rule for every award, so
    there is always one."""
    layers = (tuple(ruleset), NATIONAL, PROVINCIAL_DEFAULTS)
    for specific in (True, False):
        for layer in layers:
            for rule in layer:
                if (rule.awards is not None) is specific and rule.applies(award, on):
                    return rule
    raise LookupError(f"no vote threshold for {award} on {on}")  # only with defaults edited away


@dataclass(frozen=True)
class ItemTally:
    """One item's count, of all `members`."""

    members: int
    agree: int
    disagree: int
    abstain: int
    threshold: Threshold
    needed: int  # the fewest agreeing votes that pass
    percent: Decimal  # agree / members × 100, rounded half-up to 2 decimals (for the minutes)
    passed: bool

    @property
    def cast(self) -> int:
        return self.agree + self.disagree + self.abstain

    @property
    def not_voted(self) -> int:
        return self.members - self.cast

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, decimals and fractions as strings, for storing with the item."""
        return {
            "members": self.members,
            "agree": self.agree,
            "disagree": self.disagree,
            "abstain": self.abstain,
            "not_voted": self.not_voted,
            "percent": str(self.percent),
            "threshold_share": str(self.threshold.share),
            "threshold_rule": self.threshold.rule,
            "threshold_text": self.threshold.text,
            "needed": self.needed,
            "passed": self.passed,
        }


def tally(members_count: int, ballots: Iterable[Choice], threshold: Threshold) -> ItemTally:
    """Count one item's ballots (one per member who voted on it, in the session or in writing).

    Raises ValueError for what no real vote produces: no members, more ballots than members."""
    if members_count < 1:
        raise ValueError("a council has at least one member")
    counts = dict.fromkeys(Choice, 0)
    for ballot in ballots:
        counts[Choice(ballot)] += 1
    if sum(counts.values()) > members_count:
        raise ValueError(f"{sum(counts.values())} ballots for {members_count} members")
    agree = counts[Choice.AGREE]
    need = threshold.needed(members_count)
    return ItemTally(
        members=members_count,
        agree=agree,
        disagree=counts[Choice.DISAGREE],
        abstain=counts[Choice.ABSTAIN],
        threshold=threshold,
        needed=need,
        percent=percent_of(agree, members_count),
        passed=agree > 0 and agree >= need,
    )


@dataclass(frozen=True)
class QuorumRule:
    """The council sits with at least `share` of its members present."""

    share: Fraction
    source: str
    confidence: Confidence

    def needed(self, members: int) -> int:
        return needed(self.share, members, AT_LEAST)


DEFAULT_QUORUM = QuorumRule(
    Fraction(2, 3),
    "Nghị định 98/2023/NĐ-CP, Điều 47 (Hội đồng Thi đua – Khen thưởng Trung ương), mặc định của tỉnh",
    Confidence.I,
)
BAC_NINH_AWARD_SESSION_QUORUM = QuorumRule(
    Fraction(4, 5),
    "Quyết định 86/2025/QĐ-UBND tỉnh Bắc Ninh (phiên họp xét khen thưởng)",
    Confidence.V,
)


def quorum_met(*, members: int, present: int, quorum: QuorumRule = DEFAULT_QUORUM) -> bool:
    if not 0 <= present <= members:
        raise ValueError(f"{present} present of {members} members")
    return present >= quorum.needed(members)


@dataclass(frozen=True)
class Session:
    """The data of the minutes: who sat, whether they could decide, and each item's count."""

    members: int
    present: int
    quorum: QuorumRule
    quorum_needed: int
    quorum_met: bool
    items: Mapping[str, ItemTally]  # by the item's ref, in the order given

    @property
    def passed(self) -> tuple[str, ...]:
        """The items the council approved: none without a quorum."""
        if not self.quorum_met:
            return ()
        return tuple(ref for ref, item in self.items.items() if item.passed)


def session(
    *,
    members: int,
    present: int,
    items: Mapping[str, tuple[Threshold, Iterable[Choice]]],
    quorum: QuorumRule = DEFAULT_QUORUM,
) -> Session:
    """Count every item of a session. Without a quorum the counts are still given (the minutes record
    them), but the service refuses to close the vote."""
    return Session(
        members=members,
        present=present,
        quorum=quorum,
        quorum_needed=quorum.needed(members),
        quorum_met=quorum_met(members=members, present=present, quorum=quorum),
        items={ref: tally(members, ballots, threshold) for ref, (threshold, ballots) in items.items()},
    )
