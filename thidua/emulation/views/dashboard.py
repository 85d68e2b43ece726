"""The group's results screen and its Excel export, inside Wagtail's admin.

Whoever may see the group may see its results (groups_visible_to); anyone else gets 404, the same
answer as for a period that does not exist, so a typed URL reveals nothing. Wagtail wraps every admin
URL in require_admin_access and never_cache.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from thidua.emulation.presenters.charts import ranking_chart
from thidua.emulation.presenters.dashboard import period_dashboard
from thidua.emulation.presenters.exports import export_filename, results_export, results_workbook, status_text
from thidua.emulation.selectors.dashboard import dashboard_period

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
def period_dashboard_view(request: HttpRequest, pk: int) -> HttpResponse:
    dashboard = period_dashboard(period=dashboard_period(user=request.user, pk=pk))
    context = {
        "dashboard": dashboard,
        "status": status_text(dashboard),
        # ranking_chart escapes every text it writes into the markup.
        "chart": mark_safe(ranking_chart(dashboard)),
    }
    return TemplateResponse(request, "emulation/dashboard.html", context)


@require_safe
def period_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    dashboard = period_dashboard(period=dashboard_period(user=request.user, pk=pk))
    response = HttpResponse(results_workbook(results_export(dashboard)), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=export_filename(dashboard)
    )
    return response
