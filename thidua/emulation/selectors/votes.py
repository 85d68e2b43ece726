"""Reads for the group's secret ballot (bỏ phiếu kín suy tôn): who may do what, turnout, minutes.

Nothing here reads what a unit chose: turnout comes from BallotReceipt (who voted), results only
from the tally stored when the vote is closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.emulation.models import BallotReceipt, Vote
from thidua.emulation.rules import vote_workflow
from thidua.emulation.rules.votes import round_plan, threshold_text
from thidua.emulation.selectors.access import can_manage_group
from thidua.org.models import EmulationGroup, GroupMembership, Organisation
from thidua.org.selectors.groups import groups_visible_to
from thidua.org.selectors.scope import user_scope_ids

FLAG_AWARD = "co_thi_dua_cap_tinh"
# Stored with each flag candidate in Vote.tally (data, not translated); screens word the award themselves.
FLAG_AWARD_LABEL = "Cờ thi đua cấp tỉnh"


def can_manage_vote(*, user: Any, group: EmulationGroup) -> bool:
    """Open and close the vote: the province office (and the system administrator), or the officers
    of the group's head unit (cụm trưởng, khối trưởng); the same people who run the group's pact."""
    return can_manage_group(user=user, group=group)


def roster(*, vote: Vote) -> list[dict[str, Any]]:
    """The member units entitled to vote, as frozen when the vote was opened: [{"id", "name"}].

    A later change to the group's members does not change who votes or who can be chosen.
    """
    frozen = (vote.tally or {}).get("roster")
    if frozen is not None:
        return list(frozen)
    members = GroupMembership.objects.filter(group_id=vote.group_id).select_related("organisation")
    return [{"id": m.organisation_id, "name": m.organisation.name} for m in members.order_by("order")]


def voting_unit_for(*, user: Any, vote: Vote) -> Organisation | None:
    """The unit the user casts a ballot for: the user's own organisation, when the user is a unit's
    officer (head or member officer) and that organisation is on the vote's roster."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None or not has_capability(user, Cap.REPORT_EMULATION):
        return None
    if organisation_id not in {entry["id"] for entry in roster(vote=vote)}:
        return None
    return Organisation.objects.get(pk=organisation_id)


def _on_roster(user: Any, vote: Vote) -> bool:
    """voting_unit_for() without reading the organisation: the user's own unit is on the roster."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None or not has_capability(user, Cap.REPORT_EMULATION):
        return False
    return organisation_id in {entry["id"] for entry in roster(vote=vote)}


def vote_roles(
    *, user: Any, group: EmulationGroup, vote: Vote | None = None
) -> frozenset[vote_workflow.Role]:
    """The roles the user holds in the group's vote workflow (rules/vote_workflow.py): the province
    office and the head unit's officer (together exactly can_manage_vote()), and, once the vote is
    open, the voter for the user's own unit when it is on the roster (voting_unit_for())."""
    roles: set[vote_workflow.Role] = set()
    if has_capability(user, Cap.MANAGE_EMULATION):
        roles.add(vote_workflow.Role.PROVINCE)
    if has_capability(user, Cap.REPORT_EMULATION) and group.head_id in user_scope_ids(user=user):
        roles.add(vote_workflow.Role.HEAD)
    if vote is not None and _on_roster(user, vote):
        roles.add(vote_workflow.Role.VOTER)
    return frozenset(roles)


def vote_state(vote: Vote | None) -> vote_workflow.State:
    """The workflow state of a group's vote; NONE while the group has none, TIED when the last count
    left a tie for the last seat (read from the stored tally, not a stored status: one source)."""
    if vote is None:
        return vote_workflow.State.NONE
    if vote.status == Vote.Status.CLOSED and (vote.tally or {}).get("needs_new_round"):
        return vote_workflow.State.TIED
    return vote_workflow.State(vote.status)


def counted_rounds(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The counts stored in a vote's tally, round by round; a vote counted before rounds existed has
    its only count at the tally's top level."""
    if "rounds" in data:
        return list(data["rounds"])
    return [{**data, "round": 1}] if "results" in data else []


@dataclass(frozen=True)
class BallotRound:
    """What a ballot of the vote's current round may choose."""

    number: int
    candidates: tuple[tuple[int, str], ...]  # (organisation id, name), in the group's order
    seats: int
    # Elected in earlier rounds, (organisation id, name): kept whatever this round decides.
    elected: tuple[tuple[int, str], ...]


def ballot_round(*, vote: Vote) -> BallotRound:
    """The current round: the whole roster for the seats of the ruleset in round 1; in a later round
    only the units the previous count left tied, for the seats it left open (rules/votes.py)."""
    members = roster(vote=vote)
    if vote.round == 1:
        return BallotRound(1, tuple((e["id"], e["name"]) for e in members), vote.seats, ())
    names = {str(e["id"]): e["name"] for e in members}
    previous = counted_rounds(vote.tally or {})[vote.round - 2]
    plan = round_plan(tied=previous["tied"], tie_seats=previous["tie_seats"])
    if plan is None:  # not reached: a round is only opened after a tie (the workflow's TIED state)
        raise ValueError(f"round {vote.round} follows a count without a tie")
    elected = [k for r in counted_rounds(vote.tally or {})[: vote.round - 1] for k in r["leaders"]]
    # Candidates keep the previous count's order (most votes first, then the group's order).
    return BallotRound(
        number=vote.round,
        candidates=tuple((int(k), names.get(k, k)) for k in plan.candidates),
        seats=plan.seats,
        elected=tuple((int(k), names.get(k, k)) for k in elected),
    )


def votes_visible_to(*, user: Any) -> QuerySet[Vote]:
    """Votes of the groups the user may see (groups_visible_to)."""
    return Vote.objects.filter(group__in=groups_visible_to(user=user)).select_related(
        "group", "group__province", "group__head", "opened_by"
    )


@dataclass(frozen=True)
class VoteRow:
    """One group on the vote listing, with what the user may do there."""

    group: EmulationGroup
    vote: Vote | None
    state: vote_workflow.State
    can_open: bool
    can_vote: bool
    has_voted: bool  # in the vote's current round
    can_close: bool
    can_round: bool  # open a new round among the tied units


def vote_years(*, user: Any) -> list[int]:
    return sorted(set(groups_visible_to(user=user).values_list("year", flat=True)), reverse=True)


def vote_rows(*, user: Any, year: int) -> list[VoteRow]:
    """The groups of one year the user may see, each with its vote (if opened) and the user's actions."""
    groups = list(groups_visible_to(user=user, year=year).order_by("name"))
    votes = {v.group_id: v for v in Vote.objects.filter(group__in=[g.pk for g in groups])}
    organisation_id: int | None = getattr(user, "organisation_id", None)
    voted = (
        set(
            BallotReceipt.objects.filter(
                vote__in=votes.values(), organisation_id=organisation_id, round=F("vote__round")
            ).values_list("vote_id", flat=True)
        )
        if organisation_id is not None
        else set()
    )
    rows = []
    for group in groups:
        vote = votes.get(group.pk)
        # Asked of the workflow table, as the screens and services do (no query: cached and stored).
        state, roles = vote_state(vote), vote_roles(user=user, group=group, vote=vote)
        has_voted = vote is not None and vote.pk in voted
        rows.append(
            VoteRow(
                group=group,
                vote=vote,
                state=state,
                can_open=vote_workflow.WORKFLOW.allowed(state, vote_workflow.Action.OPEN, roles),
                can_vote=vote_workflow.WORKFLOW.allowed(state, vote_workflow.Action.CAST, roles)
                and not has_voted,
                has_voted=has_voted,
                can_close=vote_workflow.WORKFLOW.allowed(state, vote_workflow.Action.CLOSE, roles),
                can_round=vote_workflow.WORKFLOW.allowed(state, vote_workflow.Action.ROUND, roles),
            )
        )
    return rows


@dataclass(frozen=True)
class TurnoutRow:
    organisation_id: int
    name: str
    voted: bool


def vote_turnout(*, vote: Vote) -> list[TurnoutRow]:
    """Who has voted in the current round, in the group's order; never what they chose."""
    voted = set(
        BallotReceipt.objects.filter(vote=vote, round=vote.round).values_list("organisation_id", flat=True)
    )
    return [TurnoutRow(e["id"], e["name"], e["id"] in voted) for e in roster(vote=vote)]


@dataclass(frozen=True)
class MinutesRow:
    organisation_id: int
    name: str
    votes: int
    percent: Decimal
    passed: bool
    leader: bool
    tied: bool


@dataclass(frozen=True)
class RoundMinutes:
    """One round's count as stored when it was closed."""

    number: int
    closed_at: dt.datetime | None
    cast: int
    valid: int
    blank: int
    invalid: int
    not_voted: int
    seats: int  # the seats this round filled: all of them in round 1, the tied seats after
    candidates: tuple[str, ...]  # names; in round 1 the whole roster
    rows: tuple[MinutesRow, ...]
    leaders: tuple[str, ...]
    tied: tuple[str, ...]
    tie_seats: int
    seats_unfilled: int


@dataclass(frozen=True)
class Minutes:
    """The figures of the biên bản kiểm phiếu, read from the tallies stored at each count.

    `rounds` has every counted round; the rest is the vote as a whole: the seats won in any round
    (`leaders`, proposed for the flag), and from the last count what is still tied or unfilled."""

    group_name: str
    group_kind: str
    year: int
    province_name: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    electorate: int
    seats: int
    threshold_percent: Decimal
    threshold_rule: str
    threshold_text: str
    rounds: tuple[RoundMinutes, ...]
    leaders: tuple[str, ...]
    tied: tuple[str, ...]
    tie_seats: int
    seats_unfilled: int
    needs_new_round: bool
    flag_candidates: tuple[str, ...]
    ruleset: str
    # A round opened after the last count and not counted yet (its number), or None.
    round_open: int | None


def _round_minutes(data: dict[str, Any], names: dict[str, str]) -> RoundMinutes:
    leaders, tied = set(data["leaders"]), set(data["tied"])
    rows = tuple(
        MinutesRow(
            organisation_id=int(r["key"]),
            name=names.get(r["key"], r["key"]),
            votes=r["votes"],
            percent=Decimal(r["percent"]),
            passed=r["passed"],
            leader=r["key"] in leaders,
            tied=r["key"] in tied,
        )
        for r in data["results"]
    )
    closed_at = data.get("closed_at")
    return RoundMinutes(
        number=data["round"],
        closed_at=dt.datetime.fromisoformat(closed_at) if closed_at else None,
        cast=data["cast"],
        valid=data["valid"],
        blank=data["blank"],
        invalid=data["invalid"],
        not_voted=data["not_voted"],
        seats=data["seats"],
        candidates=tuple(row.name for row in rows),
        rows=rows,
        leaders=tuple(names.get(k, k) for k in data["leaders"]),
        tied=tuple(names.get(k, k) for k in data["tied"]),
        tie_seats=data["tie_seats"],
        seats_unfilled=data["seats_unfilled"],
    )


def vote_minutes(*, vote: Vote) -> Minutes:
    """The minutes of a vote with at least one counted round (a later round may be open: the minutes
    then say so). Raises ValueError for a vote not yet counted."""
    data = vote.tally or {}
    counted = counted_rounds(data)
    if not counted:
        raise ValueError("the vote has not been counted yet")
    names = {str(e["id"]): e["name"] for e in data.get("roster", [])}
    rounds = tuple(_round_minutes(r, names) for r in counted)
    if "rounds" not in data:  # counted before rounds were stored: the vote's own time of count
        rounds = (replace(rounds[0], closed_at=vote.closed_at),)
    group = vote.group
    return Minutes(
        group_name=group.name,
        group_kind=str(group.get_kind_display()),
        year=group.year,
        province_name=group.province.name,
        opened_at=vote.created_at,
        closed_at=rounds[-1].closed_at or vote.closed_at,
        electorate=data["electorate"],
        seats=vote.seats,
        threshold_percent=Decimal(data["threshold_percent"]),
        threshold_rule=data["threshold_rule"],
        # Worded again in the reader's language; the stored "threshold_text" is the closer's wording.
        threshold_text=threshold_text(data["threshold_percent"], data["threshold_rule"]),
        rounds=rounds,
        leaders=tuple(names.get(k, k) for k in data["leaders"]),
        tied=tuple(names.get(k, k) for k in data["tied"]),
        tie_seats=data["tie_seats"],
        seats_unfilled=data["seats_unfilled"],
        needs_new_round=data["needs_new_round"],
        flag_candidates=tuple(c["name"] for c in data.get("flag_candidates", [])),
        ruleset=data.get("ruleset", ""),
        round_open=vote.round if vote.status == Vote.Status.OPEN and vote.round > len(rounds) else None,
    )
