"""The pact workflow: every state × action × role against the table, written out independently, and
the services obeying the table for every persona in every state."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.emulation.fixtures import CRITERIA
from thidua.core.models import AuditEvent
from thidua.core.transitions import ReasonMissing, RoleRefused, StateRefused
from thidua.emulation.models import Pact, Period
from thidua.emulation.rules.pact_workflow import STATE_MESSAGES, WORKFLOW, Action, Role, State
from thidua.emulation.selectors.access import can_manage_group, pact_roles
from thidua.emulation.services.pacts import (
    pact_create,
    pact_criteria_replace,
    pact_reopen,
    pact_sign,
    targets_register,
)
from thidua.emulation.services.periods import period_open

S, A, R = State, Action, Role
MANAGERS = {R.PROVINCE, R.HEAD}
# (state, action) -> (new state, roles allowed). Everything not listed must be refused.
ALLOWED = {
    (S.NONE, A.CREATE): (S.DRAFT, MANAGERS),
    (S.DRAFT, A.EDIT_CRITERIA): (S.DRAFT, MANAGERS),
    (S.DRAFT, A.REGISTER_TARGETS): (S.DRAFT, {R.MEMBER, R.PROVINCE}),
    (S.DRAFT, A.SIGN): (S.SIGNED, MANAGERS),
    (S.SIGNED, A.REOPEN): (S.DRAFT, {R.PROVINCE}),
    (S.SIGNED, A.OPEN_PERIOD): (S.SIGNED, MANAGERS),
}
# Who may do each action at all (a refusal for anyone else is a PermissionDenied, in any state).
MAY = {
    action: set().union(*(roles for (_s, a), (_t, roles) in ALLOWED.items() if a == action)) for action in A
}
# The officer's reading of each refused state (independently of the rule module's wording).
STATE_REFUSALS = {
    (S.DRAFT, A.CREATE): "đã có giao ước thi đua",
    (S.SIGNED, A.CREATE): "đã có giao ước thi đua",
    (S.SIGNED, A.EDIT_CRITERIA): "Giao ước đã ký kết; muốn sửa tiêu chí phải mở lại giao ước",
    (S.SIGNED, A.REGISTER_TARGETS): "Giao ước đã ký kết; không sửa chỉ tiêu đăng ký được.",
    (S.SIGNED, A.SIGN): "Giao ước đã được ký kết.",
    (S.DRAFT, A.REOPEN): "Giao ước chưa ký kết, không cần mở lại.",
    (S.DRAFT, A.OPEN_PERIOD): "Giao ước chưa ký kết; hãy ký kết trước khi mở kỳ đánh giá.",
    **{(S.NONE, a): "chưa có giao ước thi đua" for a in A if a != A.CREATE},
}


@pytest.mark.parametrize(("state", "action", "role"), list(itertools.product(State, Action, Role)))
def test_every_transition(state: State, action: Action, role: Role) -> None:
    allowed = ALLOWED.get((state, action))
    params = {"group": "Cụm Một"}
    if allowed and role in allowed[1]:
        assert WORKFLOW.transition(state, action, {role}, reason="lý do", params=params) == allowed[0]
        assert WORKFLOW.allowed(state, action, {role}) is True
        return
    assert WORKFLOW.allowed(state, action, {role}) is False
    if role not in MAY[action]:
        with pytest.raises(RoleRefused):
            WORKFLOW.transition(state, action, {role}, reason="lý do", params=params)
    else:
        with pytest.raises(StateRefused, match=STATE_REFUSALS[(state, action)]):
            WORKFLOW.transition(state, action, {role}, reason="lý do", params=params)


def test_every_refused_cell_has_its_own_message() -> None:
    refused = {cell for cell in itertools.product(State, Action) if cell not in ALLOWED}
    assert set(STATE_MESSAGES) == refused == set(STATE_REFUSALS)


def test_reopen_needs_a_reason_before_anything_about_the_state() -> None:
    for state in State:
        with pytest.raises(ReasonMissing, match="Cần nêu lý do mở lại giao ước"):
            WORKFLOW.transition(state, A.REOPEN, {R.PROVINCE}, reason="  ")
    # and the role comes first: the head unit learns it may not, whatever the reason
    with pytest.raises(RoleRefused, match="Bạn không có quyền"):
        WORKFLOW.transition(S.SIGNED, A.REOPEN, {R.HEAD}, reason="")


def test_several_roles_add_up() -> None:
    # the head unit's officer registering its own unit's targets is head and member at once
    assert WORKFLOW.allowed(S.DRAFT, A.REGISTER_TARGETS, {R.HEAD, R.MEMBER}) is True
    assert WORKFLOW.allowed(S.DRAFT, A.REGISTER_TARGETS, {R.HEAD}) is False


def test_the_model_has_the_tables_states() -> None:
    assert set(Pact.Status.values) == {s.value for s in State} - {S.NONE}


# --- roles of the personas ----------------------------------------------------------------------------
pytest_db = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
ROLES = {
    # persona -> (roles in the group, roles for the targets of "other", the member unit)
    "province": ({R.PROVINCE}, {R.PROVINCE}),
    "head": ({R.HEAD}, {R.HEAD}),  # "home" heads the group; "other" is not its unit
    "member": (set(), {R.MEMBER}),  # works at "other"
    "council": (set(), set()),
    "editor": (set(), set()),
    "chief": (set(), set()),
    "sysadmin": ({R.PROVINCE}, {R.PROVINCE}),
    "outsider": (set(), set()),  # works at "home" but holds no role
}


@pytest_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_pact_roles_of_each_persona(world: Any, personas: dict[str, Any], persona: str) -> None:
    group_roles, target_roles = ROLES[persona]
    user = personas[persona]
    assert pact_roles(user=user, group=world.group) == group_roles
    assert pact_roles(user=user, group=world.group, organisation_id=world.other.pk) == target_roles
    # the managers of the table are exactly those can_manage_group() names
    assert bool(group_roles & MANAGERS) is can_manage_group(user=user, group=world.group)


@pytest_db
def test_the_head_unit_is_member_for_its_own_targets(world: Any, personas: dict[str, Any]) -> None:
    assert pact_roles(user=personas["head"], group=world.group, organisation_id=world.home.pk) == {
        R.HEAD,
        R.MEMBER,
    }


# --- the services obey the table --------------------------------------------------------------------
def _pact_in(state: State, world: Any, province: Any) -> Pact | None:
    """The group's pact in `state`, set up through the services by the province office."""
    if state == S.NONE:
        return None
    pact = pact_create(actor=province, group=world.group, criteria=CRITERIA)
    for org in (world.home, world.other):
        targets_register(actor=province, pact=pact, organisation=org, targets={"1.1": "100"})
    if state == S.SIGNED:
        pact_sign(actor=province, pact=pact, signed_on=dt.date(2026, 3, 20))
    pact.refresh_from_db()
    return pact


def _do(action: Action, *, actor: Any, world: Any, pact: Pact | None) -> Any:
    if action == A.CREATE:
        return pact_create(actor=actor, group=world.group, criteria=CRITERIA)
    assert pact is not None
    if action == A.EDIT_CRITERIA:
        return pact_criteria_replace(actor=actor, pact=pact, criteria=CRITERIA)
    if action == A.REGISTER_TARGETS:
        return targets_register(actor=actor, pact=pact, organisation=world.other, targets={"1.1": "120"})
    if action == A.SIGN:
        return pact_sign(actor=actor, pact=pact, signed_on=dt.date(2026, 3, 21))
    if action == A.REOPEN:
        return pact_reopen(actor=actor, pact=pact, reason="Bổ sung tiêu chí theo chỉ đạo của tỉnh")
    return period_open(
        actor=actor,
        pact=pact,
        kind=Period.Kind.SO_KET,
        opens_on=dt.date(2026, 6, 1),
        closes_on=dt.date(2026, 7, 15),
    )


CASES = [
    (state, action, persona)
    for state, action, persona in itertools.product(State, Action, PERSONAS)
    if state != S.NONE or action == A.CREATE  # the other actions need a pact to act on
]


@pytest_db
@pytest.mark.parametrize(("state", "action", "persona"), CASES)
def test_services_obey_the_table(
    world: Any, personas: dict[str, Any], state: State, action: Action, persona: str
) -> None:
    # given the group's pact in `state`
    pact = _pact_in(state, world, personas["province"])
    actor = personas[persona]
    organisation_id = world.other.pk if action == A.REGISTER_TARGETS else None
    roles = pact_roles(user=actor, group=world.group, organisation_id=organisation_id)
    audits = AuditEvent.objects.count()
    refusal = ""
    try:
        expected: State | type[Exception] = WORKFLOW.transition(
            state, action, roles, reason="lý do", params={"group": world.group}
        )
    except RoleRefused as error:
        expected, refusal = PermissionDenied, str(error)
    except StateRefused as error:
        expected, refusal = ValidationError, str(error)
    # when the persona calls the service, then it does what the table says, with the table's words
    if isinstance(expected, type):
        with pytest.raises(expected) as caught:
            _do(action, actor=actor, world=world, pact=pact)
        said = caught.value.messages if isinstance(caught.value, ValidationError) else [str(caught.value)]
        assert refusal in said
        assert AuditEvent.objects.count() == audits  # a refusal changes and records nothing
        assert Pact.objects.filter(group=world.group).values_list("status", flat=True).first() == (
            None if state == S.NONE else state
        )
    else:
        _do(action, actor=actor, world=world, pact=pact)
        assert Pact.objects.get(group=world.group).status == expected
        assert AuditEvent.objects.count() > audits


@pytest_db
def test_reopen_through_the_service(world: Any, personas: dict[str, Any]) -> None:
    # given a signed pact, version 1
    pact = _pact_in(S.SIGNED, world, personas["province"])
    assert pact is not None and pact.version == 1
    # a reason is required
    with pytest.raises(ValidationError) as caught:
        pact_reopen(actor=personas["province"], pact=pact, reason=" ")
    assert caught.value.message_dict == {"reason": ["Cần nêu lý do mở lại giao ước."]}
    # when the province office reopens it with a reason
    pact_reopen(actor=personas["province"], pact=pact, reason="Bổ sung tiêu chí")
    # then it is a draft again, the next signing is version 2, and the audit row says why
    assert (pact.status, pact.version) == (S.DRAFT, 2)
    event = AuditEvent.objects.get(action="emulation.pact.reopen")
    assert event.changes == {"status": ["signed", "draft"]} and event.reason == "Bổ sung tiêu chí"
    signature = pact_sign(actor=personas["head"], pact=pact, signed_on=dt.date(2026, 4, 1))
    assert signature.version == 2
