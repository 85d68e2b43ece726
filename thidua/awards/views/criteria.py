"""The criteria screen (Tiêu chuẩn khen thưởng): each rule set's criteria as the engine applies them
in this province, with their citations and whether their text was verified; the province office sets
its own criterion in place of one (from a document it names) and withdraws it again."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied

from thidua.awards.eligibility import RULE_SETS, list_criteria
from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.eligibility.rulesets import SD_06
from thidua.awards.forms.criteria import ProvincialCriterionForm
from thidua.awards.models import ProvincialCriterion
from thidua.awards.presenters.criteria import criterion_params_text
from thidua.awards.selectors.access import can_manage_decisions, can_use_awards
from thidua.awards.selectors.rules import criteria_overview
from thidua.awards.services.criteria import provincial_criterion_delete, provincial_criterion_save


def _index_url(rule_set: str) -> str:
    return f"{reverse('awards_criteria')}?rule_set={rule_set}"


def criteria_index_view(request: HttpRequest) -> HttpResponse:
    if not can_use_awards(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    rule_set_id = request.GET.get("rule_set") or SD_06
    if rule_set_id not in RULE_SETS:
        raise Http404
    rows = [
        {
            "row": row,
            "params": criterion_params_text(row.info),
            "clauses": sorted(
                {(text, row.info.confidence.get(key, "")) for key, text in row.info.citations.items()}
            ),
        }
        for row in criteria_overview(rule_set_id)
    ]
    context = {
        "rule_sets": list(RULE_SETS.values()),
        "rule_set": RULE_SETS[rule_set_id],
        "rows": rows,
        "can_manage": can_manage_decisions(request.user),
    }
    return TemplateResponse(request, "awards/criteria_index.html", context)


def criterion_edit_view(request: HttpRequest, rule_set: str, award: str) -> HttpResponse:
    if not can_manage_decisions(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    if rule_set not in RULE_SETS or award not in AwardCode._value2member_map_:
        raise Http404
    existing = ProvincialCriterion.objects.filter(rule_set=rule_set, award=award).first()
    if request.method == "POST":
        form = ProvincialCriterionForm(request.POST, award=award)
        if form.is_valid():
            data = form.cleaned_data
            try:
                provincial_criterion_save(
                    actor=request.user,  # type: ignore[arg-type]
                    rule_set=rule_set,
                    award=award,
                    params=form.params(),
                    source_type=data["source_type"],
                    source_number=data["source_number"],
                    source_date=data["source_date"],
                    source_article=data["source_article"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    note=data["note"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(None if field not in form.fields else field, message)
            else:
                messages.success(request, _("Đã lưu tiêu chuẩn do tỉnh quy định."))
                return redirect(_index_url(rule_set))
    else:
        # Without a provincial criterion the form starts from the one the software applies today (the
        # rule set's latest version of it).
        current = [i for i in list_criteria(rule_set) if i.award.value == award][-1]
        initial = ProvincialCriterionForm.initial_for(
            award=award, existing=existing, current_params=dict(current.params)
        )
        form = ProvincialCriterionForm(initial=initial, award=award)
    context = {
        "form": form,
        "rule_set": RULE_SETS[rule_set],
        "award": award,
        "award_label": dict(ProvincialCriterion._meta.get_field("award").choices or [])[award],
        "existing": existing,
        "index_url": _index_url(rule_set),
    }
    return TemplateResponse(request, "awards/criterion_form.html", context)


def criterion_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_decisions(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    criterion = get_object_or_404(ProvincialCriterion, pk=pk)
    if request.method == "POST":
        provincial_criterion_delete(
            actor=request.user,  # type: ignore[arg-type]
            criterion=criterion,
            reason=request.POST.get("reason", ""),
        )
        messages.success(
            request, _("Đã bỏ tiêu chuẩn do tỉnh quy định; phần mềm áp dụng lại quy định sẵn có.")
        )
        return redirect(_index_url(criterion.rule_set))
    return TemplateResponse(
        request,
        "awards/criterion_delete.html",
        {"criterion": criterion, "index_url": _index_url(criterion.rule_set)},
    )
