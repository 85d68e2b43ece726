"""The group's secret ballot for its leading unit (bỏ phiếu kín suy tôn đơn vị dẫn đầu).

A vote goes open -> closed, once per group (Vote is one-to-one with the group), in one or more
rounds: a count that leaves a tie for the last seat is "tied", and a new round among the tied units
may be opened (rules/votes.py has the rule, rules/vote_workflow.py the table):

    (none) --vote_open--> open --ballot_cast (one per member unit)--> open --vote_close--> closed
                           ^                                                                | tie
                           +---------------------- vote_round_open <------------- tied <----+

Who may do which move in which state is the table in rules/vote_workflow.py; the services ask it
first and keep only the guards that are not about the state:

| transition   | who (the table's roles)                              | other guards                            |
|--------------|------------------------------------------------------|-----------------------------------------|
| vote_open    | province office (Cap.MANAGE_EMULATION) or head's officer | the group has members               |
| ballot_cast  | an officer of a member unit, for that unit            | the unit has not voted; choices         |
| vote_close   | province office or head's officer                     | ballots and receipts agree              |
| vote_round_open | province office or head's officer (state: tied)    | none                                    |

Each round is counted on its own: ballots and receipts carry the round, a unit votes once per
round, and a later round's ballot chooses only among the units tied in the count before it, for
the seats that count left open (selectors/votes.py: ballot_round).

Secrecy (see thidua/emulation/models/votes.py): a cast writes a BallotReceipt (which unit voted)
and a Ballot (what was chosen) in one transaction without linking them, and the audit row says only
that the unit voted. The database itself could still pair the two rows of one cast: both carry the
same transaction id (PostgreSQL's xmin) and sit next to each other in insertion order (the heap on
PostgreSQL, the hidden rowid on SQLite). So every cast rewrites all ballots of the vote, in a random
order and under new ids: afterwards every ballot carries the latest transaction id and its position
says nothing about when it was cast.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.transitions import RoleRefused, StateRefused
from thidua.emulation.models import Ballot, BallotReceipt, Ruleset, Vote
from thidua.emulation.rules.vote_workflow import ROLE_MESSAGES, STATE_MESSAGES, WORKFLOW, Action, Role, State
from thidua.emulation.rules.votes import outcome, seats_error, tally
from thidua.emulation.selectors.rulesets import ruleset_for
from thidua.emulation.selectors.votes import (
    FLAG_AWARD,
    FLAG_AWARD_LABEL,
    BallotRound,
    Minutes,
    ballot_round,
    counted_rounds,
    roster,
    vote_minutes,
    vote_roles,
    vote_state,
    voting_unit_for,
)
from thidua.org.models import EmulationGroup, GroupMembership, Organisation

if TYPE_CHECKING:
    from thidua.accounts.models import User

_random = secrets.SystemRandom()


def _vote_move(state: State, action: Action, roles: frozenset[Role], *, group: EmulationGroup) -> State:
    """Ask the vote workflow table for the state after `action`; its refusal becomes PermissionDenied
    (the actor's roles may never do it) or ValidationError (not in this state)."""
    try:
        return WORKFLOW.transition(state, action, roles, params={"group": group})
    except RoleRefused as error:
        raise PermissionDenied(str(error)) from None
    except StateRefused as error:
        raise ValidationError(str(error)) from None


def _ruleset_label(ruleset: Ruleset) -> str:
    """The ruleset as named in the vote's tally and audit row: stored, so in the site's language
    (Vietnamese) whoever opens the vote (docs/i18n.md, "What not to wrap")."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(ruleset) if ruleset.pk else "mặc định (tỉnh chưa có quy chế)"


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def vote_open(*, actor: User | None, group: EmulationGroup) -> Vote:
    """Open the group's vote with the seats and threshold of the province's ruleset in force on
    31 December of the group's year; the electorate is the group's member units at this moment."""
    group = EmulationGroup.objects.select_for_update().select_related("province").get(pk=group.pk)
    existing = Vote.objects.filter(group=group).first()
    new_status = _vote_move(
        vote_state(existing), Action.OPEN, vote_roles(user=actor, group=group), group=group
    )
    members = [
        {"id": m.organisation_id, "name": m.organisation.name}
        for m in GroupMembership.objects.filter(group=group).select_related("organisation").order_by("order")
    ]
    if not members:
        raise ValidationError(
            _("«%(group)s» chưa có đơn vị thành viên nên chưa thể bỏ phiếu suy tôn.") % {"group": group}
        )
    ruleset = ruleset_for(province=group.province, on=dt.date(group.year, 12, 31))
    ruleset_label = _ruleset_label(ruleset)
    vote = Vote(
        group=group,
        seats=ruleset.leading_units_per_group,
        threshold_percent=ruleset.vote_threshold_percent,
        threshold_rule=ruleset.vote_threshold_rule,
        status=new_status,
        electorate=len(members),
        opened_by=actor,
        ruleset=ruleset if ruleset.pk else None,
        tally={"roster": members, "ruleset": ruleset_label},
    )
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError:
        # Another officer opened it between the check and the save: the table's "already open".
        raise ValidationError(STATE_MESSAGES[(State.OPEN, Action.OPEN)] % {"group": group}) from None
    audit_record(
        actor=actor,
        action="emulation.vote.open",
        target=vote,
        changes={
            "seats": vote.seats,
            "threshold_percent": vote.threshold_percent,
            "threshold_rule": vote.threshold_rule,
            "electorate": vote.electorate,
            "members": [m["name"] for m in members],
            "ruleset": ruleset_label,
        },
    )
    return vote


def _check_choices(vote: Vote, current: BallotRound, choices: Sequence[Organisation]) -> list[str]:
    candidates = {pk for pk, _name in current.candidates}
    on_roster = {entry["id"] for entry in roster(vote=vote)}
    errors = []
    seen: set[int] = set()
    for choice in choices:
        if choice.pk in seen:
            errors.append(
                _("Mỗi đơn vị chỉ được chọn một lần trên phiếu: «%(unit)s» bị chọn lặp.")
                % {"unit": choice.name}
            )
        seen.add(choice.pk)
    outsiders = [c.name for c in choices if c.pk not in on_roster]
    if outsiders:
        errors.append(
            _("Không phải đơn vị thành viên của cụm, khối nên không thể được suy tôn: %(units)s.")
            % {"units": ", ".join(outsiders)}
        )
    not_tied = [c.name for c in choices if c.pk in on_roster and c.pk not in candidates]
    if not_tied:
        errors.append(
            _(
                "Vòng %(round)s chỉ bỏ phiếu giữa các đơn vị bằng phiếu ở vòng trước (%(candidates)s); "
                "không thể chọn: %(units)s."
            )
            % {
                "round": current.number,
                "candidates": ", ".join(name for _pk, name in current.candidates),
                "units": ", ".join(not_tied),
            }
        )
    too_many = seats_error(chosen=len(choices), seats=current.seats)
    if too_many:
        errors.append(too_many)
    return errors


def _rewrite_ballots(vote: Vote, new_choices: list[str]) -> None:
    """Store the current round's ballots again, the new one among them, in random order and under
    new ids. Earlier rounds' ballots were rewritten by their own last cast."""
    this_round = Ballot.objects.filter(vote=vote, round=vote.round)
    all_choices = [*this_round.values_list("choices", flat=True), new_choices]
    _random.shuffle(all_choices)
    this_round.delete()
    Ballot.objects.bulk_create(
        Ballot(id=uuid.uuid4(), vote=vote, round=vote.round, choices=c) for c in all_choices
    )


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def ballot_cast(
    *,
    actor: User | None,
    vote: Vote,
    choices: Sequence[Organisation],
    round_number: int | None = None,
) -> BallotReceipt:
    """Cast the ballot of the actor's unit in the vote's current round: at most the round's seats,
    only among the round's candidates (the whole roster in round 1, the tied units after), no
    repeats; no choice at all is a blank ballot (phiếu trắng), which counts as cast. One ballot per
    unit and round, final.

    `round_number` is the round the ballot was filled in for (the screen sends it): if the vote has
    moved on to another round since, the ballot is refused rather than counted in a round the
    officer never saw. Returns the receipt (which unit voted); the ballot is not returned or linked.
    """
    vote = Vote.objects.select_for_update().select_related("group").get(pk=vote.pk)
    _vote_move(
        vote_state(vote), Action.CAST, vote_roles(user=actor, group=vote.group, vote=vote), group=vote.group
    )
    if round_number is not None and round_number != vote.round:
        raise ValidationError(
            _(
                "Phiếu này được điền cho vòng %(filled)s, nhưng cuộc bỏ phiếu đã chuyển sang vòng %(round)s; "
                "phiếu chưa được ghi nhận. Hãy mở lại phiếu bầu của vòng %(round)s."
            )
            % {"filled": round_number, "round": vote.round}
        )
    unit = voting_unit_for(user=actor, vote=vote)
    if unit is None:  # not reached: the voter role is voting_unit_for()'s own test, without the row
        raise PermissionDenied(ROLE_MESSAGES[Action.CAST] % {"group": vote.group})
    already = _("%(unit)s đã bỏ phiếu; mỗi đơn vị chỉ được bỏ một phiếu và không thể bỏ lại.") % {
        "unit": unit.name
    }
    if BallotReceipt.objects.filter(vote=vote, round=vote.round, organisation=unit).exists():
        raise ValidationError(already)
    choices = list(choices)
    errors = _check_choices(vote, ballot_round(vote=vote), choices)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            receipt = BallotReceipt.objects.create(
                vote=vote, round=vote.round, organisation=unit, cast_by=actor
            )
    except IntegrityError:
        raise ValidationError(already) from None
    _rewrite_ballots(vote, [str(c.pk) for c in choices])
    # Who voted is public (turnout); what was chosen never reaches the audit log.
    audit_record(
        actor=actor,
        action="emulation.vote.ballot_cast",
        target=vote,
        changes={"organisation": unit, "event": "đã bỏ phiếu", "round": vote.round},
    )
    return receipt


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def vote_close(*, actor: User | None, vote: Vote) -> Minutes:
    """Count the current round's ballots, store the count on the vote and close it; return the
    minutes' figures.

    The tally keeps every round's count under "rounds"; its top-level keys are the last round's
    count with the vote's outcome over it (rules/votes.py: outcome): `leaders` are the units elected
    in any round, recorded as the group's candidates for the provincial emulation flag
    ("flag_candidates"), and `tied`, `tie_seats`, `needs_new_round` say whether the last count left
    a tie for the last seat, which elects nobody to that seat until a new round (vote_round_open).
    """
    vote = Vote.objects.select_for_update().select_related("group", "group__province").get(pk=vote.pk)
    new_status = _vote_move(
        vote_state(vote), Action.CLOSE, vote_roles(user=actor, group=vote.group, vote=vote), group=vote.group
    )
    ballots = list(Ballot.objects.filter(vote=vote, round=vote.round).values_list("choices", flat=True))
    receipts = BallotReceipt.objects.filter(vote=vote, round=vote.round).count()
    if len(ballots) != receipts:
        # Only a change made outside the services can cause this; counting would hide it.
        raise ValidationError(
            _(
                "Số phiếu trong hòm phiếu (%(ballots)s) không khớp số đơn vị đã bỏ phiếu (%(receipts)s); "
                "không thể kiểm phiếu. Hãy báo quản trị hệ thống."
            )
            % {"ballots": len(ballots), "receipts": receipts}
        )
    current = ballot_round(vote=vote)
    names = {str(e["id"]): e["name"] for e in roster(vote=vote)}
    result = tally(
        electorate=vote.electorate,
        ballots=ballots,
        seats=current.seats,
        threshold_percent=vote.threshold_percent,
        threshold_rule=vote.threshold_rule,
        order_hint=[str(pk) for pk, _name in current.candidates],
    )
    result_so_far = outcome(
        seats=vote.seats, earlier_leaders=[str(pk) for pk, _name in current.elected], last=result
    )
    closed_at = timezone.now()
    previous = vote.tally or {}
    rounds = [
        *counted_rounds(previous),
        {"round": vote.round, "closed_at": closed_at.isoformat(), **result.as_dict()},
    ]
    data = {
        **previous,
        **result.as_dict(),
        "seats": vote.seats,
        "rounds": rounds,
        "leaders": list(result_so_far.leaders),
        "tied": list(result_so_far.tied),
        "tie_seats": result_so_far.tie_seats,
        "seats_unfilled": result_so_far.seats_unfilled,
        "needs_new_round": result_so_far.needs_new_round,
    }
    data["flag_candidates"] = [
        {"organisation_id": int(key), "name": names[key], "award": FLAG_AWARD, "label": FLAG_AWARD_LABEL}
        for key in result_so_far.leaders
    ]
    vote.tally = data
    old_status = vote.status
    vote.status = new_status
    vote.closed_at = closed_at
    vote.save(update_fields=["tally", "status", "closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="emulation.vote.close",
        target=vote,
        changes={
            "status": [old_status, new_status],
            "round": vote.round,
            "cast": result.cast,
            "blank": result.blank,
            "votes": {names[c.key]: c.votes for c in result.results},
            "leaders": [names[k] for k in result_so_far.leaders],
            "tied": [names[k] for k in result_so_far.tied],
        },
    )
    return vote_minutes(vote=vote)


@transaction.atomic(durable=True)
def vote_round_open(*, actor: User, vote: Vote) -> Vote:
    """Open a new round after a count that left a tie for the last seat(s): its ballots choose only
    among the tied units, for the seats still open; the seats already won stay won, and the whole
    roster votes again. Refused (the workflow table) unless the last count left such a tie."""
    vote = Vote.objects.select_for_update().select_related("group").get(pk=vote.pk)
    new_status = _vote_move(
        vote_state(vote), Action.ROUND, vote_roles(user=actor, group=vote.group, vote=vote), group=vote.group
    )
    old_status, old_round = vote.status, vote.round
    vote.round += 1
    vote.status = new_status
    vote.closed_at = None  # open again: the minutes keep each round's time of count
    vote.save(update_fields=["round", "status", "closed_at", "updated_at"])
    current = ballot_round(vote=vote)
    audit_record(
        actor=actor,
        action="emulation.vote.round_open",
        target=vote,
        changes={
            "status": [old_status, new_status],
            "round": [old_round, vote.round],
            "candidates": [name for _pk, name in current.candidates],
            "seats": current.seats,
            "elected": [name for _pk, name in current.elected],
        },
    )
    return vote
