"""The award history (quá trình khen thưởng) of a person or of a collective, year by year.

A collective formed by a merger also shows the honours of the units it was formed from, each marked
with the predecessor's name: legal-rules §6.3 keeps history per legal entity and leaves open whether
chains carry over, so the officer sees the predecessors' honours beside, never inside, the unit's own.
A few queries whatever the number of rows (tests/awards/test_timeline.py counts them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from thidua.awards.eligibility.codes import SubjectKind
from thidua.awards.models import AwardRecipient, Discipline, Initiative, PendingMatter, TaskRating
from thidua.org.models import Organisation, Person
from thidua.org.selectors.units import unit_predecessors


@dataclass(frozen=True)
class HonourRow:
    decision_id: int
    number: str
    signed_on: dt.date
    issuer: str
    award: str
    award_label: str
    period_from: int
    period_to: int
    # The predecessor unit's name when the honour went to a unit this one was formed from.
    predecessor: str | None = None

    @property
    def period_text(self) -> str:
        return (
            str(self.period_to)
            if self.period_from == self.period_to
            else f"{self.period_from}–{self.period_to}"
        )


@dataclass(frozen=True)
class RatingRow:
    year: int
    rating: str
    label: str


@dataclass(frozen=True)
class InitiativeRow:
    id: int
    title: str
    scope: str
    scope_label: str
    recognised_on: dt.date
    recognised_by: str
    # The honour it already supported, in words, or None.
    used_for: str | None


@dataclass(frozen=True)
class DisciplineRow:
    level: str
    label: str
    start: dt.date
    end: dt.date
    decision: str


@dataclass(frozen=True)
class PendingRow:
    kind: str
    label: str
    since: dt.date
    closed_on: dt.date | None
    note: str


@dataclass
class TimelineYear:
    year: int
    rating: RatingRow | None = None
    honours: list[HonourRow] = field(default_factory=list)
    initiatives: list[InitiativeRow] = field(default_factory=list)
    discipline: list[DisciplineRow] = field(default_factory=list)
    pending: list[PendingRow] = field(default_factory=list)


@dataclass(frozen=True)
class Timeline:
    name: str
    kind: SubjectKind
    # Newest year first.
    years: tuple[TimelineYear, ...]
    # Names of the units this one was formed from (collectives), oldest lineage last.
    predecessors: tuple[str, ...] = ()

    @property
    def open_pending(self) -> list[PendingRow]:
        return [row for year in self.years for row in year.pending if row.closed_on is None]


def _honour(recipient: AwardRecipient, predecessor: str | None = None) -> HonourRow:
    decision = recipient.decision
    return HonourRow(
        decision_id=decision.pk,
        number=decision.number,
        signed_on=decision.signed_on,
        issuer=str(decision.issuer),
        award=decision.award,
        award_label=str(decision.get_award_display()),
        period_from=decision.period_from_year,
        period_to=decision.period_to_year,
        predecessor=predecessor,
    )


def _pending(matter: PendingMatter) -> PendingRow:
    return PendingRow(
        kind=matter.kind,
        label=str(matter.get_kind_display()),
        since=matter.since,
        closed_on=matter.closed_on,
        note=matter.note,
    )


def _used_for_text(recipient: AwardRecipient | None) -> str | None:
    if recipient is None:
        return None
    decision = recipient.decision
    return f"{decision.get_award_display()} ({decision})"


class _Years:
    def __init__(self) -> None:
        self.by_year: dict[int, TimelineYear] = {}

    def __getitem__(self, year: int) -> TimelineYear:
        if year not in self.by_year:
            self.by_year[year] = TimelineYear(year=year)
        return self.by_year[year]

    def ordered(self) -> tuple[TimelineYear, ...]:
        return tuple(self.by_year[year] for year in sorted(self.by_year, reverse=True))


def _add_common(
    years: _Years,
    *,
    honours: Iterable[HonourRow],
    ratings: Iterable[TaskRating],
    pending: Iterable[PendingMatter],
) -> None:
    for honour in honours:
        years[honour.period_to].honours.append(honour)
    for rating in ratings:
        years[rating.year].rating = RatingRow(rating.year, rating.rating, str(rating.get_rating_display()))
    for matter in pending:
        years[matter.since.year].pending.append(_pending(matter))


def _recipients() -> QuerySet[AwardRecipient]:
    return AwardRecipient.objects.select_related("decision__issuer").order_by(
        "-decision__period_to_year", "-decision__signed_on", "decision__number"
    )


def person_timeline(*, person: Person) -> Timeline:
    """The person's honours (by the last year of their achievement period), ratings, initiatives
    (by the year recognised), discipline and open matters (by the year they began). Five queries."""
    years = _Years()
    honours = [_honour(r) for r in _recipients().filter(person=person)]
    _add_common(
        years,
        honours=honours,
        ratings=TaskRating.objects.filter(person=person),
        pending=PendingMatter.objects.filter(person=person).order_by("since", "id"),
    )
    initiatives = Initiative.objects.filter(person=person).select_related("used_for__decision__issuer")
    for initiative in initiatives.order_by("recognised_on", "id"):
        years[initiative.recognised_on.year].initiatives.append(
            InitiativeRow(
                id=initiative.pk,
                title=initiative.title,
                scope=initiative.scope,
                scope_label=str(initiative.get_scope_display()),
                recognised_on=initiative.recognised_on,
                recognised_by=initiative.recognised_by,
                used_for=_used_for_text(initiative.used_for),
            )
        )
    for discipline in Discipline.objects.filter(person=person).order_by("start", "id"):
        years[discipline.start.year].discipline.append(
            DisciplineRow(
                level=discipline.level,
                label=str(discipline.get_level_display()),
                start=discipline.start,
                end=discipline.end,
                decision=discipline.decision,
            )
        )
    return Timeline(name=person.full_name, kind=SubjectKind.INDIVIDUAL, years=years.ordered())


def predecessor_organisations(*, organisation: Organisation) -> list[Organisation]:
    """The people's committees of the units this organisation's unit was formed from, at any depth.

    Only a people's committee stands for its administrative unit (Organisation.admin_unit is the
    unit it governs; for an agency it is only where the office is), and only units of the same
    level: a district abolished in 2025 went to many communes, none of which is its successor as a
    legal entity. One query per lineage step, plus one.
    """
    unit = organisation.admin_unit
    if unit is None or organisation.kind != Organisation.Kind.LOCAL_GOVERNMENT:
        return []
    units = unit_predecessors(unit=unit, transitive=True, level=unit.level)
    if not units:
        return []
    return list(
        Organisation.objects.filter(admin_unit__in=units, kind=Organisation.Kind.LOCAL_GOVERNMENT).order_by(
            "name", "pk"
        )
    )


def organisation_timeline(*, organisation: Organisation) -> Timeline:
    """The collective's honours, ratings and open matters, with its predecessors' honours marked."""
    years = _Years()
    predecessors = predecessor_organisations(organisation=organisation)
    names = {p.pk: p.name for p in predecessors}
    recipients = _recipients().filter(organisation_id__in=[organisation.pk, *names])
    honours = [_honour(r, names.get(r.organisation_id or 0)) for r in recipients]
    _add_common(
        years,
        honours=honours,
        ratings=TaskRating.objects.filter(organisation=organisation),
        pending=PendingMatter.objects.filter(organisation=organisation).order_by("since", "id"),
    )
    return Timeline(
        name=organisation.name,
        kind=SubjectKind.COLLECTIVE,
        years=years.ordered(),
        predecessors=tuple(p.name for p in predecessors),
    )


def honours_by_year(timeline: Timeline) -> dict[int, list[HonourRow]]:
    """The honours of each year, for exports and tests."""
    found: dict[int, list[HonourRow]] = defaultdict(list)
    for year in timeline.years:
        found[year.year].extend(year.honours)
    return dict(found)
