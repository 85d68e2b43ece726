"""Staff screens of the reports: the member's grid, live points, the head's review, evidence files.

Scoping: a period outside the user's groups answers 404 (periods_visible_to); a report or an evidence
file the user may not see answers 404 too (reports_visible_to), so a typed URL reveals nothing. The
grid is always the user's own unit's report. Every change goes through the report services, which
check the workflow table for the user's role again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from thidua.core.formatting import vn_number
from thidua.emulation.forms import AppraiseForm, ReasonForm, ReportGridForm, error_messages
from thidua.emulation.models import Evidence, PactCriterion, Period, Report, ReportChange, ReportValue
from thidua.emulation.presenters.scoring import preview_json
from thidua.emulation.rules.values import (
    BOOLEAN_METHODS,
    criterion_label,
)
from thidua.emulation.rules.workflow import TRANSITIONS, Action, Role, State
from thidua.emulation.selectors.access import (
    can_manage_group,
    periods_visible_to,
    reports_visible_to,
    workflow_roles,
)
from thidua.emulation.selectors.pacts import member_unit
from thidua.emulation.selectors.preview import score_preview
from thidua.emulation.selectors.scoring import MemberFigures, PactFacts, pact_facts, period_figures
from thidua.emulation.services import periods as period_services
from thidua.emulation.services import reports as report_services
from thidua.emulation.services.reports import EVIDENCE_TYPES, ConcurrentEditError
from thidua.emulation.views.pacts import criterion_rows, dashboard_url
from thidua.org.models import Organisation

EDITABLE = {Report.Status.DRAFT, Report.Status.RETURNED}


def allowed(status: str, action: Action, roles: frozenset[Role]) -> bool:
    """Whether the workflow table lets one of these roles take this action now (to show a button)."""
    rule = TRANSITIONS.get((State(status), action))
    return rule is not None and bool(rule.roles & roles)


def _period_for(user: Any, pk: int) -> Period:
    period = periods_visible_to(user=user).select_related("pact__group").filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


def _report_for(user: Any, pk: int) -> Report:
    report = Report.objects.select_related("period__pact__group").filter(pk=pk).first()
    if report is None or not periods_visible_to(user=user).filter(pk=report.period_id).exists():
        raise Http404
    visible = reports_visible_to(user=user, period=report.period).select_related(
        "period__pact__group", "submitted_by", "appraised_by"
    )
    report = visible.filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def shown_value(value: Any) -> str:
    """A stored value as read on screen: Có / Không, or a Vietnamese number."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    try:
        return vn_number(value)
    except ValueError:
        return str(value)


# --- Reading a report into rows ------------------------------------------------------------------
@dataclass
class Row:
    criterion: PactCriterion
    depth: int
    method_label: str
    target: Decimal | None = None
    stored: ReportValue | None = None
    evidence: list[Evidence] = field(default_factory=list)
    self_points: Decimal | None = None
    appraised_points: Decimal | None = None
    errors: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)  # bound form fields of this row
    latest: str | None = None  # another officer's newer value, after a concurrent save
    removing: set[int] = field(default_factory=set)

    @property
    def is_group(self) -> bool:
        return not self.criterion.method

    @property
    def is_boolean(self) -> bool:
        return self.criterion.method in BOOLEAN_METHODS

    @property
    def value(self) -> str:
        return shown_value(self.stored.value if self.stored else None)

    @property
    def appraised_value(self) -> str:
        return shown_value(self.stored.appraised_value if self.stored else None)

    @property
    def appraised_differs(self) -> bool:
        return bool(
            self.stored
            and self.stored.appraised_value is not None
            and self.stored.appraised_value != self.stored.value
        )


def report_rows(facts: PactFacts, report: Report, figures: MemberFigures) -> list[Row]:
    """One row per criterion in tree order, with the points every screen shows (period_figures)."""
    stored = {row.criterion_id: row for row in ReportValue.objects.filter(report=report)}
    evidence: dict[int, list[Evidence]] = {}
    for item in (
        Evidence.objects.filter(value__report=report).select_related("value").order_by("uploaded_at", "id")
    ):
        evidence.setdefault(item.value.criterion_id, []).append(item)
    rows = []
    for base in criterion_rows(facts.criteria):
        criterion = base.criterion
        row = Row(criterion, base.depth, base.method_label)
        row.stored = stored.get(criterion.pk)
        row.evidence = evidence.get(criterion.pk, [])
        row.target = facts.targets.get((report.organisation_id, criterion.pk))
        row.self_points = figures.self_points.get(criterion.code)
        row.appraised_points = figures.appraised_points.get(criterion.code)
        rows.append(row)
    return rows


def change_rows(report: Report) -> list[dict[str, Any]]:
    """The change history as lines to read: when, who, criterion, old → new, reason."""
    labels = dict(Report.Status.choices)
    fields = {
        "value": _("Giá trị tự đánh giá"),
        "appraised_value": _("Giá trị thẩm định"),
        "status": _("Trạng thái"),
        "evidence": _("Minh chứng"),
    }

    def text(change: ReportChange, value: Any) -> str:
        if change.field == "status":
            return str(labels.get(value, value or "–"))
        if change.field == "value" and isinstance(value, dict):
            shown = shown_value(value.get("value"))
            if value.get("explanation"):
                # Translators: a value in the change history, with the explanation typed with it.
                return _("%(value)s (giải trình: %(explanation)s)") % {
                    "value": shown,
                    "explanation": value["explanation"],
                }
            return shown
        if change.field == "evidence":
            return value or "–"
        return shown_value(value)

    return [
        {
            "at": change.at,
            "actor": change.actor,
            "criterion": change.criterion,
            "field": fields.get(change.field, change.field),
            "old": text(change, change.old),
            "new": text(change, change.new),
            "reason": change.reason,
        }
        for change in report.changes.select_related("actor", "criterion").order_by("at", "id")
    ]


def _split_errors(error: ValidationError, names: dict[str, str]) -> tuple[dict[str, list[str]], list[str]]:
    """A service's errors by criterion code (names: code -> criterion name), and every message for the
    top of the page. Next to its row a message drops the criterion's name, which the row shows."""
    by_code: dict[str, list[str]] = {}
    top: list[str] = []
    for key, message in error_messages(error):
        if key in names:
            by_code.setdefault(key, []).append(_short(message, key, names[key]))
        top.append(message)
    return by_code, top


def _criterion_prefix(code: str) -> str:
    """ "Tiêu chí 1.1", as the messages about one criterion start."""
    return _("Tiêu chí %(code)s") % {"code": code}


def _short(message: str, code: str, name: str) -> str:
    # The prefixes are worded as the messages word them (thidua.emulation.rules.values, number_problem).
    for prefix in (f"{criterion_label(code, name)}: ", f"{_criterion_prefix(code)}: "):
        message = message.removeprefix(prefix)
    return message[:1].upper() + message[1:]


def _form_errors(form: Any, leaves: list[PactCriterion]) -> tuple[dict[str, list[str]], list[str]]:
    """A form's own errors (before any service ran) by criterion code, and all of them for the top."""
    fields = {
        f"{kind}-{leaf.pk}": leaf
        for leaf in leaves
        for kind in ("value", "explanation", "evidence", "appraised", "note")
    }
    by_code: dict[str, list[str]] = {}
    top: list[str] = []
    for name, messages_ in form.errors.items():
        leaf = fields.get(name)
        for message in messages_:
            if leaf is not None:
                by_code.setdefault(leaf.code, []).append(_short(message, leaf.code, leaf.name))
                if not message.startswith(_criterion_prefix(leaf.code)):
                    message = _("Tiêu chí %(code)s: %(message)s") % {"code": leaf.code, "message": message}
            top.append(message)
    return by_code, top


# --- The member's grid ---------------------------------------------------------------------------
def _grid_page(
    request: HttpRequest,
    *,
    period: Period,
    report: Report,
    facts: PactFacts,
    form: ReportGridForm | None = None,
    errors: dict[str, list[str]] | None = None,
    top_errors: list[str] | None = None,
    conflicts: dict[str, str] | None = None,
    notice: str = "",
    status: int = 200,
) -> TemplateResponse:
    roles = workflow_roles(user=request.user, group=period.pact.group, organisation_id=report.organisation_id)
    editable = report.status in EDITABLE and Role.MEMBER in roles
    figures = period_figures(period=period, facts=facts, including=report.organisation_id)
    mine = figures.of(report.organisation_id)
    rows = report_rows(facts, report, mine)
    evidence = [e for row in rows for e in row.evidence]
    if editable and form is None:
        initial = ReportGridForm.initial_for(
            version=report.version,
            leaves=facts.leaves,
            stored={r.criterion.pk: r.stored for r in rows if r.stored},
        )
        form = ReportGridForm(initial=initial, leaves=facts.leaves, evidence=evidence)
    removing = set(form.data.getlist("remove_evidence") if form and hasattr(form.data, "getlist") else [])
    for row in rows:
        row.errors = (errors or {}).get(row.criterion.code, [])
        row.latest = (conflicts or {}).get(row.criterion.code)
        row.removing = {e.pk for e in row.evidence if str(e.pk) in removing}
        if editable and form is not None and not row.is_group:
            pk = row.criterion.pk
            row.fields = {
                "value": form[f"value-{pk}"],
                "explanation": form[f"explanation-{pk}"],
                "evidence": form[f"evidence-{pk}"],
                "orig_value": form[f"orig-value-{pk}"],
                "orig_explanation": form[f"orig-explanation-{pk}"],
            }
    context = {
        "title": _("Báo cáo %(period)s") % {"period": period.get_kind_display().lower()},
        "period": period,
        "pact": period.pact,
        "group": period.pact.group,
        "report": report,
        "figures": mine,
        "rows": rows,
        "form": form,
        "editable": editable,
        "tracked": report.submitted_at is not None,
        "top_errors": top_errors or [],
        "notice": notice,
        "changes": change_rows(report),
        "max_total": facts.scale,
        "dashboard_url": dashboard_url(period),
        "points_url": reverse("emulation_report_points", args=[period.pk]),
    }
    return TemplateResponse(request, "emulation/report_grid.html", context, status=status)


def _own_report(request: HttpRequest, period: Period) -> Report | None:
    unit = member_unit(user=request.user, group=period.pact.group)
    if unit is None:
        return None
    try:
        return report_services.report_open(actor=request.user, period=period, organisation=unit)
    except (PermissionDenied, ValidationError):
        return None


_CONFLICT_NOTICE = gettext_lazy(
    "Không cần tải lại trang: số liệu bạn vừa nhập vẫn được giữ trong bảng. Ô nào chỉ người kia sửa đã "
    "được cập nhật theo số liệu mới nhất; ô nào cả hai cùng sửa được đánh dấu kèm số liệu của người kia. "
    "Kiểm tra rồi bấm «Lưu» lần nữa."
)


def _conflict_page(
    request: HttpRequest,
    *,
    period: Period,
    report: Report,
    facts: PactFacts,
    form: ReportGridForm,
    error: Any,
) -> TemplateResponse:
    """After another save won: the service's message, the officer's typed values merged with the
    newest stored ones (form.merged_after_conflict), and the newest version to save against."""
    report.refresh_from_db()
    rows = {r.criterion_id: r for r in ReportValue.objects.filter(report=report)}
    latest = ReportGridForm.initial_for(version=report.version, leaves=facts.leaves, stored=rows)
    data, both = form.merged_after_conflict(latest=latest)
    evidence = list(Evidence.objects.filter(value__report=report))
    merged = ReportGridForm(data, leaves=facts.leaves, evidence=evidence)
    conflicts = {
        leaf.code: shown_value(rows[leaf.pk].value if leaf.pk in rows else None)
        for leaf in facts.leaves
        if leaf.code in both
    }
    notice = str(_CONFLICT_NOTICE)
    if form.uploads():
        notice += " " + _("Tệp minh chứng vừa chọn chưa được tải lên: hãy chọn lại.")
    return _grid_page(
        request,
        period=period,
        report=report,
        facts=facts,
        form=merged,
        top_errors=error.messages,
        conflicts=conflicts,
        notice=notice,
        status=409,
    )


def report_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's report for its own unit: GET shows it (opened as a draft on the first visit),
    POST saves ("Lưu") or saves then submits ("Gửi báo cáo")."""
    period = _period_for(request.user, pk)
    report = _own_report(request, period)
    if report is None:
        return permission_denied(request)
    facts = pact_facts(pact=period.pact)
    page = {"request": request, "period": period, "facts": facts}
    if request.method != "POST":
        return _grid_page(**page, report=report)
    evidence = list(Evidence.objects.filter(value__report=report))
    form = ReportGridForm(request.POST, request.FILES, leaves=facts.leaves, evidence=evidence)
    if not form.is_valid():
        by_code, top = _form_errors(form, facts.leaves)
        return _grid_page(**page, report=report, form=form, errors=by_code, top_errors=top, status=400)
    names = {leaf.code: leaf.name for leaf in facts.leaves}
    try:
        data = form.cleaned_data
        report = report_services.report_grid_save(
            actor=request.user,
            report=report,
            version=data["version"],
            values=form.service_values(),
            reason=data.get("reason", ""),
            remove_evidence=data.get("remove_evidence") or [],
            uploads=form.uploads(),
        )
    except ConcurrentEditError as error:
        return _conflict_page(**page, report=report, form=form, error=error)
    except ValidationError as error:
        by_code, top = _split_errors(error, names)
        return _grid_page(**page, report=report, form=form, errors=by_code, top_errors=top, status=400)
    except PermissionDenied:
        return permission_denied(request)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Đã lưu báo cáo."))
        return redirect("emulation_report_grid", period.pk)
    try:
        report_services.report_submit(actor=request.user, report=report, version=report.version)
    except ValidationError as error:
        report.refresh_from_db()
        by_code, top = _split_errors(error, names)
        notice = _(
            "Số liệu đã được lưu, nhưng báo cáo chưa gửi được: hãy sửa các mục dưới đây "
            "rồi bấm «Gửi báo cáo» lần nữa."
        )
        return _grid_page(**page, report=report, errors=by_code, top_errors=top, notice=notice, status=400)
    messages.success(request, _("Đã gửi báo cáo cho đơn vị thẩm định."))
    return redirect("emulation_report_grid", period.pk)


# --- Live points ---------------------------------------------------------------------------------
@require_POST
def report_points(request: HttpRequest, pk: int) -> JsonResponse:
    """JSON: the live points of the values typed in the user's own unit's grid; nothing is saved."""
    period = _period_for(request.user, pk)
    unit = member_unit(user=request.user, group=period.pact.group)
    if unit is None or Role.MEMBER not in workflow_roles(
        user=request.user, group=period.pact.group, organisation_id=unit.pk
    ):
        return JsonResponse({"error": _("Bạn chỉ tính điểm được cho báo cáo của đơn vị mình.")}, status=403)
    try:
        body = json.loads(request.body or b"{}")
        raw = body["values"]
        if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": _("Dữ liệu gửi lên không hợp lệ.")}, status=400)
    facts = pact_facts(pact=period.pact)
    preview = score_preview(period=period, facts=facts, organisation_id=unit.pk, raw=raw)
    return JsonResponse(preview_json(preview))


# --- The head's review ---------------------------------------------------------------------------
def report_list(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period_for(request.user, pk)
    group = period.pact.group
    reports = {r.organisation_id: r for r in reports_visible_to(user=request.user, period=period)}
    facts = pact_facts(pact=period.pact)
    figures = period_figures(period=period, facts=facts)
    # Only who sees the whole group learns which members have not sent anything yet.
    whole_group = can_manage_group(user=request.user, group=group)
    rows = [
        {
            "organisation": org,
            "report": reports.get(org.pk),
            "figures": figures.of(org.pk),
            # The button says "thẩm định" only where the review page will offer the appraisal form:
            # the head's own report is appraised by the deputy, not by the head (workflow_roles).
            "can_appraise": org.pk in reports
            and allowed(
                reports[org.pk].status,
                Action.APPRAISE,
                workflow_roles(user=request.user, group=group, organisation_id=org.pk),
            ),
        }
        for org in facts.members
        if org.pk in reports or whole_group
    ]
    unit = member_unit(user=request.user, group=group)
    context = {
        "title": _("Các báo cáo %(period)s") % {"period": period.get_kind_display().lower()},
        "period": period,
        "group": group,
        "rows": rows,
        "unit": unit,
        "dashboard_url": dashboard_url(period),
    }
    return TemplateResponse(request, "emulation/report_list.html", context)


def _review_page(
    request: HttpRequest,
    report: Report,
    *,
    form: AppraiseForm | None = None,
    return_form: ReasonForm | None = None,
    unlock_form: ReasonForm | None = None,
    errors: dict[str, list[str]] | None = None,
    top_errors: list[str] | None = None,
    status: int = 200,
) -> TemplateResponse:
    period = report.period
    group = period.pact.group
    facts = pact_facts(pact=period.pact)
    roles = workflow_roles(user=request.user, group=group, organisation_id=report.organisation_id)
    can_appraise = allowed(report.status, Action.APPRAISE, roles)
    mine = period_figures(period=period, facts=facts).of(report.organisation_id)
    rows = report_rows(facts, report, mine)
    if can_appraise and form is None:
        stored = {r.criterion.pk: r.stored for r in rows if r.stored}
        form = AppraiseForm(
            initial=AppraiseForm.initial_for(version=report.version, leaves=facts.leaves, stored=stored),
            leaves=facts.leaves,
        )
    for row in rows:
        row.errors = (errors or {}).get(row.criterion.code, [])
        if can_appraise and form is not None and not row.is_group:
            row.fields = {
                "appraised": form[f"appraised-{row.criterion.pk}"],
                "note": form[f"note-{row.criterion.pk}"],
            }
    unit = member_unit(user=request.user, group=group)
    context = {
        "title": _("Báo cáo %(period)s") % {"period": period.get_kind_display().lower()},
        "report": report,
        "figures": mine,
        "period": period,
        "group": group,
        "rows": rows,
        "form": form if can_appraise else None,
        "can_return": allowed(report.status, Action.RETURN, roles),
        "can_unlock": allowed(report.status, Action.UNLOCK, roles),
        "return_form": return_form or ReasonForm(prefix="return", label=_("Lý do trả lại")),
        "unlock_form": unlock_form or ReasonForm(prefix="unlock", label=_("Lý do mở khóa")),
        "top_errors": top_errors or [],
        "changes": change_rows(report),
        "own": unit is not None and unit.pk == report.organisation_id,
        "organisation": Organisation.objects.get(pk=report.organisation_id),
    }
    return TemplateResponse(request, "emulation/report_review.html", context, status=status)


def _appraise(request: HttpRequest, report: Report) -> HttpResponse:
    facts = pact_facts(pact=report.period.pact)
    form = AppraiseForm(request.POST, leaves=facts.leaves)
    if not form.is_valid():
        by_code, top = _form_errors(form, facts.leaves)
        return _review_page(request, report, form=form, errors=by_code, top_errors=top, status=400)
    try:
        report_services.report_appraise(
            actor=request.user,
            report=report,
            version=form.cleaned_data["version"],
            values=form.service_values(),
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        by_code, top = _split_errors(error, {leaf.code: leaf.name for leaf in facts.leaves})
        report.refresh_from_db()
        conflict = isinstance(error, ConcurrentEditError)
        if conflict:  # keep what was typed, against the newest version
            data = request.POST.copy()
            data["version"] = str(report.version)
            form = AppraiseForm(data, leaves=facts.leaves)
        return _review_page(
            request, report, form=form, errors=by_code, top_errors=top, status=409 if conflict else 400
        )
    messages.success(request, _("Đã thẩm định báo cáo của «%(unit)s».") % {"unit": report.organisation})
    return redirect("emulation_report_list", report.period_id)


def _return_or_unlock(request: HttpRequest, report: Report, action: str) -> HttpResponse:
    form = ReasonForm(request.POST, prefix=action, label=_("Lý do"))
    service = report_services.report_return if action == "return" else period_services.report_unlock
    try:
        service(actor=request.user, report=report, reason=request.POST.get(f"{action}-reason", ""))
    except ValidationError as error:
        report.refresh_from_db()
        return _review_page(
            request, report, top_errors=error.messages, status=400, **{f"{action}_form": form}
        )
    messages.success(
        request, _("Đã trả lại báo cáo kèm lý do.") if action == "return" else _("Đã mở khóa báo cáo.")
    )
    return redirect("emulation_report_review", report.pk)


def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """One member's report, read-only, with "Thẩm định", "Trả lại" and "Mở khóa" for those allowed
    (the services check the role again)."""
    report = _report_for(request.user, pk)
    if request.method != "POST":
        return _review_page(request, report)
    action = request.POST.get("action")
    try:
        if action == "appraise":
            return _appraise(request, report)
        if action in ("return", "unlock"):
            return _return_or_unlock(request, report, action)
    except PermissionDenied:
        return permission_denied(request)
    return redirect("emulation_report_review", report.pk)


# --- Evidence ------------------------------------------------------------------------------------
@never_cache
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An evidence file, to whoever may see its report; always as an attachment, never shown inline."""
    evidence = Evidence.objects.select_related("value__report__period__pact__group").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    _report_for(request.user, evidence.value.report_id)
    content_type = (
        evidence.content_type if evidence.content_type in EVIDENCE_TYPES else "application/octet-stream"
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
