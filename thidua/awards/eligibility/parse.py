"""The JSON side of the eligibility engine: the contract's document in, frozen dataclasses out.

Public API::

    parse_input(data: object) -> Document            # raises EligibilityInputError
    parse_json(text: str | bytes) -> Document        # json.loads, then parse_input
    Document(inputs: EligibilityInput, overrides: Overrides)

Validation collects every problem, in document order, each with the JSON path of the offending
value (``subjects[1].honours[0].year: must be a whole number, not "2024"``); nothing is evaluated
unless the whole document is valid.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import NamedTuple, TypeVar

from thidua.awards.eligibility.codes import (
    AwardCode,
    DisciplineLevel,
    InitiativeScope,
    PendingKind,
    Rating,
    SubjectKind,
)
from thidua.awards.eligibility.overrides import read_overrides
from thidua.awards.eligibility.problems import (
    EligibilityInputError,
    Path,
    Problem,
    Problems,
    child,
    index,
    kind_of,
)
from thidua.awards.eligibility.rulesets import Overrides
from thidua.awards.eligibility.types import (
    Discipline,
    EligibilityInput,
    Honour,
    Initiative,
    LineageEvent,
    Members,
    Pending,
    Subject,
)

__all__ = ["Document", "EligibilityInputError", "Problem", "load_json", "parse_input", "parse_json"]

TOP_KEYS = ("as_of", "received_on", "subjects", "rules")
SUBJECT_KEYS = (
    "id",
    "kind",
    "name",
    "requested",
    "year",
    "ratings",
    "honours",
    "initiatives",
    "discipline",
    "pending",
    "recruited_on",
    "members",
    "lineage",
    "conduct_ok",
    "leads_group",
    "exceeded_targets",
)
HONOUR_KEYS = ("code", "year", "period", "decision", "decision_date")
AWARDS = {code.value: code for code in AwardCode}
_FAST_HONOUR_KEYS = frozenset(("code", "year", "decision"))
MEMBER_KEYS = ("total", "completed", "ldtt", "cstdcs", "disciplined_canh_cao_or_above")
RATINGS = {rating.value: rating for rating in Rating}
FIRST_YEAR = 1945  # the first emulation movement; no earlier year is an achievement year here
T = TypeVar("T")


class Document(NamedTuple):
    inputs: EligibilityInput
    overrides: Overrides


def _honour_fast(raw: object) -> Honour | None:
    """The common honour, {"code", "year", "decision"?}, read without building a path (most of a large
    input is honours); anything else goes through the checks that report problems."""
    if type(raw) is not dict or not raw.keys() <= _FAST_HONOUR_KEYS:
        return None
    raw_code = raw.get("code")
    if type(raw_code) is not str:  # a list or an object is unhashable: the checks below word it
        return None
    code, year, decision = AWARDS.get(raw_code), raw.get("year"), raw.get("decision")
    if code is None or type(year) is not int or not FIRST_YEAR <= year <= 9999:
        return None
    if decision is not None:
        if type(decision) is not str or not decision.strip():
            return None
        decision = unicodedata.normalize("NFC", decision.strip())
    return Honour(code, year, year, decision)


class _Duplicates(dict):  # type: ignore[type-arg]
    """A JSON object that repeated a key (json.loads would keep the last one silently)."""

    duplicates: list[str]


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    marked = _Duplicates(result)
    seen: set[str] = set()
    marked.duplicates = []
    for key, _value in pairs:
        if key in seen:
            marked.duplicates.append(key)
        seen.add(key)
    return marked


def load_json(text: str | bytes) -> object:
    """json.loads with non-integers as Decimal (a year 2025.0 is refused, not rounded)."""
    return json.loads(text, parse_float=Decimal, object_pairs_hook=_pairs)


def parse_json(text: str | bytes) -> Document:
    """Parse JSON text; bad syntax is reported as a problem at path "$" like any other."""
    try:
        data = load_json(text)
    except json.JSONDecodeError as error:
        raise EligibilityInputError(
            [Problem("$", f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}")]
        ) from None
    except UnicodeDecodeError:
        raise EligibilityInputError([Problem("$", "the file is not UTF-8 text")]) from None
    except RecursionError:
        raise EligibilityInputError([Problem("$", "invalid JSON: nested too deeply")]) from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise EligibilityInputError([Problem("$", f"invalid JSON: {error}")]) from None
    return parse_input(data)


def parse_input(data: object) -> Document:
    """Validate ``data`` against the contract and build the engine's input, or raise with every problem."""
    parser = _Parser()
    document = parser.document(data)
    if parser.problems or document is None:
        raise EligibilityInputError(parser.problems)
    return document


class _Parser(Problems):
    def document(self, data: object) -> Document | None:
        if not self.obj(data, "", TOP_KEYS, ("as_of", "subjects")):
            return None
        assert isinstance(data, dict)
        as_of = self.day(data["as_of"], "as_of") if "as_of" in data else None
        received = (
            self.day(data["received_on"], "received_on") if data.get("received_on") is not None else None
        )
        if as_of and received and received > as_of:
            self.error("received_on", "must not be after as_of (a dossier is received before it is decided)")
        subjects = self.subjects(data.get("subjects"), as_of) if "subjects" in data else []
        overrides = read_overrides(self, data["rules"], "rules") if "rules" in data else {}
        if as_of is None:
            return None
        return Document(EligibilityInput(as_of, tuple(subjects), received), overrides)

    def subjects(self, raw: object, as_of: date | None) -> list[Subject]:
        seen: dict[str, Path] = {}
        subjects = []
        for position, item in enumerate(self.items(raw, "subjects")):
            path = index("subjects", position)
            subject = self.subject(item, path, as_of)
            if subject is None:
                continue
            if subject.id in seen:
                self.error(
                    child(path, "id"), f'duplicate id "{subject.id}" (first used at {seen[subject.id]})'
                )
            seen.setdefault(subject.id, child(path, "id"))
            subjects.append(subject)
        return subjects

    def subject(self, raw: object, path: Path, as_of: date | None) -> Subject | None:
        if not self.obj(raw, path, SUBJECT_KEYS, ("id", "kind", "requested", "year")):
            return None
        assert isinstance(raw, dict)
        before = len(self.problems)

        def field(key: str, read: Callable[[object, Path], T]) -> T | None:
            # An absent key and an explicit null both mean "not given" (an absent list is empty).
            return read(raw[key], child(path, key)) if raw.get(key) is not None else None

        ident = field("id", self.text)
        kind = field("kind", lambda v, p: self.choice(v, p, SubjectKind, "kind"))
        name = field("name", self.text) or ""
        requested = field("requested", self.requested) or ()
        high = as_of.year if as_of else 9999
        year = field("year", lambda v, p: self.integer(v, p, FIRST_YEAR, high))
        ratings = field("ratings", self.ratings) or {}
        honours = field("honours", lambda v, p: self.each(v, p, self.honour)) or []
        initiatives = field("initiatives", self.initiatives) or []
        discipline = field("discipline", lambda v, p: self.each(v, p, self.discipline)) or []
        pending = field("pending", lambda v, p: self.each(v, p, self.pending)) or []
        recruited = field("recruited_on", self.day)
        members = field("members", self.members)
        lineage = field("lineage", lambda v, p: self.each(v, p, self.lineage)) or []
        flags = {key: field(key, self.flag) for key in ("conduct_ok", "leads_group", "exceeded_targets")}
        if len(self.problems) > before or ident is None or kind is None or year is None:
            return None
        return Subject(
            id=ident,
            kind=kind,
            requested=requested,
            year=year,
            name=name,
            ratings=ratings,
            honours=tuple(honours),
            initiatives=tuple(initiatives),
            discipline=tuple(discipline),
            pending=tuple(pending),
            recruited_on=recruited,
            members=members,
            lineage=tuple(lineage),
            conduct_ok=flags["conduct_ok"],
            leads_group=flags["leads_group"],
            exceeded_targets=flags["exceeded_targets"],
        )

    def each(self, raw: object, path: Path, read: Callable[[object, Path], T | None]) -> list[T]:
        parsed = (read(item, index(path, position)) for position, item in enumerate(self.items(raw, path)))
        return [item for item in parsed if item is not None]

    def code(self, raw: object, path: Path) -> AwardCode | None:
        return self.choice(raw, path, AwardCode, "award code")

    def requested(self, raw: object, path: Path) -> tuple[AwardCode, ...]:
        items = self.items(raw, path)
        if isinstance(raw, list) and not items:
            self.error(path, "must name at least one award code")
        codes: list[AwardCode] = []
        for position, item in enumerate(items):
            code = self.code(item, index(path, position))
            if code is not None and code in codes:
                self.error(index(path, position), f'"{code.value}" is requested twice')
            elif code is not None:
                codes.append(code)
        return tuple(codes)

    def ratings(self, raw: object, path: Path) -> dict[int, Rating]:
        if not isinstance(raw, dict):
            self.error(path, f"must be an object of year: rating, not {kind_of(raw)}")
            return {}
        for key in getattr(raw, "duplicates", ()):
            self.error(path, f'the year "{key}" appears more than once')
        ratings: dict[int, Rating] = {}
        for key, value in raw.items():
            # The common case first, with no path built: "2025": "htt".
            rating = RATINGS.get(value) if isinstance(value, str) else None
            if (
                rating is not None
                and len(key) == 4
                and key.isascii()
                and key.isdigit()
                and int(key) >= FIRST_YEAR
            ):
                ratings[int(key)] = rating
                continue
            where = child(path, key)
            year = int(key) if len(key) == 4 and key.isascii() and key.isdigit() else None
            if year is None or year < FIRST_YEAR:
                self.error(where, f'the key must be a year such as "2025", not "{key}"')
            rating = self.choice(value, where, Rating, "rating")
            if year is not None and rating is not None:
                ratings[year] = rating
        return ratings

    def year(self, raw: object, path: Path) -> int | None:
        return self.integer(raw, path, FIRST_YEAR, 9999)

    def honour(self, raw: object, path: Path) -> Honour | None:
        fast = _honour_fast(raw)
        if fast is not None:
            return fast
        keys = HONOUR_KEYS
        if not self.obj(raw, path, keys, ("code",)):
            return None
        assert isinstance(raw, dict)
        before = len(self.problems)
        code = self.code(raw["code"], child(path, "code")) if "code" in raw else None
        year = self.year(raw["year"], child(path, "year")) if raw.get("year") is not None else None
        period = self.period(raw["period"], child(path, "period")) if raw.get("period") is not None else None
        decision = (
            self.text(raw["decision"], child(path, "decision")) if raw.get("decision") is not None else None
        )
        decided = (
            self.day(raw["decision_date"], child(path, "decision_date")) if raw.get("decision_date") else None
        )
        if raw.get("year") is None and raw.get("period") is None:
            self.error(path, "needs year (the last year of the achievement period) or period [from, to]")
        if year is not None and period is not None and year != period[1]:
            self.error(
                child(path, "year"), f"must equal the period's last year ({period[1]}) when both are given"
            )
        if len(self.problems) > before or code is None:
            return None
        first, last = period if period is not None else (year, year)
        assert first is not None and last is not None
        return Honour(code, last, first, decision, decided)

    def period(self, raw: object, path: Path) -> tuple[int, int] | None:
        if not isinstance(raw, list) or len(raw) != 2:
            self.error(path, "must be a list of two years [from, to]")
            return None
        first, last = self.year(raw[0], index(path, 0)), self.year(raw[1], index(path, 1))
        if first is None or last is None:
            return None
        if last < first:
            self.error(path, f"ends ({last}) before it starts ({first})")
            return None
        return first, last

    def initiatives(self, raw: object, path: Path) -> list[Initiative]:
        found = self.each(raw, path, self.initiative)
        seen: set[str] = set()
        for position, item in enumerate(found):
            # An initiative counts once (G8): the same id twice would let it count twice.
            if item.id in seen:
                self.error(index(path, position), f'the initiative "{item.id}" is listed more than once')
            seen.add(item.id)
        return found

    def initiative(self, raw: object, path: Path) -> Initiative | None:
        if not self.obj(raw, path, ("id", "scope", "year", "used_for"), ("id", "scope", "year")):
            return None
        assert isinstance(raw, dict)
        before = len(self.problems)
        ident = self.text(raw["id"], child(path, "id")) if "id" in raw else None
        scope = (
            self.choice(raw["scope"], child(path, "scope"), InitiativeScope, "scope")
            if "scope" in raw
            else None
        )
        year = self.year(raw["year"], child(path, "year")) if "year" in raw else None
        used = (
            self.code(raw["used_for"], child(path, "used_for")) if raw.get("used_for") is not None else None
        )
        if len(self.problems) > before or ident is None or scope is None or year is None:
            return None
        return Initiative(ident, scope, year, used)

    def discipline(self, raw: object, path: Path) -> Discipline | None:
        if not self.obj(raw, path, ("level", "from", "to"), ("level", "from", "to")):
            return None
        assert isinstance(raw, dict)
        level = (
            self.choice(raw["level"], child(path, "level"), DisciplineLevel, "level")
            if "level" in raw
            else None
        )
        start = self.day(raw["from"], child(path, "from")) if "from" in raw else None
        end = self.day(raw["to"], child(path, "to")) if "to" in raw else None
        if start and end and end < start:
            self.error(child(path, "to"), f"ends ({end.isoformat()}) before it starts ({start.isoformat()})")
            return None
        if level is None or start is None or end is None:
            return None
        return Discipline(level, start, end)

    def pending(self, raw: object, path: Path) -> Pending | None:
        if not self.obj(raw, path, ("kind", "since"), ("kind", "since")):
            return None
        assert isinstance(raw, dict)
        kind = self.choice(raw["kind"], child(path, "kind"), PendingKind, "kind") if "kind" in raw else None
        since = self.day(raw["since"], child(path, "since")) if "since" in raw else None
        return Pending(kind, since) if kind is not None and since is not None else None

    def members(self, raw: object, path: Path) -> Members | None:
        if not self.obj(raw, path, MEMBER_KEYS, MEMBER_KEYS):
            return None
        assert isinstance(raw, dict)
        counts = {key: self.integer(raw[key], child(path, key), 0) for key in MEMBER_KEYS if key in raw}
        total = counts.get("total")
        if total == 0:
            self.error(child(path, "total"), "must be at least 1")
        for key in MEMBER_KEYS[1:]:
            count = counts.get(key)
            if total and count is not None and count > total:
                self.error(child(path, key), f"must not exceed total ({total}), not {count}")
        values = [counts.get(key) for key in MEMBER_KEYS]
        if any(v is None for v in values) or not total or any(v > total for v in values if v is not None):
            return None
        return Members(*(v for v in values if v is not None))

    def lineage(self, raw: object, path: Path) -> LineageEvent | None:
        if not self.obj(raw, path, ("date", "predecessors"), ("date", "predecessors")):
            return None
        assert isinstance(raw, dict)
        day = self.day(raw["date"], child(path, "date")) if "date" in raw else None
        names: list[str] = []
        if "predecessors" in raw:
            where = child(path, "predecessors")
            names = self.each(raw["predecessors"], where, self.text)
            if isinstance(raw["predecessors"], list) and not raw["predecessors"]:
                self.error(where, "must name at least one predecessor")
        return LineageEvent(day, tuple(names)) if day is not None and names else None
