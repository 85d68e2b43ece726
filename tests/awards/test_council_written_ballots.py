"""Written ballots of council members absent from the session (NĐ 91/2017/NĐ-CP Điều 45 khoản 8): the
office records them; they count towards the share of all members, not towards the quorum."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.awards import proposal_builders as pb
from tests.factories import PersonFactory
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.awards.models import CouncilBallot, CouncilMember
from thidua.awards.services.council import (
    council_ballot_cast,
    council_ballot_record_written,
    council_vote_close,
)
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _voter(world: Any, name: str) -> Any:
    return user_create(
        actor=None,
        username=name,
        password="pw-" + name,
        full_name=f"Thành Viên {name}",
        organisation=world.office,
        roles=[RoleCode.COUNCIL_MEMBER],
    )


def _voting(world: Any, personas: dict[str, Any]) -> tuple[Any, list[Any], CouncilMember]:
    """A Chiến sĩ thi đua cơ sở proposal before a council of three: two with accounts, one absent."""
    voters = [personas["council"], _voter(world, "uyvien2")]
    board = pb.council(voters)
    absent = CouncilMember.objects.create(
        council=board, person=PersonFactory(full_name="Ủy Viên Đi Công Tác"), title="Ủy viên"
    )
    proposal = pb.voting(personas["province"], personas["member"], world.other, world.other_person, board)
    return proposal, voters, absent


def _agree_all(proposal: Any) -> dict[int, str]:
    return {item.pk: "agree" for item in proposal.items.all()}


def test_a_written_ballot_counts_towards_the_share_of_all_members(
    world: Any, personas: dict[str, Any]
) -> None:
    proposal, voters, absent = _voting(world, personas)
    for voter in voters:
        council_ballot_cast(actor=voter, proposal=proposal, choices=_agree_all(proposal))
    council_ballot_record_written(
        actor=personas["province"],
        proposal=proposal,
        member=absent,
        choices=_agree_all(proposal),
        note="Đi công tác",
    )

    minutes = council_vote_close(actor=personas["province"], proposal=proposal)

    # 3 of 3 agree (100%) passes CSTĐCS's 80% (NĐ 98/2023 Điều 30 khoản 7, carried over); the quorum
    # counts the two who sat; the minutes say one voted in writing.
    assert minutes["present"] == 2 and minutes["written"] == 1 and minutes["members"] == 3
    (row,) = minutes["items"]
    assert row["agree"] == 3 and row["passed"] is True
    event = AuditEvent.objects.get(action="awards.council.ballot_written")
    assert event.reason == "Đi công tác" and event.changes["ballots"] == 1
    assert "agree" not in str(event.changes)  # the choice stays out of the log


def test_without_the_written_ballot_the_same_item_fails(world: Any, personas: dict[str, Any]) -> None:
    proposal, voters, _absent = _voting(world, personas)
    for voter in voters:
        council_ballot_cast(actor=voter, proposal=proposal, choices=_agree_all(proposal))
    minutes = council_vote_close(actor=personas["province"], proposal=proposal)
    (row,) = minutes["items"]
    assert row["agree"] == 2 and row["passed"] is False  # 2 of 3 is below 80%


def test_written_ballots_alone_make_no_quorum(world: Any, personas: dict[str, Any]) -> None:
    proposal, _voters, absent = _voting(world, personas)
    council_ballot_record_written(
        actor=personas["province"], proposal=proposal, member=absent, choices=_agree_all(proposal)
    )
    with pytest.raises(ValidationError, match="Chưa đủ số thành viên"):
        council_vote_close(actor=personas["province"], proposal=proposal)


def test_refusals(world: Any, personas: dict[str, Any]) -> None:
    proposal, voters, absent = _voting(world, personas)
    seated = CouncilMember.objects.get(user=voters[0])
    council_ballot_cast(actor=voters[0], proposal=proposal, choices=_agree_all(proposal))
    province = personas["province"]
    with pytest.raises(ValidationError, match="đã biểu quyết tại phiên họp"):
        council_ballot_record_written(
            actor=province, proposal=proposal, member=seated, choices=_agree_all(proposal)
        )
    with pytest.raises(ValidationError, match="mọi người, tập thể"):
        council_ballot_record_written(actor=province, proposal=proposal, member=absent, choices={})
    other_board = pb.council([_voter(world, "khac")], year=2020)
    stranger = CouncilMember.objects.get(council=other_board)
    with pytest.raises(ValidationError, match="không phải thành viên hội đồng"):
        council_ballot_record_written(
            actor=province, proposal=proposal, member=stranger, choices=_agree_all(proposal)
        )
    for persona in ("council", "member", "head", "editor"):
        with pytest.raises(PermissionDenied):
            council_ballot_record_written(
                actor=personas[persona], proposal=proposal, member=absent, choices=_agree_all(proposal)
            )
    assert not CouncilBallot.objects.filter(written=True).exists()
    assert not AuditEvent.objects.filter(action="awards.council.ballot_written").exists()


def test_a_member_who_comes_after_all_votes_in_person(world: Any, personas: dict[str, Any]) -> None:
    proposal, voters, _absent = _voting(world, personas)
    member = CouncilMember.objects.get(user=voters[1])
    council_ballot_record_written(
        actor=personas["province"], proposal=proposal, member=member, choices=_agree_all(proposal)
    )
    council_ballot_cast(
        actor=voters[1], proposal=proposal, choices={i: "disagree" for i in _agree_all(proposal)}
    )
    ballot = CouncilBallot.objects.get(member=member)
    assert (ballot.choice, ballot.written, ballot.recorded_by) == ("disagree", False, None)


# --- The screen ------------------------------------------------------------------------------------
def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_office_records_a_written_ballot_on_its_screen(world: Any, personas: dict[str, Any]) -> None:
    proposal, _voters, absent = _voting(world, personas)
    url = f"/admin/awards/proposals/{proposal.pk}/written-ballot/"
    office = _client(personas["province"])
    assert (
        "Ghi phiếu bằng văn bản của thành viên vắng mặt"
        in office.get(f"/admin/awards/proposals/{proposal.pk}/").content.decode()
    )
    page = office.get(url).content.decode()
    assert "Ủy Viên Đi Công Tác" in page and "Điều 45 khoản 8" in page
    (item,) = proposal.items.all()
    response = office.post(
        url, {"member": absent.pk, f"item-{item.pk}": "agree", "note": "Phiếu gửi ngày 20/12"}
    )
    assert response.status_code == 302
    assert CouncilBallot.objects.get(member=absent).written is True


@pytest.mark.parametrize("persona", ["council", "member", "head", "editor"])
def test_others_may_not_record_written_ballots(world: Any, personas: dict[str, Any], persona: str) -> None:
    proposal, _voters, absent = _voting(world, personas)
    (item,) = proposal.items.all()
    response = _client(personas[persona]).post(
        f"/admin/awards/proposals/{proposal.pk}/written-ballot/",
        {"member": absent.pk, f"item-{item.pk}": "agree"},
    )
    assert response.status_code in (302, 403, 404)
    assert not CouncilBallot.objects.filter(member=absent).exists()
