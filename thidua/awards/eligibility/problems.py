"""Problems with JSON paths, shared by the input parser (parse.py) and the override checker (overrides.py).

Messages are in English with the JSON path of the offending value, like ``thidua score``'s:
``subjects[2].ratings["2024"]: unknown rating "xs" (expected one of: htxs, htt, ht, kht)``.
The admin words them for officers from the same (path, message) pairs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from enum import StrEnum
from typing import NamedTuple, TypeVar

__all__ = [
    "EligibilityInputError",
    "JsonPath",
    "Path",
    "Problem",
    "Problems",
    "child",
    "index",
]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
E = TypeVar("E", bound=StrEnum)


class Problem(NamedTuple):
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class EligibilityInputError(ValueError):
    """The input breaks the contract; ``problems`` lists every problem found, in document order."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


class JsonPath:
    """A path built only when a problem is reported: valid documents never pay for formatting it."""

    __slots__ = ("key", "parent")

    def __init__(self, parent: Path, key: str | int) -> None:
        self.parent = parent
        self.key = key

    def __str__(self) -> str:
        parent = str(self.parent)
        if isinstance(self.key, int):
            return f"{parent}[{self.key}]"
        if _IDENTIFIER.fullmatch(self.key):
            return f"{parent}.{self.key}" if parent else self.key
        return f"{parent}[{json.dumps(self.key, ensure_ascii=False)}]"


Path = str | JsonPath


def child(path: Path, key: str) -> JsonPath:
    """The path of ``key`` inside the object at ``path``: a.b, or a["2024"] for keys that are not names."""
    return JsonPath(path, key)


def index(path: Path, position: int) -> JsonPath:
    return JsonPath(path, position)


def kind_of(raw: object) -> str:
    if raw is None or isinstance(raw, bool):
        return json.dumps(raw)
    if isinstance(raw, dict):
        return "an object"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, str):
        return "a string"
    return "a number"


def show(raw: object) -> str:
    return json.dumps(raw, ensure_ascii=False)[:60] if isinstance(raw, str) else kind_of(raw)


class Problems:
    """Collects problems; each reader returns None (and records why) when the value is unusable."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: Path, message: str) -> None:
        self.problems.append(Problem(str(path) or "$", message))

    def obj(self, raw: object, path: Path, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> bool:
        if not isinstance(raw, dict):
            self.error(path, f"must be an object, not {kind_of(raw)}")
            return False
        for key in getattr(raw, "duplicates", ()):
            self.error(path, f"the key {json.dumps(key, ensure_ascii=False)} appears more than once")
        for key in required:
            if key not in raw:
                self.error(child(path, key), "required")
        for key in raw:
            if key not in allowed:
                self.error(child(path, key), f"unknown key (expected one of: {', '.join(allowed)})")
        return True

    def items(self, raw: object, path: Path) -> list[object]:
        if not isinstance(raw, list):
            self.error(path, f"must be a list, not {kind_of(raw)}")
            return []
        return raw

    def text(self, raw: object, path: Path) -> str | None:
        if not isinstance(raw, str):
            self.error(path, f"must be a string, not {kind_of(raw)}")
            return None
        if not raw.strip():
            self.error(path, "must not be empty")
            return None
        # Vietnamese text may arrive decomposed (NFD) from some systems; messages are NFC.
        return unicodedata.normalize("NFC", raw.strip())

    def flag(self, raw: object, path: Path) -> bool | None:
        if not isinstance(raw, bool):
            self.error(path, f"must be true or false, not {show(raw)}")
            return None
        return raw

    def integer(self, raw: object, path: Path, low: int, high: int | None = None) -> int | None:
        if not isinstance(raw, int) or isinstance(raw, bool):
            self.error(path, f"must be a whole number, not {show(raw)}")
            return None
        if raw < low or (high is not None and raw > high):
            bound = f"between {low} and {high}" if high is not None else f"at least {low}"
            self.error(path, f"must be {bound}, not {raw}")
            return None
        return raw

    def day(self, raw: object, path: Path) -> date | None:
        if not isinstance(raw, str) or not _DATE.fullmatch(raw):
            self.error(path, f'must be a date written YYYY-MM-DD, such as "2026-01-20", not {show(raw)}')
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.error(path, f"{show(raw)} is not a date in the calendar")
            return None

    def choice(self, raw: object, path: Path, choices: type[E], what: str) -> E | None:
        found = choices._value2member_map_.get(raw) if isinstance(raw, str) else None
        if found is not None:
            return found  # type: ignore[return-value]  # the map holds members of ``choices``
        expected = ", ".join(choice.value for choice in choices)
        self.error(path, f"unknown {what} {show(raw)} (expected one of: {expected})")
        return None
