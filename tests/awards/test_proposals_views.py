"""The proposal screens for every persona: what each sees and may do, forged ids answering 404 or a
refusal, the whole path through the screens to the registry, and the Cờ thi đua button on a
cluster's vote result."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.awards import proposal_builders as pb
from thidua.awards.models import AwardDecision, Proposal, ProposalItem
from thidua.emulation.models import Vote

PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _refused(response: Any) -> bool:
    """Wagtail's permission_denied redirects to the dashboard with a message; a 403 or 404 too."""
    if response.status_code in (403, 404):
        return True
    # An account without admin access is sent to the login page.
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location.rstrip("/").endswith("/admin") or "/admin/login/" in location
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_index_per_persona(world: Any, personas: dict[str, Any], persona: str) -> None:
    pb.draft(personas["member"], world.other, title="Đề nghị của xã Khác")
    response = _client(personas[persona]).get("/admin/awards/proposals/")
    if persona in ("editor", "chief", "outsider"):
        assert _refused(response)
        return
    assert response.status_code == 200
    html = response.content.decode()
    # The draft is the member unit's: its officer and the province see it; the council not yet.
    assert ("Đề nghị của xã Khác" in html) is (persona in ("member", "province", "sysadmin"))
    assert ("data-proposal-new" in html) is (persona in ("member", "head"))


@pytest.mark.parametrize("persona", PERSONAS)
def test_detail_per_persona_and_forged_ids(world: Any, personas: dict[str, Any], persona: str) -> None:
    proposal = pb.draft(personas["member"], world.other)
    response = _client(personas[persona]).get(f"/admin/awards/proposals/{proposal.pk}/")
    if persona in ("member", "province", "sysadmin"):
        assert response.status_code == 200
        assert ("data-item-form" in response.content.decode()) is (persona == "member")
    else:
        assert response.status_code in (404, 302)
    assert _client(personas[persona]).get("/admin/awards/proposals/999999/").status_code in (404, 302)


def test_create_and_add_item_through_the_screens(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    response = client.post(
        "/admin/awards/proposals/new/",
        {
            "organisation": world.other.pk,
            "title": "Đề nghị năm",
            "year": pb.YEAR,
            "commendation_kind": "cong_trang",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/proposals/{proposal.pk}/")
    response = client.post(
        f"/admin/awards/proposals/{proposal.pk}/items/",
        {"person": world.other_person.pk, "award": "lao_dong_tien_tien", "year_from": pb.YEAR},
    )
    assert response.status_code == 302
    page = client.get(f"/admin/awards/proposals/{proposal.pk}/").content.decode()
    # The outcome and its reasons (message and citation) beside the item.
    assert "data-outcome-label" in page and "data-reasons" in page and "data-citation" in page
    assert "Trần Thị Khác" in page


def test_member_cannot_add_another_units_person_by_forged_id(world: Any, personas: dict[str, Any]) -> None:
    proposal = pb.draft(personas["member"], world.other)
    response = _client(personas["member"]).post(
        f"/admin/awards/proposals/{proposal.pk}/items/",
        {"person": world.home_person.pk, "award": pb.AWARD, "year_from": pb.YEAR},
    )
    assert response.status_code == 200  # the form again, the choice refused
    assert "Select a valid choice" in response.content.decode() or "Hãy chọn" in response.content.decode()
    assert not ProposalItem.objects.exists()


def test_create_for_another_unit_is_refused(world: Any, personas: dict[str, Any]) -> None:
    response = _client(personas["member"]).post(
        "/admin/awards/proposals/new/",
        {"organisation": world.home.pk, "title": "X", "year": pb.YEAR, "commendation_kind": "cong_trang"},
    )
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert _refused(_client(personas["province"]).get("/admin/awards/proposals/new/"))


def test_bad_item_input_names_the_field(world: Any, personas: dict[str, Any]) -> None:
    proposal = pb.draft(personas["member"], world.other)
    response = _client(personas["member"]).post(
        f"/admin/awards/proposals/{proposal.pk}/items/",
        {"person": world.other_person.pk, "award": "co_thi_dua_cap_tinh", "year_from": pb.YEAR},
    )
    assert response.status_code == 200
    assert "chỉ tặng cho tập thể" in response.content.decode()
    assert not ProposalItem.objects.exists()


def test_submit_refused_lists_missing_documents(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    from thidua.awards.services.proposals import proposal_item_add

    proposal_item_add(
        actor=member, proposal=proposal, person=world.other_person, award=pb.AWARD, year_from=pb.YEAR
    )
    response = _client(member).post(f"/admin/awards/proposals/{proposal.pk}/do/submit/")
    assert response.status_code == 200
    assert "Thiếu Tờ trình đề nghị khen thưởng" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == "draft"


def test_the_province_returns_with_a_reason(world: Any, personas: dict[str, Any]) -> None:
    proposal = pb.submitted(personas["member"], world.other, world.other_person)
    client = _client(personas["province"])
    response = client.post(f"/admin/awards/proposals/{proposal.pk}/do/return/", {"reason": ""})
    assert response.status_code == 200 and "lý do" in response.content.decode()
    response = client.post(f"/admin/awards/proposals/{proposal.pk}/do/return/", {"reason": "Thiếu biên bản"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == "returned"
    page = _client(personas["member"]).get(f"/admin/awards/proposals/{proposal.pk}/").content.decode()
    assert "Thiếu biên bản" in page
    # The member may not appraise or return: the action is refused, nothing moves.
    response = _client(personas["member"]).post(f"/admin/awards/proposals/{proposal.pk}/do/appraise/")
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.state == "returned"


def test_whole_path_through_the_screens(world: Any, personas: dict[str, Any]) -> None:
    province, council_user = personas["province"], personas["council"]
    board = pb.council([council_user])
    proposal = pb.submitted(personas["member"], world.other, world.other_person)
    office = _client(province)
    day = timezone.localdate().strftime("%d/%m/%Y")
    assert (
        office.post(f"/admin/awards/proposals/{proposal.pk}/do/appraise/", {"received_on": day}).status_code
        == 302
    )
    assert (
        office.post(f"/admin/awards/proposals/{proposal.pk}/do/open_vote/", {"council": board.pk}).status_code
        == 302
    )
    item = proposal.items.get()
    # The council member sees the proposal and casts a ballot; the office cannot open the ballot screen.
    member_client = _client(council_user)
    assert member_client.get(f"/admin/awards/proposals/{proposal.pk}/ballot/").status_code == 200
    assert _refused(office.get(f"/admin/awards/proposals/{proposal.pk}/ballot/"))
    response = member_client.post(
        f"/admin/awards/proposals/{proposal.pk}/ballot/", {f"item-{item.pk}": "agree"}
    )
    assert response.status_code == 302
    assert office.post(f"/admin/awards/proposals/{proposal.pk}/do/close_vote/").status_code == 302
    page = office.get(f"/admin/awards/proposals/{proposal.pk}/").content.decode()
    assert "data-minutes" in page
    # The unit cannot open the decision form; the office records it.
    assert _refused(_client(personas["member"]).get(f"/admin/awards/proposals/{proposal.pk}/decide/"))
    response = office.post(
        f"/admin/awards/proposals/{proposal.pk}/decide/",
        {
            f"number_{pb.AWARD}": "77/QĐ-UBND",
            "signed_on": day,
            "issuer": world.office.pk,
            "signer_name": "Nguyễn Văn Ký",
            "signer_title": "Chủ tịch",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AwardDecision.objects.get().number == "77/QĐ-UBND"
    timeline = office.get(f"/admin/awards/timeline/person/{world.other_person.pk}/").content.decode()
    assert "77/QĐ-UBND" in timeline


def test_document_download_scoped(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    from thidua.awards.services.proposals import proposal_document_attach

    document = proposal_document_attach(actor=member, proposal=proposal, kind="to_trinh", upload=pb.pdf())
    url = f"/admin/awards/proposals/{proposal.pk}/documents/{document.pk}/"
    response = _client(member).get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert _client(personas["head"]).get(url).status_code in (404, 302)
    assert _client(member).get(f"/admin/awards/proposals/{proposal.pk}/documents/999999/").status_code == 404


def _closed_vote(world: Any, personas: dict[str, Any]) -> Vote:
    """The cluster's vote, run through emulation's services: both members choose the other unit."""
    from thidua.emulation.services.votes import ballot_cast, vote_close, vote_open

    vote = vote_open(actor=personas["province"], group=world.group)
    for persona in ("head", "member"):
        ballot_cast(actor=personas[persona], vote=vote, choices=[world.other])
    vote_close(actor=personas["province"], vote=vote)
    vote.refresh_from_db()
    return vote


@pytest.mark.parametrize("persona", ["head", "member", "province"])
def test_flag_button_on_the_vote_result(world: Any, personas: dict[str, Any], persona: str) -> None:
    world.group.year = pb.YEAR
    world.group.save()
    vote = _closed_vote(world, personas)
    client = _client(personas[persona])
    page = client.get(f"/admin/emulation/votes/{vote.pk}/minutes/")
    assert page.status_code == 200
    assert ("data-flag-proposal" in page.content.decode()) is (persona == "head")
    response = client.post(f"/admin/awards/proposals/from-vote/{vote.pk}/{world.other.pk}/")
    if persona == "head":
        proposal = Proposal.objects.get()
        assert response["Location"].endswith(f"/proposals/{proposal.pk}/")
        assert proposal.items.get().award == "co_thi_dua_cap_tinh"
    else:
        assert _refused(response) and not Proposal.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_council_screens_per_persona(world: Any, personas: dict[str, Any], persona: str) -> None:
    client = _client(personas[persona])
    response = client.post(
        "/admin/awards/councils/new/",
        {
            "year": timezone.localdate().year,
            "name": "Hội đồng Thi đua – Khen thưởng tỉnh",
            "code_0": "cs-1",  # typed in lower case: the code is found all the same
            "account_0": personas["council"].pk,
            "title_0": "Chủ tịch",
            "chair": "0",
        },
    )
    from thidua.awards.models import Council

    if persona in ("province", "sysadmin"):
        assert response.status_code == 302, response.content.decode()[:3000]
        member = Council.objects.get().members.get()
        assert member.person == world.home_person and member.user == personas["council"] and member.is_chair
    else:
        assert _refused(response) and not Council.objects.exists()
    index = client.get("/admin/awards/councils/")
    assert (index.status_code == 200) is (persona in ("province", "sysadmin", "council"))


def test_council_form_names_an_unknown_code(world: Any, personas: dict[str, Any]) -> None:
    response = _client(personas["province"]).post(
        "/admin/awards/councils/new/",
        {"year": timezone.localdate().year, "name": "Hội đồng", "code_0": "KHONG-CO"},
    )
    assert response.status_code == 200 and "KHONG-CO" in response.content.decode()


@pytest.mark.parametrize("persona", ["province", "member", "council"])
def test_council_thresholds_set_by_the_province(world: Any, personas: dict[str, Any], persona: str) -> None:
    from thidua.awards.models import CouncilThreshold

    client = _client(personas[persona])
    response = client.post(
        "/admin/awards/councils/thresholds/",
        {
            "award": "chien_si_thi_dua_cap_tinh",
            "numerator": 2,
            "denominator": 3,
            "rule": "at_least",
            "source": "Quyết định 86/2025/QĐ-UBND, Điều 7",
        },
    )
    if persona == "province":
        assert response.status_code == 302
        threshold = CouncilThreshold.objects.get()
        assert (threshold.numerator, threshold.denominator) == (2, 3)
        page = client.get("/admin/awards/councils/").content.decode()
        assert "Quyết định 86/2025/QĐ-UBND" in page
        client.post(f"/admin/awards/councils/thresholds/{threshold.pk}/remove/")
        assert not CouncilThreshold.objects.exists()
    else:
        assert _refused(response) and not CouncilThreshold.objects.exists()


def test_council_threshold_without_source_refused(world: Any, personas: dict[str, Any]) -> None:
    from thidua.awards.models import CouncilThreshold

    _client(personas["province"]).post(
        "/admin/awards/councils/thresholds/",
        {"numerator": 3, "denominator": 2, "rule": "at_least", "source": " "},
    )
    assert not CouncilThreshold.objects.exists()
