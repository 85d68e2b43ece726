"""The provincial council (Hội đồng Thi đua – Khen thưởng tỉnh) and its vote on an appraised proposal.

    appraised --council_vote_open--> council_voting --council_ballot_cast (members; changeable)-->
        council_voting --council_vote_close (tally, quorum, minutes)--> voted

Counting (rules/council.py): every share is of all the council's members (NĐ 98/2023 Điều 30 khoản
7); each item's threshold is the province's (CouncilThreshold rows), else the decree's in force,
else the software's default, on the day the count is closed. Present members are those who cast a
ballot in the session; a member who could not attend votes in writing (NĐ 91/2017/NĐ-CP Điều 45 khoản
8 [V]), the office records that ballot (council_ballot_record_written), and it counts towards the share
of all members but not towards the quorum [I]. Without a quorum (rules/council.DEFAULT_QUORUM, 2/3)
the count is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.models import (
    Council,
    CouncilBallot,
    CouncilMember,
    CouncilThreshold,
    Proposal,
    ProposalItem,
)
from thidua.awards.rules.council import Choice, session, threshold_for
from thidua.awards.rules.proposal_workflow import Action
from thidua.awards.rules.registry import year_problem
from thidua.awards.selectors.proposals import (
    council_member_for,
    council_threshold_rules,
    proposal_items,
    proposal_roles,
)
from thidua.awards.services.proposals import _item_label, _lock, _move
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.core.voting import RULES
from thidua.org.models import Person

if TYPE_CHECKING:
    from thidua.accounts.models import User


@transaction.atomic
def council_create(
    *,
    actor: User | None,
    year: int,
    name: str,
    members: Sequence[tuple[Person, User | None, str]],
    chair: Person | None = None,
    established_by: str = "",
) -> Council:
    """Set up the council of a year: its members (person, the account they vote with, title) and its
    chair (one of the members)."""
    if actor is not None:
        require(actor, Cap.MANAGE_PROPOSALS)
    errors: dict[str, list[str]] = {}
    name = nfc(name.strip())
    if not name:
        errors["name"] = [_("Hãy ghi tên hội đồng.")]
    problem = year_problem(year, today=timezone.localdate())
    if problem:
        errors["year"] = [problem]
    elif Council.objects.filter(year=year).exists():
        errors["year"] = [_("Năm %(year)s đã có Hội đồng Thi đua – Khen thưởng.") % {"year": year}]
    if not members:
        errors["members"] = [_("Hội đồng phải có ít nhất một thành viên.")]
    people = [person.pk for person, _user, _title in members]
    if len(set(people)) != len(people):
        errors["members"] = [_("Một người được chọn hai lần.")]
    users = [user.pk for _person, user, _title in members if user is not None]
    if len(set(users)) != len(users):
        errors["members"] = [_("Một tài khoản được gắn với hai thành viên.")]
    if chair is not None and chair.pk not in people:
        errors["chair"] = [_("Chủ tịch hội đồng phải là một thành viên.")]
    if errors:
        raise ValidationError(errors)
    council = Council.objects.create(year=year, name=name, established_by=nfc(established_by.strip()))
    CouncilMember.objects.bulk_create(
        CouncilMember(
            council=council,
            person=person,
            user=user,
            title=nfc(title.strip()),
            is_chair=chair is not None and person.pk == chair.pk,
        )
        for person, user, title in members
    )
    audit_record(
        actor=actor,
        action="awards.council.create",
        target=council,
        changes={
            "year": [None, year],
            "council_members": [None, [str(person) for person, _u, _t in members]],
        },
    )
    return council


@transaction.atomic
def council_vote_open(*, actor: User, proposal: Proposal, council: Council) -> Proposal:
    """Put the appraised proposal to the council's vote."""
    proposal = _lock(proposal)
    old = proposal.state
    state = _move(proposal, Action.OPEN_VOTE, proposal_roles(user=actor, proposal=proposal))
    if not council.members.exists():
        raise ValidationError({"council": [_("Hội đồng chưa có thành viên; chưa bỏ phiếu được.")]})
    proposal.council = council
    proposal.state = state
    proposal.vote_opened_at = timezone.now()
    proposal.minutes = {}
    proposal.save(update_fields=["council", "state", "vote_opened_at", "minutes", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.council.vote_open",
        target=proposal,
        changes={"state": [old, state.value], "council": str(council)},
    )
    return proposal


@transaction.atomic
def council_ballot_cast(*, actor: User, proposal: Proposal, choices: Mapping[int, str]) -> int:
    """A member's ballots on the proposal's items ({item id: agree | disagree | abstain}); a member
    may change them while the vote is open (one ballot per member and item). Returns how many were
    written."""
    proposal = _lock(proposal)
    _move(proposal, Action.CAST, proposal_roles(user=actor, proposal=proposal))
    member = council_member_for(user=actor, proposal=proposal)
    if member is None:  # the COUNCIL role already says the user has a seat; kept for safety
        raise PermissionDenied(_("Bạn không phải thành viên hội đồng xét hồ sơ này."))
    items = {item.pk: item for item in proposal_items(proposal=proposal)}
    valid = {choice.value for choice in Choice}
    errors: list[str] = []
    for item_id, choice in choices.items():
        if item_id not in items:
            errors.append(_("Người, tập thể số %(id)s không có trong hồ sơ đề nghị.") % {"id": item_id})
        elif choice not in valid:
            errors.append(
                _("%(item)s: biểu quyết «%(choice)s» không hợp lệ.")
                % {"item": _item_label(items[item_id]), "choice": choice}
            )
    if not choices:
        errors.append(_("Chưa biểu quyết người, tập thể nào."))
    if errors:
        raise ValidationError({"choices": errors})
    for item_id, choice in choices.items():
        # In person: a paper ballot the office recorded before the member came is replaced.
        CouncilBallot.objects.update_or_create(
            item_id=item_id, member=member, defaults={"choice": choice, "written": False, "recorded_by": None}
        )
    # The audit row says who voted and on how many items; the minutes give the counts.
    audit_record(
        actor=actor,
        action="awards.council.ballot_cast",
        target=proposal,
        changes={"council_member": str(member), "ballots": len(choices)},
    )
    return len(choices)


@transaction.atomic
def council_ballot_record_written(
    *, actor: User, proposal: Proposal, member: CouncilMember, choices: Mapping[int, str], note: str = ""
) -> int:
    """The office records the written ballot of a member absent from the session (NĐ 91/2017/NĐ-CP
    Điều 45 khoản 8): {item id: agree | disagree | abstain}. Refused for a member of another council
    and for one who voted in the session (a member votes once). Returns how many were written."""
    proposal = _lock(proposal)
    _move(proposal, Action.RECORD_WRITTEN, proposal_roles(user=actor, proposal=proposal))
    if member.council_id != proposal.council_id:
        raise ValidationError({"member": [_("Người này không phải thành viên hội đồng xét hồ sơ này.")]})
    if CouncilBallot.objects.filter(item__proposal=proposal, member=member, written=False).exists():
        raise ValidationError(
            {
                "member": [
                    _("%(member)s đã biểu quyết tại phiên họp; không ghi phiếu bằng văn bản.")
                    % {"member": member}
                ]
            }
        )
    items = {item.pk: item for item in proposal_items(proposal=proposal)}
    valid = {choice.value for choice in Choice}
    errors = [
        _("%(item)s: biểu quyết «%(choice)s» không hợp lệ.") % {"item": _item_label(items[i]), "choice": c}
        for i, c in choices.items()
        if i in items and c not in valid
    ]
    errors += [
        _("Người, tập thể số %(id)s không có trong hồ sơ đề nghị.") % {"id": i}
        for i in choices
        if i not in items
    ]
    if set(choices) != set(items):
        errors.append(_("Phiếu bằng văn bản phải ghi biểu quyết cho mọi người, tập thể trong hồ sơ."))
    if errors:
        raise ValidationError({"choices": errors})
    for item_id, choice in choices.items():
        CouncilBallot.objects.update_or_create(
            item_id=item_id,
            member=member,
            defaults={"choice": choice, "written": True, "recorded_by": actor},
        )
    # Who recorded whose paper ballot, and on how many items; the choices stay out of the log.
    audit_record(
        actor=actor,
        action="awards.council.ballot_written",
        target=proposal,
        changes={"council_member": str(member), "ballots": len(choices)},
        reason=nfc(note.strip()),
    )
    return len(choices)


@transaction.atomic
def council_vote_close(*, actor: User, proposal: Proposal) -> dict[str, Any]:
    """Close the vote: each item's tally against its threshold, the quorum, stored as the minutes'
    data (Proposal.minutes) and on each item (ProposalItem.council_result). Refused without a
    quorum: the council could not decide."""
    proposal = _lock(proposal)
    old = proposal.state
    state = _move(proposal, Action.CLOSE_VOTE, proposal_roles(user=actor, proposal=proposal))
    assert proposal.council_id is not None
    members = list(CouncilMember.objects.filter(council_id=proposal.council_id).select_related("person"))
    items = proposal_items(proposal=proposal)
    ballots = list(
        CouncilBallot.objects.filter(item__proposal=proposal).values_list(
            "item_id", "member_id", "choice", "written"
        )
    )
    by_item: dict[int, list[Choice]] = {item.pk: [] for item in items}
    for item_id, _member, choice, _written in ballots:
        by_item[item_id].append(Choice(choice))
    # The quorum is of those in the session; a written ballot counts in the tally only.
    present = len({member_id for _item, member_id, _choice, written in ballots if not written})
    written_members = len({member_id for _item, member_id, _choice, written in ballots if written})
    today = timezone.localdate()
    ruleset = council_threshold_rules()
    rules = {item.pk: threshold_for(AwardCode(item.award), on=today, ruleset=ruleset) for item in items}
    result = session(
        members=len(members),
        present=present,
        items={str(item.pk): (rules[item.pk].threshold, by_item[item.pk]) for item in items},
    )
    if not result.quorum_met:
        raise ValidationError(
            _(
                "Chưa đủ số thành viên hội đồng tham gia biểu quyết: %(present)s/%(members)s, cần ít nhất "
                "%(needed)s (%(source)s)."
            )
            % {
                "present": present,
                "members": len(members),
                "needed": result.quorum_needed,
                "source": result.quorum.source,
            }
        )
    minutes_items = []
    for item in items:
        tally = result.items[str(item.pk)]
        data = {
            **tally.as_dict(),
            "threshold_source": rules[item.pk].source,
            "threshold_confidence": rules[item.pk].confidence.value,
        }
        item.council_result = data
        minutes_items.append({"item": item.pk, "label": _item_label(item), **data})
    ProposalItem.objects.bulk_update(items, ["council_result", "updated_at"])
    minutes = {
        "council": str(proposal.council),
        "closed_on": today.isoformat(),
        "members": len(members),
        "member_names": [str(member.person) for member in members],
        "chair": next((str(m.person) for m in members if m.is_chair), ""),
        "present": present,
        "written": written_members,
        "quorum_needed": result.quorum_needed,
        "quorum_source": result.quorum.source,
        "items": minutes_items,
        "passed": [int(ref) for ref in result.passed],
    }
    proposal.minutes = minutes
    proposal.state = state
    proposal.vote_closed_at = timezone.now()
    proposal.save(update_fields=["minutes", "state", "vote_closed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.council.vote_close",
        target=proposal,
        changes={
            "state": [old, state.value],
            "present": present,
            "written": written_members,
            "passed": [m["label"] for m in minutes_items if m["passed"]],
            "not_passed": [m["label"] for m in minutes_items if not m["passed"]],
        },
    )
    return minutes


THRESHOLD_FIELDS = ["award", "numerator", "denominator", "rule", "valid_from", "valid_to", "source"]


@transaction.atomic(durable=True)
def council_threshold_add(
    *,
    actor: User,
    numerator: int,
    denominator: int,
    source: str,
    award: str = "",
    rule: str = "at_least",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> CouncilThreshold:
    """A vote threshold of the province's own rules for its council (its quy chế), with the document
    that sets it (legal-rules §2.7: thresholds are dated, configurable data with their source). It wins
    over the decree's figures and the software's defaults when the count is closed."""
    require(actor, Cap.MANAGE_PROPOSALS)
    errors: dict[str, list[str]] = {}
    source = nfc(source.strip())
    if not source:
        errors["source"] = [_("Hãy ghi văn bản quy định tỷ lệ này (số, ngày, điều khoản).")]
    if award and award not in {code.value for code in AwardCode}:
        errors["award"] = [_("Hình thức, danh hiệu «%(code)s» không có trong danh mục.") % {"code": award}]
    if not 0 < numerator <= denominator:
        errors["numerator"] = [_("Tỷ lệ phải lớn hơn 0 và tử số không lớn hơn mẫu số.")]
    if rule not in RULES:
        errors["rule"] = [_("Cách tính không hợp lệ.")]
    if valid_from and valid_to and valid_to < valid_from:
        errors["valid_to"] = [_("Ngày kết thúc không thể trước ngày bắt đầu.")]
    if errors:
        raise ValidationError(errors)
    threshold = CouncilThreshold.objects.create(
        award=award,
        numerator=numerator,
        denominator=denominator,
        rule=rule,
        valid_from=valid_from,
        valid_to=valid_to,
        source=source,
    )
    audit_record(
        actor=actor,
        action="awards.council.threshold_add",
        target=threshold,
        changes=diff({}, snapshot(threshold, THRESHOLD_FIELDS)),
    )
    return threshold


@transaction.atomic(durable=True)
def council_threshold_remove(*, actor: User, threshold: CouncilThreshold) -> None:
    require(actor, Cap.MANAGE_PROPOSALS)
    threshold = CouncilThreshold.objects.select_for_update().get(pk=threshold.pk)
    audit_record(
        actor=actor,
        action="awards.council.threshold_remove",
        target=threshold,
        changes=diff(snapshot(threshold, THRESHOLD_FIELDS), {}),
    )
    threshold.delete()
