"""The eligibility engine's subject facts, read from the registry.

`subject_facts()` is the one adapter between the registry and the engine (docs/architecture.md, "The
boundary between the database and an engine"): it answers, for a list of people and organisations,
the dicts the contract's input names (/work/shared/contracts/eligibility.md, "Input"), which the
engine's own parser turns into its typed input. A constant number of queries, whatever the number
of subjects: about ten.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from thidua.awards.eligibility.codes import SubjectKind
from thidua.awards.models import AwardRecipient, Discipline, Initiative, PendingMatter, TaskRating
from thidua.org.models import Organisation, Person, UnitLineage

Facts = dict[str, Any]


def person_fact_id(pk: int) -> str:
    return f"person-{pk}"


def organisation_fact_id(pk: int) -> str:
    return f"organisation-{pk}"


def _honour(award: str, period_from: int, period_to: int, number: str, signed_on: Any) -> Facts:
    """One honour of the contract, from the decision's columns."""
    honour: Facts = {"code": award}
    # The contract: `year` is the last year of the achievement period; `period` stands for a
    # multi-year one.
    if period_from == period_to:
        honour["year"] = period_to
    else:
        honour["period"] = [period_from, period_to]
    honour["decision"] = number
    honour["decision_date"] = signed_on.isoformat()
    return honour


def _subject_lists(*, people: set[int], organisations: set[int], year: int) -> dict[tuple[str, int], Facts]:
    """ratings, honours and open matters, shared by both kinds of subject: three queries."""
    facts: dict[tuple[str, int], Facts] = defaultdict(lambda: {"ratings": {}, "honours": [], "pending": []})
    subject = Q(person_id__in=people) | Q(organisation_id__in=organisations)

    def key(row: Any) -> tuple[str, int]:
        if row.person_id is not None:
            return ("person", row.person_id)
        return ("organisation", row.organisation_id)

    # Ratings and honours are read as plain values, not model instances: a batch of 10,000 subjects
    # reads some 100,000 ratings and 50,000 honours, and building the instances cost most of the time.
    # Ratings after the year under consideration cannot count toward it (contract: chains end at `year`).
    ratings = TaskRating.objects.filter(subject, year__lte=year).order_by("year")
    for person_id, organisation_id, rated, rating in ratings.values_list(
        "person_id", "organisation_id", "year", "rating"
    ):
        who = ("person", person_id) if person_id is not None else ("organisation", organisation_id)
        facts[who]["ratings"][str(rated)] = rating
    recipients = AwardRecipient.objects.filter(subject).order_by(
        "decision__period_to_year", "decision__signed_on", "decision__number"
    )
    for (
        person_id,
        organisation_id,
        award,
        period_from,
        period_to,
        number,
        signed_on,
    ) in recipients.values_list(
        "person_id",
        "organisation_id",
        "decision__award",
        "decision__period_from_year",
        "decision__period_to_year",
        "decision__number",
        "decision__signed_on",
    ):
        who = ("person", person_id) if person_id is not None else ("organisation", organisation_id)
        facts[who]["honours"].append(_honour(award, period_from, period_to, number, signed_on))
    # Only the open ones: a closed matter no longer suspends anything (gate G3).
    for matter in PendingMatter.objects.filter(subject, closed_on__isnull=True).order_by("since", "id"):
        facts[key(matter)]["pending"].append({"kind": matter.kind, "since": matter.since.isoformat()})
    return facts


def subject_facts(
    *, persons: Sequence[Person] = (), organisations: Sequence[Organisation] = (), year: int
) -> list[Facts]:
    """One dict per subject, people first then organisations, each in the order given.

    Shape (the contract's subject, without `requested`, which the caller adds):
      {"id": "person-<pk>" | "organisation-<pk>", "kind": "individual" | "collective", "name": …,
       "year": year,
       "ratings": {"2024": "htxs", …}              (years up to `year`),
       "honours": [{"code", "year" | "period": [from, to], "decision", "decision_date"}, …],
       "pending": [{"kind", "since"}, …]            (open matters only),
      people also:
       "initiatives": [{"id": "SK-<pk>", "scope", "year", "used_for": code | None}, …],
       "discipline": [{"level", "from", "to"}, …],
      organisations also, when their unit was formed by a merger:
       "lineage": [{"date": "yyyy-mm-dd", "predecessors": [unit names]}, …]}
    Dates are ISO strings, as in the contract's JSON.

    `recruited_on` is left out: the registry does not know when a person was recruited. The position
    history begins when the person was entered (org.services.people.person_create dates it today by
    default), so its first day would tell the engine that long-serving staff were newly recruited;
    an absent `recruited_on` means "not newly recruited" in the contract.
    """
    person_ids = {p.pk for p in persons}
    organisation_ids = {o.pk for o in organisations}
    shared = _subject_lists(people=person_ids, organisations=organisation_ids, year=year)

    initiatives: dict[int, list[Facts]] = defaultdict(list)
    for initiative in (
        Initiative.objects.filter(person_id__in=person_ids)
        .select_related("used_for__decision")
        .order_by("recognised_on", "id")
    ):
        used = initiative.used_for
        initiatives[initiative.person_id].append(
            {
                "id": f"SK-{initiative.pk}",
                "scope": initiative.scope,
                "year": initiative.recognised_on.year,
                "used_for": used.decision.award if used is not None else None,
            }
        )
    discipline: dict[int, list[Facts]] = defaultdict(list)
    for measure in Discipline.objects.filter(person_id__in=person_ids).order_by("start", "id"):
        discipline[measure.person_id].append(
            {"level": measure.level, "from": measure.start.isoformat(), "to": measure.end.isoformat()}
        )

    lineage: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    unit_of = {o.pk: o.admin_unit_id for o in organisations if o.admin_unit_id is not None}
    links = (
        UnitLineage.objects.filter(successor_id__in=set(unit_of.values()))
        .select_related("predecessor")
        .order_by("effective_on", "predecessor__code")
    )
    by_unit: dict[int, list[UnitLineage]] = defaultdict(list)
    for link in links:
        by_unit[link.successor_id].append(link)
    for org_pk, unit_pk in unit_of.items():
        for link in by_unit.get(unit_pk, []):
            lineage[org_pk][link.effective_on.isoformat()].append(link.predecessor.name)

    result: list[Facts] = []
    for person in persons:
        lists = shared[("person", person.pk)]
        facts: Facts = {
            "id": person_fact_id(person.pk),
            "kind": SubjectKind.INDIVIDUAL.value,
            "name": person.full_name,
            "year": year,
            "ratings": lists["ratings"],
            "honours": lists["honours"],
            "initiatives": initiatives.get(person.pk, []),
            "discipline": discipline.get(person.pk, []),
            "pending": lists["pending"],
        }
        result.append(facts)
    for organisation in organisations:
        lists = shared[("organisation", organisation.pk)]
        facts = {
            "id": organisation_fact_id(organisation.pk),
            "kind": SubjectKind.COLLECTIVE.value,
            "name": organisation.name,
            "year": year,
            "ratings": lists["ratings"],
            "honours": lists["honours"],
            "pending": lists["pending"],
        }
        if organisation.pk in lineage:
            facts["lineage"] = [
                {"date": day, "predecessors": names} for day, names in lineage[organisation.pk].items()
            ]
        result.append(facts)
    return result
