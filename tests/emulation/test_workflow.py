"""Every state × action × role against the transition table, written out independently."""

from __future__ import annotations

import itertools

import pytest

from thidua.emulation.rules.workflow import Action, Role, State, TransitionError, transition

S, A, R = State, Action, Role
# (state, action) -> (new state, roles allowed). Everything not listed must be refused.
ALLOWED = {
    (S.DRAFT, A.SAVE): (S.DRAFT, {R.MEMBER}),
    (S.RETURNED, A.SAVE): (S.RETURNED, {R.MEMBER}),
    (S.DRAFT, A.SUBMIT): (S.SUBMITTED, {R.MEMBER}),
    (S.RETURNED, A.SUBMIT): (S.SUBMITTED, {R.MEMBER}),
    (S.SUBMITTED, A.RETURN): (S.RETURNED, {R.APPRAISER, R.PROVINCE}),
    (S.APPRAISED, A.RETURN): (S.RETURNED, {R.APPRAISER, R.PROVINCE}),
    (S.SUBMITTED, A.APPRAISE): (S.APPRAISED, {R.APPRAISER, R.PROVINCE}),
    (S.APPRAISED, A.APPRAISE): (S.APPRAISED, {R.APPRAISER, R.PROVINCE}),
    (S.DRAFT, A.LOCK): (S.LOCKED, {R.SYSTEM}),
    (S.SUBMITTED, A.LOCK): (S.LOCKED, {R.SYSTEM}),
    (S.RETURNED, A.LOCK): (S.LOCKED, {R.SYSTEM}),
    (S.APPRAISED, A.LOCK): (S.LOCKED, {R.SYSTEM}),
    (S.LOCKED, A.UNLOCK): (S.APPRAISED, {R.PROVINCE}),  # back to the state before the lock
}


@pytest.mark.parametrize(("state", "action", "role"), list(itertools.product(State, Action, Role)))
def test_every_transition(state: State, action: Action, role: Role) -> None:
    allowed = ALLOWED.get((state, action))
    if allowed and role in allowed[1]:
        assert transition(state, action, role, reason="lý do", before_lock=S.APPRAISED) == allowed[0]
    else:
        with pytest.raises(TransitionError):
            transition(state, action, role, reason="lý do", before_lock=S.APPRAISED)


@pytest.mark.parametrize(
    ("state", "action", "role"),
    [
        (S.SUBMITTED, A.RETURN, R.APPRAISER),
        (S.APPRAISED, A.RETURN, R.PROVINCE),
        (S.LOCKED, A.UNLOCK, R.PROVINCE),
    ],
)
def test_reason_required(state: State, action: Action, role: Role) -> None:
    with pytest.raises(TransitionError, match="Cần nêu lý do"):
        transition(state, action, role, reason="  ")


def test_messages_name_state_and_action() -> None:
    with pytest.raises(TransitionError, match="Không thể gửi báo cáo khi báo cáo đã khóa"):
        transition(S.LOCKED, A.SUBMIT, R.MEMBER)
    with pytest.raises(TransitionError, match="không có quyền thẩm định"):
        transition(S.SUBMITTED, A.APPRAISE, R.MEMBER)


def test_unlock_returns_to_state_before_lock() -> None:
    assert (
        transition(S.LOCKED, A.UNLOCK, R.PROVINCE, reason="Sai số liệu", before_lock=S.SUBMITTED)
        == S.SUBMITTED
    )
