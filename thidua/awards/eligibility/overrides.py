"""A province's own criterion in place of a rule set's (docs/contracts/eligibility.md, "Overrides").

An officer replaces ONE award's criterion under ONE rule set, with parameters the engine understands
and the document that states them. Reasons from that criterion then cite the document and are
verified. Shape (the value of ``rules[<rule_set_id>][<award_code>]``)::

    {
      "params": {"requires_ldtt": false, "route": "htxs_and_initiative", "initiative_min_scope": "co_so"},
      "source": {"type": "Quyết định", "number": "12/2026/QĐ-UBND", "date": "2026-10-15", "article": "Điều 5"},
      "valid_from": "2026-10-15",   # optional, within the rule set's dates; default: the rule set's start
      "valid_to": null              # optional; default: the rule set's end
    }

Every parameter of the award is required (the document states the whole criterion; the admin
pre-fills the form from ``list_criteria``). ``source.type`` is optional: "QĐ" in the number gives
"Quyết định", "NQ" "Nghị quyết", and so on.

Public API::

    override_problems(rule_set_id, award, data, path="") -> tuple[Problem, ...]   # () when valid
    parse_override(rule_set_id, award, data, path="") -> Criterion                 # raises EligibilityInputError
    parse_overrides(data, path="rules") -> Overrides                               # the whole "rules" object
    PARAM_FIELDS[award] -> {name: FieldSpec}                                        # what each award takes
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from thidua.awards.eligibility.codes import AwardCode, InitiativeScope, Rating
from thidua.awards.eligibility.problems import EligibilityInputError, Path, Problem, Problems, child, show
from thidua.awards.eligibility.rulesets import (
    RULE_SETS,
    BangKhenTinhParams,
    ChainInitiativeParams,
    Criterion,
    CstdcsParams,
    CstdcsRoute,
    FlagParams,
    GiayKhenParams,
    LdttParams,
    Overrides,
    Params,
    PriorChainParams,
    RuleSet,
    Source,
    TtldttParams,
    TtldxsParams,
)
from thidua.awards.eligibility.types import Outcome

__all__ = [
    "OVERRIDE_KEYS",
    "PARAM_FIELDS",
    "FieldSpec",
    "override_problems",
    "parse_override",
    "parse_overrides",
]

OVERRIDE_KEYS = ("params", "source", "valid_from", "valid_to")
SOURCE_KEYS = ("type", "number", "date", "article")
# The type of a document from its number's sign: 12/2026/QĐ-UBND is a Quyết định.
DOCUMENT_TYPES = {
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
}
_SIGN = re.compile(r"/([A-ZĐ]+)-")

Value = Rating | InitiativeScope | CstdcsRoute | AwardCode | Outcome | Decimal | int | bool | None


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One parameter: its kind ("rating", "int", "bool", "ratio", "scope", "route", "award",
    "outcome"), whether null is allowed, and the least value of a number."""

    kind: str
    nullable: bool = False
    low: int = 0


_R, _I1, _I0, _B = FieldSpec("rating"), FieldSpec("int", low=1), FieldSpec("int"), FieldSpec("bool")
PARAM_FIELDS: dict[AwardCode, tuple[type[Params], dict[str, FieldSpec]]] = {
    AwardCode.LAO_DONG_TIEN_TIEN: (
        LdttParams,
        {
            "min_rating": _R,
            "min_months_since_recruitment": FieldSpec("int", nullable=True, low=1),
            "recent_recruit_outcome": FieldSpec("outcome"),
        },
    ),
    AwardCode.CHIEN_SI_THI_DUA_CO_SO: (
        CstdcsParams,
        {"requires_ldtt": _B, "route": FieldSpec("route"), "initiative_min_scope": FieldSpec("scope")},
    ),
    AwardCode.CHIEN_SI_THI_DUA_CAP_TINH: (
        ChainInitiativeParams,
        {"chain_years": _I1, "initiative_min_scope": FieldSpec("scope")},
    ),
    AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC: (
        ChainInitiativeParams,
        {"chain_years": _I1, "initiative_min_scope": FieldSpec("scope")},
    ),
    AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN: (
        TtldttParams,
        {"min_rating": _R, "min_ldtt_ratio": FieldSpec("ratio"), "forbid_discipline_canh_cao_or_above": _B},
    ),
    AwardCode.TAP_THE_LAO_DONG_XUAT_SAC: (
        TtldxsParams,
        {"min_rating": _R, "min_ldtt_ratio": FieldSpec("ratio"), "all_complete": _B, "min_cstdcs": _I0},
    ),
    AwardCode.CO_THI_DUA_CAP_TINH: (
        FlagParams,
        {"requires_leads_group": _B, "requires_exceeded_targets": _B, "council_selection": _B},
    ),
    AwardCode.CO_THI_DUA_CHINH_PHU: (
        FlagParams,
        {"requires_leads_group": _B, "requires_exceeded_targets": _B, "council_selection": _B},
    ),
    AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH: (
        BangKhenTinhParams,
        {"chain_cstdcs": _I1, "alt_htxs_years": _I1, "alt_initiatives": _I0, "collective_chain_years": _I1},
    ),
    AwardCode.BANG_KHEN_THU_TUONG: (
        PriorChainParams,
        {
            "prior": FieldSpec("award"),
            "years": _I1,
            "min_rating": _R,
            "min_htxs": _I0,
            "min_cstdcs": _I0,
            "collective_years": FieldSpec("int", nullable=True, low=1),
        },
    ),
    AwardCode.HUAN_CHUONG_LAO_DONG_HANG_BA: (
        PriorChainParams,
        {
            "prior": FieldSpec("award"),
            "years": _I1,
            "min_rating": _R,
            "min_htxs": _I0,
            "min_cstdcs": _I0,
            "collective_years": FieldSpec("int", nullable=True, low=1),
        },
    ),
    AwardCode.GIAY_KHEN: (GiayKhenParams, {"min_rating": FieldSpec("rating", nullable=True), "years": _I1}),
}
# A chain longer than this reaches past any career; it is a typing slip.
MAX_YEARS = 40


def _ratio(check: Problems, raw: object, path: Path) -> Decimal | None:
    value: Decimal | None = None
    if isinstance(raw, (str, int, Decimal)) and not isinstance(raw, bool):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            value = None
    if value is None or not value.is_finite() or not 0 < value <= 1:
        check.error(path, f'must be a ratio between 0 and 1 such as "0.70", not {show(raw)}')
        return None
    return value


def _outcome(check: Problems, raw: object, path: Path) -> Outcome | None:
    if raw == Outcome.NOT_ELIGIBLE.value or raw == Outcome.NEEDS_REVIEW.value:
        return Outcome(str(raw))
    check.error(path, f"must be not_eligible or needs_review, not {show(raw)}")
    return None


_CHOICES: dict[str, tuple[type[StrEnum], str]] = {
    "rating": (Rating, "rating"),
    "scope": (InitiativeScope, "scope"),
    "route": (CstdcsRoute, "route"),
    "award": (AwardCode, "award code"),
}


def _value(check: Problems, spec: FieldSpec, raw: object, path: Path) -> tuple[bool, Value]:
    """(ok, value) for one parameter."""
    if raw is None and spec.nullable:
        return True, None
    before = len(check.problems)
    value: Value
    if spec.kind in _CHOICES:
        choices, what = _CHOICES[spec.kind]
        value = check.choice(raw, path, choices, what)  # type: ignore[assignment]
    elif spec.kind == "int":
        value = check.integer(raw, path, spec.low, MAX_YEARS if spec.low else 1000)
    elif spec.kind == "bool":
        value = check.flag(raw, path)
    elif spec.kind == "ratio":
        value = _ratio(check, raw, path)
    else:
        value = _outcome(check, raw, path)
    return len(check.problems) == before, value


def _params(check: Problems, award: AwardCode, raw: object, path: Path) -> Params | None:
    cls, specs = PARAM_FIELDS[award]
    if not check.obj(raw, path, tuple(specs), tuple(specs)):
        return None
    assert isinstance(raw, dict)
    values: dict[str, Value] = {}
    ok = True
    for name, spec in specs.items():
        if name in raw:
            good, values[name] = _value(check, spec, raw[name], child(path, name))
            ok = ok and good
    if not ok or len(values) != len(specs):
        return None
    return cls(**values)  # type: ignore[arg-type]


def _source(check: Problems, raw: object, path: Path) -> Source | None:
    if not check.obj(raw, path, SOURCE_KEYS, ("number", "date", "article")):
        return None
    assert isinstance(raw, dict)
    number = check.text(raw["number"], child(path, "number")) if "number" in raw else None
    day = check.day(raw["date"], child(path, "date")) if "date" in raw else None
    article = check.text(raw["article"], child(path, "article")) if "article" in raw else None
    kind = check.text(raw["type"], child(path, "type")) if "type" in raw else None
    if number is None or day is None or article is None or ("type" in raw and kind is None):
        return None
    if kind is None:
        sign = _SIGN.search(number)
        kind = DOCUMENT_TYPES.get(sign.group(1), "") if sign else ""
    return Source(number=number, date=day, article=article, type=kind)


def _window(
    check: Problems, rule_set: RuleSet, raw: dict[str, object], path: Path
) -> tuple[date, date | None] | None:
    start, end = rule_set.valid_from, rule_set.valid_to
    if raw.get("valid_from") is not None:
        start = check.day(raw["valid_from"], child(path, "valid_from")) or start
    if raw.get("valid_to") is not None:
        end = check.day(raw["valid_to"], child(path, "valid_to")) or end
    inside: Callable[[date], bool] = rule_set.applies_on
    for key, day in (("valid_from", start), ("valid_to", end)):
        if raw.get(key) is not None and day is not None and not inside(day):
            until = f"{rule_set.valid_to:%Y-%m-%d}" if rule_set.valid_to else "on"
            check.error(
                child(path, key),
                f"must fall within the rule set's dates ({rule_set.valid_from:%Y-%m-%d} to {until})",
            )
    if end is not None and end < start:
        check.error(child(path, "valid_to"), "must not be before valid_from")
        return None
    return start, end


def _override(check: Problems, rule_set_id: str, award: str, data: object, path: Path) -> Criterion | None:
    rule_set = RULE_SETS.get(rule_set_id)
    code = AwardCode(award) if award in AwardCode._value2member_map_ else None
    if rule_set is None:
        check.error(path, f"unknown rule set {show(rule_set_id)} (expected one of: {', '.join(RULE_SETS)})")
    if code is None:
        check.error(path, f"unknown award code {show(award)}")
    if not check.obj(data, path, OVERRIDE_KEYS, ("params", "source")) or rule_set is None or code is None:
        return None
    assert isinstance(data, dict)
    before = len(check.problems)
    params = _params(check, code, data["params"], child(path, "params")) if "params" in data else None
    source = _source(check, data["source"], child(path, "source")) if "source" in data else None
    window = _window(check, rule_set, data, path)
    if len(check.problems) > before or params is None or source is None or window is None:
        return None
    base = next(c for c in rule_set.criteria if c.award is code)
    return Criterion(code, params, base.clauses, window[0], window[1], source=source)


def override_problems(rule_set_id: str, award: str, data: object, path: Path = "") -> tuple[Problem, ...]:
    """Every problem of one override, with paths relative to ``path``; () when it is valid.
    The admin calls this on what an officer typed before saving it."""
    check = Problems()
    _override(check, rule_set_id, award, data, path)
    return tuple(check.problems)


def parse_override(rule_set_id: str, award: str, data: object, path: Path = "") -> Criterion:
    """The criterion an override defines, or EligibilityInputError with every problem."""
    check = Problems()
    criterion = _override(check, rule_set_id, award, data, path)
    if check.problems or criterion is None:
        raise EligibilityInputError(check.problems)
    return criterion


def read_overrides(check: Problems, data: object, path: Path) -> dict[str, dict[AwardCode, Criterion]]:
    """The whole ``rules`` object into ``check`` (used by parse.py, which collects every problem)."""
    result: dict[str, dict[AwardCode, Criterion]] = {}
    if not check.obj(data, path, tuple(RULE_SETS)):
        return result
    assert isinstance(data, dict)
    for rule_set_id, awards in data.items():
        if rule_set_id not in RULE_SETS:
            continue  # reported by obj() as an unknown key
        inner = child(path, rule_set_id)
        if not check.obj(awards, inner, tuple(AwardCode)):
            continue
        assert isinstance(awards, Mapping)
        for award, raw in awards.items():
            if award in AwardCode._value2member_map_:
                criterion = _override(check, rule_set_id, award, raw, child(inner, award))
                if criterion is not None:
                    result.setdefault(rule_set_id, {})[AwardCode(award)] = criterion
    return result


def parse_overrides(data: object, path: Path = "rules") -> Overrides:
    """A whole ``{"<rule_set_id>": {"<award_code>": {...}}}`` object, or EligibilityInputError."""
    check = Problems()
    result = read_overrides(check, data, path)
    if check.problems:
        raise EligibilityInputError(check.problems)
    return result
