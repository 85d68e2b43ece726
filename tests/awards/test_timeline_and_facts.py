"""The award history of a person and of a merged unit, and the eligibility engine's facts read from
the registry: their content, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.awards.builders import decision
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory
from thidua.awards.selectors.facts import subject_facts
from thidua.awards.selectors.timeline import honours_by_year, organisation_timeline, person_timeline
from thidua.awards.services import records
from thidua.org.models import UnitLineage

pytestmark = pytest.mark.django_db


@dataclass
class Merger:
    old_a: Any
    old_b: Any
    new: Any


@pytest.fixture
def merger(world: Any, personas: dict[str, Any]) -> Merger:
    """Xã An Phú and Xã Tân Lập merged into Xã Mới on 01/07/2025; each had its people's committee."""
    province = world.province
    unit_a = CommuneFactory(
        name="Xã An Phú", parent=province, valid_from=None, valid_until=dt.date(2025, 6, 30)
    )
    unit_b = CommuneFactory(
        name="Xã Tân Lập", parent=province, valid_from=None, valid_until=dt.date(2025, 6, 30)
    )
    unit_new = CommuneFactory(name="Xã Mới", parent=province, valid_from=dt.date(2025, 7, 1))
    for old in (unit_a, unit_b):
        UnitLineage.objects.create(predecessor=old, successor=unit_new, effective_on=dt.date(2025, 7, 1))
    old_a = OrganisationFactory(
        name="Ủy ban nhân dân xã An Phú", admin_unit=unit_a, dissolved_on=dt.date(2025, 6, 30)
    )
    old_b = OrganisationFactory(
        name="Ủy ban nhân dân xã Tân Lập", admin_unit=unit_b, dissolved_on=dt.date(2025, 6, 30)
    )
    new = OrganisationFactory(name="Ủy ban nhân dân xã Mới", admin_unit=unit_new)
    # An agency that sits in the old commune is not its predecessor.
    OrganisationFactory(name="Trạm Y tế xã An Phú", kind="public_service", admin_unit=unit_a)
    actor = personas["province"]
    decision(
        actor, issuer=world.office, number="1/QĐ", award="tap_the_lao_dong_tien_tien", organisations=[old_a]
    )
    decision(
        actor,
        issuer=world.office,
        number="2/QĐ",
        award="co_thi_dua_cap_tinh",
        organisations=[old_b],
        period_from_year=2022,
        period_to_year=2023,
        signed_on=dt.date(2024, 1, 15),
    )
    decision(
        actor,
        issuer=world.office,
        number="3/QĐ",
        award="tap_the_lao_dong_tien_tien",
        organisations=[new],
        period_from_year=2025,
        period_to_year=2025,
        signed_on=dt.date(2025, 12, 20),
    )
    records.rating_set(actor=actor, organisation=new, year=2025, rating="htxs")
    return Merger(old_a=old_a, old_b=old_b, new=new)


def test_a_merged_unit_shows_its_predecessors_honours_marked(merger: Merger) -> None:
    timeline = organisation_timeline(organisation=merger.new)
    assert timeline.predecessors == ("Ủy ban nhân dân xã An Phú", "Ủy ban nhân dân xã Tân Lập")
    by_year = honours_by_year(timeline)
    assert [(h.number, h.predecessor) for h in by_year[2025]] == [("3/QĐ", None)]
    assert [(h.number, h.predecessor) for h in by_year[2024]] == [("1/QĐ", "Ủy ban nhân dân xã An Phú")]
    assert [(h.number, h.period_text, h.predecessor) for h in by_year[2023]] == [
        ("2/QĐ", "2022–2023", "Ủy ban nhân dân xã Tân Lập")
    ]
    assert timeline.years[0].rating is not None and timeline.years[0].rating.rating == "htxs"
    # The old unit's own history has no successor's honours in it.
    assert [h.number for y in organisation_timeline(organisation=merger.old_a).years for h in y.honours] == [
        "1/QĐ"
    ]


def test_the_unit_timeline_screen_names_the_predecessor(merger: Merger, personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["council"])
    html = client.get(f"/admin/awards/timeline/organisation/{merger.new.pk}/").content.decode()
    assert "(đơn vị tiền thân: Ủy ban nhân dân xã Tân Lập)" in html
    assert "Quyết định số 2/QĐ ngày 15/01/2024" in html and "thành tích 2022–2023" in html
    assert "Đơn vị được hình thành từ: Ủy ban nhân dân xã An Phú; Ủy ban nhân dân xã Tân Lập" in html


def _person_history(world: Any, personas: dict[str, Any], person: Any, years: range) -> None:
    actor = personas["province"]
    for year in years:
        made = decision(
            actor,
            issuer=world.office,
            number=f"{year}-{person.pk}/QĐ",
            period_from_year=year,
            period_to_year=year,
            signed_on=dt.date(year + 1, 1, 10),
            people=[person],
        )
        records.rating_set(actor=actor, person=person, year=year, rating="htxs")
        records.initiative_create(
            actor=actor,
            person=person,
            title=f"Sáng kiến {year}",
            scope="co_so",
            recognised_on=dt.date(year, 6, 1),
            used_for=made.recipients.get(),
        )
        records.discipline_create(
            actor=actor,
            person=person,
            level="khien_trach",
            start=dt.date(year, 2, 1),
            end=dt.date(year, 3, 1),
        )
        records.pending_open(actor=actor, person=person, kind="complaint", since=dt.date(year, 4, 1))


def test_a_persons_timeline_by_year(world: Any, personas: dict[str, Any]) -> None:
    _person_history(world, personas, world.other_person, range(2023, 2025))
    timeline = person_timeline(person=world.other_person)
    assert [y.year for y in timeline.years] == [2024, 2023]
    year = timeline.years[0]
    assert year.rating is not None and year.rating.label == "Hoàn thành xuất sắc nhiệm vụ"
    assert [h.award_label for h in year.honours] == ["Chiến sĩ thi đua cơ sở"]
    assert (
        year.initiatives[0].used_for
        == f"Chiến sĩ thi đua cơ sở (Quyết định số 2024-{world.other_person.pk}/QĐ ngày 10/01/2025)"
    )
    assert [d.label for d in year.discipline] == ["Khiển trách"]
    assert len(timeline.open_pending) == 2


@pytest.mark.parametrize("years", [range(2020, 2022), range(2016, 2025)])
def test_timelines_take_the_same_queries_whatever_the_rows(
    world: Any, personas: dict[str, Any], merger: Merger, django_assert_max_num_queries: Any, years: range
) -> None:
    _person_history(world, personas, world.other_person, years)
    with django_assert_max_num_queries(5):
        person_timeline(person=world.other_person)
    # Lineage: one query per step (here one step, and the empty step that ends the walk), then three.
    with django_assert_max_num_queries(6):
        organisation_timeline(organisation=merger.new)


def test_subject_facts_in_the_contracts_shape(world: Any, personas: dict[str, Any], merger: Merger) -> None:
    _person_history(world, personas, world.other_person, range(2023, 2025))
    records.rating_set(actor=personas["province"], person=world.other_person, year=2026, rating="ht")
    matter = world.other_person.pending_matters.order_by("since").first()
    records.pending_close(actor=personas["province"], matter=matter, closed_on=dt.date(2025, 1, 1))
    facts = subject_facts(
        persons=[world.other_person, world.home_person], organisations=[merger.new, merger.old_a], year=2025
    )
    person, empty, collective, old = facts
    pk = world.other_person.pk
    assert person == {
        "id": f"person-{pk}",
        "kind": "individual",
        "name": "Trần Thị Khác",
        "year": 2025,
        # 2026 is after the year under consideration.
        "ratings": {"2023": "htxs", "2024": "htxs"},
        "honours": [
            {
                "code": "chien_si_thi_dua_co_so",
                "year": 2023,
                "decision": f"2023-{pk}/QĐ",
                "decision_date": "2024-01-10",
            },
            {
                "code": "chien_si_thi_dua_co_so",
                "year": 2024,
                "decision": f"2024-{pk}/QĐ",
                "decision_date": "2025-01-10",
            },
        ],
        "initiatives": [
            {
                "id": f"SK-{i.pk}",
                "scope": "co_so",
                "year": i.recognised_on.year,
                "used_for": "chien_si_thi_dua_co_so",
            }
            for i in world.other_person.initiatives.order_by("recognised_on")
        ],
        "discipline": [
            {"level": "khien_trach", "from": "2023-02-01", "to": "2023-03-01"},
            {"level": "khien_trach", "from": "2024-02-01", "to": "2024-03-01"},
        ],
        # The 2023 matter was closed; only the open one suspends.
        "pending": [{"kind": "complaint", "since": "2024-04-01"}],
    }
    assert (
        empty["ratings"] == {}
        and empty["honours"] == []
        and empty["initiatives"] == []
        and "recruited_on" not in empty
    )
    assert collective["kind"] == "collective" and collective["ratings"] == {"2025": "htxs"}
    assert collective["honours"] == [
        {
            "code": "tap_the_lao_dong_tien_tien",
            "year": 2025,
            "decision": "3/QĐ",
            "decision_date": "2025-12-20",
        }
    ]
    assert collective["lineage"] == [{"date": "2025-07-01", "predecessors": ["Xã An Phú", "Xã Tân Lập"]}]
    assert "lineage" not in old and old["honours"][0]["decision"] == "1/QĐ"
    assert "initiatives" not in collective


def test_subject_facts_take_the_same_queries_for_many_subjects(
    world: Any, personas: dict[str, Any], merger: Merger, django_assert_max_num_queries: Any
) -> None:
    people = [PersonFactory(organisation=world.other) for _ in range(6)]
    for person in people:
        _person_history(world, personas, person, range(2022, 2025))
    organisations = [merger.new, merger.old_a, merger.old_b, world.home, world.other]
    with django_assert_max_num_queries(6):
        facts = subject_facts(persons=people, organisations=organisations, year=2025)
    assert len(facts) == 11 and all(len(f["honours"]) == 3 for f in facts[:6])


def test_subject_facts_read_ratings_and_honours_as_values(
    world: Any, personas: dict[str, Any], merger: Merger
) -> None:
    """The registry's ratings and honours are read as plain values, not model instances (a batch of
    10,000 items reads some 150,000 rows: bench/bench_proposals.py), with the same facts: a
    multi-year achievement period stays a `period`."""
    from django.db.models.signals import post_init

    from thidua.awards.models import AwardDecision, AwardRecipient, TaskRating

    _person_history(world, personas, world.other_person, range(2023, 2025))
    # The initiatives' honours are still instances (a few per person, select_related).
    used = world.other_person.initiatives.filter(used_for__isnull=False).count()
    built: list[type] = []

    def count(sender: type, **kwargs: Any) -> None:
        built.append(sender)

    for model in (TaskRating, AwardRecipient, AwardDecision):
        post_init.connect(count, sender=model)
    try:
        person, old_b = subject_facts(persons=[world.other_person], organisations=[merger.old_b], year=2025)
    finally:
        for model in (TaskRating, AwardRecipient, AwardDecision):
            post_init.disconnect(count, sender=model)
    assert TaskRating not in built
    assert built.count(AwardRecipient) == built.count(AwardDecision) == used
    assert person["ratings"] == {"2023": "htxs", "2024": "htxs"} and len(person["honours"]) == 2
    assert old_b["honours"] == [
        {
            "code": "co_thi_dua_cap_tinh",
            "period": [2022, 2023],
            "decision": "2/QĐ",
            "decision_date": "2024-01-15",
        }
    ]
