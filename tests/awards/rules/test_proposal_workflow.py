"""The proposal workflow: every state × action × role against the table, written out independently.
Pure: no database."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from thidua.awards.rules.proposal_workflow import (
    REASON_MESSAGES,
    ROLE_MESSAGES,
    STATE_MESSAGES,
    WORKFLOW,
    Action,
    Role,
    State,
)
from thidua.core.transitions import ReasonMissing, RoleRefused, StateRefused

S, A, R = State, Action, Role
UNIT, PROVINCE, COUNCIL = {R.UNIT}, {R.PROVINCE}, {R.COUNCIL}
# (state, action) -> (new state, roles allowed). Everything not listed must be refused.
ALLOWED = {
    (S.NONE, A.CREATE): (S.DRAFT, UNIT),
    (S.DRAFT, A.EDIT): (S.DRAFT, UNIT),
    (S.RETURNED, A.EDIT): (S.RETURNED, UNIT),
    (S.DRAFT, A.SUBMIT): (S.SUBMITTED, UNIT),
    (S.RETURNED, A.SUBMIT): (S.SUBMITTED, UNIT),  # resubmission after a return
    (S.DRAFT, A.WITHDRAW): (S.WITHDRAWN, UNIT),
    (S.RETURNED, A.WITHDRAW): (S.WITHDRAWN, UNIT),
    (S.SUBMITTED, A.RETURN): (S.RETURNED, PROVINCE),
    (S.APPRAISED, A.RETURN): (S.RETURNED, PROVINCE),
    (S.SUBMITTED, A.APPRAISE): (S.APPRAISED, PROVINCE),
    (S.APPRAISED, A.OPEN_VOTE): (S.COUNCIL_VOTING, PROVINCE),
    (S.COUNCIL_VOTING, A.CAST): (S.COUNCIL_VOTING, COUNCIL),
    (S.COUNCIL_VOTING, A.RECORD_WRITTEN): (S.COUNCIL_VOTING, PROVINCE),  # an absent member's written ballot
    (S.COUNCIL_VOTING, A.CLOSE_VOTE): (S.VOTED, PROVINCE),
    (S.VOTED, A.DECIDE): (S.DECIDED, PROVINCE),
}
MAY = {
    action: set().union(*(roles for (_s, a), (_t, roles) in ALLOWED.items() if a == action)) for action in A
}
WITH_REASON = {A.RETURN, A.WITHDRAW}
TERMINAL = {S.DECIDED, S.WITHDRAWN}
# The officer's reading of each refused state, independently of the rule module's wording: a phrase
# the message must contain.
_BEFORE_VOTE = (S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPRAISED)
STATE_REFUSALS: dict[tuple[State, Action], str] = {
    **{(S.NONE, a): "Chưa có hồ sơ" for a in A if a != A.CREATE},
    **{(s, A.CREATE): "đã được lập" for s in S if s != S.NONE},
    **{(S.WITHDRAWN, a): "đã được đơn vị rút" for a in A if a != A.CREATE},
    **{(S.DECIDED, a): "đã có quyết định khen thưởng" for a in A if a != A.CREATE},
    (S.SUBMITTED, A.EDIT): "chỉ sửa, rút được khi hồ sơ được trả lại",
    (S.SUBMITTED, A.SUBMIT): "đã được gửi",
    (S.SUBMITTED, A.WITHDRAW): "trả lại hồ sơ trước",
    **{
        (s, a): "đã được thẩm định; không sửa, gửi hay rút"
        for s in (S.APPRAISED, S.COUNCIL_VOTING, S.VOTED)
        for a in (A.EDIT, A.SUBMIT, A.WITHDRAW)
    },
    (S.DRAFT, A.RETURN): "chưa được gửi",
    (S.DRAFT, A.APPRAISE): "chưa được gửi; chưa thẩm định",
    (S.RETURNED, A.RETURN): "đã được trả lại đơn vị",
    (S.RETURNED, A.APPRAISE): "chờ đơn vị gửi lại",
    **{(s, A.APPRAISE): "đã được thẩm định" for s in (S.APPRAISED, S.COUNCIL_VOTING, S.VOTED)},
    (S.COUNCIL_VOTING, A.RETURN): "đang bỏ phiếu; không trả lại",
    (S.VOTED, A.RETURN): "đã bỏ phiếu; không trả lại",
    **{(s, A.OPEN_VOTE): "chưa được thẩm định" for s in (S.DRAFT, S.SUBMITTED, S.RETURNED)},
    (S.COUNCIL_VOTING, A.OPEN_VOTE): "đang bỏ phiếu",
    (S.VOTED, A.OPEN_VOTE): "đã kết thúc bỏ phiếu",
    **{(s, A.CAST): "chưa mở bỏ phiếu" for s in _BEFORE_VOTE},
    **{(s, A.RECORD_WRITTEN): "chưa mở bỏ phiếu" for s in _BEFORE_VOTE},
    (S.VOTED, A.RECORD_WRITTEN): "không nhận thêm phiếu",
    **{(s, A.CLOSE_VOTE): "chưa mở bỏ phiếu" for s in _BEFORE_VOTE},
    (S.VOTED, A.CAST): "không nhận thêm phiếu",
    (S.VOTED, A.CLOSE_VOTE): "đã kết thúc bỏ phiếu",
    **{(s, A.DECIDE): "chưa được Hội đồng Thi đua – Khen thưởng bỏ phiếu" for s in _BEFORE_VOTE},
    (S.COUNCIL_VOTING, A.DECIDE): "kết thúc bỏ phiếu trước khi ghi quyết định",
}
ROLE_REFUSALS = {
    **{a: "Chỉ cán bộ của đơn vị đề nghị" for a in (A.CREATE, A.EDIT, A.SUBMIT, A.WITHDRAW)},
    **{
        a: "Chỉ Ban Thi đua – Khen thưởng tỉnh"
        for a in (A.RETURN, A.APPRAISE, A.OPEN_VOTE, A.CLOSE_VOTE, A.RECORD_WRITTEN, A.DECIDE)
    },
    A.CAST: "Chỉ thành viên Hội đồng",
}


@pytest.mark.parametrize(("state", "action", "role"), list(itertools.product(State, Action, Role)))
def test_every_transition(state: State, action: Action, role: Role) -> None:
    allowed = ALLOWED.get((state, action))
    if allowed and role in allowed[1]:
        assert WORKFLOW.transition(state, action, {role}, reason="Thiếu biên bản họp xét") == allowed[0]
        assert WORKFLOW.allowed(state, action, {role}) is True
        return
    assert WORKFLOW.allowed(state, action, {role}) is False
    if role not in MAY[action]:
        with pytest.raises(RoleRefused, match=ROLE_REFUSALS[action]):
            WORKFLOW.transition(state, action, {role}, reason="Thiếu biên bản họp xét")
    else:
        with pytest.raises(StateRefused, match=STATE_REFUSALS[(state, action)]):
            WORKFLOW.transition(state, action, {role}, reason="Thiếu biên bản họp xét")


def test_every_refused_cell_has_its_own_message() -> None:
    refused = {cell for cell in itertools.product(State, Action) if cell not in ALLOWED}
    assert set(STATE_MESSAGES) == refused == set(STATE_REFUSALS)
    assert set(ROLE_MESSAGES) == set(Action)
    assert set(REASON_MESSAGES) == WITH_REASON


def test_the_table_is_the_independent_one() -> None:
    assert {cell: (t.target, set(t.roles)) for cell, t in WORKFLOW.transitions.items()} == ALLOWED
    assert {a for a in A if WORKFLOW.needs_reason(a)} == WITH_REASON


@pytest.mark.parametrize("action", sorted(WITH_REASON))
def test_return_and_withdraw_need_a_reason_before_anything_about_the_state(action: Action) -> None:
    role = next(iter(MAY[action]))
    for state in State:
        with pytest.raises(ReasonMissing, match="Cần nêu lý do"):
            WORKFLOW.transition(state, action, {role}, reason="  ")
    # the role comes first: the council learns it may not, whatever the reason
    with pytest.raises(RoleRefused):
        WORKFLOW.transition(S.SUBMITTED, action, {R.COUNCIL}, reason="")


def test_terminal_states_lead_nowhere() -> None:
    for state, action in itertools.product(TERMINAL, Action):
        assert not WORKFLOW.can_happen(state, action)


def test_every_state_is_reachable_from_none() -> None:
    seen, frontier = {S.NONE}, [S.NONE]
    while frontier:
        state = frontier.pop()
        for (source, _action), transition in WORKFLOW.transitions.items():
            if source == state and transition.target not in seen:
                seen.add(transition.target)
                frontier.append(transition.target)
    assert seen == set(State)


def test_the_full_path_with_a_return() -> None:
    path = [
        (A.CREATE, R.UNIT, S.DRAFT),
        (A.EDIT, R.UNIT, S.DRAFT),
        (A.SUBMIT, R.UNIT, S.SUBMITTED),
        (A.RETURN, R.PROVINCE, S.RETURNED),
        (A.EDIT, R.UNIT, S.RETURNED),
        (A.SUBMIT, R.UNIT, S.SUBMITTED),
        (A.APPRAISE, R.PROVINCE, S.APPRAISED),
        (A.OPEN_VOTE, R.PROVINCE, S.COUNCIL_VOTING),
        (A.CAST, R.COUNCIL, S.COUNCIL_VOTING),
        (A.CLOSE_VOTE, R.PROVINCE, S.VOTED),
        (A.DECIDE, R.PROVINCE, S.DECIDED),
    ]
    state = S.NONE
    for action, role, expected in path:
        state = WORKFLOW.transition(state, action, {role}, reason="Bổ sung xác nhận sáng kiến")
        assert state == expected


def test_several_roles_add_up() -> None:
    # a province officer who also sits on the council may cast and close
    assert WORKFLOW.allowed(S.COUNCIL_VOTING, A.CAST, {R.PROVINCE, R.COUNCIL}) is True
    assert WORKFLOW.allowed(S.COUNCIL_VOTING, A.CLOSE_VOTE, {R.PROVINCE, R.COUNCIL}) is True
    assert WORKFLOW.allowed(S.COUNCIL_VOTING, A.CAST, {R.PROVINCE}) is False


def test_messages_are_nfc_vietnamese() -> None:
    for message in [*STATE_MESSAGES.values(), *ROLE_MESSAGES.values(), *REASON_MESSAGES.values()]:
        text = str(message)
        assert unicodedata.is_normalized("NFC", text), text
        assert text.endswith("."), text
