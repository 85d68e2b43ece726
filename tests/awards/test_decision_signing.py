"""How an award decision is signed (NĐ 30/2020 Điều 13; Phụ lục I, mục II.7a): the registry's form, the
proposal's decide form and the services store the signing authority and the head's title, audit them,
and refuse a choice that breaks the rules the proposal letter's signer obeys (core.signing_rules)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.awards import proposal_builders as pb
from tests.awards.builders import decision, decision_post
from thidua.awards.forms.proposals import DecideForm
from thidua.awards.forms.registry import AwardDecisionForm
from thidua.awards.models import AwardDecision
from thidua.awards.services import decisions as decision_services
from thidua.awards.services.proposals import proposal_decide
from thidua.core.models import AuditEvent
from thidua.core.signing import SigningAuthority

pytestmark = pytest.mark.django_db
S = SigningAuthority

# (the choice, the field refused, words of its message): the letter's own rules.
REFUSED = [
    ({"signing": "kt", "head_title": "Chủ tịch", "signer_title": ""}, "signer_title", "cấp phó ký thay"),
    (
        {"signing": "kt", "head_title": "Chủ tịch", "signer_title": "chủ tịch"},
        "signer_title",
        "chức vụ người ký phải khác chức vụ người đứng đầu",
    ),
    (
        {"signing": "tm-kt", "head_title": "", "signer_title": "Phó Chủ tịch"},
        "head_title",
        "chức vụ của người đứng đầu",
    ),
    ({"signing": "tl", "head_title": "Giám đốc", "signer_title": ""}, "signer_title", "thừa lệnh"),
    (
        {"signing": "tuq", "head_title": "", "signer_title": "Chánh Văn phòng"},
        "head_title",
        "chức vụ của người đứng đầu",
    ),
    ({"signing": "q", "head_title": "", "signer_title": ""}, "head_title", "chức vụ của người đứng đầu"),
]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _registry_post(world: Any, **overrides: Any) -> dict[str, Any]:
    return decision_post(world, **{"organisations": [world.home.pk], **overrides})


def _voted(world: Any, personas: dict[str, Any]) -> Any:
    """A proposal of the member unit for its person, on which the council has voted."""
    council_user = personas["council"]
    board = pb.council([council_user])
    return pb.voted(
        personas["province"], personas["member"], world.other, world.other_person, board, [council_user]
    )


# --- The services ----------------------------------------------------------------------------------
def test_create_stores_and_audits_how_the_decision_is_signed(world: Any, personas: dict[str, Any]) -> None:
    made = decision(
        personas["province"],
        issuer=world.office,
        people=[world.home_person],
        signing=S.KT,
        head_title=" Giám đốc ",
        signer_title="Phó Giám đốc",
    )
    made.refresh_from_db()
    assert (made.signing, made.head_title, made.signer_title) == ("kt", "Giám đốc", "Phó Giám đốc")
    event = AuditEvent.objects.get(action="awards.decision.create", target_id=str(made.pk))
    assert event.changes["signing"] == [None, "kt"]
    assert event.changes["head_title"] == [None, "Giám đốc"]


def test_update_stores_and_audits_the_change(world: Any, personas: dict[str, Any]) -> None:
    made = decision(personas["province"], issuer=world.office, people=[world.home_person])
    assert made.signing == ""  # not chosen: box 7 guessed as before
    decision_services.award_decision_update(
        actor=personas["province"],
        decision=made,
        signing=S.TM_KT,
        head_title="Chủ tịch",
        signer_title="Phó Chủ tịch",
    )
    made.refresh_from_db()
    assert (made.signing, made.head_title) == ("tm-kt", "Chủ tịch")
    event = AuditEvent.objects.get(action="awards.decision.update")
    assert event.changes["signing"] == ["", "tm-kt"]
    assert event.changes["head_title"] == ["", "Chủ tịch"]
    assert event.changes["signer_title"] == ["Chủ tịch", "Phó Chủ tịch"]


@pytest.mark.parametrize(("choice", "field", "words"), REFUSED)
def test_the_services_refuse_by_field_and_save_nothing(
    world: Any, personas: dict[str, Any], choice: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        decision(personas["province"], issuer=world.office, people=[world.home_person], **choice)
    assert words in " ".join(raised.value.message_dict[field])
    assert not AwardDecision.objects.exists()


def test_an_unknown_signing_is_refused(world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as raised:
        decision(personas["province"], issuer=world.office, people=[world.home_person], signing="xx")
    assert "Quyền hạn ký" in " ".join(raised.value.message_dict["signing"])


def test_proposal_decide_stores_the_choice_on_each_decision(world: Any, personas: dict[str, Any]) -> None:
    province = personas["province"]
    proposal = _voted(world, personas)
    decisions = proposal_decide(
        actor=province,
        proposal=proposal,
        numbers={item.award: "88/QĐ-UBND" for item in proposal.items.all()},
        signed_on=timezone.localdate(),
        issuer=world.office,
        signer_name="Trần Văn Phó",
        signer_title="Phó Giám đốc",
        signing=S.KT,
        head_title="Giám đốc",
    )
    assert [(d.signing, d.head_title) for d in decisions] == [("kt", "Giám đốc")]
    event = AuditEvent.objects.get(action="awards.decision.create")
    assert event.changes["signing"] == [None, "kt"]


def test_proposal_decide_refuses_on_the_forms_field(world: Any, personas: dict[str, Any]) -> None:
    province = personas["province"]
    proposal = _voted(world, personas)
    with pytest.raises(ValidationError) as raised:
        proposal_decide(
            actor=province,
            proposal=proposal,
            numbers={item.award: "88/QĐ-UBND" for item in proposal.items.all()},
            signed_on=timezone.localdate(),
            issuer=world.office,
            signer_title="Chủ tịch",
            signing=S.KT,
            head_title="Chủ tịch",
        )
    assert "cấp phó" in " ".join(raised.value.message_dict["signer_title"])
    assert not AwardDecision.objects.exists()


# --- The forms -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("choice", "field", "words"), REFUSED)
def test_the_registry_form_refuses_by_field(
    world: Any, personas: dict[str, Any], choice: dict[str, str], field: str, words: str
) -> None:
    form = AwardDecisionForm(_registry_post(world, **choice), for_user=personas["province"])
    assert not form.is_valid()
    assert words in " ".join(form.errors[field])


@pytest.mark.parametrize(("choice", "field", "words"), REFUSED)
def test_the_decide_form_refuses_by_field(
    world: Any, personas: dict[str, Any], choice: dict[str, str], field: str, words: str
) -> None:
    data = {"signed_on": "10/01/2025", "issuer": world.office.pk, "number_x": "1/QĐ", **choice}
    form = DecideForm(data, awards=[("x", "Bằng khen")], user=personas["province"])
    assert not form.is_valid()
    assert words in " ".join(form.errors[field])


def test_the_decide_form_accepts_no_choice_and_a_sound_one(world: Any, personas: dict[str, Any]) -> None:
    base = {"signed_on": "10/01/2025", "issuer": world.office.pk, "number_x": "1/QĐ"}
    for choice in (
        {},
        {"signing": "tm-kt", "head_title": " Chủ  tịch ", "signer_title": "Phó Chủ tịch"},
    ):
        form = DecideForm({**base, **choice}, awards=[("x", "Bằng khen")], user=personas["province"])
        assert form.is_valid(), form.errors
    assert form.cleaned_data["head_title"] == "Chủ tịch"


def test_the_registry_screen_records_and_edits_the_choice(world: Any, personas: dict[str, Any]) -> None:
    office = _client(personas["province"])
    page = office.get("/admin/awards/decisions/new/").content.decode()
    assert 'name="signing"' in page and 'name="head_title"' in page and "Không chọn" in page
    response = office.post(
        "/admin/awards/decisions/new/",
        _registry_post(world, signing="tm", head_title="Chủ tịch", signer_title="Chủ tịch"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    made = AwardDecision.objects.get()
    assert (made.signing, made.head_title) == ("tm", "Chủ tịch")
    refused = office.post(
        f"/admin/awards/decisions/edit/{made.pk}/",
        _registry_post(world, signing="kt", head_title="Chủ tịch", signer_title="Chủ tịch"),
    )
    assert refused.status_code == 200
    assert "chức vụ người ký phải khác chức vụ người đứng đầu" in refused.content.decode()
    made.refresh_from_db()
    assert made.signing == "tm"


def test_the_decide_screen_records_the_choice(world: Any, personas: dict[str, Any]) -> None:
    province = personas["province"]
    proposal = _voted(world, personas)
    office = _client(province)
    url = f"/admin/awards/proposals/{proposal.pk}/decide/"
    assert 'name="signing"' in office.get(url).content.decode()
    response = office.post(
        url,
        {
            f"number_{pb.AWARD}": "77/QĐ-UBND",
            "signed_on": timezone.localdate().strftime("%d/%m/%Y"),
            "issuer": world.office.pk,
            "signing": "kt",
            "head_title": "Giám đốc",
            "signer_title": "Phó Giám đốc",
            "signer_name": "Trần Văn Phó",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AwardDecision.objects.values_list("signing", "head_title").get() == ("kt", "Giám đốc")
