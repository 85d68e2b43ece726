"""The machinery of a workflow written as a transition table (pure; no ORM; the standard library only),
shared by the emulation pact and vote workflows (thidua/emulation/rules/pact_workflow.py,
vote_workflow.py) and the awards proposal workflow (thidua/awards/rules/proposal_workflow.py). It sits
in core because more than one app uses it, and core imports no domain app.

A table maps (state, action) to the state after it and the roles that may do it. Anything not in the
table is refused. The emulation report workflow (thidua/emulation/rules/workflow.py) has its own,
older function with the same shape; these tables differ from it in one way that their services have
always had: the question "may this person do this at all?" comes first (a PermissionDenied for the
screen), then the reason, then the state (a ValidationError the officer can act on).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)
R = TypeVar("R", bound=StrEnum)


@dataclass(frozen=True)
class Transition(Generic[S, R]):
    target: S
    roles: frozenset[R]
    needs_reason: bool = False


class Refused(Exception):
    """A move the table does not allow; str() is the officer's message, in Vietnamese."""


class RoleRefused(Refused):
    """Nobody holding the actor's roles may do this action, in any state: a PermissionDenied."""


class ReasonMissing(Refused):
    """The action needs a reason and none was given."""


class StateRefused(Refused):
    """The action is not possible in the current state (or not for these roles in this state)."""


def _say(message: Any, params: Mapping[str, Any] | None) -> str:
    return str(message) % params if params else str(message)


@dataclass(frozen=True)
class Workflow(Generic[S, A, R]):
    """A table with the messages of its refusals.

    `role_messages[action]`: why the actor may not do the action at all. `state_messages[(state,
    action)]`: why not in that state, one for every cell missing from the table (a test checks it).
    `reason_messages[action]`: for the actions that need a reason. Messages are lazy translations and
    may hold named placeholders, filled from `params` when refusing.
    """

    transitions: Mapping[tuple[S, A], Transition[S, R]]
    role_messages: Mapping[A, Any]
    state_messages: Mapping[tuple[S, A], Any]
    reason_messages: Mapping[A, Any] = field(default_factory=dict)

    def roles_for(self, action: A) -> frozenset[R]:
        """Every role that may do the action in some state."""
        return frozenset().union(*(t.roles for (_s, a), t in self.transitions.items() if a == action))

    def needs_reason(self, action: A) -> bool:
        return any(t.needs_reason for (_s, a), t in self.transitions.items() if a == action)

    def can_happen(self, state: S, action: A) -> bool:
        """Whether the state allows the action for someone (what a screen asks before showing a form)."""
        return (state, action) in self.transitions

    def allowed(self, state: S, action: A, roles: Iterable[R]) -> bool:
        """Whether one of the roles may do the action in the state (what a screen asks for a button)."""
        rule = self.transitions.get((state, action))
        return rule is not None and bool(rule.roles & frozenset(roles))

    def check_role(self, action: A, roles: Iterable[R], *, params: Mapping[str, Any] | None = None) -> None:
        """RoleRefused unless one of the roles may do the action in some state."""
        if not self.roles_for(action) & frozenset(roles):
            raise RoleRefused(_say(self.role_messages[action], params))

    def transition(
        self,
        state: S,
        action: A,
        roles: Iterable[R],
        *,
        reason: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> S:
        """The state after `action` by someone holding `roles`, or the refusal: RoleRefused, then
        ReasonMissing, then StateRefused."""
        held = frozenset(roles)
        self.check_role(action, held, params=params)
        if self.needs_reason(action) and not reason.strip():
            raise ReasonMissing(_say(self.reason_messages[action], params))
        rule = self.transitions.get((state, action))
        if rule is None:
            raise StateRefused(_say(self.state_messages[(state, action)], params))
        if not rule.roles & held:
            # Not reachable with today's tables (each action has the same roles in every state it
            # is allowed in); kept so that a table where they differ is still refused.
            raise RoleRefused(_say(self.role_messages[action], params))
        return rule.target
