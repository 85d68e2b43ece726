"""Staff screens of the suy tôn vote inside Wagtail's admin: the listing, opening, the ballot form of
the officer's own unit, turnout (who has voted, never what), closing, a new round after a tie for
the last seat, and the minutes of every round.

Each view is an adapter: it finds the group or vote through a scoped selector (404 outside the
user's groups), asks the vote workflow table (rules/vote_workflow.py) with the user's roles
(vote_roles) what may be done, and calls one service, which asks the same table again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.emulation.forms import BallotForm
from thidua.emulation.models import BallotReceipt, Vote
from thidua.emulation.presenters.votes import minutes_tie_text, names_joined
from thidua.emulation.rules.vote_workflow import WORKFLOW, Action
from thidua.emulation.rules.votes import threshold_text
from thidua.emulation.selectors.rulesets import ruleset_for
from thidua.emulation.selectors.votes import (
    ballot_round,
    counted_rounds,
    vote_minutes,
    vote_roles,
    vote_rows,
    vote_state,
    vote_turnout,
    vote_years,
    votes_visible_to,
    voting_unit_for,
)
from thidua.emulation.services.votes import ballot_cast, vote_close, vote_open, vote_round_open
from thidua.org.models import GroupMembership, Organisation
from thidua.org.selectors.groups import groups_visible_to

_VOTE_CAPS = frozenset({Cap.MANAGE_EMULATION, Cap.VIEW_ALL_EMULATION, Cap.REPORT_EMULATION})


def can_use_votes(user: Any) -> bool:
    """Who sees the "Bỏ phiếu suy tôn" menu: the province office, the council and unit officers."""
    return bool(_VOTE_CAPS & capabilities(user))


def _error_messages(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or gettext("Bạn không có quyền thực hiện thao tác này.")]


def _vote(request: HttpRequest, pk: int) -> Vote:
    return get_object_or_404(votes_visible_to(user=request.user), pk=pk)


def vote_index_view(request: HttpRequest) -> HttpResponse:
    if not can_use_votes(request.user):
        return permission_denied(request)
    years = vote_years(user=request.user)
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        year = years[0] if years else timezone.localdate().year
    rows = vote_rows(user=request.user, year=year)
    context = {
        "rows": rows,
        "year": year,
        "years": years,
        "subtitle": gettext("Năm %(year)s") % {"year": year},
    }
    return TemplateResponse(request, "emulation/vote_index.html", context)


def vote_open_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = get_object_or_404(groups_visible_to(user=request.user), pk=group_id)
    if not WORKFLOW.roles_for(Action.OPEN) & vote_roles(user=request.user, group=group):
        return permission_denied(request)
    if Vote.objects.filter(group=group).exists():
        return redirect("emulation_vote_detail", group.vote.pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            vote = vote_open(actor=request.user, group=group)
        except (ValidationError, PermissionDenied) as error:
            errors = _error_messages(error)
        else:
            messages.success(request, gettext("Đã mở bỏ phiếu suy tôn của «%(group)s».") % {"group": group})
            return redirect("emulation_vote_detail", vote.pk)
    ruleset = ruleset_for(province=group.province, on=dt.date(group.year, 12, 31))
    members = GroupMembership.objects.filter(group=group).select_related("organisation").order_by("order")
    context = {
        "group": group,
        "ruleset": ruleset,
        "threshold_text": threshold_text(ruleset.vote_threshold_percent, ruleset.vote_threshold_rule),
        "members": [m.organisation for m in members],
        "errors": errors,
    }
    return TemplateResponse(request, "emulation/vote_open.html", context)


def vote_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _vote(request, pk)
    unit = voting_unit_for(user=request.user, vote=vote)
    turnout = vote_turnout(vote=vote)
    voted = sum(1 for row in turnout if row.voted)
    state, roles = vote_state(vote), vote_roles(user=request.user, group=vote.group, vote=vote)
    minutes = vote_minutes(vote=vote) if counted_rounds(vote.tally or {}) else None
    current = ballot_round(vote=vote)
    context = {
        "vote": vote,
        "group": vote.group,
        "state": state,
        "current": current,
        "candidates_text": names_joined([name for _pk, name in current.candidates]),
        "elected_text": names_joined([name for _pk, name in current.elected]),
        "minutes": minutes,
        "tie_text": minutes_tie_text(minutes) if minutes else [],
        "turnout": turnout,
        "voted_count": voted,
        "threshold_text": threshold_text(vote.threshold_percent, vote.threshold_rule),
        "unit": unit,
        "unit_has_voted": unit is not None and any(r.voted for r in turnout if r.organisation_id == unit.pk),
        "can_vote": WORKFLOW.allowed(state, Action.CAST, roles),
        "can_close": WORKFLOW.allowed(state, Action.CLOSE, roles),
        "can_round": WORKFLOW.allowed(state, Action.ROUND, roles),
    }
    return TemplateResponse(request, "emulation/vote_detail.html", context)


def ballot_view(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _vote(request, pk)
    unit = voting_unit_for(user=request.user, vote=vote)
    if unit is None:
        return permission_denied(request)
    if not WORKFLOW.can_happen(vote_state(vote), Action.CAST):
        messages.warning(request, gettext("Cuộc bỏ phiếu đã kết thúc; không nhận thêm phiếu."))
        return redirect("emulation_vote_detail", vote.pk)
    if BallotReceipt.objects.filter(vote=vote, round=vote.round, organisation=unit).exists():
        messages.warning(
            request, gettext("%(unit)s đã bỏ phiếu; mỗi đơn vị chỉ được bỏ một phiếu.") % {"unit": unit.name}
        )
        return redirect("emulation_vote_detail", vote.pk)
    current = ballot_round(vote=vote)
    form = BallotForm(request.POST or None, candidates=list(current.candidates), seats=current.seats)
    if request.method == "POST" and form.is_valid():
        ids = form.cleaned_data["choices"]
        by_id = Organisation.objects.in_bulk(ids)
        try:
            ballot_cast(
                actor=request.user,
                vote=vote,
                choices=[by_id[i] for i in ids if i in by_id],
                round_number=_posted_round(request),
            )
        except (ValidationError, PermissionDenied) as error:
            for message in _error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                gettext("Đã ghi nhận phiếu bầu của %(unit)s. Cảm ơn đơn vị đã bỏ phiếu.")
                % {"unit": unit.name},
            )
            return redirect("emulation_vote_detail", vote.pk)
    context = {
        "vote": vote,
        "group": vote.group,
        "unit": unit,
        "form": form,
        "current": current,
        "elected_text": names_joined([name for _pk, name in current.elected]),
    }
    return TemplateResponse(request, "emulation/vote_ballot.html", context)


def _posted_round(request: HttpRequest) -> int | None:
    """The round the ballot form was shown for (a hidden field), so a ballot filled in before the
    vote moved to another round is refused by the service instead of counted in the new one."""
    try:
        return int(request.POST["round"])
    except (KeyError, ValueError):
        return None


def vote_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _vote(request, pk)
    if not WORKFLOW.roles_for(Action.CLOSE) & vote_roles(user=request.user, group=vote.group, vote=vote):
        return permission_denied(request)
    if not WORKFLOW.can_happen(vote_state(vote), Action.CLOSE):
        return redirect("emulation_vote_minutes", vote.pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            vote_close(actor=request.user, vote=vote)
        except (ValidationError, PermissionDenied) as error:
            errors = _error_messages(error)
        else:
            messages.success(
                request, gettext("Đã kiểm phiếu suy tôn của «%(group)s».") % {"group": vote.group}
            )
            return redirect("emulation_vote_minutes", vote.pk)
    turnout = vote_turnout(vote=vote)
    context = {
        "vote": vote,
        "group": vote.group,
        "current": ballot_round(vote=vote),
        "voted_count": sum(1 for row in turnout if row.voted),
        "not_voted": [row.name for row in turnout if not row.voted],
        "errors": errors,
    }
    return TemplateResponse(request, "emulation/vote_close.html", context)


def vote_round_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, then open a new round among the units tied for the last seat."""
    vote = _vote(request, pk)
    if not WORKFLOW.roles_for(Action.ROUND) & vote_roles(user=request.user, group=vote.group, vote=vote):
        return permission_denied(request)
    if not WORKFLOW.can_happen(vote_state(vote), Action.ROUND):
        return redirect("emulation_vote_detail", vote.pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            vote = vote_round_open(actor=request.user, vote=vote)
        except (ValidationError, PermissionDenied) as error:
            errors = _error_messages(error)
        else:
            messages.success(
                request,
                gettext("Đã mở bỏ phiếu vòng %(round)s của «%(group)s».")
                % {"round": vote.round, "group": vote.group},
            )
            return redirect("emulation_vote_detail", vote.pk)
    minutes = vote_minutes(vote=vote)
    context = {
        "vote": vote,
        "group": vote.group,
        "minutes": minutes,
        "tie_text": minutes_tie_text(minutes),
        "next_round": vote.round + 1,
        "elected_text": names_joined(minutes.leaders),
        "errors": errors,
    }
    return TemplateResponse(request, "emulation/vote_round_open.html", context)


def vote_minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _vote(request, pk)
    if not counted_rounds(vote.tally or {}):
        messages.warning(request, gettext("Chưa kiểm phiếu nên chưa có biên bản."))
        return redirect("emulation_vote_detail", vote.pk)
    minutes = vote_minutes(vote=vote)
    rounds = [(r, timezone.localtime(r.closed_at).date() if r.closed_at else None) for r in minutes.rounds]
    context = {
        "vote": vote,
        "group": vote.group,
        "minutes": minutes,
        "rounds": rounds,
        "tie_text": minutes_tie_text(minutes),
    }
    return TemplateResponse(request, "emulation/vote_minutes.html", context)
