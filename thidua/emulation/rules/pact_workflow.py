"""The pact workflow as a transition table (pure; no ORM).

    (no pact) --create--> draft --sign--> signed --reopen (with a reason)--> draft
                                                   (the next signing records a new version)

While the pact is a draft its criteria may be edited and the members register their targets; once
signed, review periods may be opened on it. Every allowed move is a row below; anything else is
refused with the message in STATE_MESSAGES. tests/emulation/test_pact_workflow.py checks every
state × action × role against its own copy of the table, and that the services obey it.

The roles (selectors/access.py: pact_roles) are the province office, the officer of the group's
head unit (cụm trưởng, khối trưởng), and the officer of the member unit whose targets are concerned.
One person may hold several: the head unit's officer is also a member for its own unit's targets.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from thidua.core.transitions import Transition, Workflow


class State(StrEnum):
    NONE = "none"  # the group has no pact yet (no Pact row)
    DRAFT = "draft"
    SIGNED = "signed"


class Action(StrEnum):
    CREATE = "create"  # from a template, from last year's pact, or from a criteria tree
    EDIT_CRITERIA = "edit_criteria"
    REGISTER_TARGETS = "register_targets"
    SIGN = "sign"
    REOPEN = "reopen"
    OPEN_PERIOD = "open_period"  # open a review period on the pact; the pact stays signed


class Role(StrEnum):
    PROVINCE = "province"  # the province's emulation office or a system administrator
    HEAD = "head"  # an officer of the group's head unit
    MEMBER = "member"  # an officer of the member unit concerned (its own targets)
    OTHER = "other"


_MANAGERS = frozenset({Role.PROVINCE, Role.HEAD})

TRANSITIONS: dict[tuple[State, Action], Transition[State, Role]] = {
    (State.NONE, Action.CREATE): Transition(State.DRAFT, _MANAGERS),
    (State.DRAFT, Action.EDIT_CRITERIA): Transition(State.DRAFT, _MANAGERS),
    (State.DRAFT, Action.REGISTER_TARGETS): Transition(State.DRAFT, frozenset({Role.MEMBER, Role.PROVINCE})),
    (State.DRAFT, Action.SIGN): Transition(State.SIGNED, _MANAGERS),
    (State.SIGNED, Action.REOPEN): Transition(State.DRAFT, frozenset({Role.PROVINCE}), needs_reason=True),
    (State.SIGNED, Action.OPEN_PERIOD): Transition(State.SIGNED, _MANAGERS),
}

_NOT_MANAGER = gettext_lazy(
    "Chỉ Ban Thi đua – Khen thưởng tỉnh hoặc đơn vị cụm trưởng được thiết lập giao ước của cụm, khối."
)
ROLE_MESSAGES = {
    Action.CREATE: _NOT_MANAGER,
    Action.EDIT_CRITERIA: _NOT_MANAGER,
    Action.SIGN: _NOT_MANAGER,
    Action.REGISTER_TARGETS: gettext_lazy(
        "Chỉ đơn vị thành viên (hoặc Ban Thi đua – Khen thưởng tỉnh) đăng ký chỉ tiêu của đơn vị."
    ),
    Action.REOPEN: gettext_lazy("Bạn không có quyền thực hiện thao tác này."),
    Action.OPEN_PERIOD: gettext_lazy(
        "Chỉ Ban Thi đua – Khen thưởng tỉnh hoặc đơn vị cụm trưởng được mở, khóa kỳ đánh giá."
    ),
}
_EXISTS = gettext_lazy("«%(group)s» đã có giao ước thi đua.")
_NO_PACT = gettext_lazy("«%(group)s» chưa có giao ước thi đua.")
# Messages may name the group: the services pass params={"group": ...}.
STATE_MESSAGES = {
    (State.DRAFT, Action.CREATE): _EXISTS,
    (State.SIGNED, Action.CREATE): _EXISTS,
    **{
        (State.NONE, action): _NO_PACT
        for action in (
            Action.EDIT_CRITERIA,
            Action.REGISTER_TARGETS,
            Action.SIGN,
            Action.REOPEN,
            Action.OPEN_PERIOD,
        )
    },
    (State.SIGNED, Action.EDIT_CRITERIA): gettext_lazy(
        "Giao ước đã ký kết; muốn sửa tiêu chí phải mở lại giao ước (Ban Thi đua – Khen thưởng tỉnh)."
    ),
    (State.SIGNED, Action.REGISTER_TARGETS): gettext_lazy(
        "Giao ước đã ký kết; không sửa chỉ tiêu đăng ký được."
    ),
    (State.SIGNED, Action.SIGN): gettext_lazy("Giao ước đã được ký kết."),
    (State.DRAFT, Action.REOPEN): gettext_lazy("Giao ước chưa ký kết, không cần mở lại."),
    (State.DRAFT, Action.OPEN_PERIOD): gettext_lazy(
        "Giao ước chưa ký kết; hãy ký kết trước khi mở kỳ đánh giá."
    ),
}
REASON_MESSAGES = {Action.REOPEN: gettext_lazy("Cần nêu lý do mở lại giao ước.")}

WORKFLOW: Workflow[State, Action, Role] = Workflow(
    transitions=TRANSITIONS,
    role_messages=ROLE_MESSAGES,
    state_messages=STATE_MESSAGES,
    reason_messages=REASON_MESSAGES,
)
