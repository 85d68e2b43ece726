"""The suy tôn vote workflow as a transition table (pure; no ORM).

    (no vote) --open--> open --cast (one ballot per member unit)--> open --close (count)--> closed
                          ^                                                                |
                          +---- round (a new round among the tied) <-- tied <--------------+
                                                                  (the count left a tie for
                                                                   the last seat: rules/votes.py)

A group votes once (Vote is one-to-one with the group), in one or more rounds: a count that leaves
a tie for the last seat(s) is "tied", and only then may a new round be opened among the tied
units (rules/votes.py: round_plan). "tied" is not stored: it is a closed vote whose stored tally
says it needs a new round (selectors/votes.py: vote_state), so the tally and the state can never
disagree, and the close row's target stays one state. Every allowed move is a row below; anything
else is refused with the message in STATE_MESSAGES. tests/emulation/test_vote_workflow.py checks
every state × action × role against its own copy of the table, and that the services obey it.
Guards that are not about the state stay in the services: a unit casts once, the group has members,
the ballots and receipts agree when counting.

The roles (selectors/votes.py: vote_roles) are the province office and the officer of the group's
head unit, who open and count, and the officer of a unit on the vote's roster, who casts that
unit's ballot. The head unit's officer is also a voter for the head unit.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy

from thidua.core.transitions import Transition, Workflow


class State(StrEnum):
    NONE = "none"  # the group has no vote yet (no Vote row)
    OPEN = "open"
    CLOSED = "closed"  # counted, and decided: every seat won or left unfilled
    TIED = "tied"  # counted, with a tie for the last seat(s): waiting for a new round


class Action(StrEnum):
    OPEN = "open"
    CAST = "cast"
    CLOSE = "close"
    ROUND = "round"  # open a new round among the tied units


class Role(StrEnum):
    PROVINCE = "province"  # the province's emulation office or a system administrator
    HEAD = "head"  # an officer of the group's head unit
    VOTER = "voter"  # an officer of a unit on the vote's roster, for that unit
    OTHER = "other"


_MANAGERS = frozenset({Role.PROVINCE, Role.HEAD})

TRANSITIONS: dict[tuple[State, Action], Transition[State, Role]] = {
    (State.NONE, Action.OPEN): Transition(State.OPEN, _MANAGERS),
    (State.OPEN, Action.CAST): Transition(State.OPEN, frozenset({Role.VOTER})),
    (State.OPEN, Action.CLOSE): Transition(State.CLOSED, _MANAGERS),
    # Whoever may open the first round and count may open the next: the head unit runs the vote at
    # the group's year-end conference, the province office stands in for it.
    (State.TIED, Action.ROUND): Transition(State.OPEN, _MANAGERS),
}

_MANAGE_DENIED = gettext_lazy(
    "Chỉ Ban Thi đua – Khen thưởng tỉnh hoặc đơn vị cụm trưởng, khối trưởng mới được mở và kiểm phiếu suy tôn."
)
# Messages may name the group: the services pass params={"group": ...}.
ROLE_MESSAGES = {
    Action.OPEN: _MANAGE_DENIED,
    Action.CLOSE: _MANAGE_DENIED,
    Action.ROUND: _MANAGE_DENIED,
    Action.CAST: gettext_lazy(
        "Chỉ cán bộ của đơn vị thành viên «%(group)s» mới được bỏ phiếu, và chỉ cho đơn vị của mình."
    ),
}
_ALREADY_OPEN = gettext_lazy("«%(group)s» đã mở bỏ phiếu suy tôn; mỗi cụm, khối chỉ bỏ phiếu một lần.")
_NOT_OPEN_YET = gettext_lazy("«%(group)s» chưa mở bỏ phiếu suy tôn.")
STATE_MESSAGES = {
    (State.OPEN, Action.OPEN): _ALREADY_OPEN,
    (State.CLOSED, Action.OPEN): _ALREADY_OPEN,
    (State.NONE, Action.CAST): _NOT_OPEN_YET,
    (State.NONE, Action.CLOSE): _NOT_OPEN_YET,
    (State.CLOSED, Action.CAST): gettext_lazy(
        "Cuộc bỏ phiếu đã kết thúc (đã kiểm phiếu); không nhận thêm phiếu."
    ),
    (State.CLOSED, Action.CLOSE): gettext_lazy("Cuộc bỏ phiếu này đã được kiểm phiếu."),
    (State.TIED, Action.OPEN): _ALREADY_OPEN,
    (State.TIED, Action.CAST): gettext_lazy(
        "Vòng bỏ phiếu này đã kiểm phiếu; hãy chờ mở vòng bỏ phiếu lại giữa các đơn vị bằng phiếu."
    ),
    (State.TIED, Action.CLOSE): gettext_lazy("Vòng bỏ phiếu này đã được kiểm phiếu."),
    (State.NONE, Action.ROUND): _NOT_OPEN_YET,
    (State.OPEN, Action.ROUND): gettext_lazy(
        "«%(group)s» đang bỏ phiếu; chỉ mở vòng bỏ phiếu lại sau khi kiểm phiếu có đơn vị bằng phiếu ở suất cuối cùng."
    ),
    (State.CLOSED, Action.ROUND): gettext_lazy(
        "Kết quả kiểm phiếu của «%(group)s» không có đơn vị bằng phiếu ở suất cuối cùng nên không bỏ phiếu lại."
    ),
}

WORKFLOW: Workflow[State, Action, Role] = Workflow(
    transitions=TRANSITIONS, role_messages=ROLE_MESSAGES, state_messages=STATE_MESSAGES
)
