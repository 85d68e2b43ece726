"""The workflow of a commendation proposal (hồ sơ đề nghị khen thưởng) as a transition table (pure; no ORM).

    (no proposal) --create--> draft --submit--> submitted --appraise--> appraised --open_vote-->
        council_voting --close_vote--> voted --decide--> decided

    submitted, appraised --return (a reason)--> returned --submit--> submitted
    draft, returned --withdraw (a reason)--> withdrawn
    self-loops: edit in draft and returned; cast (the council's ballots) in council_voting

A unit's officer assembles the list of people and collectives (each with an award code and year),
then submits it; the province's emulation office (Ban Thi đua – Khen thưởng tỉnh, now in the Sở Nội
vụ) appraises the dossier or returns it with a reason, and the unit edits and submits it again. The
appraised proposal goes before the provincial council (Hội đồng Thi đua – Khen thưởng), whose members
cast one ballot per item while the vote is open; the office closes the count (rules/council.py gives
each item's result) and records the decision the chairman signed.

Why "voted" is a state of its own between the council's vote and the decision: the council advises and
the Chủ tịch UBND tỉnh decides (Luật TĐKT 2022 Điều 79, legal-rules §2.6 [R]); the count is closed the
day of the session, the decision is signed later, and no ballot may arrive in between.

Why a unit withdraws only a draft or a returned proposal: once submitted, the dossier is in the
province's hands; the office returns it first (with its reason), so the audit log says who let it go.

Every allowed move is a row below; anything else is refused with the message in STATE_MESSAGES.
tests/awards/rules/test_proposal_workflow.py checks every state × action × role against its own copy
of the table. Guards that are not about the state stay in the services: the dossier is complete
before submitting (rules/dossier.py), the duplicates were shown (rules/duplicates.py), the council has
its quorum before the count is closed (rules/council.py), one ballot per member and item. The service
that submits records the date the province received the dossier (the transition rule of Luật
06/2026/QH16 keys on it, legal-rules §7(1)).

The roles (the awards selectors map the accounts' role codes to these, as pact_roles does for pacts):
- UNIT: an officer of the proposing unit (RoleCode.MEMBER_OFFICER or GROUP_HEAD_OFFICER, for that
  unit only);
- PROVINCE: the province's emulation office (RoleCode.PROVINCE_OFFICER) or a system administrator
  (RoleCode.SYSTEM_ADMIN);
- COUNCIL: a member of the council (RoleCode.COUNCIL_MEMBER): casts ballots, moves nothing;
- OTHER: anyone else.
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from thidua.core.transitions import Transition, Workflow

__all__ = [
    "REASON_MESSAGES",
    "ROLE_MESSAGES",
    "STATE_MESSAGES",
    "TRANSITIONS",
    "WORKFLOW",
    "Action",
    "Role",
    "State",
]


class State(StrEnum):
    NONE = "none"  # the unit has not started this proposal (no row)
    DRAFT = "draft"
    SUBMITTED = "submitted"  # received by the province, waiting for appraisal
    RETURNED = "returned"  # sent back to the unit with a reason; editable again
    APPRAISED = "appraised"  # the office found the dossier complete and lawful
    COUNCIL_VOTING = "council_voting"
    VOTED = "voted"  # the council's count is closed; waiting for the signed decision
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"  # given up by the unit, with a reason


class Action(StrEnum):
    CREATE = "create"
    EDIT = "edit"  # add, change or remove items and documents
    SUBMIT = "submit"  # the first time, or again after a return
    WITHDRAW = "withdraw"
    RETURN = "return"
    APPRAISE = "appraise"
    OPEN_VOTE = "open_vote"
    CAST = "cast"  # a council member's ballots; the state does not move
    # The office records the written ballot of a member absent from the session (NĐ 91/2017/NĐ-CP
    # Điều 45 khoản 8 [V]: members who cannot attend vote in writing); the state does not move.
    RECORD_WRITTEN = "record_written"
    CLOSE_VOTE = "close_vote"
    DECIDE = "decide"  # record the decision signed by the chairman


class Role(StrEnum):
    UNIT = "unit"  # an officer of the proposing unit
    PROVINCE = "province"  # the province's emulation office or a system administrator
    COUNCIL = "council"  # a member of the provincial council
    OTHER = "other"


_UNIT = frozenset({Role.UNIT})
_PROVINCE = frozenset({Role.PROVINCE})

TRANSITIONS: dict[tuple[State, Action], Transition[State, Role]] = {
    (State.NONE, Action.CREATE): Transition(State.DRAFT, _UNIT),
    (State.DRAFT, Action.EDIT): Transition(State.DRAFT, _UNIT),
    (State.RETURNED, Action.EDIT): Transition(State.RETURNED, _UNIT),
    (State.DRAFT, Action.SUBMIT): Transition(State.SUBMITTED, _UNIT),
    (State.RETURNED, Action.SUBMIT): Transition(State.SUBMITTED, _UNIT),
    (State.DRAFT, Action.WITHDRAW): Transition(State.WITHDRAWN, _UNIT, needs_reason=True),
    (State.RETURNED, Action.WITHDRAW): Transition(State.WITHDRAWN, _UNIT, needs_reason=True),
    # The office may still return an appraised dossier until the council sits (a document found
    # wanting late); after that the council's vote is on the record.
    (State.SUBMITTED, Action.RETURN): Transition(State.RETURNED, _PROVINCE, needs_reason=True),
    (State.APPRAISED, Action.RETURN): Transition(State.RETURNED, _PROVINCE, needs_reason=True),
    (State.SUBMITTED, Action.APPRAISE): Transition(State.APPRAISED, _PROVINCE),
    (State.APPRAISED, Action.OPEN_VOTE): Transition(State.COUNCIL_VOTING, _PROVINCE),
    (State.COUNCIL_VOTING, Action.CAST): Transition(State.COUNCIL_VOTING, frozenset({Role.COUNCIL})),
    (State.COUNCIL_VOTING, Action.RECORD_WRITTEN): Transition(State.COUNCIL_VOTING, _PROVINCE),
    (State.COUNCIL_VOTING, Action.CLOSE_VOTE): Transition(State.VOTED, _PROVINCE),
    (State.VOTED, Action.DECIDE): Transition(State.DECIDED, _PROVINCE),
}

_UNIT_ONLY = gettext_lazy(
    "Chỉ cán bộ của đơn vị đề nghị được lập, sửa, gửi hoặc rút hồ sơ đề nghị khen thưởng."
)
_PROVINCE_ONLY = gettext_lazy(
    "Chỉ Ban Thi đua – Khen thưởng tỉnh được thẩm định, trả lại hồ sơ đề nghị, tổ chức bỏ phiếu "
    "của Hội đồng và ghi quyết định khen thưởng."
)
ROLE_MESSAGES = {
    Action.CREATE: _UNIT_ONLY,
    Action.EDIT: _UNIT_ONLY,
    Action.SUBMIT: _UNIT_ONLY,
    Action.WITHDRAW: _UNIT_ONLY,
    Action.RETURN: _PROVINCE_ONLY,
    Action.APPRAISE: _PROVINCE_ONLY,
    Action.OPEN_VOTE: _PROVINCE_ONLY,
    Action.CLOSE_VOTE: _PROVINCE_ONLY,
    Action.RECORD_WRITTEN: _PROVINCE_ONLY,
    Action.DECIDE: _PROVINCE_ONLY,
    Action.CAST: gettext_lazy("Chỉ thành viên Hội đồng Thi đua – Khen thưởng được bỏ phiếu."),
}
REASON_MESSAGES = {
    Action.RETURN: gettext_lazy("Cần nêu lý do trả lại hồ sơ đề nghị."),
    Action.WITHDRAW: gettext_lazy("Cần nêu lý do rút hồ sơ đề nghị."),
}

_NO_PROPOSAL = gettext_lazy("Chưa có hồ sơ đề nghị khen thưởng này.")
_EXISTS = gettext_lazy("Hồ sơ đề nghị khen thưởng này đã được lập.")
_WITHDRAWN = gettext_lazy("Hồ sơ đề nghị đã được đơn vị rút; không thực hiện được thao tác này.")
_DECIDED = gettext_lazy("Hồ sơ đề nghị đã có quyết định khen thưởng; không thực hiện được thao tác này.")
_SENT = gettext_lazy(
    "Hồ sơ đề nghị đã gửi Ban Thi đua – Khen thưởng tỉnh; chỉ sửa, rút được khi hồ sơ được trả lại."
)
_APPRAISED = gettext_lazy("Hồ sơ đề nghị đã được thẩm định; không sửa, gửi hay rút được nữa.")
_NOT_SENT = gettext_lazy("Hồ sơ đề nghị chưa được gửi.")
_AT_UNIT = gettext_lazy("Hồ sơ đề nghị đã được trả lại đơn vị; chờ đơn vị gửi lại.")
_NOT_APPRAISED = gettext_lazy("Hồ sơ đề nghị chưa được thẩm định; chưa đưa ra Hội đồng bỏ phiếu được.")
_ALREADY_APPRAISED = gettext_lazy("Hồ sơ đề nghị đã được thẩm định.")
_VOTING = gettext_lazy("Hội đồng Thi đua – Khen thưởng đang bỏ phiếu hồ sơ này.")
_VOTED = gettext_lazy("Hội đồng Thi đua – Khen thưởng đã kết thúc bỏ phiếu hồ sơ này.")
_VOTE_NOT_OPEN = gettext_lazy("Hội đồng Thi đua – Khen thưởng chưa mở bỏ phiếu hồ sơ này.")
_NOT_VOTED = gettext_lazy(
    "Hồ sơ đề nghị chưa được Hội đồng Thi đua – Khen thưởng bỏ phiếu; chưa ghi quyết định được."
)

_BEFORE_VOTE = (State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPRAISED)

STATE_MESSAGES: dict[tuple[State, Action], Promise] = {
    **{(State.NONE, action): _NO_PROPOSAL for action in Action if action != Action.CREATE},
    **{(state, Action.CREATE): _EXISTS for state in State if state != State.NONE},
    **{(State.WITHDRAWN, action): _WITHDRAWN for action in Action if action != Action.CREATE},
    **{(State.DECIDED, action): _DECIDED for action in Action if action != Action.CREATE},
    # The unit's actions once the dossier has left it.
    (State.SUBMITTED, Action.EDIT): _SENT,
    (State.SUBMITTED, Action.SUBMIT): gettext_lazy("Hồ sơ đề nghị đã được gửi."),
    (State.SUBMITTED, Action.WITHDRAW): gettext_lazy(
        "Hồ sơ đề nghị đã gửi; muốn rút, đề nghị Ban Thi đua – Khen thưởng tỉnh trả lại hồ sơ trước."
    ),
    **{
        (state, action): _APPRAISED
        for state in (State.APPRAISED, State.COUNCIL_VOTING, State.VOTED)
        for action in (Action.EDIT, Action.SUBMIT, Action.WITHDRAW)
    },
    # The office's actions.
    (State.DRAFT, Action.RETURN): _NOT_SENT,
    (State.DRAFT, Action.APPRAISE): gettext_lazy("Hồ sơ đề nghị chưa được gửi; chưa thẩm định được."),
    (State.RETURNED, Action.RETURN): gettext_lazy("Hồ sơ đề nghị đã được trả lại đơn vị."),
    (State.RETURNED, Action.APPRAISE): _AT_UNIT,
    (State.APPRAISED, Action.APPRAISE): _ALREADY_APPRAISED,
    (State.COUNCIL_VOTING, Action.APPRAISE): _ALREADY_APPRAISED,
    (State.VOTED, Action.APPRAISE): _ALREADY_APPRAISED,
    (State.COUNCIL_VOTING, Action.RETURN): gettext_lazy(
        "Hội đồng Thi đua – Khen thưởng đang bỏ phiếu; không trả lại hồ sơ được."
    ),
    (State.VOTED, Action.RETURN): gettext_lazy(
        "Hội đồng Thi đua – Khen thưởng đã bỏ phiếu; không trả lại hồ sơ được."
    ),
    # The council's vote and the decision.
    **{(state, Action.OPEN_VOTE): _NOT_APPRAISED for state in (State.DRAFT, State.SUBMITTED, State.RETURNED)},
    (State.COUNCIL_VOTING, Action.OPEN_VOTE): _VOTING,
    (State.VOTED, Action.OPEN_VOTE): _VOTED,
    **{(state, Action.CAST): _VOTE_NOT_OPEN for state in _BEFORE_VOTE},
    **{(state, Action.RECORD_WRITTEN): _VOTE_NOT_OPEN for state in _BEFORE_VOTE},
    **{(state, Action.CLOSE_VOTE): _VOTE_NOT_OPEN for state in _BEFORE_VOTE},
    (State.VOTED, Action.CAST): gettext_lazy(
        "Hội đồng Thi đua – Khen thưởng đã kết thúc bỏ phiếu hồ sơ này; không nhận thêm phiếu."
    ),
    (State.VOTED, Action.CLOSE_VOTE): _VOTED,
    (State.VOTED, Action.RECORD_WRITTEN): gettext_lazy(
        "Hội đồng Thi đua – Khen thưởng đã kết thúc bỏ phiếu hồ sơ này; không nhận thêm phiếu."
    ),
    **{(state, Action.DECIDE): _NOT_VOTED for state in _BEFORE_VOTE},
    (State.COUNCIL_VOTING, Action.DECIDE): gettext_lazy(
        "Hội đồng Thi đua – Khen thưởng đang bỏ phiếu; kết thúc bỏ phiếu trước khi ghi quyết định."
    ),
}

WORKFLOW: Workflow[State, Action, Role] = Workflow(
    transitions=TRANSITIONS,
    role_messages=ROLE_MESSAGES,
    state_messages=STATE_MESSAGES,
    reason_messages=REASON_MESSAGES,
)
