from __future__ import annotations

from functools import cached_property
from typing import Any

import django_filters
from django.apps import apps
from django.db.models import Q, QuerySet
from django.forms import CheckboxSelectMultiple
from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from thidua.core.audit_actions import audit_action_is_fact, audit_action_label
from thidua.core.models import AuditEvent
from thidua.core.presenters.audit import ChangesView, changes_view, key_info_for, local_time_text
from thidua.core.spreadsheet_safety import escape_formula
from thidua.core.views import jobs as job_views


def event_changes(event: AuditEvent) -> ChangesView:
    return changes_view(
        event.changes,
        key_info=key_info_for(event.target_type),
        is_fact=lambda key: audit_action_is_fact(event.action, key),
    )


def target_type_label(target_type: str) -> str:
    """The model's verbose_name for a target type: org.emulationgroup -> Cụm, khối thi đua."""
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return target_type
    return capfirst(str(model._meta.verbose_name))


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(label=_("Thao tác"), widget=CheckboxSelectMultiple)
    actor_name = django_filters.CharFilter(label=_("Người thực hiện"), lookup_expr="icontains")
    target_type = django_filters.MultipleChoiceFilter(label=_("Loại bản ghi"), widget=CheckboxSelectMultiple)
    target_repr = django_filters.CharFilter(label=_("Bản ghi"), lookup_expr="icontains")
    # The dates are days in Vietnam: django-filter makes each bound aware in the active time zone.
    created_at = django_filters.DateFromToRangeFilter(label=_("Thời điểm"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The codes and types present in the log, so an old code nobody registers any more still filters.
        actions = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
        self.filters["action"].extra["choices"] = sorted(
            ((code, audit_action_label(code)) for code in actions), key=lambda choice: choice[1]
        )
        types = AuditEvent.objects.order_by().values_list("target_type", flat=True).distinct()
        self.filters["target_type"].extra["choices"] = sorted(
            ((code, target_type_label(code)) for code in types), key=lambda choice: choice[1]
        )


class AuditIndexView(generic.IndexView):
    # The log is append-only and its add, edit and delete URLs do not exist (get_urlpatterns); a
    # superuser holds every permission, so Wagtail would otherwise try to link them and fail (500).
    def get_add_url(self) -> None:
        return None

    def get_edit_url(self, instance: Any) -> None:
        return None

    def get_copy_url(self, instance: Any) -> None:
        return None

    def get_delete_url(self, instance: Any) -> None:
        return None

    def search_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # An officer searches for "Lưu báo cáo", not "emulation.report.save": the labels are not in the
        # database, so the codes whose label matches are added to the text search.
        found = super().search_queryset(queryset)
        if not self.is_searching:
            return found
        query = str(self.search_query).casefold()
        codes = [
            code
            for code in queryset.order_by().values_list("action", flat=True).distinct()
            if query in audit_action_label(code).casefold()
        ]
        return found | queryset.filter(Q(action__in=codes)) if codes else found

    def to_row_dict(self, item: AuditEvent) -> dict[str, str]:
        # The export (?export=xlsx or csv) says what the list says, in words and Vietnam time. Every
        # cell is text someone typed or derived from it (a reason, a unit's name), so it goes through
        # the one formula-injection guard: Wagtail only stops openpyxl's "=" formulas, not "+", "-",
        # "@" nor anything in the CSV.
        row = {
            "created_at": local_time_text(item.created_at),
            "actor_name": item.actor_name,
            "action": audit_action_label(item.action),
            "target_type": target_type_label(item.target_type),
            "target_id": item.target_id,
            "target_repr": item.target_repr,
            "changes": event_changes(item).summary,
            "reason": item.reason,
        }
        return {field: escape_formula(str(row[field])) for field in self.list_export}

    @cached_property
    def columns(self) -> list[Any]:
        title_class = self._get_title_column_class(TitleColumn)
        return [
            title_class(
                "created_at",
                label=_("Thời điểm"),
                accessor=lambda event: local_time_text(event.created_at),
                sort_key="created_at",
                get_url=self.get_inspect_url,
            ),
            Column("actor_name", label=_("Người thực hiện"), sort_key="actor_name"),
            Column("action", label=_("Thao tác"), accessor=lambda event: audit_action_label(event.action)),
            Column("target_repr", label=_("Bản ghi"), sort_key="target_repr"),
            Column("changes", label=_("Thay đổi"), accessor=lambda event: event_changes(event).summary),
            Column("reason", label=_("Lý do")),
        ]


class AuditInspectView(generic.InspectView):
    # As on the list: no edit or delete URL exists for the append-only log, whatever the user holds.
    def get_edit_url(self) -> None:
        return None

    def get_delete_url(self) -> None:
        return None

    template_name = "core/audit/inspect.html"

    def get_created_at_display_value(self) -> str:
        return local_time_text(self.object.created_at)

    def get_action_display_value(self) -> str:
        return audit_action_label(self.object.action)

    def get_target_type_display_value(self) -> str:
        return target_type_label(self.object.target_type)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["changes_view"] = event_changes(self.object)
        return context


class AuditEventViewSet(ModelViewSet):
    """The audit log, read-only: who changed what, when (Vietnam time), old → new, and why."""

    model = AuditEvent
    icon = "history"
    menu_label = _("Nhật ký thay đổi")
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "audit"
    name = "core_audit"
    index_view_class = AuditIndexView
    inspect_view_class = AuditInspectView
    filterset_class = AuditEventFilterSet
    search_fields = ["actor_name", "target_repr", "action", "reason"]
    search_backend_name = None
    inspect_view_enabled = True
    # The changes are shown as a table below these fields (core/audit/inspect.html).
    inspect_view_fields = [
        "created_at",
        "actor_name",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "reason",
    ]
    copy_view_enabled = False
    list_per_page = 50
    # The whole filtered list as a spreadsheet, for an inspection or an archive (to_row_dict).
    list_export = [
        "created_at",
        "actor_name",
        "action",
        "target_type",
        "target_id",
        "target_repr",
        "changes",
        "reason",
    ]
    export_headings = {
        "created_at": _("Thời điểm"),
        "actor_name": _("Người thực hiện"),
        "action": _("Thao tác"),
        "target_type": _("Loại bản ghi"),
        "target_id": _("Mã bản ghi"),
        "target_repr": _("Bản ghi"),
        "changes": _("Thay đổi"),
        "reason": _("Lý do"),
    }
    export_filename = "nhat-ky-thay-doi"
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
