"""Duplicates across units, levels and years, found when an item is entered: the registry's honours and
other open proposals, by civil-servant code, else folded name and birth date; and the query counts of
the checks, which do not grow with the number of items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.awards import proposal_builders as pb
from tests.awards.builders import decision
from tests.factories import OrganisationFactory, PersonFactory
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.awards.models import ProposalItem
from thidua.awards.selectors.proposals import items_duplicates, items_eligibility, proposal_items
from thidua.awards.services.proposals import proposal_item_add, proposal_withdraw

YEAR = pb.YEAR
BIRTH = dt.date(1980, 5, 6)


def _officer(organisation: Any, name: str) -> Any:
    return user_create(
        actor=None,
        username=name,
        password="pw-" + name,
        full_name=f"Cán Bộ {name}",
        organisation=organisation,
        roles=[RoleCode.MEMBER_OFFICER],
    )


def _add(actor: Any, organisation: Any, person: Any, award: str = pb.AWARD, **kw: Any) -> ProposalItem:
    proposal = pb.draft(actor, organisation)
    return proposal_item_add(actor=actor, proposal=proposal, person=person, award=award, year_from=YEAR, **kw)


@pytest.fixture
def third(world: Any) -> Any:
    return OrganisationFactory(name="Sở Giáo dục và Đào tạo", province=world.province)


def test_same_code_honoured_by_another_unit_in_the_registry(
    world: Any, personas: dict[str, Any], third: Any
) -> None:
    # The person's honour was recorded on a decision of another body (another level); a civil-servant
    # code belongs to one person (org.Person keeps it unique), so the code decides.
    decision(
        personas["province"],
        issuer=third,
        people=[world.other_person],
        period_from_year=YEAR,
        period_to_year=YEAR,
    )
    item = _add(personas["member"], world.other, world.other_person)
    (found,) = item.duplicates
    assert found["basis"] == "civil_servant_code" and found["kind"] == "registry" and not found["weak"]
    assert "15/QĐ-UBND của Sở Giáo dục và Đào tạo" in found["source"]


def test_different_codes_are_different_people(world: Any, personas: dict[str, Any], third: Any) -> None:
    other = PersonFactory(organisation=third, full_name="Trần Thị Khác", civil_servant_code="CS-99")
    other.date_of_birth = world.other_person.date_of_birth
    other.save()
    decision(
        personas["province"], issuer=world.office, people=[other], period_from_year=YEAR, period_to_year=YEAR
    )
    assert _add(personas["member"], world.other, world.other_person).duplicates == []


@pytest.mark.parametrize("spelling", ["Nguyễn Thị Lan", "NGUYEN THI  LAN", "nguyen thi lan"])
def test_folded_name_and_birth_date_with_and_without_diacritics(
    world: Any, personas: dict[str, Any], third: Any, spelling: str
) -> None:
    recorded = PersonFactory(organisation=third, full_name=spelling, date_of_birth=BIRTH)
    decision(
        personas["province"],
        issuer=world.office,
        people=[recorded],
        period_from_year=YEAR,
        period_to_year=YEAR,
    )
    lan = PersonFactory(organisation=world.other, full_name="Nguyễn Thị Lan", date_of_birth=BIRTH)
    (found,) = _add(personas["member"], world.other, lan).duplicates
    assert found["basis"] == "name_and_birth_date"


def test_same_name_other_birth_date_is_not_a_duplicate(
    world: Any, personas: dict[str, Any], third: Any
) -> None:
    recorded = PersonFactory(
        organisation=third, full_name="Nguyễn Thị Lan", date_of_birth=dt.date(1990, 1, 1)
    )
    decision(
        personas["province"],
        issuer=world.office,
        people=[recorded],
        period_from_year=YEAR,
        period_to_year=YEAR,
    )
    lan = PersonFactory(organisation=world.other, full_name="Nguyễn Thị Lan", date_of_birth=BIRTH)
    assert _add(personas["member"], world.other, lan).duplicates == []


def test_another_award_or_year_is_not_a_duplicate(world: Any, personas: dict[str, Any], third: Any) -> None:
    twin = PersonFactory(organisation=third, full_name="Trần Thị Khác", civil_servant_code="cs-2")
    decision(
        personas["province"],
        issuer=world.office,
        people=[twin],
        award="lao_dong_tien_tien",
        period_from_year=YEAR,
        period_to_year=YEAR,
    )
    decision(
        personas["province"],
        issuer=world.office,
        number="16/QĐ-UBND",
        people=[twin],
        period_from_year=YEAR - 2,
        period_to_year=YEAR - 2,
        signed_on=dt.date(YEAR - 1, 1, 5),
    )
    assert _add(personas["member"], world.other, world.other_person).duplicates == []


def test_another_units_open_proposal(world: Any, personas: dict[str, Any], third: Any) -> None:
    """The level above proposes the commune's person too (another unit, another level): each sees the
    other's proposal."""
    world.other.parent = third
    world.other.save()
    sở = _officer(third, "so")
    first = _add(sở, third, world.other_person)
    assert first.duplicates == []
    second = _add(personas["member"], world.other, world.other_person)
    (found,) = second.duplicates
    assert found["kind"] == "proposal" and found["basis"] == "civil_servant_code"
    assert "Sở Giáo dục và Đào tạo" in found["source"]
    # A withdrawn proposal no longer counts.
    proposal_withdraw(actor=sở, proposal=first.proposal, reason="Trùng với đề nghị của xã")
    assert items_duplicates(proposal_items(proposal=second.proposal))[second.pk] == []


def test_weak_match_on_name_in_the_same_unit_only(world: Any, personas: dict[str, Any]) -> None:
    nameless = PersonFactory(organisation=world.other, full_name="Hoàng Văn Em", date_of_birth=None)
    same = PersonFactory(organisation=world.other, full_name="Hoang Van Em", date_of_birth=None)
    decision(
        personas["province"],
        issuer=world.office,
        people=[nameless],
        period_from_year=YEAR,
        period_to_year=YEAR,
    )
    (found,) = _add(personas["member"], world.other, same).duplicates
    assert found["weak"] is True and found["basis"] == "name_in_same_unit"


def test_collective_by_organisation(world: Any, personas: dict[str, Any]) -> None:
    decision(
        personas["province"],
        issuer=world.office,
        award="tap_the_lao_dong_tien_tien",
        organisations=[world.other],
        period_from_year=YEAR,
        period_to_year=YEAR,
    )
    proposal = pb.draft(personas["member"], world.other)
    item = proposal_item_add(
        actor=personas["member"],
        proposal=proposal,
        organisation=world.other,
        award="tap_the_lao_dong_tien_tien",
        year_from=YEAR,
    )
    (found,) = item.duplicates
    assert found["basis"] == "organisation"


# --- Queries do not grow with the number of items --------------------------------------------------
def _items(world: Any, personas: dict[str, Any], count: int) -> list[ProposalItem]:
    proposal = pb.draft(personas["member"], world.other)
    people = [PersonFactory(organisation=world.other, civil_servant_code=f"Q-{n}") for n in range(count)]
    ProposalItem.objects.bulk_create(
        ProposalItem(proposal=proposal, person=p, award=pb.AWARD, year_from=YEAR, year_to=YEAR)
        for p in people
    )
    for person in people[:3]:
        decision(
            personas["province"],
            issuer=world.office,
            number=f"Q{person.pk}",
            people=[person],
            period_from_year=YEAR - 1,
            period_to_year=YEAR - 1,
            signed_on=dt.date(YEAR, 1, 5),
        )
    return proposal_items(proposal=proposal)


@pytest.mark.parametrize("count", [3, 30])
def test_items_eligibility_queries_do_not_grow(
    world: Any, personas: dict[str, Any], django_assert_max_num_queries: Any, count: int
) -> None:
    items = _items(world, personas, count)
    with django_assert_max_num_queries(10):
        results = items_eligibility(items, as_of=dt.date(YEAR + 1, 1, 10), received_on=None)
    assert len(results) == count and all(r.reasons for r in results)


@pytest.mark.parametrize("count", [3, 30])
def test_duplicates_queries_do_not_grow(
    world: Any, personas: dict[str, Any], django_assert_max_num_queries: Any, count: int
) -> None:
    items = _items(world, personas, count)
    # The people's registry (codes, birth dates, units), then the registry and the open proposals.
    with django_assert_max_num_queries(5):
        found = items_duplicates(items)
    assert len(found) == count
