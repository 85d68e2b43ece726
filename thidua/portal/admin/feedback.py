"""Góp ý, hỏi đáp: the editors' moderation queue in Wagtail's admin."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.portal.models import ContactPage, Feedback
from thidua.portal.selectors.feedback import feedback_queue
from thidua.portal.services.feedback import feedback_moderate
from thidua.portal.views.contact import contact_page_serve


def _require_view(request: HttpRequest) -> None:
    if not request.user.has_perm("portal.view_feedback"):
        raise PermissionDenied


def feedback_list_view(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    status = request.GET.get("trang-thai", Feedback.Status.NEW)
    items = feedback_queue(status=status if status in Feedback.Status.values else None)[:200]
    context: dict[str, Any] = {
        "items": items,
        "status": status,
        "statuses": Feedback.Status.choices,
        "page_title": _("Góp ý, hỏi đáp"),
    }
    return TemplateResponse(request, "portal/admin/feedback_list.html", context)


def feedback_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_view(request)
    item = get_object_or_404(Feedback, pk=pk)
    if request.method == "POST":
        try:
            feedback_moderate(
                actor=request.user,  # type: ignore[arg-type]
                feedback=item,
                status=request.POST.get("status", ""),
                answer=request.POST.get("answer", ""),
            )
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("portal_feedback_list")
    context: dict[str, Any] = {"item": item, "statuses": Feedback.Status.choices, "page_title": item.subject}
    return TemplateResponse(request, "portal/admin/feedback_detail.html", context)


class FeedbackMenuItem(MenuItem):  # type: ignore[misc]  # Wagtail ships no types
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("portal.view_feedback"))

    def render_component(self, request: Any) -> Any:
        self.url = reverse("portal_feedback_list")
        return super().render_component(request)


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_urls() -> list[Any]:
    return [
        path("cong-thong-tin/gop-y/", feedback_list_view, name="portal_feedback_list"),
        path("cong-thong-tin/gop-y/<int:pk>/", feedback_detail_view, name="portal_feedback_detail"),
    ]


@hooks.register("register_admin_menu_item")  # type: ignore[untyped-decorator]
def register_menu_item() -> MenuItem:
    return FeedbackMenuItem(
        gettext_lazy("Góp ý, hỏi đáp"), "", name="portal-feedback", icon_name="mail", order=290
    )


@hooks.register("before_serve_page")  # type: ignore[untyped-decorator]
def serve_contact_page(page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any) -> Any:
    """The contact page's form is a view of its own (views.contact); other pages go on as usual."""
    if isinstance(page.specific, ContactPage):
        return contact_page_serve(request, page=page.specific)
    return None
