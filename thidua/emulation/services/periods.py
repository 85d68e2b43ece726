"""Services for review periods: open, close (freeze the results), and unlock a report."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import audit_record
from thidua.core.transitions import RoleRefused, StateRefused
from thidua.emulation.models import Pact, Period, PeriodResult, Report
from thidua.emulation.presenters.scoring import pact_fault_text, problem_texts
from thidua.emulation.rules import pact_workflow
from thidua.emulation.rules.workflow import Action, Role, TransitionError, transition
from thidua.emulation.scoring import result_to_json
from thidua.emulation.selectors.access import can_manage_group, pact_roles
from thidua.emulation.selectors.scoring import PactFacts, pact_facts, period_score, period_values

if TYPE_CHECKING:
    from thidua.accounts.models import User

_NOT_MANAGER = gettext_lazy(
    "Chỉ Ban Thi đua – Khen thưởng tỉnh hoặc đơn vị cụm trưởng được mở, khóa kỳ đánh giá."
)


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def period_open(
    *,
    actor: User | None,
    pact: Pact,
    kind: str,
    opens_on: dt.date,
    closes_on: dt.date,
    remind_days_before: int = 3,
) -> Period:
    pact = Pact.objects.select_related("group").get(pk=pact.pk)
    # The pact workflow table decides: managers only, and only on a signed pact.
    not_signed = None
    try:
        pact_workflow.WORKFLOW.transition(
            pact_workflow.State(pact.status),
            pact_workflow.Action.OPEN_PERIOD,
            pact_roles(user=actor, group=pact.group),
        )
    except RoleRefused as error:
        raise PermissionDenied(str(error)) from None
    except StateRefused as error:
        not_signed = str(error)  # reported with the other problems of the form, after them
    errors: dict[str, str] = {}
    if closes_on < opens_on:
        errors["closes_on"] = _("Hạn nộp báo cáo không thể trước ngày mở kỳ.")
    if opens_on.year != pact.group.year and kind == Period.Kind.SO_KET:
        errors["opens_on"] = _("Kỳ sơ kết phải mở trong năm %(year)s.") % {"year": pact.group.year}
    if Period.objects.filter(pact=pact, kind=kind).exists():
        errors["kind"] = _("Giao ước đã có kỳ «%(period)s».") % {"period": Period.Kind(kind).label}
    if not_signed:
        errors["pact"] = not_signed
    if errors:
        raise ValidationError(errors)
    period = Period.objects.create(
        pact=pact, kind=kind, opens_on=opens_on, closes_on=closes_on, remind_days_before=remind_days_before
    )
    audit_record(
        actor=actor,
        action="emulation.period.open",
        target=period,
        changes={"opens_on": [None, opens_on.isoformat()], "closes_on": [None, closes_on.isoformat()]},
    )
    return period


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def period_close(*, actor: User | None, period: Period, reason: str = "") -> Period:
    """Close the period: lock every report and freeze the appraised scores, ranks and aggregates.

    Every member must have an appraised report; the refusal names the units still missing. Closing a
    period again after a province officer unlocked a report recomputes and re-freezes the results.
    """
    period = Period.objects.select_for_update().select_related("pact__group").get(pk=period.pk)
    group = period.pact.group
    if not can_manage_group(user=actor, group=group):
        raise PermissionDenied(_NOT_MANAGER)
    facts = pact_facts(pact=period.pact)
    reports = {r.organisation_id: r for r in Report.objects.select_for_update().filter(period=period)}
    waiting = [
        "«{name}» ({state})".format(
            name=org.name,
            state=Report.Status(reports[org.pk].status).label.lower()
            if org.pk in reports
            else _("chưa báo cáo"),
        )
        for org in facts.members
        if org.pk not in reports
        or reports[org.pk].status not in (Report.Status.APPRAISED, Report.Status.LOCKED)
    ]
    if waiting:
        raise ValidationError(
            _("Chưa khóa kỳ được: các đơn vị sau chưa được thẩm định: %(units)s.")
            % {"units": ", ".join(waiting)}
        )
    leading = _results_freeze(period=period, facts=facts)
    for report in reports.values():
        if report.status != Report.Status.LOCKED:
            report.status_before_lock = report.status
            report.status = transition(report.status, Action.LOCK, Role.SYSTEM)
            report.save(update_fields=["status", "status_before_lock", "updated_at"])
    again = period.closed_at is not None
    period.closed_at = timezone.now()
    period.closed_by = actor
    period.save(update_fields=["aggregates", "closed_at", "closed_by", "updated_at"])
    audit_record(
        actor=actor,
        action="emulation.period.reclose" if again else "emulation.period.close",
        target=period,
        changes={"leading": [None, leading]},
        reason=reason,
    )
    return period


# Not durable: the demo loader calls it inside its own transaction.
@transaction.atomic
def period_publish(*, actor: User | None, period: Period, publish: bool = True, reason: str = "") -> Period:
    """Let the public portal show (or stop showing) a closed period's ranking and aggregates.

    Whoever manages the group decides; only a closed period's frozen results can be published."""
    period = Period.objects.select_for_update().select_related("pact__group").get(pk=period.pk)
    if not can_manage_group(user=actor, group=period.pact.group):
        raise PermissionDenied(_NOT_MANAGER)
    if publish and period.closed_at is None:
        raise ValidationError(_("Chỉ công bố được kết quả của kỳ đã khóa."))
    before = period.published_at
    if publish == (before is not None):
        return period
    period.published_at = timezone.now() if publish else None
    period.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="emulation.period.publish" if publish else "emulation.period.unpublish",
        target=period,
        changes={"published_at": [before, period.published_at]},
        reason=reason,
    )
    return period


def _results_freeze(*, period: Period, facts: PactFacts | None = None) -> str | None:
    """Score the period with the appraised values and store the results (PeriodResult rows, with the
    self-scores beside them) and the aggregates on `period` (saved by the caller). Returns the
    leading member's id.

    Private to period_close, which runs it inside its transaction with the period row locked, checks
    who may close and writes the audit row: on its own it would change results unaudited. The test
    builders (tests/emulation/builders.py) call it directly to freeze large generated periods the
    same way, without the workflow."""
    facts = facts or pact_facts(pact=period.pact)
    values = period_values(period=period)
    appraised = period_score(period=period, source="appraised", facts=facts, values=values)
    self_scored = period_score(period=period, source="self", facts=facts, values=values)
    if appraised.result is None or appraised.excluded or appraised.pact_problems:
        names = {c.code: c.name for c in facts.criteria}
        texts = [pact_fault_text(appraised.pact_problems)] if appraised.pact_problems else []
        texts += [
            f"{appraised.members[str(org)].name}: {text}"
            for org, ps in appraised.excluded.items()
            for text in problem_texts(ps, names)
        ]
        problems = "; ".join(texts)
        raise ValidationError(_("Không chấm được điểm thẩm định: %(problems)s") % {"problems": problems})
    self_by_id = {m.id: m for m in self_scored.result.members} if self_scored.result else {}
    PeriodResult.objects.filter(period=period).delete()
    PeriodResult.objects.bulk_create(
        PeriodResult(
            period=period,
            organisation_id=int(member.id),
            rank=member.rank,
            total=member.total,
            vetoed=member.vetoed,
            points={code: str(value) for code, value in member.points.items()},
            self_total=self_by_id[member.id].total if member.id in self_by_id else None,
            self_points={code: str(v) for code, v in self_by_id[member.id].points.items()}
            if member.id in self_by_id
            else {},
        )
        for member in appraised.result.members
    )
    period.aggregates = result_to_json(appraised.result)["aggregates"]
    return appraised.result.leading


# Durable: only the review screen calls it, never inside another transaction.
@transaction.atomic(durable=True)
def report_unlock(*, actor: User | None, report: Report, reason: str) -> Report:
    """A province officer reopens a locked report, with a reason, back to its state before the lock."""
    report = Report.objects.select_for_update().select_related("period__pact__group").get(pk=report.pk)
    from thidua.emulation.selectors.access import workflow_roles

    roles = workflow_roles(user=actor, group=report.period.pact.group, organisation_id=report.organisation_id)
    if Role.PROVINCE not in roles:
        raise PermissionDenied(_("Chỉ Ban Thi đua – Khen thưởng tỉnh được mở khóa báo cáo."))
    try:
        new = transition(
            report.status,
            Action.UNLOCK,
            Role.PROVINCE,
            reason=reason,
            before_lock=report.status_before_lock or None,
        )
    except TransitionError as error:
        raise ValidationError(str(error)) from None
    old = report.status
    report.status = new
    report.status_before_lock = ""
    report.version += 1
    report.save(update_fields=["status", "status_before_lock", "version", "updated_at"])
    report.changes.create(field="status", old=old, new=new, actor=actor, reason=reason)
    audit_record(
        actor=actor,
        action="emulation.report.unlock",
        target=report,
        changes={"status": [old, new]},
        reason=reason,
    )
    return report
