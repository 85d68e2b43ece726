"""Duplicate proposals: the same person or collective, the same form, an overlapping period (pure).

Issue #12: a proposal item is a duplicate of another when it names the same subject for the same award
over an overlapping achievement period, whichever unit, level or year proposed or recorded the other
(a unit and its cụm/khối, or the commune and the Sở, proposing the same person; a registry row of a
decision already signed). The officer sees them before submitting, the province at appraisal.

Who is "the same person", strongest first:
1. Both have a civil-servant code (mã số cán bộ, công chức, viên chức): the codes decide, alone. Two
   different codes are two people even with the same name and birth date; the same code is one
   person even when the name was typed differently.
2. Otherwise, both have a birth date: the folded full name (fold_name) and the birth date must both
   be equal. The same name with another birth date is another person.
3. Otherwise (a birth date is missing on one side, and no pair of codes): the name alone cannot tell
   two people apart (a province has many a "Nguyễn Văn Hùng"), so it is reported only as a weak
   match (`MatchBasis.NAME_IN_SAME_UNIT`, `Duplicate.weak`) and only when both rows also name the
   same unit (the same organisation id, else the same folded unit name). Such a match is for the
   officer to check, never a refusal. A name alone in different units matches nothing.
A collective is matched by its organisation id; a collective row without one matches nothing (its
name after a merger is no identity: legal-rules §6.3). A person never matches a collective.

"The same form" is the same award code: a person proposed for Chiến sĩ thi đua cơ sở and for Lao động
tiên tiến in the same year is not a duplicate. The periods overlap when they share a year
(`year_from`..`year_to`, both included).

Size: a batch of 10,000 items is checked against about a million registry rows, so the existing rows
are indexed once (DuplicateIndex.from_candidates) and each item is looked up in dict buckets keyed by
(code, award) and by (folded name, award): O(1) per item on average, O(n + m) in all. The index can
be kept and reused for several batches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from thidua.awards.eligibility.codes import AwardCode, SubjectKind
from thidua.core.formatting import fold_name

__all__ = [
    "Candidate",
    "Duplicate",
    "DuplicateIndex",
    "MatchBasis",
    "find_duplicates",
    "fold_code",
    "fold_name",
    "match_basis",
]


def fold_code(code: str | None) -> str | None:
    """A civil-servant code as a key (spaces and case ignored), or None when there is none."""
    if code is None:
        return None
    folded = "".join(code.split()).casefold()
    return folded or None


class MatchBasis(StrEnum):
    CIVIL_SERVANT_CODE = "civil_servant_code"
    NAME_AND_BIRTH_DATE = "name_and_birth_date"
    NAME_IN_SAME_UNIT = "name_in_same_unit"  # weak: a birth date is missing on one side
    ORGANISATION = "organisation"  # collectives


@dataclass(frozen=True)
class Candidate:
    """A proposal item or a registry row, as far as duplicates are concerned.

    `ref` is the caller's key (e.g. "item:42", "record:9001"); `unit_name` and `source` (the level or
    the list it comes from: "Đề nghị của UBND xã Long Hữu", "Sổ khen thưởng tỉnh") are for wording the
    duplicate; `organisation_id` is the collective itself, or, for a person, their unit (used only for
    the weak match).
    """

    ref: str
    subject: SubjectKind
    award: AwardCode
    year_from: int
    year_to: int
    person_code: str | None = None
    full_name: str = ""
    birth_date: date | None = None
    organisation_id: int | None = None
    unit_name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        if self.year_from > self.year_to:
            raise ValueError(f"{self.ref}: the period {self.year_from}–{self.year_to} ends before it starts")

    # Folded once per row: the index and every comparison use them (a million rows are compared often).
    @cached_property
    def name_key(self) -> str:
        return fold_name(self.full_name)

    @cached_property
    def code_key(self) -> str | None:
        return fold_code(self.person_code)


@dataclass(frozen=True)
class Duplicate:
    """`item` (the one being checked) and `other` name the same subject for the same award over the
    years `year_from`..`year_to` (the overlap of their periods)."""

    item: Candidate
    other: Candidate
    basis: MatchBasis
    year_from: int
    year_to: int

    @property
    def item_ref(self) -> str:
        return self.item.ref

    @property
    def other_ref(self) -> str:
        return self.other.ref

    @property
    def award(self) -> AwardCode:
        return self.item.award

    @property
    def weak(self) -> bool:
        """A match on the name alone: for the officer to check, not a refusal."""
        return self.basis == MatchBasis.NAME_IN_SAME_UNIT


def _overlap(a: Candidate, b: Candidate) -> tuple[int, int] | None:
    start, end = max(a.year_from, b.year_from), min(a.year_to, b.year_to)
    return (start, end) if start <= end else None


def _same_unit(a: Candidate, b: Candidate) -> bool:
    if a.organisation_id is not None and b.organisation_id is not None:
        return a.organisation_id == b.organisation_id
    unit = fold_name(a.unit_name)
    return bool(unit) and unit == fold_name(b.unit_name)


def match_basis(a: Candidate, b: Candidate) -> MatchBasis | None:
    """Why `a` and `b` are the same subject for the same award over an overlapping period, or None.

    Symmetric: match_basis(a, b) == match_basis(b, a). Two rows with the same ref are one row, not a
    duplicate of itself."""
    if a.ref == b.ref or a.subject != b.subject or a.award != b.award or _overlap(a, b) is None:
        return None
    if a.subject == SubjectKind.COLLECTIVE:
        same = a.organisation_id is not None and a.organisation_id == b.organisation_id
        return MatchBasis.ORGANISATION if same else None
    if a.code_key is not None and b.code_key is not None:
        return MatchBasis.CIVIL_SERVANT_CODE if a.code_key == b.code_key else None
    if not a.name_key or a.name_key != b.name_key:
        return None
    if a.birth_date is not None and b.birth_date is not None:
        return MatchBasis.NAME_AND_BIRTH_DATE if a.birth_date == b.birth_date else None
    return MatchBasis.NAME_IN_SAME_UNIT if _same_unit(a, b) else None


def _duplicate(item: Candidate, other: Candidate) -> Duplicate | None:
    basis = match_basis(item, other)
    if basis is None:
        return None
    overlap = _overlap(item, other)
    assert overlap is not None  # match_basis checked it
    return Duplicate(item=item, other=other, basis=basis, year_from=overlap[0], year_to=overlap[1])


class DuplicateIndex:
    """The existing rows, indexed once; `matches(item)` looks one item up.

    Every candidate goes into at most two buckets: (organisation, award) for a collective; (code,
    award) when it has a code, and (folded name, award) when it has a name, for a person (a row with a
    code is also found by name, since the other side may have none)."""

    def __init__(self) -> None:
        self._rows: dict[str, Candidate] = {}
        self._by_code: defaultdict[tuple[str, AwardCode], list[str]] = defaultdict(list)
        self._by_name: defaultdict[tuple[str, AwardCode], list[str]] = defaultdict(list)
        self._by_org: defaultdict[tuple[int, AwardCode], list[str]] = defaultdict(list)

    @classmethod
    def from_candidates(cls, candidates: Iterable[Candidate]) -> DuplicateIndex:
        index = cls()
        for candidate in candidates:
            index.add(candidate)
        return index

    def __len__(self) -> int:
        return len(self._rows)

    def add(self, candidate: Candidate) -> None:
        """Index one more row; a ref already indexed is a ValueError (one row, one ref)."""
        if candidate.ref in self._rows:
            raise ValueError(f"{candidate.ref} is indexed already")
        self._rows[candidate.ref] = candidate
        if candidate.subject == SubjectKind.COLLECTIVE:
            if candidate.organisation_id is not None:
                self._by_org[(candidate.organisation_id, candidate.award)].append(candidate.ref)
            return
        if candidate.code_key is not None:
            self._by_code[(candidate.code_key, candidate.award)].append(candidate.ref)
        if candidate.name_key:
            self._by_name[(candidate.name_key, candidate.award)].append(candidate.ref)

    def matches(self, item: Candidate) -> list[Duplicate]:
        """Every indexed row that duplicates `item`, strongest basis first, then by ref."""
        refs: list[str] = []
        if item.subject == SubjectKind.COLLECTIVE:
            if item.organisation_id is not None:
                refs = self._by_org.get((item.organisation_id, item.award), [])
        else:
            if item.code_key is not None:
                refs = refs + self._by_code.get((item.code_key, item.award), [])
            if item.name_key:
                refs = refs + self._by_name.get((item.name_key, item.award), [])
        found: dict[str, Duplicate] = {}
        for ref in refs:
            if ref in found:
                continue
            duplicate = _duplicate(item, self._rows[ref])
            if duplicate is not None:
                found[ref] = duplicate
        return sorted(found.values(), key=lambda d: (_STRENGTH[d.basis], d.other_ref))


_STRENGTH = {
    MatchBasis.CIVIL_SERVANT_CODE: 0,
    MatchBasis.ORGANISATION: 0,
    MatchBasis.NAME_AND_BIRTH_DATE: 1,
    MatchBasis.NAME_IN_SAME_UNIT: 2,
}


def find_duplicates(
    new_items: Iterable[Candidate], existing: Iterable[Candidate] | DuplicateIndex = ()
) -> list[Duplicate]:
    """The duplicates of the new items: against the existing rows (a DuplicateIndex, or rows to index)
    and among the new items themselves (each pair once, the later item as `item`).

    In the order of `new_items`; for one item, strongest basis first."""
    index = existing if isinstance(existing, DuplicateIndex) else DuplicateIndex.from_candidates(existing)
    batch = DuplicateIndex()
    found: list[Duplicate] = []
    for item in new_items:
        found += index.matches(item)
        found += batch.matches(item)
        batch.add(item)
    return found
