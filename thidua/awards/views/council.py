"""The council screens (Hội đồng Thi đua – Khen thưởng): its members by year, and setting up a year's
council (the province office). One selector or one service per request."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from thidua.awards.forms.proposals import CouncilForm, CouncilThresholdForm
from thidua.awards.models import CouncilThreshold
from thidua.awards.selectors.proposals import (
    council_accounts,
    councils_visible_to,
    may_manage_councils,
    may_read_councils,
    people_by_codes,
)
from thidua.awards.services.council import council_create, council_threshold_add, council_threshold_remove


def council_index_view(request: HttpRequest) -> HttpResponse:
    if not may_read_councils(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    context = {
        "councils": councils_visible_to(user=request.user),
        "may_manage": may_manage_councils(request.user),
        "thresholds": CouncilThreshold.objects.order_by("award", "valid_from", "id"),
        "threshold_form": CouncilThresholdForm(),
    }
    return TemplateResponse(request, "awards/council_index.html", context)


def council_create_view(request: HttpRequest) -> HttpResponse:
    if not may_manage_councils(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    form = CouncilForm(request.POST or None, accounts=council_accounts())
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        rows = form.rows()
        people = people_by_codes(code for _n, code, _a, _t in rows)
        unknown = [code for _n, code, _a, _t in rows if code not in people]
        chair_row = form.cleaned_data.get("chair")
        chair = next((people.get(code) for n, code, _a, _t in rows if str(n) == chair_row), None)
        if unknown:
            errors = [gettext("Không tìm thấy người có mã số: %(codes)s.") % {"codes": ", ".join(unknown)}]
        else:
            try:
                council_create(
                    actor=request.user,  # type: ignore[arg-type]
                    year=form.cleaned_data["year"],
                    name=form.cleaned_data["name"],
                    established_by=form.cleaned_data["established_by"],
                    members=[(people[code], account, title) for _n, code, account, title in rows],
                    chair=chair,
                )
            except (ValidationError, PermissionDenied) as error:
                errors = list(error.messages) if isinstance(error, ValidationError) else [str(error)]
            else:
                messages.success(request, gettext("Đã lập Hội đồng Thi đua – Khen thưởng."))
                return redirect("awards_council_index")
    return TemplateResponse(request, "awards/council_form.html", {"form": form, "errors": errors})


@require_POST
def council_threshold_add_view(request: HttpRequest) -> HttpResponse:
    if not may_manage_councils(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    form = CouncilThresholdForm(request.POST)
    if form.is_valid():
        try:
            council_threshold_add(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, gettext("Đã ghi tỷ lệ biểu quyết theo quy chế của tỉnh."))
    else:
        for field, problems in form.errors.items():
            for problem in problems:
                messages.error(
                    request, f"{form.fields[field].label if field in form.fields else ''}: {problem}"
                )
    return redirect("awards_council_index")


@require_POST
def council_threshold_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not may_manage_councils(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    threshold = get_object_or_404(CouncilThreshold, pk=pk)
    council_threshold_remove(actor=request.user, threshold=threshold)  # type: ignore[arg-type]
    return redirect("awards_council_index")
