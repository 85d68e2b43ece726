"""The people and organisation choosers of the awards forms: a name typed without diacritics or a
civil-servant code finds the person; each form's chooser lists only whom that form accepts, for the
signed-in officer; an id outside it is neither served by the modal nor accepted by the form."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.awards.proposal_builders import draft
from tests.factories import OrganisationFactory, PersonFactory
from thidua.awards.models import ProposalItem, TaskRating
from thidua.org.models import Person

pytestmark = pytest.mark.django_db
PEOPLE = "/admin/awards/choosers/people/"
ORGANISATIONS = "/admin/awards/choosers/organisations/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _listed(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _chosen(response: Any) -> Any:
    assert response.status_code == 200
    return json.loads(response.content)["result"]


def test_person_keeps_its_name_folded() -> None:
    person = PersonFactory(full_name="Đặng Thị Ngọc Ánh")
    assert person.name_folded == "dang thi ngoc anh"
    # A change saved with update_fields carries the folded name along.
    person.full_name = "Nguyễn  Thị ĐÀO"
    person.save(update_fields=["full_name"])
    assert Person.objects.get(pk=person.pk).name_folded == "nguyen thi dao"


@pytest.mark.parametrize(
    "query", ["tran thi khac", "TRAN THI", "Trần Thị Khác", "thi khac", "cs-2", "CS-2", " CS-2 "]
)
def test_a_name_without_diacritics_or_a_code_finds_the_person(
    world: Any, personas: dict[str, Any], query: str
) -> None:
    html = _listed(_client(personas["member"]).get(PEOPLE + "results/", {"for": "records", "q": query}))
    assert "Trần Thị Khác" in html


def test_namesakes_are_told_apart_by_unit_and_birth_date(world: Any, personas: dict[str, Any]) -> None:
    PersonFactory(organisation=world.office, full_name="Trần Thị Khác", date_of_birth=None)
    html = _listed(
        _client(personas["province"]).get(PEOPLE + "results/", {"for": "records", "q": "tran thi khac"})
    )
    assert html.count("Trần Thị Khác") == 2
    assert str(world.other) in html and str(world.office) in html
    assert "15/03/1985" in html


def test_a_unit_officer_finds_only_the_own_units_people(world: Any, personas: dict[str, Any]) -> None:
    member = _client(personas["member"])
    html = _listed(member.get(PEOPLE + "results/", {"for": "records", "q": ""}))
    assert "Trần Thị Khác" in html and "Lê Văn Nhà" not in html
    # Another unit's person, searched by name or by code, or named in the pick's URL: nothing.
    assert "Lê Văn Nhà" not in _listed(member.get(PEOPLE + "results/", {"for": "records", "q": "le van nha"}))
    assert "Lê Văn Nhà" not in _listed(member.get(PEOPLE + "results/", {"for": "records", "q": "CS-1"}))
    assert member.get(f"{PEOPLE}chosen/{world.home_person.pk}/", {"for": "records"}).status_code == 404
    assert member.get(f"{PEOPLE}chosen/x{world.home_person.pk}/", {"for": "records"}).status_code == 404
    own = _chosen(member.get(f"{PEOPLE}chosen/{world.other_person.pk}/", {"for": "records"}))
    assert own["id"] == str(world.other_person.pk)
    assert own["title"] == f"Trần Thị Khác – {world.other}"
    picked = _chosen(
        member.get(
            PEOPLE + "chosen-multiple/",
            {"for": "records", "multiple": "1", "id": [world.home_person.pk, world.other_person.pk, "zz"]},
        )
    )
    assert [row["id"] for row in picked] == [str(world.other_person.pk)]


def test_the_province_finds_everyone_and_the_council_no_one(world: Any, personas: dict[str, Any]) -> None:
    for purpose in ("records", "decisions"):
        html = _listed(_client(personas["province"]).get(PEOPLE + "results/", {"for": purpose}))
        assert "Trần Thị Khác" in html and "Lê Văn Nhà" in html
    for persona in ("council", "head", "member"):
        html = _listed(_client(personas[persona]).get(PEOPLE + "results/", {"for": "decisions"}))
        assert "Trần Thị Khác" not in html and "Lê Văn Nhà" not in html
    # No purpose, an unknown one: nobody.
    for params in ({}, {"for": "everyone"}):
        html = _listed(_client(personas["province"]).get(PEOPLE + "results/", params))
        assert "Trần Thị Khác" not in html


def test_outsiders_get_no_chooser(world: Any, personas: dict[str, Any]) -> None:
    assert Client().get(PEOPLE, {"for": "records"}).status_code == 302
    html = _listed(_client(personas["editor"]).get(PEOPLE + "results/", {"for": "records"}))
    assert "Trần Thị Khác" not in html


def test_a_proposals_chooser_lists_the_proposing_units_people(world: Any, personas: dict[str, Any]) -> None:
    own = draft(personas["member"], world.other)
    others = draft(personas["head"], world.home)
    member = _client(personas["member"])
    html = _listed(member.get(PEOPLE + "results/", {"for": "proposal", "proposal": own.pk}))
    assert "Trần Thị Khác" in html and "Lê Văn Nhà" not in html
    # Another unit's proposal, a proposal that does not exist, a proposal id that is no number: nobody.
    for proposal in (others.pk, 999999, "1 OR 1=1"):
        html = _listed(member.get(PEOPLE + "results/", {"for": "proposal", "proposal": proposal}))
        assert "Trần Thị Khác" not in html and "Lê Văn Nhà" not in html
    organisations = _listed(member.get(ORGANISATIONS + "results/", {"for": "proposal", "proposal": own.pk}))
    assert str(world.other.name) in organisations and str(world.home.name) not in organisations


def test_the_organisation_chooser_searches_names_and_codes(world: Any, personas: dict[str, Any]) -> None:
    OrganisationFactory(name="Sở Giáo dục và Đào tạo", code="SGDDT")
    province = _client(personas["province"])
    assert "Sở Giáo dục và Đào tạo" in _listed(
        province.get(ORGANISATIONS + "results/", {"for": "records", "q": "Giáo dục"})
    )
    assert "Sở Giáo dục và Đào tạo" in _listed(
        province.get(ORGANISATIONS + "results/", {"for": "records", "q": "SGDDT"})
    )
    # A unit's officer rates no collective: the records' chooser lists none.
    html = _listed(_client(personas["member"]).get(ORGANISATIONS + "results/", {"for": "records"}))
    assert "Sở Giáo dục và Đào tạo" not in html and str(world.other.name) not in html


def test_the_forms_show_choosers_not_selects(world: Any, personas: dict[str, Any]) -> None:
    html = _client(personas["member"]).get("/admin/awards/ratings/new/").content.decode()
    assert '"/admin/awards/choosers/people/?for=records"' in html
    assert "<select" not in html.split('id="id_person"')[0][-300:]
    assert "Lê Văn Nhà" not in html and "Trần Thị Khác" not in html
    html = _client(personas["province"]).get("/admin/awards/decisions/new/").content.decode()
    assert 'data-modal-url="/admin/awards/choosers/people/?for=decisions"' in html
    assert 'data-modal-url="/admin/awards/choosers/organisations/?for=decisions"' in html
    assert "Trần Thị Khác" not in html


def test_a_person_outside_the_scope_posted_by_hand_is_refused(world: Any, personas: dict[str, Any]) -> None:
    response = _client(personas["member"]).post(
        "/admin/awards/ratings/new/", {"person": world.home_person.pk, "year": 2024, "rating": "htt"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "error" in html and "Lê Văn Nhà" not in html  # not even shown back as the chosen person
    assert not TaskRating.objects.exists()


def test_a_proposal_item_outside_the_scope_is_refused(world: Any, personas: dict[str, Any]) -> None:
    proposal = draft(personas["member"], world.other)
    response = _client(personas["member"]).post(
        f"/admin/awards/proposals/{proposal.pk}/items/",
        {"person": world.home_person.pk, "award": "lao_dong_tien_tien", "year_from": proposal.year},
    )
    assert response.status_code == 200
    assert not ProposalItem.objects.exists()
    assert "Lê Văn Nhà" not in response.content.decode()


def test_a_decision_names_several_people_through_the_chooser(world: Any, personas: dict[str, Any]) -> None:
    data = {
        "number": "7/QĐ-UBND",
        "signed_on": "10/01/2025",
        "issuer": world.office.pk,
        "award": "giay_khen",
        "period_from_year": 2024,
        "period_to_year": 2024,
        "people": [world.home_person.pk, world.other_person.pk],
        "organisations": [world.home.pk],
    }
    province = _client(personas["province"])
    response = province.post("/admin/awards/decisions/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    from thidua.awards.models import AwardDecision

    decision = AwardDecision.objects.get(number="7/QĐ-UBND")
    assert {r.person_id for r in decision.recipients.all()} == {
        None,
        world.home_person.pk,
        world.other_person.pk,
    }
    # The edit screen lists the recipients chosen, each with its hidden value and a button to take it off.
    html = province.get(f"/admin/awards/decisions/edit/{decision.pk}/").content.decode()
    assert f'name="people" value="{world.home_person.pk}"' in html
    assert f"Trần Thị Khác – {world.other}" in html
    assert f'name="organisations" value="{world.home.pk}"' in html
