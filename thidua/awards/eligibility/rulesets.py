"""The three rule sets as dated data (docs/contracts/eligibility.md, "Rule sets").

A rule set is what applies to a dossier by the date the appraisal body received it. Each holds, per
award code, one or more dated *versions* of its criterion: parameters the engine understands, the
clauses it cites (with their confidence tag) and the dates between which that version applies. A rule
that changed inside a rule set (G11, new recruits, under TT 01/2024 until 04/08/2025 and unknown under
TT 15/2025) is two versions with dates, never an ``if year ==`` in the engine.

The amended rule set (Luật 06/2026/QH16) has not been read: it is built by carrying the NĐ 152/2025
criteria over, marked unverified, until a province officer replaces a criterion with one from a
document they name (overrides.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from thidua.awards.eligibility.codes import AWARD_NAMES, AwardCode, InitiativeScope, Rating
from thidua.awards.eligibility.types import Confidence, Outcome

__all__ = [
    "AMENDED",
    "LAW",
    "ND_98",
    "ND_152",
    "RULE_SETS",
    "RULE_SET_IDS",
    "SD_06",
    "BangKhenTinhParams",
    "ChainInitiativeParams",
    "Clause",
    "Criterion",
    "CriterionInfo",
    "CstdcsParams",
    "CstdcsRoute",
    "FlagParams",
    "GiayKhenParams",
    "LdttParams",
    "Overrides",
    "Params",
    "PriorChainParams",
    "RuleSet",
    "Source",
    "TtldttParams",
    "TtldxsParams",
    "criterion_for",
    "list_criteria",
    "params_to_json",
    "rule_set_for",
]

LAW = "Luật Thi đua, khen thưởng 2022"
ND_98_TEXT = "Nghị định 98/2023/NĐ-CP"
ND_152_TEXT = "Nghị định 152/2025/NĐ-CP"
AMENDING_LAW = "Luật số 06/2026/QH16"

ND_98 = "luat-06-2022/nd-98-2023"
ND_152 = "luat-06-2022/nd-152-2025"
SD_06 = "luat-06-2022/sd-06-2026"
RULE_SET_IDS = (ND_98, ND_152, SD_06)
# Luật 06/2026/QH16, Điều 3 khoản 1 [S]: in force 01/10/2026; its Điều 4 khoản 4 is the transition.
AMENDED = date(2026, 10, 1)


class CstdcsRoute(StrEnum):
    # Law Art 23 as in force: HTXSNV *or* a recognised initiative/scientific work.
    HTXS_OR_INITIATIVE = "htxs_or_initiative"
    # The December 2025 draft of the amending law: both (final law unverified, §6.2).
    HTXS_AND_INITIATIVE = "htxs_and_initiative"


@dataclass(frozen=True, slots=True)
class LdttParams:
    min_rating: Rating
    # G11: fewer months worked by 31/12 of the year than this excludes the person; None: no such rule.
    min_months_since_recruitment: int | None
    # not_eligible where the exclusion is verified; needs_review where it is unknown (TT 15/2025).
    recent_recruit_outcome: Outcome


@dataclass(frozen=True, slots=True)
class CstdcsParams:
    requires_ldtt: bool
    route: CstdcsRoute
    initiative_min_scope: InitiativeScope


@dataclass(frozen=True, slots=True)
class ChainInitiativeParams:
    """CSTĐ tỉnh (a chain of CSTĐCS) and CSTĐTQ (a chain of CSTĐ tỉnh), each plus an initiative."""

    chain_years: int
    initiative_min_scope: InitiativeScope


@dataclass(frozen=True, slots=True)
class TtldttParams:
    min_rating: Rating
    min_ldtt_ratio: Decimal
    forbid_discipline_canh_cao_or_above: bool


@dataclass(frozen=True, slots=True)
class TtldxsParams:
    min_rating: Rating
    min_ldtt_ratio: Decimal
    all_complete: bool
    min_cstdcs: int


@dataclass(frozen=True, slots=True)
class FlagParams:
    """Cờ thi đua: the facts the data gives, and whether a council still chooses among those who qualify."""

    requires_leads_group: bool
    requires_exceeded_targets: bool
    council_selection: bool


@dataclass(frozen=True, slots=True)
class BangKhenTinhParams:
    chain_cstdcs: int
    alt_htxs_years: int
    alt_initiatives: int
    collective_chain_years: int


@dataclass(frozen=True, slots=True)
class PriorChainParams:
    """Bằng khen Thủ tướng and Huân chương Lao động hạng Ba: a prior form, then a chain of years (G9)."""

    prior: AwardCode
    years: int
    min_rating: Rating
    min_htxs: int
    min_cstdcs: int
    # Collectives (Art 73(2), 44(2) [R]/[U]): None leaves them to an officer; a number of consecutive
    # years rated at least min_rating after the prior form is a province's reading.
    collective_years: int | None


@dataclass(frozen=True, slots=True)
class GiayKhenParams:
    """Art 75(2): criteria set by the province. None: not set, so an officer decides."""

    min_rating: Rating | None
    years: int


Params = (
    LdttParams
    | CstdcsParams
    | ChainInitiativeParams
    | TtldttParams
    | TtldxsParams
    | FlagParams
    | BangKhenTinhParams
    | PriorChainParams
    | GiayKhenParams
)


@dataclass(frozen=True, slots=True)
class Clause:
    citation: str
    confidence: Confidence


@dataclass(frozen=True, slots=True)
class Source:
    """The document a province officer names for a criterion they set (overrides.py)."""

    number: str
    date: date
    article: str
    type: str = ""

    @property
    def citation(self) -> str:
        head = f"{self.type} {self.number}" if self.type else self.number
        return f"{head} ngày {self.date:%d/%m/%Y}, {self.article}"


@dataclass(frozen=True, slots=True)
class Criterion:
    """One dated version of an award's criterion under a rule set.

    ``clauses`` maps the parts of the rule the engine cites ("main", "collective", "judgement", …) to
    their citation and confidence. A criterion carried over into the amended rule set keeps its
    citations but is never verified; one set by a province cites its ``source`` and is verified.
    """

    award: AwardCode
    params: Params
    clauses: Mapping[str, Clause]
    valid_from: date
    valid_to: date | None = None
    carried_over: bool = False
    source: Source | None = None
    # Worked out once per criterion, not per reason (10,000 subjects ask for them ~40,000 times).
    _cited: Mapping[str, tuple[str, bool]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cited = {
            key: (
                self.source.citation if self.source else clause.citation,
                self.source is not None or (not self.carried_over and clause.confidence.verified),
            )
            for key, clause in self.clauses.items()
        }
        object.__setattr__(self, "_cited", cited)

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clause(self, key: str) -> Clause:
        return self.clauses.get(key) or self.clauses["main"]

    def citation(self, key: str = "main") -> str:
        return (self._cited.get(key) or self._cited["main"])[0]

    def verified(self, key: str = "main") -> bool:
        return (self._cited.get(key) or self._cited["main"])[1]


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    name: str
    valid_from: date
    valid_to: date | None
    criteria: tuple[Criterion, ...]
    # The gates' clauses (G3, G4, G8, G9): decrees and guidance, not the Law's title articles.
    gates: Mapping[str, Clause] = field(default_factory=dict)
    by_award: Mapping[AwardCode, tuple[Criterion, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[AwardCode, tuple[Criterion, ...]] = {}
        for criterion in self.criteria:
            index[criterion.award] = (*index.get(criterion.award, ()), criterion)
        object.__setattr__(self, "by_award", index)

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _law(article: str, confidence: Confidence = Confidence.V) -> Clause:
    return Clause(f"{LAW}, {article}", confidence)


V = Confidence.V
TT01 = "Thông tư 01/2024/TT-BNV, Điều 1 khoản 5 điểm d"
# TT 01/2024/TT-BNV was issued 24/02/2024 and applied until 04/08/2025; TT 15/2025 from 05/08/2025 [S].
TT01_FROM = date(2024, 2, 24)
TT01_TO = date(2025, 8, 4)
TT15_FROM = date(2025, 8, 5)

LDTT_CLAUSES = {
    "main": _law("Điều 24 khoản 1 điểm a"),
    "conduct": _law("Điều 24 khoản 1 điểm b"),
}


def _ldtt(valid_from: date, valid_to: date | None, recruits: Clause, outcome: Outcome) -> Criterion:
    return Criterion(
        AwardCode.LAO_DONG_TIEN_TIEN,
        LdttParams(Rating.HTT, 6, outcome),
        {**LDTT_CLAUSES, "recruitment": recruits},
        valid_from,
        valid_to,
    )


# G11 is [V] only for TT 01/2024; before it was issued and under TT 15/2025 it is [U]: a short-serving
# recruit then needs an officer, not a refusal.
_RECRUITS_BEFORE_TT01 = Clause(
    f"{TT01} (ban hành 24/02/2024; trước đó chưa xác định quy định áp dụng)", Confidence.U
)
_RECRUITS_TT01 = Clause(TT01, V)
_RECRUITS_TT15 = Clause(
    f"{TT01} (áp dụng đến 04/08/2025); Thông tư 15/2025/TT-BNV (chưa xác định điều khoản)", Confidence.U
)


def _common(start: date) -> tuple[Criterion, ...]:
    """The criteria whose text is the same under NĐ 98/2023 and NĐ 152/2025 (the Law's own articles)."""
    return (
        Criterion(
            AwardCode.CHIEN_SI_THI_DUA_CO_SO,
            CstdcsParams(True, CstdcsRoute.HTXS_OR_INITIATIVE, InitiativeScope.CO_SO),
            {"main": _law("Điều 23")},
            start,
        ),
        Criterion(
            AwardCode.CHIEN_SI_THI_DUA_CAP_TINH,
            ChainInitiativeParams(3, InitiativeScope.TINH),
            {"main": _law("Điều 22")},
            start,
        ),
        Criterion(
            AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC,
            ChainInitiativeParams(2, InitiativeScope.TOAN_QUOC),
            {"main": _law("Điều 21")},
            start,
        ),
        Criterion(
            AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN,
            TtldttParams(Rating.HTT, Decimal("0.70"), True),
            {"main": _law("Điều 28 khoản 1 điểm a"), "members": _law("Điều 28 khoản 1 điểm c")},
            start,
        ),
        Criterion(
            AwardCode.TAP_THE_LAO_DONG_XUAT_SAC,
            TtldxsParams(Rating.HTXS, Decimal("0.70"), True, 1),
            {"main": _law("Điều 27")},
            start,
        ),
        Criterion(
            AwardCode.CO_THI_DUA_CAP_TINH,
            FlagParams(True, True, False),
            {"main": _law("Điều 26")},
            start,
        ),
        Criterion(
            AwardCode.CO_THI_DUA_CHINH_PHU,
            FlagParams(True, True, True),
            {"main": _law("Điều 25 khoản 1")},
            start,
        ),
        Criterion(
            AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH,
            BangKhenTinhParams(2, 2, 2, 2),
            {
                "main": _law("Điều 74 khoản 1 điểm d"),
                "judgement": _law("Điều 74 khoản 1 điểm a, b, c"),
                "collective": _law("Điều 74 khoản 2"),
            },
            start,
        ),
        Criterion(
            AwardCode.BANG_KHEN_THU_TUONG,
            PriorChainParams(AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH, 5, Rating.HTT, 0, 3, None),
            {
                "main": _law("Điều 73 khoản 1 điểm b"),
                "judgement": _law("Điều 73 khoản 1"),
                "collective": _law("Điều 73 khoản 2", Confidence.R),
            },
            start,
        ),
        Criterion(
            AwardCode.HUAN_CHUONG_LAO_DONG_HANG_BA,
            PriorChainParams(AwardCode.BANG_KHEN_THU_TUONG, 5, Rating.HTT, 1, 3, None),
            {
                "main": _law("Điều 44 khoản 1 điểm e"),
                "judgement": _law("Điều 44 khoản 1"),
                "collective": _law("Điều 44 khoản 2", Confidence.R),
            },
            start,
        ),
        Criterion(
            AwardCode.GIAY_KHEN,
            GiayKhenParams(None, 1),
            {"main": _law("Điều 75 khoản 2")},
            start,
        ),
    )


def _gates(decree: str, interval: str) -> dict[str, Clause]:
    return {
        "g3": Clause(f"{decree}, Điều 4", V),
        "g4": Clause(f"{decree}, Điều 4", V),
        "g8": Clause(f"Công văn 5007/BNV-TĐKT ngày 05/09/2023; {LAW}, Điều 5 khoản 2", V),
        "g9": Clause(interval, Confidence.V_PARTIAL),
        "lineage": Clause(
            "Thông tư 15/2025/TT-BNV (chưa có quy định về kế thừa thành tích khi sáp nhập)", Confidence.U
        ),
    }


_ND98_START = date(2024, 1, 1)
_ND98_END = date(2025, 6, 30)
_ND152_START = date(2025, 7, 1)
_ND152_END = date(2026, 9, 30)

_ND98_SET = RuleSet(
    ND_98,
    f"{LAW} và {ND_98_TEXT} (01/01/2024 – 30/06/2025)",
    _ND98_START,
    _ND98_END,
    (
        _ldtt(_ND98_START, date(2024, 2, 23), _RECRUITS_BEFORE_TT01, Outcome.NEEDS_REVIEW),
        _ldtt(TT01_FROM, None, _RECRUITS_TT01, Outcome.NOT_ELIGIBLE),
        *_common(_ND98_START),
    ),
    _gates(ND_98_TEXT, f"{ND_98_TEXT}, Điều 4 khoản 3"),
)

_ND152_SET = RuleSet(
    ND_152,
    f"{LAW} và {ND_152_TEXT} (01/07/2025 – 30/09/2026)",
    _ND152_START,
    _ND152_END,
    (
        _ldtt(_ND152_START, TT01_TO, _RECRUITS_TT01, Outcome.NOT_ELIGIBLE),
        _ldtt(TT15_FROM, None, _RECRUITS_TT15, Outcome.NEEDS_REVIEW),
        *_common(_ND152_START),
    ),
    _gates(ND_152_TEXT, f"{ND_152_TEXT}, Điều 33 khoản 7"),
)


def _carry_over(criterion: Criterion) -> Criterion:
    # The amended Law was not read (§6.2): the unamended criterion stands in, [U], never verified.
    clauses = {key: Clause(c.citation, Confidence.U) for key, c in criterion.clauses.items()}
    return replace(criterion, clauses=clauses, valid_from=AMENDED, valid_to=None, carried_over=True)


_SD06_SET = RuleSet(
    SD_06,
    f"{LAW} sửa đổi, bổ sung bởi {AMENDING_LAW} (từ 01/10/2026)",
    AMENDED,
    None,
    # The version of each criterion in force on the eve of the amendment is the one carried over.
    tuple(_carry_over(c) for c in _ND152_SET.criteria if c.applies_on(_ND152_END)),
    # NĐ 152/2025 stays in force after 01/10/2026 (until an implementing decree replaces it), so the
    # gates keep their verified clauses.
    _gates(ND_152_TEXT, f"{ND_152_TEXT}, Điều 33 khoản 7"),
)

RULE_SETS: dict[str, RuleSet] = {rs.id: rs for rs in (_ND98_SET, _ND152_SET, _SD06_SET)}

# Overrides: {rule_set_id: {award: (criterion, ...)}}; each replaces the rule set's criterion on its dates.
Overrides = Mapping[str, Mapping[AwardCode, Criterion]]


def rule_set_for(day: date) -> RuleSet | None:
    """The rule set in force on ``day`` (a receipt date); None before 01/01/2024 (not encoded)."""
    return next((rs for rs in RULE_SETS.values() if rs.applies_on(day)), None)


def criterion_for(
    rule_set: RuleSet, award: AwardCode, day: date, overrides: Overrides | None = None
) -> Criterion:
    """The criterion of ``award`` under ``rule_set`` on ``day``: a province's override first."""
    override = (overrides or {}).get(rule_set.id, {}).get(award)
    if override is not None and override.applies_on(day):
        return override
    versions = rule_set.by_award[award]
    return next((c for c in versions if c.applies_on(day)), versions[-1])


def params_to_json(params: Params) -> dict[str, str | int | bool | None]:
    """The parameters as the override JSON writes them (ratios as decimal strings)."""
    out: dict[str, str | int | bool | None] = {}
    for f in fields(params):
        value = getattr(params, f.name)
        out[f.name] = str(value) if isinstance(value, (Decimal, StrEnum)) else value
    return out


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    """One criterion as the admin shows it (list_criteria)."""

    rule_set: str
    award: AwardCode
    award_name: str
    valid_from: date
    valid_to: date | None
    params: dict[str, str | int | bool | None]
    citations: dict[str, str]
    confidence: dict[str, str]
    verified: bool
    carried_over: bool
    source: Source | None


def _info(rule_set: RuleSet, criterion: Criterion) -> CriterionInfo:
    keys = list(criterion.clauses)
    return CriterionInfo(
        rule_set=rule_set.id,
        award=criterion.award,
        award_name=AWARD_NAMES[criterion.award],
        valid_from=criterion.valid_from,
        valid_to=criterion.valid_to,
        params=params_to_json(criterion.params),
        citations={key: criterion.citation(key) for key in keys},
        confidence={
            key: ("V" if criterion.source else criterion.clause(key).confidence.value) for key in keys
        },
        verified=all(criterion.verified(key) for key in keys),
        carried_over=criterion.carried_over,
        source=criterion.source,
    )


def _covered(base: Criterion, override: Criterion | None) -> bool:
    """True when ``override`` applies on every day ``base`` does (so ``base`` never applies)."""
    if override is None or override.valid_from > base.valid_from:
        return False
    return override.valid_to is None or (base.valid_to is not None and base.valid_to <= override.valid_to)


def list_criteria(rule_set_id: str | None = None, overrides: Overrides | None = None) -> list[CriterionInfo]:
    """Every criterion of one rule set (or of all), each version with its dates, in award-code order;
    with ``overrides``, a province's criterion is listed in place of the one it replaces."""
    order = list(AwardCode)
    infos: list[CriterionInfo] = []
    for rule_set in RULE_SETS.values():
        if rule_set_id is not None and rule_set.id != rule_set_id:
            continue
        replaced = (overrides or {}).get(rule_set.id, {})
        criteria = [c for c in rule_set.criteria if not _covered(c, replaced.get(c.award))]
        criteria += replaced.values()
        criteria.sort(key=lambda c: (order.index(c.award), c.valid_from))
        infos.extend(_info(rule_set, c) for c in criteria)
    return infos
