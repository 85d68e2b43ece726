"""Criteria templates (bộ tiêu chí mẫu) in the admin: list, inspect the tree, create from JSON.

A template is never edited in place once created (pacts copy it); a changed scale is a new template,
and an old one is retired by unticking "đang dùng".
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from thidua.core.admin.views import ScopedEditView, ScopedIndexView, ScopedInspectView, ServiceCreateView
from thidua.emulation.admin.menu import MENU_HOOK
from thidua.emulation.models import CriteriaTemplate, Method
from thidua.emulation.selectors.templates import (
    template_criteria,
    templates_editable_by,
    templates_visible_to,
)
from thidua.emulation.services.pacts import criteria_template_create, criteria_template_update
from thidua.org.models import AdminUnit

_HELP = _(
    "Danh sách tiêu chí dạng JSON theo giao ước dòng lệnh (docs/contracts/scoring.md): mỗi nhóm "
    '{"code", "name", "children": [...]}, mỗi tiêu chí {"code", "name", "unit", "max_points", "method", "params", '
    '"evidence_required"}. Phần mềm kiểm tra bằng chính bộ máy chấm điểm trước khi lưu.'
)


class _JSONField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "style": "font-family: monospace"})

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return []
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                gettext("JSON không hợp lệ ở dòng %(line)s, cột %(column)s: %(problem)s.")
                % {"line": error.lineno, "column": error.colno, "problem": error.msg}
            ) from None
        if not isinstance(data, list):
            raise forms.ValidationError(gettext("Phải là một danh sách JSON ([...])."))
        return data


class TemplateCreateForm(WagtailAdminModelForm):
    criteria = _JSONField(label=_("Tiêu chí"), help_text=_HELP)
    aggregates = _JSONField(
        label=_("Số liệu tổng hợp"),
        required=False,
        help_text=_(
            # Translators: keep the JSON keys and values ("criterion", "sum_ratio", {display}) as they are.
            'Ví dụ: [{"criterion": "1.1", "kind": "sum_ratio", "label": "Tổng giá trị sản xuất toàn Cụm là {display}"}]'
        ),
    )
    tie_break = forms.CharField(
        label=_("Tiêu chí xét khi bằng điểm"),
        required=False,
        help_text=_("Mã tiêu chí, cách nhau dấu phẩy, theo thứ tự ưu tiên."),
    )

    class Meta:
        model = CriteriaTemplate
        fields = ["name", "kind", "province", "description"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = AdminUnit.objects.filter(
            level="province", valid_until__isnull=True
        )

    def clean_tie_break(self) -> list[str]:
        return [code.strip() for code in self.cleaned_data.get("tie_break", "").split(",") if code.strip()]


class TemplateEditForm(WagtailAdminModelForm):
    class Meta:
        model = CriteriaTemplate
        fields = ["name", "description", "is_active"]


class TemplateIndexView(ScopedIndexView):
    scope_selector = staticmethod(templates_visible_to)


class TemplateInspectView(ScopedInspectView):
    scope_selector = staticmethod(templates_visible_to)

    def get_fields(self) -> list[str]:
        return ["name", "kind", "province", "description", "is_active", "criteria", "tie_break", "aggregates"]

    def get_field_label(self, field_name: str, field: Any) -> str:
        return gettext("Tiêu chí") if field_name == "criteria" else super().get_field_label(field_name, field)

    def get_criteria_display_value(self) -> str:
        labels = dict(Method.choices)
        rows = [
            (
                "— " * (1 if c.parent_id else 0),
                c.code,
                c.name,
                c.unit or "",
                f"{c.max_points:g}" if c.max_points else "",
                # Translators: in the criteria table of a template, a row that groups other criteria.
                labels.get(c.method, "") if c.method else gettext("Nhóm"),
                c.evidence_required,
            )
            for c in template_criteria(template=self.object)
        ]
        headers = (
            gettext("Mã"),
            gettext("Tiêu chí"),
            gettext("Đơn vị tính"),
            gettext("Điểm tối đa"),
            gettext("Cách chấm"),
            gettext("Minh chứng"),
        )
        return format_html(
            "<table class='listing'><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
            format_html_join("", "<th>{}</th>", ((header,) for header in headers)),
            format_html_join(
                "", "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
            ),
        )


class TemplateCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> CriteriaTemplate:
        data = form.cleaned_data
        return criteria_template_create(
            actor=self.request.user,
            name=data["name"],
            kind=data["kind"],
            province=data.get("province"),
            description=data.get("description", ""),
            criteria=data["criteria"],
            aggregates=data.get("aggregates") or [],
            tie_break=data.get("tie_break") or [],
        )


class TemplateEditView(ScopedEditView):
    scope_selector = staticmethod(templates_editable_by)

    def call_service(self, form: Any) -> CriteriaTemplate:
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        return criteria_template_update(actor=self.request.user, template=self.object, **changed)


class CriteriaTemplateViewSet(ModelViewSet):
    model = CriteriaTemplate
    icon = "list-ul"
    menu_label = _("Bộ tiêu chí mẫu")
    menu_order = 50
    menu_hook = MENU_HOOK
    url_prefix = "emulation/templates"
    name = "emulation_template"
    list_display = ["name", "kind", "province", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = TemplateIndexView
    inspect_view_class = TemplateInspectView
    add_view_class = TemplateCreateView
    edit_view_class = TemplateEditView

    def get_form_class(self, for_update: bool = False) -> type:
        return TemplateEditForm if for_update else TemplateCreateForm

    @property
    def permission_policy(self) -> ModelPermissionPolicy:
        return _NoDeletePolicy(self.model)


class _NoDeletePolicy(ModelPermissionPolicy):
    """Templates are retired (is_active), never deleted: pacts keep a reference to their source."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "delete" and super().user_has_permission(user, action)


@hooks.register("register_admin_viewset")
def register_template_viewset() -> CriteriaTemplateViewSet:
    return CriteriaTemplateViewSet()
