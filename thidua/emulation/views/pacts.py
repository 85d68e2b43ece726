"""Staff screens of pacts and periods (giao ước thi đua, kỳ đánh giá), inside Wagtail's admin.

Reads are scoped by selectors: a pact or a period outside the user's groups (groups_visible_to,
periods_visible_to) answers 404, as if it did not exist. Every change calls one service; its
ValidationError is shown on the form and its PermissionDenied sends the user back with Wagtail's
message. Who sees which button and form asks the pact workflow table (rules/pact_workflow.py) with
the user's roles (pact_roles), as the services do, which decide in the end. Views are named
`<screen>_view` so that they never shadow the service of the same name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from thidua.emulation.forms import (
    AggregateFormSet,
    CriteriaForm,
    PactCreateForm,
    PactReopenForm,
    PactSignForm,
    PeriodOpenForm,
    ReasonForm,
    TargetsForm,
    TieBreakForm,
    add_service_error,
    check_definition,
    criterion_text,
    decimal_text,
)
from thidua.emulation.models import Method, Pact, PactCriterion, Period
from thidua.emulation.models.pacts import AGGREGATE_KIND_LABELS
from thidua.emulation.rules.pact_workflow import WORKFLOW, Action, State
from thidua.emulation.selectors.access import (
    can_manage_group,
    can_use_emulation,
    pact_roles,
    periods_visible_to,
)
from thidua.emulation.selectors.pacts import (
    groups_for_new_pact,
    member_group_ids,
    pact_criteria_in_order,
    pact_history,
    pact_listing,
    pact_member,
    pact_periods,
    pact_signatures,
    pacts_visible_to,
    period_overview,
    registered_targets,
    target_criteria,
)
from thidua.emulation.selectors.scoring import criteria_tree, pact_facts
from thidua.emulation.services.pacts import (
    pact_aggregates_set,
    pact_create_from_previous,
    pact_create_from_template,
    pact_criteria_replace,
    pact_reopen,
    pact_sign,
    targets_register,
)
from thidua.emulation.services.periods import period_close, period_open
from thidua.org.models import EmulationGroup


def dashboard_url(period: Period) -> str | None:
    """The results screen (another module's); None while it is not installed."""
    try:
        return reverse("emulation_period_dashboard", args=[period.pk])
    except NoReverseMatch:
        return None


def _pact_for(user: Any, pk: int) -> Pact:
    return get_object_or_404(pacts_visible_to(user=user), pk=pk)


def _period_for(user: Any, pk: int) -> Period:
    return get_object_or_404(periods_visible_to(user=user).select_related("pact__group__head"), pk=pk)


def _service_call(
    request: HttpRequest, form: Any, call: Callable[[], Any], fields: dict[str, str] | None = None
) -> Any:
    """Run a service for a valid form; its ValidationError lands on the form (None is returned)."""
    try:
        return call()
    except ValidationError as error:
        add_service_error(form, error, fields)
        return None


def _may(user: Any, group: EmulationGroup, action: Action, *, organisation_id: int | None = None) -> bool:
    """Whether the user's roles may ever do the action on the group's pact (the state aside)."""
    roles = pact_roles(user=user, group=group, organisation_id=organisation_id)
    return bool(WORKFLOW.roles_for(action) & roles)


def _form_page(request: HttpRequest, form: Any, **context: Any) -> TemplateResponse:
    return TemplateResponse(request, "emulation/pact_form.html", {"form": form, **context})


# --- Pacts ---------------------------------------------------------------------------------------
def pact_list_view(request: HttpRequest) -> HttpResponse:
    if not can_use_emulation(request.user):
        return permission_denied(request)
    context = {
        "pacts": pact_listing(user=request.user),
        "can_create": bool(groups_for_new_pact(user=request.user)),
    }
    return TemplateResponse(request, "emulation/pact_list.html", context)


def pact_create_view(request: HttpRequest) -> HttpResponse:
    groups = groups_for_new_pact(user=request.user)
    if not groups:
        return permission_denied(request)
    initial = {"group": request.GET.get("group")} if request.GET.get("group") else None
    form = PactCreateForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> Pact:
            if data["source"] == "previous":
                return pact_create_from_previous(actor=request.user, group=data["group"])
            return pact_create_from_template(
                actor=request.user, group=data["group"], template=data["template"]
            )

        pact = _service_call(request, form, create)
        if pact is not None:
            messages.success(
                request, _("Đã tạo «%(pact)s». Hãy kiểm tra bộ tiêu chí trước khi ký kết.") % {"pact": pact}
            )
            return redirect("emulation_pact_detail", pact.pk)
    return _form_page(
        request,
        form,
        title=_("Tạo giao ước thi đua"),
        intro=_(
            "Giao ước được tạo với một bản sao bộ tiêu chí: sửa bộ tiêu chí mẫu hoặc giao ước năm sau "
            "không làm thay đổi giao ước này."
        ),
        submit=_("Tạo giao ước"),
        back=reverse("emulation_pact_list"),
    )


@dataclass(frozen=True)
class CriterionRow:
    criterion: PactCriterion
    depth: int
    method_label: str

    @property
    def is_group(self) -> bool:
        return not self.criterion.method


def criterion_rows(criteria: list[PactCriterion]) -> list[CriterionRow]:
    """The criteria in tree order with their depth (0 for the top level)."""
    depth: dict[int, int] = {}
    rows = []
    for criterion in criteria:
        depth[criterion.pk] = depth.get(criterion.parent_id, -1) + 1 if criterion.parent_id else 0
        rows.append(CriterionRow(criterion, depth[criterion.pk], Method(criterion.method).label))
    return rows


def pact_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact_for(request.user, pk)
    group = pact.group
    facts = pact_facts(pact=pact)
    ratio = [c for c in facts.leaves if c.method == Method.RATIO_TO_TARGET]
    state = State(pact.status)
    roles = pact_roles(user=request.user, group=group)
    targets = [
        {
            "organisation": org,
            "values": [facts.targets.get((org.pk, c.pk)) for c in ratio],
            "can_register": WORKFLOW.allowed(
                state,
                Action.REGISTER_TARGETS,
                pact_roles(user=request.user, group=group, organisation_id=org.pk),
            ),
        }
        for org in facts.members
    ]
    periods = pact_periods(pact=pact)
    names = {c.code: criterion_text(c) for c in facts.criteria}
    context = {
        "pact": pact,
        "group": group,
        "rows": criterion_rows(facts.criteria),
        "ratio": ratio,
        "targets": targets,
        "signatures": pact_signatures(pact=pact),
        "periods": [(p, dashboard_url(p)) for p in periods],
        "can_edit_criteria": WORKFLOW.allowed(state, Action.EDIT_CRITERIA, roles),
        "can_sign": WORKFLOW.allowed(state, Action.SIGN, roles),
        "can_reopen": WORKFLOW.allowed(state, Action.REOPEN, roles),
        "aggregates": [
            {
                "kind": AGGREGATE_KIND_LABELS.get(a.get("kind"), a.get("kind")),  # type: ignore[call-overload]
                "criterion": names.get(a.get("criterion"), a.get("criterion")),
                "label": a.get("label", ""),
            }
            for a in pact.aggregates or ()
        ],
        "tie_break": [names.get(code, code) for code in pact.tie_break or ()],
        "history": pact_history(pact=pact),
        "can_open_period": WORKFLOW.allowed(state, Action.OPEN_PERIOD, roles)
        and len(periods) < len(Period.Kind.choices),
    }
    return TemplateResponse(request, "emulation/pact_detail.html", context)


def criteria_document(criteria: list[PactCriterion]) -> list[dict[str, Any]]:
    """The criteria as the JSON the editing screen shows (the contract's tree, with evidence)."""
    tree = criteria_tree(criteria)
    evidence = {c.code: c.evidence_required for c in criteria if c.evidence_required}

    def add(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            if node["code"] in evidence:
                node["evidence_required"] = evidence[node["code"]]
            add(node.get("children", []))

    add(tree)
    return tree


def pact_criteria_view(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact_for(request.user, pk)
    if not _may(request.user, pact.group, Action.EDIT_CRITERIA):
        return permission_denied(request)
    if not WORKFLOW.can_happen(State(pact.status), Action.EDIT_CRITERIA):
        messages.warning(
            request,
            _(
                "Giao ước đã ký kết; muốn sửa tiêu chí phải được Ban Thi đua – Khen thưởng tỉnh mở lại giao ước."
            ),
        )
        return redirect("emulation_pact_detail", pact.pk)
    criteria = pact_criteria_in_order(pact=pact)
    initial = {"criteria": json.dumps(criteria_document(criteria), ensure_ascii=False, indent=2)}
    form = CriteriaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _service_call(
            request,
            form,
            lambda: pact_criteria_replace(
                actor=request.user, pact=pact, criteria=form.cleaned_data["criteria"]
            ),
        )
        if done is not None:
            messages.success(request, _("Đã lưu bộ tiêu chí."))
            return redirect("emulation_pact_detail", pact.pk)
    return _form_page(
        request,
        form,
        title=_("Sửa bộ tiêu chí"),
        subtitle=str(pact),
        submit=_("Lưu bộ tiêu chí"),
        back=reverse("emulation_pact_detail", args=[pact.pk]),
        wide=True,
    )


def pact_targets_view(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    pact = _pact_for(request.user, pk)
    organisation = pact_member(pact=pact, organisation_id=organisation_pk)
    if organisation is None:
        raise Http404
    if not _may(request.user, pact.group, Action.REGISTER_TARGETS, organisation_id=organisation.pk):
        return permission_denied(request)
    criteria = target_criteria(pact=pact)
    current = registered_targets(pact=pact, organisation=organisation)
    initial = {f"target-{c.pk}": decimal_text(current.get(c.pk)) for c in criteria}
    form = TargetsForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _service_call(
            request,
            form,
            lambda: targets_register(
                actor=request.user, pact=pact, organisation=organisation, targets=form.targets()
            ),
            fields=form.codes,
        )
        if done is not None:
            messages.success(request, _("Đã lưu chỉ tiêu đăng ký của «%(unit)s».") % {"unit": organisation})
            return redirect("emulation_pact_detail", pact.pk)
    return _form_page(
        request,
        form,
        title=_("Đăng ký chỉ tiêu"),
        subtitle=f"{organisation} – {pact}",
        intro=_(
            "Chỉ tiêu của các tiêu chí chấm theo tỷ lệ so chỉ tiêu: điểm = điểm tối đa × thực hiện / chỉ tiêu. "
            "Ô để trống giữ nguyên chỉ tiêu đã đăng ký."
        ),
        submit=_("Lưu chỉ tiêu"),
        back=reverse("emulation_pact_detail", args=[pact.pk]),
    )


def pact_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact_for(request.user, pk)
    if not _may(request.user, pact.group, Action.SIGN):
        return permission_denied(request)
    form = PactSignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signature = _service_call(
            request,
            form,
            lambda: pact_sign(actor=request.user, pact=pact, **form.cleaned_data),
        )
        if signature is not None:
            messages.success(
                request,
                _("Đã ghi nhận ký kết giao ước, phiên bản %(version)s.") % {"version": signature.version},
            )
            return redirect("emulation_pact_detail", pact.pk)
    return _form_page(
        request,
        form,
        title=_("Ký kết giao ước"),
        subtitle=str(pact),
        intro=_(
            "Phần mềm lưu nguyên nội dung được ký (tiêu chí, chỉ tiêu đăng ký của từng đơn vị) cùng phiên bản. "
            "Mọi đơn vị phải đăng ký đủ chỉ tiêu trước khi ký kết."
        ),
        submit=_("Ký kết"),
        back=reverse("emulation_pact_detail", args=[pact.pk]),
    )


def pact_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm the reopening of a signed pact with a reason (the province office only)."""
    pact = _pact_for(request.user, pk)
    if not _may(request.user, pact.group, Action.REOPEN):
        return permission_denied(request)
    if not WORKFLOW.can_happen(State(pact.status), Action.REOPEN):
        messages.warning(request, _("Giao ước chưa ký kết, không cần mở lại."))
        return redirect("emulation_pact_detail", pact.pk)
    form = PactReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _service_call(
            request,
            form,
            lambda: pact_reopen(actor=request.user, pact=pact, reason=form.cleaned_data["reason"]),
        )
        if done is not None:
            messages.success(
                request,
                _("Đã mở lại giao ước; lần ký kết tới sẽ là phiên bản %(version)s.")
                % {"version": done.version},
            )
            return redirect("emulation_pact_detail", pact.pk)
    return TemplateResponse(
        request,
        "emulation/pact_reopen.html",
        {
            "form": form,
            "pact": pact,
            "next_version": pact.version + 1,
            "signatures": pact_signatures(pact=pact),
        },
    )


def pact_aggregates_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The pact's aggregates (a row each) and its tie-break order. Without JavaScript every move of
    the tie-break list, and "one more row", is a submit that redraws the page and saves nothing."""
    pact = _pact_for(request.user, pk)
    if not _may(request.user, pact.group, Action.EDIT_CRITERIA):
        return permission_denied(request)
    if not WORKFLOW.can_happen(State(pact.status), Action.EDIT_CRITERIA):
        messages.warning(
            request,
            _(
                "Giao ước đã ký kết; muốn sửa số liệu tổng hợp, thứ tự xét khi bằng điểm phải được "
                "Ban Thi đua – Khen thưởng tỉnh mở lại giao ước."
            ),
        )
        return redirect("emulation_pact_detail", pact.pk)
    criteria = pact_criteria_in_order(pact=pact)
    action = request.POST.get("action", "save") if request.method == "POST" else ""
    if not action:
        formset = AggregateFormSet(
            prefix="aggregates",
            criteria=criteria,
            initial=AggregateFormSet.initial_for(pact.aggregates or []),
        )
        tie_form = TieBreakForm(criteria=criteria, codes=list(pact.tie_break or []))
    elif action == "save":
        formset = AggregateFormSet(request.POST, prefix="aggregates", criteria=criteria)
        tie_form = TieBreakForm(request.POST, criteria=criteria)
        if formset.is_valid() and tie_form.is_valid() and check_definition(formset, tie_form, criteria):
            done = _service_call(
                request,
                tie_form,
                lambda: pact_aggregates_set(
                    actor=request.user,
                    pact=pact,
                    aggregates=formset.entries(),
                    tie_break=tie_form.cleaned_data["tie_break"],
                ),
            )
            if done is not None:
                messages.success(request, _("Đã lưu số liệu tổng hợp và thứ tự xét khi bằng điểm."))
                return redirect("emulation_pact_detail", pact.pk)
    else:
        data = request.POST.copy()
        if action == "row-add":
            total = "aggregates-TOTAL_FORMS"
            data[total] = str(int(data.get(total) or 0) + 1)
        formset = AggregateFormSet(data, prefix="aggregates", criteria=criteria)
        posted = TieBreakForm(request.POST, criteria=criteria).codes
        codes = TieBreakForm.after(posted, action, request.POST.get("add", "").strip())
        tie_form = TieBreakForm(criteria=criteria, codes=codes)
    context = {
        "pact": pact,
        "formset": formset,
        "tie_form": tie_form,
        "errors": _page_errors(formset, tie_form) if action == "save" else [],
        "stored": json.dumps(
            {"aggregates": pact.aggregates, "tie_break": pact.tie_break}, ensure_ascii=False, indent=2
        ),
    }
    return TemplateResponse(request, "emulation/pact_aggregates.html", context)


def _page_errors(formset: Any, tie_form: Any) -> list[str]:
    """Every message of a refused save, in page order, for the summary at the top."""
    messages_ = [str(e) for e in formset.non_form_errors()]
    messages_ += [str(e) for form in formset.forms for errors in form.errors.values() for e in errors]
    messages_ += [str(e) for errors in tie_form.errors.values() for e in errors]
    return messages_


# --- Periods -------------------------------------------------------------------------------------
def period_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    pact = _pact_for(request.user, pk)
    if not _may(request.user, pact.group, Action.OPEN_PERIOD):
        return permission_denied(request)
    form = PeriodOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        period = _service_call(
            request,
            form,
            lambda: period_open(actor=request.user, pact=pact, **form.cleaned_data),
        )
        if period is not None:
            messages.success(request, _("Đã mở kỳ «%(period)s».") % {"period": period.get_kind_display()})
            return redirect("emulation_period_detail", period.pk)
    return _form_page(
        request,
        form,
        title=_("Mở kỳ đánh giá"),
        subtitle=str(pact),
        submit=_("Mở kỳ"),
        back=reverse("emulation_pact_detail", args=[pact.pk]),
    )


def period_list_view(request: HttpRequest) -> HttpResponse:
    if not can_use_emulation(request.user):
        return permission_denied(request)
    periods = periods_visible_to(user=request.user).order_by(
        "-pact__group__year", "pact__group__name", "opens_on"
    )
    member_groups = member_group_ids(user=request.user)
    rows = [(p, p.pact.group_id in member_groups, dashboard_url(p)) for p in periods]
    return TemplateResponse(request, "emulation/period_list.html", {"rows": rows})


def _period_page(request: HttpRequest, period: Period, **extra: Any) -> TemplateResponse:
    group = period.pact.group
    overview = period_overview(user=request.user, period=period)
    manage = can_manage_group(user=request.user, group=group)
    context = {
        "period": period,
        "pact": period.pact,
        "group": group,
        "unit": overview.unit,
        "own": overview.own,
        "counts": overview.counts,
        "member_count": overview.member_count,
        "dashboard_url": dashboard_url(period),
        # A closed period closes again (re-freezing the results) after a report was unlocked.
        "can_close": manage and (not period.is_closed or overview.has_unlocked),
        "close_form": extra.pop("close_form", None) or ReasonForm(label=_("Ghi chú"), required=False),
        **extra,
    }
    return TemplateResponse(request, "emulation/period_detail.html", context)


def period_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _period_page(request, _period_for(request.user, pk))


@require_POST
def period_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    period = _period_for(request.user, pk)
    form = ReasonForm(request.POST, label=_("Ghi chú"), required=False)
    if not form.is_valid():
        return _period_page(request, period, close_form=form)
    try:
        period_close(actor=request.user, period=period, reason=form.cleaned_data["reason"])
    except PermissionDenied:
        return permission_denied(request)
    except ValidationError as error:
        return _period_page(request, period, close_form=form, close_errors=error.messages)
    messages.success(request, _("Đã khóa kỳ: điểm, thứ hạng và số liệu tổng hợp đã được chốt."))
    return redirect("emulation_period_detail", period.pk)
