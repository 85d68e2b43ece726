"""The eligibility engine's data: frozen inputs in, structured results out (no Django).

The web app builds these from the registry's rows (one adapter in ``thidua.awards.selectors``); the
CLI builds them from JSON through ``parse.py``. Both then call ``engine.evaluate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from thidua.awards.eligibility.codes import (
    AwardCode,
    DisciplineLevel,
    InitiativeScope,
    PendingKind,
    Rating,
    SubjectKind,
)

__all__ = [
    "OUTCOME_NAMES",
    "Confidence",
    "Discipline",
    "EligibilityInput",
    "FactValue",
    "Honour",
    "Initiative",
    "LineageEvent",
    "Members",
    "Outcome",
    "Pending",
    "Reason",
    "Result",
    "Subject",
]

# A fact in a reason: plain JSON values only, so results serialise without a custom encoder.
FactValue = str | int | bool | None | list[str] | list[int]


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NEEDS_REVIEW = "needs_review"
    NOT_ELIGIBLE = "not_eligible"

    @property
    def rank(self) -> int:
        """Higher is more favourable to the subject (the transition rule compares outcomes)."""
        return {"eligible": 2, "needs_review": 1, "not_eligible": 0}[self.value]


OUTCOME_NAMES: dict[Outcome, str] = {
    Outcome.ELIGIBLE: "đủ điều kiện",
    Outcome.NEEDS_REVIEW: "cần xem xét",
    Outcome.NOT_ELIGIBLE: "chưa đủ điều kiện",
}


class Confidence(StrEnum):
    """The confidence tags of docs/contracts/eligibility.md (from the legal research)."""

    V = "V"  # verified: a text stating the rule and citing the article was read
    V_PARTIAL = "V-partial"  # the part the engine uses was verified
    S = "S"  # secondary source only
    R = "R"  # recalled, not checked against a text
    I = "I"  # noqa: E741  # inferred from practice
    U = "U"  # unverified or unknown

    @property
    def verified(self) -> bool:
        return self in (Confidence.V, Confidence.V_PARTIAL)


@dataclass(frozen=True, slots=True)
class Honour:
    """A title or form already received; ``first_year``..``last_year`` is the achievement period of its
    decision (G9 counts from ``last_year``). A one-year title has first_year == last_year."""

    code: AwardCode
    last_year: int
    first_year: int
    decision: str | None = None
    decision_date: date | None = None


@dataclass(frozen=True, slots=True)
class Initiative:
    id: str
    scope: InitiativeScope
    year: int
    used_for: AwardCode | None = None


@dataclass(frozen=True, slots=True)
class Discipline:
    level: DisciplineLevel
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Pending:
    kind: PendingKind
    since: date


@dataclass(frozen=True, slots=True)
class Members:
    """A collective's member counts for the year under consideration."""

    total: int
    completed: int
    ldtt: int
    cstdcs: int
    disciplined_canh_cao_or_above: int


@dataclass(frozen=True, slots=True)
class LineageEvent:
    """The merger that formed a collective, and the units it was formed from."""

    date: date
    predecessors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Subject:
    id: str
    kind: SubjectKind
    requested: tuple[AwardCode, ...]
    year: int
    name: str = ""
    ratings: Mapping[int, Rating] = field(default_factory=dict)
    honours: tuple[Honour, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    pending: tuple[Pending, ...] = ()
    recruited_on: date | None = None
    members: Members | None = None
    lineage: tuple[LineageEvent, ...] = ()
    conduct_ok: bool | None = None
    leads_group: bool | None = None
    exceeded_targets: bool | None = None


@dataclass(frozen=True, slots=True)
class EligibilityInput:
    as_of: date
    subjects: tuple[Subject, ...]
    received_on: date | None = None

    @property
    def rule_date(self) -> date:
        """The date that selects the rule set: the appraisal body's receipt date, else ``as_of``."""
        return self.received_on or self.as_of


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    message: str
    citation: str
    facts: Mapping[str, FactValue]
    verified: bool = True


@dataclass(frozen=True, slots=True)
class Result:
    id: str
    requested: AwardCode
    outcome: Outcome
    rule_set: str | None
    reasons: tuple[Reason, ...]

    @property
    def unverified(self) -> bool:
        """True when any reason the result rests on is unverified."""
        return any(not reason.verified for reason in self.reasons)
