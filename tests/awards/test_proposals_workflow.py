"""The proposal services obey the workflow table (rules/proposal_workflow.py) for every state × action ×
persona, with the table's own messages; a refusal changes and records nothing. The table itself is
checked cell by cell, independently, in tests/awards/rules/test_proposal_workflow.py."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.awards import proposal_builders as pb
from tests.conftest import PERSONAS
from tests.factories import PersonFactory
from thidua.awards.models import CouncilBallot, CouncilMember, Proposal, ProposalDocument, ProposalItem
from thidua.awards.rules.proposal_workflow import WORKFLOW, Action, State
from thidua.awards.selectors.proposals import proposal_roles
from thidua.awards.services.council import (
    council_ballot_cast,
    council_ballot_record_written,
    council_create,
    council_vote_close,
    council_vote_open,
)
from thidua.awards.services.proposals import (
    proposal_appraise,
    proposal_create,
    proposal_decide,
    proposal_item_add,
    proposal_return,
    proposal_submit,
    proposal_withdraw,
)
from thidua.core.models import AuditEvent
from thidua.core.transitions import ReasonMissing, RoleRefused, StateRefused

S, A = State, Action
_VOTE_STATES = {S.COUNCIL_VOTING, S.VOTED, S.DECIDED}


def _given(state: State, world: Any, personas: dict[str, Any]) -> tuple[Proposal | None, Any]:
    """A proposal of the member unit in `state`, set up directly (the services' paths to each state
    are tested in test_proposals_services.py): one item, a complete dossier, the council persona on
    the council, a ballot cast and the item passed where the state implies them."""
    from tests.factories import PersonFactory

    board = council_create(
        actor=None,
        year=timezone.localdate().year,
        name="Hội đồng Thi đua – Khen thưởng tỉnh",
        members=[(PersonFactory(full_name="Chủ Tịch Hội Đồng"), personas["council"], "Chủ tịch")],
    )
    if state == S.NONE:
        return None, board
    proposal = Proposal.objects.create(
        organisation=world.other,
        title="Đề nghị khen thưởng",
        year=pb.YEAR,
        state=state.value,
        received_on=None if state in (S.DRAFT,) else timezone.localdate(),
        council=board if state in _VOTE_STATES else None,
    )
    item = ProposalItem.objects.create(
        proposal=proposal,
        person=world.other_person,
        award=pb.AWARD,
        year_from=pb.YEAR,
        year_to=pb.YEAR,
        council_result={"passed": True} if state in (S.VOTED, S.DECIDED) else None,
    )
    for kind in ("to_trinh", "bao_cao_thanh_tich", "bien_ban_xet_thi_dua", "xac_nhan_sang_kien"):
        ProposalDocument.objects.create(
            proposal=proposal,
            kind=kind,
            file=f"proposals/{kind}.pdf",
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=10,
        )
    if state in _VOTE_STATES:
        CouncilBallot.objects.create(
            item=item, member=CouncilMember.objects.get(council=board), choice="agree"
        )
    return proposal, board


def _do(action: Action, *, actor: Any, world: Any, proposal: Proposal | None, board: Any) -> Any:
    if action == A.CREATE:
        return proposal_create(actor=actor, organisation=world.other, title="Đề nghị mới", year=pb.YEAR)
    assert proposal is not None
    item = proposal.items.first()
    assert item is not None
    calls = {
        A.EDIT: lambda: proposal_item_add(
            actor=actor,
            proposal=proposal,
            person=world.other_person,
            award="lao_dong_tien_tien",
            year_from=pb.YEAR,
        ),
        A.SUBMIT: lambda: proposal_submit(actor=actor, proposal=proposal),
        A.WITHDRAW: lambda: proposal_withdraw(actor=actor, proposal=proposal, reason="Đơn vị rút để bổ sung"),
        A.RETURN: lambda: proposal_return(actor=actor, proposal=proposal, reason="Thiếu biên bản"),
        A.APPRAISE: lambda: proposal_appraise(actor=actor, proposal=proposal),
        A.OPEN_VOTE: lambda: council_vote_open(actor=actor, proposal=proposal, council=board),
        A.CAST: lambda: council_ballot_cast(actor=actor, proposal=proposal, choices={item.pk: "agree"}),
        # A member who did not attend: created here so the quorum of the set-up stays as it was.
        A.RECORD_WRITTEN: lambda: council_ballot_record_written(
            actor=actor,
            proposal=proposal,
            member=CouncilMember.objects.create(
                council=board, person=PersonFactory(full_name="Ủy Viên Vắng Mặt"), title="Ủy viên"
            ),
            choices={item.pk: "agree"},
        ),
        A.CLOSE_VOTE: lambda: council_vote_close(actor=actor, proposal=proposal),
        A.DECIDE: lambda: proposal_decide(
            actor=actor,
            proposal=proposal,
            numbers={pb.AWARD: "9/QĐ-UBND"},
            signed_on=timezone.localdate(),
            issuer=world.office,
        ),
    }
    return calls[action]()


CASES = [
    (state, action, persona)
    for state, action, persona in itertools.product(State, Action, PERSONAS)
    # A proposal is created from nothing; the other actions need one to act on.
    if (state == S.NONE) == (action == A.CREATE)
]


@pytest.mark.parametrize(("state", "action", "persona"), CASES)
def test_services_obey_the_table(
    world: Any, personas: dict[str, Any], state: State, action: Action, persona: str
) -> None:
    # given a proposal of the member's unit in `state`
    proposal, board = _given(state, world, personas)
    actor = personas[persona]
    roles = proposal_roles(user=actor, proposal=proposal, organisation_id=world.other.pk)
    audits = AuditEvent.objects.count()
    refusal = ""
    try:
        expected: State | type[Exception] = WORKFLOW.transition(state, action, roles, reason="lý do")
    except RoleRefused as error:
        expected, refusal = PermissionDenied, str(error)
    except (StateRefused, ReasonMissing) as error:
        expected, refusal = ValidationError, str(error)
    # when the persona calls the service, then it does what the table says, with the table's words
    if isinstance(expected, type):
        with pytest.raises(expected) as caught:
            _do(action, actor=actor, world=world, proposal=proposal, board=board)
        said = caught.value.messages if isinstance(caught.value, ValidationError) else [str(caught.value)]
        assert refusal in said
        assert AuditEvent.objects.count() == audits  # a refusal changes and records nothing
        if proposal is not None:
            proposal.refresh_from_db()
            assert proposal.state == state
        else:
            assert not Proposal.objects.exists()
    else:
        result = _do(action, actor=actor, world=world, proposal=proposal, board=board)
        if proposal is None:
            assert result.state == expected
        else:
            proposal.refresh_from_db()
            assert proposal.state == expected
        assert AuditEvent.objects.count() > audits


@pytest.mark.parametrize(
    ("persona", "state", "roles"),
    [
        ("member", S.DRAFT, {"unit"}),
        ("head", S.DRAFT, set()),  # the cluster's head is not the member unit
        ("province", S.DRAFT, {"province"}),
        ("sysadmin", S.DRAFT, {"province"}),
        ("council", S.DRAFT, set()),  # not yet before the council
        ("council", S.COUNCIL_VOTING, {"council"}),
        ("editor", S.COUNCIL_VOTING, set()),
        ("chief", S.DRAFT, set()),
        ("outsider", S.DRAFT, set()),
    ],
)
def test_roles_of_each_persona(
    world: Any, personas: dict[str, Any], persona: str, state: State, roles: set[str]
) -> None:
    proposal, _board = _given(state, world, personas)
    assert {role.value for role in proposal_roles(user=personas[persona], proposal=proposal)} == roles


def test_a_council_member_of_another_council_may_not_cast(world: Any, personas: dict[str, Any]) -> None:
    from thidua.accounts.roles import RoleCode
    from thidua.accounts.services import user_create

    proposal, _board = _given(S.COUNCIL_VOTING, world, personas)
    assert proposal is not None
    stranger = user_create(
        actor=None,
        username="hd-khac",
        password="pw-x",
        full_name="Hội Đồng Khác",
        roles=[RoleCode.COUNCIL_MEMBER],
    )
    item = proposal.items.get()
    with pytest.raises(PermissionDenied):
        council_ballot_cast(actor=stranger, proposal=proposal, choices={item.pk: "agree"})
