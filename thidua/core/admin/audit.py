from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from thidua.core.models import AuditEvent
from thidua.core.views import jobs as job_views


class AuditEventViewSet(ModelViewSet):
    """The audit log, read-only: who changed what, when, old → new, and why."""

    model = AuditEvent
    icon = "history"
    menu_label = _("Nhật ký thay đổi")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "audit"
    name = "core_audit"
    list_display = ["created_at", "actor_name", "action", "target_repr", "reason"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_name", "target_repr", "action", "reason"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "created_at",
        "actor_name",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "changes",
        "reason",
    ]
    copy_view_enabled = False
    list_per_page = 50
    # Written only by services; nobody adds, edits or deletes audit rows through the admin.
    form_fields = ["reason"]

    def get_permissions_to_register(self):  # type: ignore[no-untyped-def]
        return super().get_permissions_to_register().filter(codename="view_auditevent")

    def get_urlpatterns(self) -> list:
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "inspect"}]


@hooks.register("register_admin_viewset")
def register_audit_log() -> ModelViewSet:
    return AuditEventViewSet()


@hooks.register("register_admin_urls")
def register_job_urls() -> list:
    return [
        path("jobs/<uuid:job_id>/", job_views.job_detail, name="core_job_detail"),
        path("jobs/<uuid:job_id>/status/", job_views.job_status_json, name="core_job_status"),
    ]
