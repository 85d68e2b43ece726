"""Công bố kết quả: whoever manages a cluster chooses which closed periods the public portal shows.

Listed under the Thi đua menu, next to the results dashboard the officer has just read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from thidua.core.admin.menu import LinkMenuItem
from thidua.emulation.admin.menu import MENU_HOOK
from thidua.emulation.selectors.access import can_manage_any_group, can_manage_group, periods_visible_to
from thidua.emulation.services.periods import period_publish


@require_http_methods(["GET", "POST"])
def results_publish_view(request: HttpRequest) -> HttpResponse:
    # Refused like the other managers' screens, rather than opened empty, to whoever manages no group.
    if not can_manage_any_group(request.user):
        raise PermissionDenied
    periods = [
        p
        for p in periods_visible_to(user=request.user)
        .filter(closed_at__isnull=False)
        .order_by("-pact__group__year", "-closed_at")
        if can_manage_group(user=request.user, group=p.pact.group)
    ]
    if request.method == "POST":
        period = get_object_or_404(periods_visible_to(user=request.user), pk=request.POST.get("period"))
        publish = request.POST.get("action") == "publish"
        try:
            period_publish(actor=request.user, period=period, publish=publish)  # type: ignore[arg-type]
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request,
                (
                    _("Đã công bố kết quả «%(period)s».")
                    if publish
                    else _("Đã thôi công bố kết quả «%(period)s».")
                )
                % {"period": period},
            )
        return redirect("portal_results_publish")
    context: dict[str, Any] = {"periods": periods, "page_title": _("Công bố kết quả thi đua")}
    return TemplateResponse(request, "portal/admin/results_publish.html", context)


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_urls() -> list[Any]:
    return [path("cong-thong-tin/cong-bo-ket-qua/", results_publish_view, name="portal_results_publish")]


@hooks.register(MENU_HOOK)  # type: ignore[untyped-decorator]
def register_menu_item() -> LinkMenuItem:
    return LinkMenuItem(
        # A lazy label, so the menu follows each officer's language.
        gettext_lazy("Công bố kết quả"),
        "portal_results_publish",
        shown=can_manage_any_group,
        icon_name="globe",
        order=900,
    )
