"""The "Quy chế cụm, khối" screens: list, add and edit the provincial rulesets inside Wagtail's admin.

Reads go through the ruleset selectors and writes through ruleset_save(), like every staff screen
(thidua/core/admin/views.py). Who may open the screens follows the capabilities, not Django model
permissions: the province office and the system administrator add and edit, the council reads.
Rulesets are never deleted: votes and review periods refer to the one they applied.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import ROLES, Cap
from thidua.core.admin.columns import YesNoColumn
from thidua.core.admin.views import ScopedEditView, ScopedIndexView, ScopedInspectView, ServiceCreateView
from thidua.emulation.admin.menu import MENU_HOOK
from thidua.emulation.models import Ruleset
from thidua.emulation.rules.votes import threshold_text
from thidua.emulation.selectors.rulesets import ruleset_on_same_day, rulesets_editable_by, rulesets_visible_to
from thidua.emulation.services.rulesets import FIELDS as RULESET_FIELDS
from thidua.emulation.services.rulesets import ruleset_save, same_day_message

# Action -> any one of these capabilities allows it. No "delete": rulesets are kept.
_ACTION_CAPS: dict[str, frozenset[str]] = {
    "view": frozenset({Cap.MANAGE_EMULATION, Cap.VIEW_ALL_EMULATION}),
    "add": frozenset({Cap.MANAGE_EMULATION}),
    "change": frozenset({Cap.MANAGE_EMULATION}),
}
# The fields the form shows are the ones ruleset_save accepts and audits.
FORM_FIELDS = RULESET_FIELDS


class CapabilityPermissionPolicy(BasePermissionPolicy):
    """Wagtail's permission questions answered from the role capabilities."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return bool(_ACTION_CAPS.get(action, frozenset()) & capabilities(user))

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        wanted = frozenset().union(*(_ACTION_CAPS.get(action, frozenset()) for action in actions))
        codes = [code for code, spec in ROLES.items() if spec.capabilities & wanted]
        users = get_user_model().objects.filter(is_active=True)
        if not wanted:
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__role__code__in=codes)).distinct()


class RulesetForm(WagtailAdminModelForm):
    # Wagtail's Meta carries the formfield_callback that makes effective_from a core.forms.VNDateField.
    class Meta(WagtailAdminModelForm.Meta):
        model = Ruleset
        fields = FORM_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vote_threshold_percent"].help_text = _(
            "Tính trên tổng số đơn vị thành viên. Ví dụ: quá nửa = 50 với «Trên tỷ lệ»; "
            "từ 2/3 trở lên = 66,67 với «Từ tỷ lệ trở lên»."
        )
        # legal-rules §2.2: the Ministry of Home Affairs says the 2022 Law sets no quotas.
        self.fields["quotas_enabled"].help_text = _(
            "Luật Thi đua, khen thưởng 2022 và các văn bản hướng dẫn không quy định tỷ lệ khen thưởng; "
            "chỉ bật khi quy chế của tỉnh có quy định."
        )
        self.fields["quota_percent"].help_text = _("Bắt buộc khi áp dụng tỷ lệ khen thưởng.")
        for name in ("vote_threshold_percent", "quota_percent"):
            # Accept and show "66,67" as officers write it; "66.67" is still read the same.
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True
        self.fields["legal_basis"].help_text = _("Số, ngày văn bản ban hành quy chế.")

    def clean(self) -> dict[str, Any]:
        # The database allows one ruleset per province and day. Checked here with the service's
        # wording; the field error also keeps Django's generic "already exists" message away.
        data = super().clean()
        province, day = data.get("province"), data.get("effective_from")
        if (
            province
            and day
            and ruleset_on_same_day(province=province, effective_from=day, exclude_pk=self.instance.pk)
        ):
            self.add_error("effective_from", same_day_message(province, day))
        return data


class RulesetIndexView(ScopedIndexView):
    scope_selector = staticmethod(rulesets_visible_to)


class RulesetInspectView(ScopedInspectView):
    scope_selector = staticmethod(rulesets_visible_to)


class RulesetCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> Ruleset:
        return ruleset_save(actor=self.request.user, **form.cleaned_data)


class RulesetEditView(ScopedEditView):
    scope_selector = staticmethod(rulesets_editable_by)

    def call_service(self, form: Any) -> Ruleset:
        return ruleset_save(actor=self.request.user, ruleset=self.object, **form.cleaned_data)


def _threshold(ruleset: Ruleset) -> str:
    return threshold_text(ruleset.vote_threshold_percent, ruleset.vote_threshold_rule)


class RulesetViewSet(ModelViewSet):
    model = Ruleset
    icon = "doc-full"
    menu_label = gettext_lazy("Quy chế cụm, khối")
    menu_order = 900
    # An item of the "Thi đua" menu.
    menu_hook = MENU_HOOK
    url_prefix = "emulation/rulesets"
    name = "emulation_ruleset"
    list_display = [
        "province",
        Column(
            "effective_from",
            label=gettext_lazy("Hiệu lực từ ngày"),
            accessor=lambda r: r.effective_from.strftime("%d/%m/%Y"),
        ),
        Column("threshold", label=gettext_lazy("Tỷ lệ phiếu suy tôn"), accessor=_threshold),
        "leading_units_per_group",
        "scoring_scale",
        YesNoColumn("quotas_enabled", label=gettext_lazy("Áp dụng tỷ lệ khen thưởng")),
        "legal_basis",
    ]
    list_filter = ["province"]
    search_fields = ["legal_basis"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = FORM_FIELDS
    index_view_class = RulesetIndexView
    inspect_view_class = RulesetInspectView
    add_view_class = RulesetCreateView
    edit_view_class = RulesetEditView

    @property
    def permission_policy(self) -> BasePermissionPolicy:
        return CapabilityPermissionPolicy(self.model)

    def get_form_class(self, for_update: bool = False) -> type:
        return RulesetForm

    def get_permissions_to_register(self) -> Any:
        # Access follows the capabilities above, so no model permission is offered for groups.
        return super().get_permissions_to_register().none()

    def get_urlpatterns(self) -> list[Any]:
        keep = {"index", "index_results", "add", "edit", "inspect"}
        return [p for p in super().get_urlpatterns() if p.name in keep]
