"""The suy tôn vote workflow: every state × action × role against the table, written out
independently, and the vote services obeying the table for every persona in every state."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.core.transitions import RoleRefused, StateRefused
from thidua.emulation.models import Vote
from thidua.emulation.rules.vote_workflow import STATE_MESSAGES, WORKFLOW, Action, Role, State
from thidua.emulation.selectors.votes import (
    can_manage_vote,
    vote_roles,
    vote_rows,
    vote_state,
    voting_unit_for,
)
from thidua.emulation.services.rulesets import ruleset_save
from thidua.emulation.services.votes import ballot_cast, vote_close, vote_open, vote_round_open

S, A, R = State, Action, Role
MANAGERS = {R.PROVINCE, R.HEAD}
# (state, action) -> (new state, roles allowed). Everything not listed must be refused.
ALLOWED = {
    (S.NONE, A.OPEN): (S.OPEN, MANAGERS),
    (S.OPEN, A.CAST): (S.OPEN, {R.VOTER}),
    (S.OPEN, A.CLOSE): (S.CLOSED, MANAGERS),
    (S.TIED, A.ROUND): (S.OPEN, MANAGERS),  # a new round among the units tied for the last seat
}
MAY = {
    action: set().union(*(roles for (_s, a), (_t, roles) in ALLOWED.items() if a == action)) for action in A
}
STATE_REFUSALS = {
    (S.OPEN, A.OPEN): "«Cụm Một» đã mở bỏ phiếu suy tôn; mỗi cụm, khối chỉ bỏ phiếu một lần.",
    (S.CLOSED, A.OPEN): "«Cụm Một» đã mở bỏ phiếu suy tôn; mỗi cụm, khối chỉ bỏ phiếu một lần.",
    (S.NONE, A.CAST): "«Cụm Một» chưa mở bỏ phiếu suy tôn.",
    (S.NONE, A.CLOSE): "«Cụm Một» chưa mở bỏ phiếu suy tôn.",
    (S.CLOSED, A.CAST): "Cuộc bỏ phiếu đã kết thúc (đã kiểm phiếu); không nhận thêm phiếu.",
    (S.CLOSED, A.CLOSE): "Cuộc bỏ phiếu này đã được kiểm phiếu.",
    (S.TIED, A.OPEN): "«Cụm Một» đã mở bỏ phiếu suy tôn; mỗi cụm, khối chỉ bỏ phiếu một lần.",
    (
        S.TIED,
        A.CAST,
    ): "Vòng bỏ phiếu này đã kiểm phiếu; hãy chờ mở vòng bỏ phiếu lại giữa các đơn vị bằng phiếu.",
    (S.TIED, A.CLOSE): "Vòng bỏ phiếu này đã được kiểm phiếu.",
    (S.NONE, A.ROUND): "«Cụm Một» chưa mở bỏ phiếu suy tôn.",
    (S.OPEN, A.ROUND): (
        "«Cụm Một» đang bỏ phiếu; chỉ mở vòng bỏ phiếu lại sau khi kiểm phiếu có đơn vị bằng phiếu ở suất cuối cùng."
    ),
    (S.CLOSED, A.ROUND): (
        "Kết quả kiểm phiếu của «Cụm Một» không có đơn vị bằng phiếu ở suất cuối cùng nên không bỏ phiếu lại."
    ),
}


@pytest.mark.parametrize(("state", "action", "role"), list(itertools.product(State, Action, Role)))
def test_every_transition(state: State, action: Action, role: Role) -> None:
    allowed = ALLOWED.get((state, action))
    params = {"group": "Cụm Một"}
    if allowed and role in allowed[1]:
        assert WORKFLOW.transition(state, action, {role}, params=params) == allowed[0]
        assert WORKFLOW.allowed(state, action, {role}) is True
        return
    assert WORKFLOW.allowed(state, action, {role}) is False
    if role not in MAY[action]:
        with pytest.raises(RoleRefused):
            WORKFLOW.transition(state, action, {role}, params=params)
    else:
        with pytest.raises(StateRefused) as caught:
            WORKFLOW.transition(state, action, {role}, params=params)
        assert str(caught.value) == STATE_REFUSALS[(state, action)]


def test_every_refused_cell_has_its_own_message() -> None:
    refused = {cell for cell in itertools.product(State, Action) if cell not in ALLOWED}
    assert set(STATE_MESSAGES) == refused == set(STATE_REFUSALS)


def test_the_role_refusal_names_the_group() -> None:
    with pytest.raises(RoleRefused, match="Chỉ cán bộ của đơn vị thành viên «Cụm Một» mới được bỏ phiếu"):
        WORKFLOW.transition(S.OPEN, A.CAST, {R.PROVINCE, R.HEAD}, params={"group": "Cụm Một"})


def test_the_model_has_the_tables_states() -> None:
    # NONE is the missing row; TIED is a closed vote whose tally needs a new round (vote_state).
    assert set(Vote.Status.values) == {s.value for s in State} - {S.NONE, S.TIED}


# --- roles of the personas ----------------------------------------------------------------------------
pytest_db = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
ROLES = {
    "province": {R.PROVINCE},
    "head": {R.HEAD, R.VOTER},  # "home" heads the group and is on the roster
    "member": {R.VOTER},  # "other" is on the roster
    "council": set(),
    "editor": set(),
    "chief": set(),
    "sysadmin": {R.PROVINCE},
    "outsider": set(),  # works at "home" but holds no role
}


@pytest_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_vote_roles_of_each_persona(world: Any, personas: dict[str, Any], persona: str) -> None:
    user = personas[persona]
    vote = vote_open(actor=personas["province"], group=world.group)
    assert vote_roles(user=user, group=world.group, vote=vote) == ROLES[persona]
    assert vote_roles(user=user, group=world.group) == ROLES[persona] - {R.VOTER}  # no vote, no voter
    # the table's roles are those of the older selectors
    assert bool(ROLES[persona] & MANAGERS) is can_manage_vote(user=user, group=world.group)
    assert (R.VOTER in ROLES[persona]) is (voting_unit_for(user=user, vote=vote) is not None)


# --- the services obey the table --------------------------------------------------------------------
def _vote_in(state: State, world: Any, personas: dict[str, Any]) -> Vote | None:
    """The group's vote in `state`: a closed one has the member's ballot; a tied one two ballots, each
    unit choosing the other, under "at least 50%", so both pass and tie for the one seat."""
    province, member = personas["province"], personas["member"]
    if state == S.NONE:
        return None
    if state == S.TIED:
        ruleset_save(
            actor=province,
            province=world.province,
            effective_from=dt.date(2026, 1, 1),
            vote_threshold_rule="at_least",
        )
    vote = vote_open(actor=province, group=world.group)
    if state == S.CLOSED:
        ballot_cast(actor=member, vote=vote, choices=[world.home])
        vote_close(actor=province, vote=vote)
    if state == S.TIED:
        ballot_cast(actor=personas["head"], vote=vote, choices=[world.other])
        ballot_cast(actor=member, vote=vote, choices=[world.home])
        vote_close(actor=province, vote=vote)
    vote.refresh_from_db()
    assert vote_state(vote) == state
    return vote


def _do(action: Action, *, actor: Any, world: Any, vote: Vote | None) -> Any:
    if action == A.OPEN:
        return vote_open(actor=actor, group=world.group)
    assert vote is not None
    if action == A.CAST:
        return ballot_cast(actor=actor, vote=vote, choices=[])  # a blank ballot
    if action == A.ROUND:
        return vote_round_open(actor=actor, vote=vote)
    return vote_close(actor=actor, vote=vote)


CASES = [
    (state, action, persona)
    for state, action, persona in itertools.product(State, Action, PERSONAS)
    if state != S.NONE or action == A.OPEN  # casting, closing and a new round need a vote to act on
]


@pytest_db
@pytest.mark.parametrize(("state", "action", "persona"), CASES)
def test_services_obey_the_table(
    world: Any, personas: dict[str, Any], state: State, action: Action, persona: str
) -> None:
    # given the group's vote in `state`
    vote = _vote_in(state, world, personas)
    actor = personas[persona]
    roles = vote_roles(user=actor, group=world.group, vote=vote)
    refusal = ""
    try:
        expected: State | type[Exception] = WORKFLOW.transition(
            state, action, roles, params={"group": world.group}
        )
    except RoleRefused as error:
        expected, refusal = PermissionDenied, str(error)
    except StateRefused as error:
        expected, refusal = ValidationError, str(error)
    audits = AuditEvent.objects.count()
    # when the persona calls the service, then it does what the table says, with the table's words
    if isinstance(expected, type):
        with pytest.raises(expected) as caught:
            _do(action, actor=actor, world=world, vote=vote)
        said = caught.value.messages if isinstance(caught.value, ValidationError) else [str(caught.value)]
        assert refusal in said
        assert AuditEvent.objects.count() == audits
        assert vote_state(Vote.objects.filter(group=world.group).first()) == state
    else:
        _do(action, actor=actor, world=world, vote=vote)
        assert vote_state(Vote.objects.get(group=world.group)) == expected
        assert AuditEvent.objects.count() == audits + 1


@pytest_db
@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_listing_offers_what_the_table_allows(
    world: Any, personas: dict[str, Any], state: State, persona: str
) -> None:
    vote = _vote_in(state, world, personas)
    user = personas[persona]
    rows = vote_rows(user=user, year=world.group.year)
    if not rows:  # the persona does not see the group at all
        assert persona in {"editor", "chief", "outsider"}
        return
    [row] = rows
    roles = vote_roles(user=user, group=world.group, vote=vote)
    assert row.can_open is WORKFLOW.allowed(state, A.OPEN, roles)
    assert row.can_close is WORKFLOW.allowed(state, A.CLOSE, roles)
    assert row.can_round is WORKFLOW.allowed(state, A.ROUND, roles)
    assert row.state == state
    assert row.can_vote is (WORKFLOW.allowed(state, A.CAST, roles) and not row.has_voted)
