"""The report workflow as a transition table (pure; no ORM).

draft → submitted → returned (with a reason) → submitted → appraised → locked. Every allowed move
is a row below; anything else is refused with a message that names the state and the action.
tests/emulation/test_workflow.py checks every pair of state × action × role against this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPRAISED = "appraised"
    LOCKED = "locked"


class Action(StrEnum):
    SAVE = "save"  # the member edits its values
    SUBMIT = "submit"
    RETURN = "return"
    APPRAISE = "appraise"
    LOCK = "lock"  # the period closes
    UNLOCK = "unlock"


class Role(StrEnum):
    MEMBER = "member"  # an officer of the reporting unit
    APPRAISER = "appraiser"  # an officer of the head unit (of the deputy unit for the head's own report)
    PROVINCE = "province"  # the province's emulation office or a system admin
    SYSTEM = "system"  # the period close
    OTHER = "other"


@dataclass(frozen=True)
class Transition:
    target: State | None  # None: back to the state before the lock
    roles: frozenset[Role]
    needs_reason: bool = False


_MEMBER = frozenset({Role.MEMBER})
_REVIEW = frozenset({Role.APPRAISER, Role.PROVINCE})

TRANSITIONS: dict[tuple[State, Action], Transition] = {
    (State.DRAFT, Action.SAVE): Transition(State.DRAFT, _MEMBER),
    (State.RETURNED, Action.SAVE): Transition(State.RETURNED, _MEMBER),
    (State.DRAFT, Action.SUBMIT): Transition(State.SUBMITTED, _MEMBER),
    (State.RETURNED, Action.SUBMIT): Transition(State.SUBMITTED, _MEMBER),
    (State.SUBMITTED, Action.RETURN): Transition(State.RETURNED, _REVIEW, needs_reason=True),
    (State.APPRAISED, Action.RETURN): Transition(State.RETURNED, _REVIEW, needs_reason=True),
    (State.SUBMITTED, Action.APPRAISE): Transition(State.APPRAISED, _REVIEW),
    (State.APPRAISED, Action.APPRAISE): Transition(State.APPRAISED, _REVIEW),
    **{
        (state, Action.LOCK): Transition(State.LOCKED, frozenset({Role.SYSTEM}))
        for state in State
        if state != State.LOCKED
    },
    (State.LOCKED, Action.UNLOCK): Transition(None, frozenset({Role.PROVINCE}), needs_reason=True),
}

# A report's state and an action on it, inserted into the messages of transition() below.
STATE_LABELS = {
    # Translators: a report's state, inserted into "Không thể … khi báo cáo …" and "ở trạng thái «…»".
    State.DRAFT: gettext_lazy("đang nhập"),
    State.SUBMITTED: gettext_lazy("đã gửi"),
    State.RETURNED: gettext_lazy("bị trả lại"),
    State.APPRAISED: gettext_lazy("đã thẩm định"),
    State.LOCKED: gettext_lazy("đã khóa"),
}
ACTION_LABELS = {
    # Translators: an action on a report (a verb phrase), inserted into "Không thể …", "Bạn không có quyền …".
    Action.SAVE: gettext_lazy("sửa số liệu"),
    Action.SUBMIT: gettext_lazy("gửi báo cáo"),
    Action.RETURN: gettext_lazy("trả lại báo cáo"),
    Action.APPRAISE: gettext_lazy("thẩm định"),
    Action.LOCK: gettext_lazy("khóa báo cáo"),
    Action.UNLOCK: gettext_lazy("mở khóa báo cáo"),
}


class TransitionError(Exception):
    """A move the table does not allow; the message is for the officer, in Vietnamese."""


def transition(
    state: State | str,
    action: Action | str,
    role: Role | str,
    *,
    reason: str = "",
    before_lock: State | str | None = None,
) -> State:
    """The state after `action` by `role` from `state`, or TransitionError saying why not."""
    state, action, role = State(state), Action(action), Role(role)
    rule = TRANSITIONS.get((state, action))
    if rule is None:
        raise TransitionError(
            _("Không thể %(action)s khi báo cáo %(state)s.")
            % {"action": ACTION_LABELS[action], "state": STATE_LABELS[state]}
        )
    if role not in rule.roles:
        raise TransitionError(
            _("Bạn không có quyền %(action)s ở trạng thái «%(state)s».")
            % {"action": ACTION_LABELS[action], "state": STATE_LABELS[state]}
        )
    if rule.needs_reason and not reason.strip():
        raise TransitionError(_("Cần nêu lý do khi %(action)s.") % {"action": ACTION_LABELS[action]})
    if rule.target is None:
        return State(before_lock) if before_lock else State.SUBMITTED
    return rule.target
