"""The JSON side of the scoring engine: plain data in, validated frozen dataclasses out.

Public API::

    parse_input(data: object) -> ScoringInput        # raises ScoringInputError
    parse_definition(data: object) -> ScoringInput   # criteria, aggregates, tie_break only; no members
    parse_json(text: str | bytes) -> ScoringInput     # json.loads without floats, then parse_input
    load_json(text: str | bytes) -> object            # numbers become Decimal, never float
    ScoringInputError(problems)                       # .problems: tuple[Problem, ...]
    Problem(path, message)                            # str(problem) == "path: message"

``data`` has the shape of docs/contracts/scoring.md. Numbers may be int, Decimal, decimal strings
("7845.12") or, for in-process callers, float (converted through repr, so 0.1 stays 0.1). The web UI
builds this plain structure from its rows and calls ``parse_input``, so it refuses exactly what
``thidua score`` refuses, with the same messages.

Validation collects every problem, in document order, each with the JSON path of the offending value,
e.g. ``members[2].values["1.1"].target: must be greater than 0``. A faulty criterion whose code and
method are readable still has its members' values checked, so one pass reports everything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any, NamedTuple

from thidua.emulation.scoring.check import (
    AGGREGATE_METHOD,
    OPTIONAL_METHODS,
    DefinitionFault,
    Fault,
    aggregate_fault,
    bound_fault,
    tie_break_fault,
)
from thidua.emulation.scoring.engine import (
    AggregateKind,
    AggregateRequest,
    Criterion,
    Member,
    Method,
    Ratio,
    ScoringInput,
    Tier,
    Value,
)

__all__ = ["Problem", "ScoringInputError", "load_json", "parse_definition", "parse_input", "parse_json"]

# Bounding numbers to 18 integer digits and 20 decimal places (38 digits) keeps every product exact in the
# engine's 100-digit context, and keeps quotients such as Σactual / Σtarget finite. 10^18 is far above any
# indicator a province reports (the national GDP is about 10^16 đồng); 20 places hold any float's digits.
LIMIT = Decimal(10) ** 18
MAX_PLACES = 20
MAX_DEPTH = 16
# JSON's number grammar, also accepted inside strings; "1,5" and " 7 " are refused, not guessed at.
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")

PARAMS: dict[Method, tuple[str, ...]] = {
    Method.RATIO_TO_TARGET: ("cap", "lower_is_better"),
    Method.THRESHOLD: ("threshold", "proportional_below"),
    Method.TIERS: ("tiers",),
}
RATIO_KEYS = ("actual", "target")
NODE_KEYS = ("code", "name", "children", "unit", "max_points", "method", "params")
# Marks a group's code in ``_Parser.kinds``.
GROUP = "group"


class Problem(NamedTuple):
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ScoringInputError(ValueError):
    """The input breaks the contract; ``problems`` lists every problem found, in document order."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


class _DuplicateKeys(dict):  # type: ignore[type-arg]
    """A JSON object that repeated a key; json.loads would otherwise keep the last one silently."""

    duplicates: list[str]


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    marked = _DuplicateKeys(result)
    marked.duplicates = [key for key, _value in pairs if key in seen or seen.add(key)]  # type: ignore[func-returns-value]
    return marked


def _json_number(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        # An exponent beyond Decimal's range: report it with its path as too large, not as bad syntax.
        return Decimal("-Infinity" if text.startswith("-") else "Infinity")


def load_json(text: str | bytes) -> object:
    """json.loads with every number as Decimal (never float) and repeated keys remembered."""
    return json.loads(
        text,
        parse_float=_json_number,
        parse_int=_json_number,
        parse_constant=Decimal,
        object_pairs_hook=_object_pairs,
    )


def parse_json(text: str | bytes) -> ScoringInput:
    """Parse JSON text; bad syntax is reported as a problem at path "$" like any other."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        raise ScoringInputError(
            [Problem("$", f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}")]
        ) from None
    except UnicodeDecodeError:
        raise ScoringInputError([Problem("$", "the file is not UTF-8 text")]) from None
    except RecursionError:
        raise ScoringInputError([Problem("$", "invalid JSON: nested too deeply")]) from None
    return parse_input(data)


def parse_input(data: object) -> ScoringInput:
    """Validate ``data`` against the contract and build the engine's input, or raise with every problem."""
    parser = _Parser()
    result = parser.document(data)
    if parser.problems or result is None:
        raise ScoringInputError(parser.problems)
    return result


def parse_definition(data: object) -> ScoringInput:
    """A pact's definition alone ({"criteria", "aggregates", "tie_break"}, no members) checked by the
    same rules as a whole input; the result has no members. Services store pacts in this shape and
    the web adapter builds the members from the database rows itself (selectors.scoring)."""
    parser = _Parser()
    result = parser.document(data, with_members=False)
    if parser.problems or result is None:
        raise ScoringInputError(parser.problems)
    return result


class _Invalid(Exception):
    """A bad value. ``issues`` are (field, message) pairs, field "" for the value itself; the caller
    knows the path, so building it is left for the rare failing value."""

    def __init__(self, message: str = "", issues: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.issues = issues or [("", message)]


_KINDS = ((bool, "true or false"), (str, "a string"), ((int, float, Decimal), "a number"), (list, "a list"))


def _kind(raw: object) -> str:
    if raw is None or isinstance(raw, bool):
        return json.dumps(raw)
    if isinstance(raw, dict):
        return "an object"
    return next((name for types, name in _KINDS if isinstance(raw, types)), type(raw).__name__)


def _show(raw: object) -> str:
    return json.dumps(raw, ensure_ascii=False) if isinstance(raw, str) else _kind(raw)


def _decimal(raw: object) -> Decimal:
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, str):
        if not _NUMBER.fullmatch(raw):
            raise _Invalid(f'must be a number or a decimal string such as "7845.12", not {_show(raw)}')
        value = _json_number(raw)
    elif isinstance(raw, int) and not isinstance(raw, bool):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    else:
        raise _Invalid(f"must be a number, not {_kind(raw)}")
    if value.is_nan():
        raise _Invalid("must be a number, not NaN")
    if value.copy_abs() >= LIMIT:
        raise _Invalid("must be less than 10^18 in absolute value")
    if value.as_tuple().exponent < -MAX_PLACES and _places(value) > MAX_PLACES:  # type: ignore[operator]
        raise _Invalid(f"must have at most {MAX_PLACES} decimal places")
    return value


def _places(value: Decimal) -> int:
    """Decimal places that matter: "1.50000" has one. Counted on the digits, free of any context."""
    _sign, digits, exponent = value.as_tuple()
    significant = "".join(map(str, digits)).rstrip("0")
    return -(int(exponent) + len(digits) - len(significant)) if significant else 0


def _checked(raw: object, check: Callable[[Decimal], str | None] | None = None) -> Decimal:
    value = _decimal(raw)
    message = check(value) if check else None
    if message:
        raise _Invalid(message)
    return value


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _at_least_zero(value: Decimal) -> str | None:
    return None if value >= 0 else "must be at least 0"


def _positive(value: Decimal) -> str | None:
    return None if value > 0 else "must be greater than 0"


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _key(path: str, key: str) -> str:
    """a.b, or a["x y"] for a key that is not a name (an unknown key may be anything, even "")."""
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


class _Parser:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # Every code seen in the tree: its Method, GROUP, or None when the leaf's method is unreadable.
        self.kinds: dict[str, Method | str | None] = {}
        self.code_paths: dict[str, str] = {}
        # How to check each leaf's member values. Built even for a leaf whose own definition is faulty
        # (as long as its method is known), so the members' values are still checked and reported.
        self.checks: list[tuple[str, Method, _Check]] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- generic shapes --------------------------------------------------------------------------

    def expect_object(
        self, raw: object, path: str, allowed: tuple[str, ...] | None, required: tuple[str, ...] = ()
    ) -> bool:
        """Check that ``raw`` is an object with the required keys and, unless allowed is None, no others."""
        if not isinstance(raw, dict):
            self.error(path or "$", f"must be an object, not {_kind(raw)}")
            return False
        for key in getattr(raw, "duplicates", ()):
            self.error(path or "$", f"the key {json.dumps(key, ensure_ascii=False)} appears more than once")
        for key in required:
            if key not in raw:
                self.error(_key(path, key), "required")
        for key in raw if allowed is not None else ():
            if allowed is not None and key not in allowed:
                self.error(_key(path, key), f"unknown key (expected one of: {', '.join(allowed)})")
        return True

    def expect_list(self, raw: object, path: str, what: str) -> list[Any]:
        if not isinstance(raw, list):
            self.error(path, f"must be a list, not {_kind(raw)}")
            return []
        if not raw:
            self.error(path, f"must contain at least one {what}")
        return raw

    def text(self, raw: object, path: str) -> str | None:
        if not isinstance(raw, str):
            self.error(path, f"must be a string, not {_kind(raw)}")
            return None
        if not raw.strip():
            self.error(path, "must not be empty")
            return None
        return raw

    def flag(self, raw: object, path: str) -> bool | None:
        try:
            return _flag(raw)
        except _Invalid as error:
            self.error(path, str(error))
            return None

    def number(
        self, raw: object, path: str, check: Callable[[Decimal], str | None] | None = None
    ) -> Decimal | None:
        try:
            return _checked(raw, check)
        except _Invalid as error:
            self.error(path, str(error))
            return None

    # -- the document ----------------------------------------------------------------------------

    def document(self, data: object, *, with_members: bool = True) -> ScoringInput | None:
        keys = ("criteria", "members", "aggregates", "tie_break")
        if not self.expect_object(
            data,
            "",
            keys if with_members else keys[:1] + keys[2:],
            ("criteria", "members")[: 1 + with_members],
        ):
            return None
        assert isinstance(data, dict)
        criteria = self.criteria(data.get("criteria"), "criteria", 1) if "criteria" in data else []
        members = self.members(data["members"]) if with_members and "members" in data else []
        aggregates = self.aggregates(data.get("aggregates", []))
        tie_break = self.tie_break(data.get("tie_break", []))
        return ScoringInput(tuple(criteria), tuple(members), tuple(aggregates), tuple(tie_break))

    def criteria(self, raw: object, path: str, depth: int) -> list[Criterion]:
        nodes = self.expect_list(raw, path, "criterion")
        if depth > MAX_DEPTH:
            self.error(path, f"criteria are nested more than {MAX_DEPTH} levels deep")
            return []
        parsed = (self.criterion(node, f"{path}[{index}]", depth) for index, node in enumerate(nodes))
        return [criterion for criterion in parsed if criterion is not None]

    def code(self, node: dict[str, Any], path: str) -> str | None:
        code = self.text(node["code"], _key(path, "code")) if "code" in node else None
        if code is None:
            return None
        if code in self.code_paths:
            self.error(_key(path, "code"), f'duplicate code "{code}" (first used at {self.code_paths[code]})')
            return None
        self.code_paths[code] = _key(path, "code")
        return code

    def criterion(self, node: object, path: str, depth: int) -> Criterion | None:
        if not self.expect_object(node, path, NODE_KEYS, ("code", "name")):
            return None
        assert isinstance(node, dict)
        before = len(self.problems)
        code = self.code(node, path)
        name = self.text(node["name"], _key(path, "name")) if "name" in node else None
        if "children" in node:
            if code is not None:
                self.kinds[code] = GROUP
            for key in ("method", "params", "max_points", "unit"):
                if key in node:
                    self.error(
                        _key(path, key),
                        f"a group (a node with children) takes no {key}; its points are the sum of its children's",
                    )
            children = self.criteria(node["children"], _key(path, "children"), depth + 1)
            if len(self.problems) > before or code is None or name is None:
                return None
            return Criterion(code=code, name=name, children=tuple(children))

        method: Method | None = None
        if "method" in node:
            method = self.choice(node["method"], _key(path, "method"), Method)
        else:
            self.error(_key(path, "method"), "required (or children, for a group)")
        top: Decimal | None = None
        if method is Method.VETO:
            for key in ("max_points", "unit", "params"):
                if key in node:
                    self.error(_key(path, key), f"a veto criterion scores no points and takes no {key}")
        elif "max_points" in node:
            top = self.number(node["max_points"], _key(path, "max_points"), _positive)
        elif method is not None:
            self.error(_key(path, "max_points"), "required")
        unit = self.text(node["unit"], _key(path, "unit")) if "unit" in node else None
        params = self.params(node.get("params", {}), _key(path, "params"), method, top)
        if code is not None:
            self.kinds[code] = method
            if method is not None:
                self.checks.append(
                    (code, method, _value_check(method, top, params.get("proportional_below")))
                )
        if len(self.problems) > before or code is None or name is None or method is None:
            return None
        return Criterion(
            code=code, name=name, method=method, max_points=top or Decimal(0), unit=unit, **params
        )

    def choice(self, raw: object, path: str, choices: type[Method] | type[AggregateKind]) -> Any:
        try:
            return choices(raw)  # type: ignore[arg-type]  # a non-string raises ValueError too
        except ValueError:
            expected = ", ".join(choice.value for choice in choices)
            self.error(path, f"unknown {path.rpartition('.')[2]} {_show(raw)} (expected one of: {expected})")
            return None

    def params(self, raw: object, path: str, method: Method | None, top: Decimal | None) -> dict[str, Any]:
        if method is None or method is Method.VETO:
            return {}
        allowed = PARAMS.get(method, ())
        if not allowed and raw:
            self.error(path, f"the method {method.value} takes no params")
            return {}
        required = (
            ("threshold",) if method is Method.THRESHOLD else ("tiers",) if method is Method.TIERS else ()
        )
        if not self.expect_object(raw, path, allowed, required):
            return {}
        assert isinstance(raw, dict)
        result: dict[str, Any] = {}
        if "cap" in raw:
            result["cap"] = self.number(raw["cap"], _key(path, "cap"), _positive)
        for key in ("lower_is_better", "proportional_below"):
            if key in raw:
                result[key] = self.flag(raw[key], _key(path, key))
        if "threshold" in raw:
            # Proportional scoring divides by the threshold, so only then must it be positive.
            check = _positive if raw.get("proportional_below") is True else None
            result["threshold"] = self.number(raw["threshold"], _key(path, "threshold"), check)
        if "tiers" in raw:
            result["tiers"] = self.tiers(raw["tiers"], _key(path, "tiers"), top)
        return result

    def tiers(self, raw: object, path: str, top: Decimal | None) -> tuple[Tier, ...]:
        tiers: list[Tier] = []
        minimums: dict[Decimal, int] = {}
        for index, pair in enumerate(self.expect_list(raw, path, "tier")):
            where = f"{path}[{index}]"
            if not isinstance(pair, list) or len(pair) != 2:
                found = f"a list of {len(pair)}" if isinstance(pair, list) else _kind(pair)
                self.error(where, f"must be a pair [minimum, points], not {found}")
                continue
            minimum = self.number(pair[0], f"{where}[0]")
            points = self.number(pair[1], f"{where}[1]", _at_least_zero)
            if points is not None and top is not None and points > top:
                self.error(f"{where}[1]", f"must not exceed max_points ({_plain(top)})")
            if minimum is not None and minimum in minimums:
                self.error(f"{where}[0]", f"the same minimum as {path}[{minimums[minimum]}]")
            elif minimum is not None:
                minimums[minimum] = index
            if minimum is not None and points is not None:
                tiers.append(Tier(minimum, points))
        return tuple(tiers)

    # -- members ---------------------------------------------------------------------------------

    def members(self, raw: object) -> list[Member]:
        members: list[Member] = []
        seen: dict[str, int] = {}
        for index, member in enumerate(self.expect_list(raw, "members", "member")):
            path = f"members[{index}]"
            if not self.expect_object(member, path, ("id", "name", "values"), ("id", "values")):
                continue
            before = len(self.problems)
            member_id = self.text(member["id"], f"{path}.id") if "id" in member else None
            if member_id is not None and member_id in seen:
                self.error(
                    f"{path}.id", f'duplicate id "{member_id}" (first used at members[{seen[member_id]}])'
                )
            elif member_id is not None:
                seen[member_id] = index
            name = self.text(member["name"], f"{path}.name") if "name" in member else member_id
            # Without values at all, one "required" says it; listing every missing value would bury it.
            values = self.values(member["values"], f"{path}.values") if "values" in member else {}
            if len(self.problems) == before and member_id is not None and name is not None:
                members.append(Member(id=member_id, name=name, values=values))
        return members

    def values(self, raw: object, path: str) -> dict[str, Value]:
        if not self.expect_object(raw, path, None):
            return {}
        assert isinstance(raw, dict)
        values: dict[str, Value] = {}
        for code, method, check in self.checks:
            value = raw.get(code)
            if value is None:
                # null counts as omitted: a spreadsheet export writes null for an empty cell.
                if method not in OPTIONAL_METHODS:
                    self.error(self.value_path(path, code), f"missing value (required for {method})")
                continue
            try:
                values[code] = check(value)
            except _Invalid as error:
                where = self.value_path(path, code)
                for field, message in error.issues:
                    self.error(f"{where}.{field}" if field else where, message)
        for code in raw:
            kind = self.kinds.get(code, ...)
            if kind is ...:
                self.error(self.value_path(path, code), "unknown criterion code")
            elif kind == GROUP:
                self.error(self.value_path(path, code), "is a group; give values for its children instead")
        return values

    @staticmethod
    def value_path(path: str, code: str) -> str:
        return f"{path}[{json.dumps(code, ensure_ascii=False)}]"

    # -- aggregates and tie-break ----------------------------------------------------------------

    def aggregates(self, raw: object) -> list[AggregateRequest]:
        if not isinstance(raw, list):
            self.error("aggregates", f"must be a list, not {_kind(raw)}")
            return []
        requests: list[AggregateRequest] = []
        for index, item in enumerate(raw):
            path = f"aggregates[{index}]"
            if not self.expect_object(item, path, ("criterion", "kind"), ("criterion", "kind")):
                continue
            kind = self.choice(item["kind"], f"{path}.kind", AggregateKind) if "kind" in item else None
            code = self.reference(item["criterion"], f"{path}.criterion") if "criterion" in item else None
            if code is None or kind is None or self.kinds[code] is None:
                continue
            request = AggregateRequest(code, kind)
            fault = aggregate_fault(request, self.method(code), requests)
            if fault is DefinitionFault.WRONG_METHOD:
                self.error(
                    f"{path}.criterion",
                    f'{kind} needs a {AGGREGATE_METHOD[kind]} criterion; "{code}" is {self.kinds[code]}',
                )
            elif fault is DefinitionFault.REPEATED:
                self.error(path, f'{kind} of "{code}" is already requested')
            else:
                requests.append(request)
        return requests

    def tie_break(self, raw: object) -> list[str]:
        if not isinstance(raw, list):
            self.error("tie_break", f"must be a list, not {_kind(raw)}")
            return []
        codes: list[str] = []
        for index, item in enumerate(raw):
            path = f"tie_break[{index}]"
            code = self.reference(item, path)
            if code is None:
                continue
            fault = tie_break_fault(code, self.method(code), codes)
            if fault is DefinitionFault.VETO:
                self.error(
                    path, f'"{code}" is a veto criterion; it scores no points, so it cannot break ties'
                )
            elif fault is DefinitionFault.REPEATED:
                self.error(path, f'"{code}" is already listed')
            else:
                codes.append(code)
        return codes

    def method(self, code: str) -> Method | None:
        """The leaf's method, or None for a group (the rules of check.py take a group as None)."""
        kind = self.kinds[code]
        return kind if isinstance(kind, Method) else None

    def reference(self, raw: object, path: str) -> str | None:
        """A criterion code that must exist in the tree."""
        code = self.text(raw, path)
        if code is not None and code not in self.kinds:
            self.error(path, f'unknown criterion code "{code}"')
            return None
        return code


_Check = Callable[[object], Value]


def _value_check(method: Method, top: Decimal | None, proportional_below: bool | None) -> _Check:
    """A converter for one leaf's member values that raises _Invalid on bad input.

    The bounds are check.bound_fault's, the same the web screens apply; only the wording is here.
    ``top`` is None when max_points itself is invalid; the upper bound is then not checked (that
    problem is already reported once, on the criterion).
    """
    if method is Method.BOOLEAN or method is Method.VETO:
        return _flag
    if method is Method.RATIO_TO_TARGET:
        return _ratio

    def bounds(value: Decimal) -> str | None:
        fault = bound_fault(method, value, max_points=top, proportional_below=proportional_below)
        return _fault_message(fault, top)

    return partial(_checked, check=bounds)


def _fault_message(fault: Fault | None, top: Decimal | None = None) -> str | None:
    if fault is None:
        return None
    if fault is Fault.OUT_OF_RANGE and top is not None:
        return f"must be between 0 and {_plain(top)}"
    return _BOUND_MESSAGES[fault]


_BOUND_MESSAGES = {Fault.NEGATIVE: "must be at least 0", Fault.NOT_POSITIVE: "must be greater than 0"}


def _flag(raw: object) -> bool:
    if not isinstance(raw, bool):
        raise _Invalid(f"must be true or false, not {_kind(raw)}")
    return raw


def _ratio(raw: object) -> Value:
    if not isinstance(raw, dict):
        raise _Invalid(f'must be an object {{"actual": …, "target": …}}, not {_kind(raw)}')
    # Both fields are checked before raising, so a member with two bad fields hears about both.
    issues = [(key, "unknown key (expected one of: actual, target)") for key in raw if key not in RATIO_KEYS]
    values: list[Decimal] = []
    for key in RATIO_KEYS:
        if key not in raw:
            issues.append((key, "required"))
            continue

        def check(value: Decimal, key: str = key) -> str | None:
            return _fault_message(bound_fault(Method.RATIO_TO_TARGET, value, field=key, max_points=None))

        try:
            values.append(_checked(raw[key], check))
        except _Invalid as error:
            issues.append((key, str(error)))
    if issues:
        raise _Invalid(issues=issues)
    return Ratio(*values)
