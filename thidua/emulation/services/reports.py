"""Services for a member's report: save (with optimistic locking), submit, return, appraise, evidence.

Each runs in one transaction, checks the workflow table (thidua.emulation.rules.workflow) for the actor's
role, writes the audit row and, once a report has been submitted, a ReportChange row for every value
that changes (old, new, who, when, why).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import audit_record
from thidua.core.formatting import nfc
from thidua.core.uploads import upload_name
from thidua.emulation.models import Evidence, Period, Report, ReportChange, ReportValue
from thidua.emulation.presenters.scoring import pact_fault_text, problem_texts
from thidua.emulation.rules.values import Entry, check_entries, normalise, stored_value
from thidua.emulation.rules.workflow import Action, Role, TransitionError, transition
from thidua.emulation.selectors.access import workflow_roles
from thidua.emulation.selectors.preview import leaf_specs
from thidua.emulation.selectors.scoring import (
    SCORED_STATUSES,
    PactFacts,
    Source,
    pact_facts,
    period_score,
    period_values,
)

EVIDENCE_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}


class ConcurrentEditError(ValidationError):
    """Another officer saved the report after this one loaded it."""


@dataclass(frozen=True)
class _Ctx:
    report: Report
    facts: PactFacts
    roles: frozenset[Role]


def _load(actor: User, report: Report, version: int | None) -> _Ctx:
    # The row lock makes a concurrent save wait for this transaction and then see the new version,
    # so of two saves started from the same version exactly one succeeds (optimistic locking).
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("period__pact__group", "organisation")
        .get(pk=report.pk)
    )
    if version is not None and locked.version != version:
        raise ConcurrentEditError(
            _(
                "Báo cáo vừa được người khác cập nhật (phiên bản %(version)s, lúc %(when)s). "
                "Hãy tải lại trang để xem số liệu mới nhất rồi nhập lại thay đổi của bạn."
            )
            % {"version": locked.version, "when": f"{timezone.localtime(locked.updated_at):%H:%M %d/%m/%Y}"}
        )
    roles = workflow_roles(user=actor, group=locked.period.pact.group, organisation_id=locked.organisation_id)
    return _Ctx(report=locked, facts=pact_facts(pact=locked.period.pact), roles=roles)


def _move(ctx: _Ctx, action: Action, *, reason: str = "", prefer: tuple[Role, ...]) -> str:
    role = next((r for r in prefer if r in ctx.roles), Role.OTHER)
    try:
        return transition(ctx.report.status, action, role, reason=reason)
    except TransitionError as error:
        if role == Role.OTHER:
            raise PermissionDenied(str(error)) from None
        raise ValidationError(str(error)) from None


def _rows(report: Report) -> dict[str, ReportValue]:
    return {row.criterion.code: row for row in report.values.select_related("criterion")}


def _evidence_counts(report: Report) -> dict[str, int]:
    counts: dict[str, int] = {}
    for code in Evidence.objects.filter(value__report=report).values_list(
        "value__criterion__code", flat=True
    ):
        counts[code] = counts.get(code, 0) + 1
    return counts


def _store_points(report: Report, points: dict[str, Decimal], field: str) -> None:
    """Write the engine's points on every value row of the report (None where it gave none)."""
    rows = list(report.values.select_related("criterion"))
    for row in rows:
        setattr(row, field, points.get(row.criterion.code))
    ReportValue.objects.bulk_update(rows, [field])


def _bump(report: Report, fields: list[str]) -> None:
    report.version += 1
    report.save(update_fields=[*fields, "version", "updated_at"])


def _rescore(ctx: _Ctx, source: Source) -> tuple[dict[str, Decimal], Decimal | None, list[str]]:
    """This member's points by criterion and total as the screens show them now (period_figures'
    scope: the sent reports plus this one), and the problems when it cannot be scored yet."""
    period = ctx.report.period
    org_id = ctx.report.organisation_id
    values = period_values(period=period)
    own = {cid: stored.read(source) for cid, stored in values.get(org_id, {}).items()}
    outcome = period_score(
        period=period,
        source=source,
        facts=ctx.facts,
        values=values,
        only_statuses=SCORED_STATUSES,
        override=(org_id, own),
    )
    member = outcome.member(org_id)
    if member is not None:
        return dict(member.points), member.total, []
    if outcome.pact_problems:
        return {}, None, [pact_fault_text(outcome.pact_problems)]
    names = {c.code: c.name for c in ctx.facts.criteria}
    problems = problem_texts(outcome.excluded.get(org_id, ()), names)
    return {}, None, problems or [_("Chưa đủ số liệu để chấm điểm.")]


@transaction.atomic
def report_open(*, actor: User, period: Period, organisation: Any) -> Report:
    """The member's report for the period, created as a draft on first use."""
    period = Period.objects.select_related("pact__group").get(pk=period.pk)
    roles = workflow_roles(user=actor, group=period.pact.group, organisation_id=organisation.pk)
    if not roles & {Role.MEMBER, Role.PROVINCE}:
        raise PermissionDenied(_("Bạn chỉ mở được báo cáo của đơn vị mình."))
    if not period.pact.group.memberships.filter(organisation=organisation).exists():
        raise ValidationError(
            _("«%(unit)s» không phải là thành viên của «%(group)s».")
            % {"unit": organisation, "group": period.pact.group}
        )
    report, created = Report.objects.get_or_create(period=period, organisation=organisation)
    if created:
        audit_record(actor=actor, action="emulation.report.create", target=report)
    return report


@transaction.atomic
def report_save(
    *, actor: User, report: Report, version: int, values: dict[str, dict[str, Any]], reason: str = ""
) -> Report:
    """Save the member's values and explanations ({code: {"value": ..., "explanation": ...}}).

    Refused when another save came first (ConcurrentEditError), when the report is not editable by
    the actor, or when a value is wrong (ValidationError keyed by criterion code); nothing is saved
    then. Points are recomputed by the engine.
    """
    ctx = _load(actor, report, version)
    _move(ctx, Action.SAVE, prefer=(Role.MEMBER,))
    report = ctx.report
    specs = leaf_specs(ctx.facts, report.organisation_id)
    entries = {code: Entry(v.get("value"), nfc(v.get("explanation", "") or "")) for code, v in values.items()}
    normalised, errors = check_entries(specs, entries, for_submit=False)
    if errors:
        raise ValidationError(errors)
    leaves = {leaf.code: leaf for leaf in ctx.facts.leaves}
    rows = _rows(report)
    tracked = report.submitted_at is not None  # changes after a first submission are kept
    new_rows, changed_rows, changes = [], [], []
    for code, entry in entries.items():
        row = rows.get(code)
        new_value = normalised.get(code)
        if row is None:
            new_rows.append(
                ReportValue(
                    report=report, criterion=leaves[code], value=new_value, explanation=entry.explanation
                )
            )
            continue
        if tracked and (row.value != new_value or row.explanation != entry.explanation):
            changes.append(
                ReportChange(
                    report=report,
                    criterion=leaves[code],
                    field="value",
                    old={"value": row.value, "explanation": row.explanation},
                    new={"value": new_value, "explanation": entry.explanation},
                    actor=actor,
                    reason=reason,
                )
            )
        row.value, row.explanation = new_value, entry.explanation
        changed_rows.append(row)
    # A handful of statements whatever the number of criteria (a pact may have a hundred).
    ReportValue.objects.bulk_create(new_rows)
    ReportValue.objects.bulk_update(changed_rows, ["value", "explanation"])
    ReportChange.objects.bulk_create(changes)
    points, total, _problems = _rescore(ctx, "self")
    _store_points(report, points, "self_points")
    report.self_total = total
    _bump(report, ["self_total"])
    audit_record(
        actor=actor,
        action="emulation.report.save",
        target=report,
        changes={"values": [None, {c: normalised.get(c) for c in entries}]},
        reason=reason,
    )
    return report


@transaction.atomic
def report_grid_save(
    *,
    actor: User,
    report: Report,
    version: int,
    values: dict[str, dict[str, Any]],
    reason: str = "",
    remove_evidence: list[int] | None = None,
    uploads: list[tuple[str, UploadedFile]] | None = None,
) -> Report:
    """What the member's grid sends in one press of «Lưu»: the typed values, then the evidence files
    to remove and to add, all or nothing.

    A refused file undoes the values saved with it, so the page shows exactly what is stored; its
    errors are keyed by its criterion code. Each step is audited by the service it calls.
    """
    report = report_save(actor=actor, report=report, version=version, values=values, reason=reason)
    for evidence in Evidence.objects.filter(value__report=report, pk__in=remove_evidence or []):
        evidence_remove(actor=actor, evidence=evidence)
    for code, upload in uploads or []:
        try:
            evidence_add(actor=actor, report=report, criterion_code=code, upload=upload)
        except ValidationError as error:
            raise ValidationError({code: list(error.messages)}) from None
    report.refresh_from_db()
    return report


@transaction.atomic
def report_submit(*, actor: User, report: Report, version: int) -> Report:
    """Send the report to the head unit: every value present, explanations where due, scorable."""
    ctx = _load(actor, report, version)
    new_status = _move(ctx, Action.SUBMIT, prefer=(Role.MEMBER,))
    report = ctx.report
    rows = _rows(report)
    counts = _evidence_counts(report)
    entries = {
        code: Entry(stored_value(row.value), row.explanation, counts.get(code, 0))
        for code, row in rows.items()
    }
    _values, errors = check_entries(leaf_specs(ctx.facts, report.organisation_id), entries, for_submit=True)
    if errors:
        raise ValidationError(errors)
    points, total, problems = _rescore(ctx, "self")
    if total is None:
        raise ValidationError(problems)
    _store_points(report, points, "self_points")
    old = report.status
    report.status, report.self_total = new_status, total
    report.submitted_at, report.submitted_by, report.return_reason = timezone.now(), actor, ""
    _bump(report, ["status", "self_total", "submitted_at", "submitted_by", "return_reason"])
    report.changes.create(field="status", old=old, new=new_status, actor=actor)
    audit_record(
        actor=actor,
        action="emulation.report.submit",
        target=report,
        changes={"status": [old, new_status], "self_total": [None, str(total)]},
    )
    return report


@transaction.atomic
def report_return(*, actor: User, report: Report, reason: str) -> Report:
    """The head unit (or the province) sends the report back with a reason."""
    ctx = _load(actor, report, None)
    new_status = _move(ctx, Action.RETURN, reason=reason, prefer=(Role.APPRAISER, Role.PROVINCE))
    report = ctx.report
    old = report.status
    report.status, report.return_reason = new_status, nfc(reason.strip())
    _bump(report, ["status", "return_reason"])
    report.changes.create(field="status", old=old, new=new_status, actor=actor, reason=report.return_reason)
    audit_record(
        actor=actor,
        action="emulation.report.return",
        target=report,
        changes={"status": [old, new_status]},
        reason=report.return_reason,
    )
    return report


@transaction.atomic
def report_appraise(
    *,
    actor: User,
    report: Report,
    version: int,
    values: dict[str, dict[str, Any]] | None = None,
    reason: str = "",
) -> Report:
    """Appraise: the appraised value of each criterion is the one given, else the member's own.

    The self-score and the appraised score are kept side by side; each appraised value that differs
    from the member's is recorded with the appraiser's note.
    """
    ctx = _load(actor, report, version)
    new_status = _move(ctx, Action.APPRAISE, prefer=(Role.APPRAISER, Role.PROVINCE))
    report = ctx.report
    specs = {spec.code: spec for spec in leaf_specs(ctx.facts, report.organisation_id)}
    values = values or {}
    errors: dict[str, list[str]] = {}
    for code in values:
        if code not in specs:
            errors.setdefault(code, []).append(
                _("Không có tiêu chí mã «%(code)s» trong giao ước.") % {"code": code}
            )
    rows = _rows(report)
    appraised_rows, changes = [], []
    for code, spec in specs.items():
        row = rows.get(code)
        if row is None:
            continue
        given = values.get(code, {})
        if "value" in given:
            value, error = normalise(spec, given["value"])
            if error:
                errors.setdefault(code, []).append(error)
                continue
        else:
            value = row.appraised_value if row.appraised_value is not None else row.value
        note = nfc(given.get("note", row.appraisal_note) or "")
        if value != row.appraised_value and (value != row.value or row.appraised_value is not None):
            changes.append(
                ReportChange(
                    report=report,
                    criterion=row.criterion,
                    field="appraised_value",
                    old=row.appraised_value if row.appraised_value is not None else row.value,
                    new=value,
                    actor=actor,
                    reason=note or reason,
                )
            )
        row.appraised_value, row.appraisal_note = value, note
        appraised_rows.append(row)
    if errors:
        raise ValidationError(errors)
    ReportValue.objects.bulk_update(appraised_rows, ["appraised_value", "appraisal_note"])
    ReportChange.objects.bulk_create(changes)
    points, total, problems = _rescore(ctx, "appraised")
    if total is None:
        raise ValidationError(problems)
    _store_points(report, points, "appraised_points")
    old = report.status
    report.status, report.appraised_total = new_status, total
    report.appraised_at, report.appraised_by = timezone.now(), actor
    _bump(report, ["status", "appraised_total", "appraised_at", "appraised_by"])
    if old != new_status:
        report.changes.create(field="status", old=old, new=new_status, actor=actor, reason=reason)
    audit_record(
        actor=actor,
        action="emulation.report.appraise",
        target=report,
        changes={"status": [old, new_status], "appraised_total": [None, str(total)]},
        reason=reason,
    )
    return report


@transaction.atomic
def evidence_add(*, actor: User, report: Report, criterion_code: str, upload: UploadedFile) -> Evidence:
    """Attach an evidence file. Its type is read from the content, not the name (a renamed .exe
    stays refused), and its size is capped (EVIDENCE_MAX_BYTES)."""
    ctx = _load(actor, report, None)
    _move(ctx, Action.SAVE, prefer=(Role.MEMBER,))
    report = ctx.report
    leaf = next((leaf for leaf in ctx.facts.leaves if leaf.code == criterion_code), None)
    if leaf is None:
        raise ValidationError(
            {"criterion": _("Không có tiêu chí mã «%(code)s» trong giao ước.") % {"code": criterion_code}}
        )
    limit = settings.EVIDENCE_MAX_BYTES
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            {
                "file": _("Tệp «%(name)s» lớn hơn giới hạn %(limit)s MB.")
                % {"name": upload_name(upload.name), "limit": limit // (1024 * 1024)}
            }
        )
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise ValidationError(
            {
                "file": _("Tệp «%(name)s» không phải PDF, ảnh (JPEG, PNG, WEBP) hoặc DOCX.")
                % {"name": upload_name(upload.name)}
            }
        )
    row, _created = ReportValue.objects.get_or_create(report=report, criterion=leaf)
    evidence = Evidence(
        value=row,
        original_name=upload_name(upload.name),
        content_type=kind.mime,
        size=size,
        uploaded_by=actor,
    )
    evidence.file.save(f"{leaf.code}.{kind.extension}", upload, save=False)
    evidence.save()
    if report.submitted_at:
        report.changes.create(
            criterion=leaf, field="evidence", old=None, new=evidence.original_name, actor=actor
        )
    _bump(report, [])
    audit_record(
        actor=actor,
        action="emulation.evidence.add",
        target=report,
        changes={"evidence": [None, f"{leaf.code}: {evidence.original_name}"]},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: Evidence) -> None:
    evidence = Evidence.objects.select_related("value__report", "value__criterion").get(pk=evidence.pk)
    ctx = _load(actor, evidence.value.report, None)
    _move(ctx, Action.SAVE, prefer=(Role.MEMBER,))
    name = evidence.original_name
    code = evidence.value.criterion.code
    stored, storage = evidence.file.name, evidence.file.storage
    evidence.delete()
    # The file goes only once the deletion is committed, so a rollback never leaves a row without its file.
    transaction.on_commit(lambda: storage.delete(stored))
    if ctx.report.submitted_at:
        ctx.report.changes.create(
            criterion=evidence.value.criterion, field="evidence", old=name, new=None, actor=actor
        )
    _bump(ctx.report, [])
    audit_record(
        actor=actor,
        action="emulation.evidence.remove",
        target=ctx.report,
        changes={"evidence": [f"{code}: {name}", None]},
    )
