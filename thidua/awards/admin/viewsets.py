"""The registry's viewsets in the "Khen thưởng" menu.

Wagtail's generic views would delete and copy rows directly and show a model's usage and history
from the default manager; here every screen that is not backed by a selector and a service is left
out (RegistryViewSet.screens), and the buttons that would lead to it are not drawn.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from thidua.awards.admin import views
from thidua.awards.admin.menu import MENU_HOOK
from thidua.awards.forms import registry as forms
from thidua.awards.models import AwardDecision, Discipline, Initiative, PendingMatter, TaskRating


def _day(name: str, label: Any) -> Column:
    def accessor(obj: Any) -> str:
        value = getattr(obj, name)
        return value.strftime("%d/%m/%Y") if value else "–"

    return Column(name, label=label, accessor=accessor)


def _subject(obj: Any) -> str:
    return str(obj.person or obj.organisation)


SUBJECT = Column("subject", label=_("Cá nhân, tập thể"), accessor=_subject)


class RegistryViewSet(ModelViewSet):  # type: ignore[misc]
    menu_hook = MENU_HOOK
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None
    screens: ClassVar[frozenset[str]] = frozenset({"index", "index_results", "add", "edit", "inspect"})

    def get_common_view_kwargs(self, **kwargs: Any) -> Any:
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for screen in ("edit", "delete", "history", "usage"):
            if screen not in self.screens:
                view_kwargs[f"{screen}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self) -> list[Any]:
        return [p for p in super().get_urlpatterns() if p.name in self.screens]


class AwardDecisionViewSet(RegistryViewSet):
    model = AwardDecision
    icon = "doc-full-inverse"
    menu_label = _("Quyết định khen thưởng")
    menu_order = 100
    url_prefix = "awards/decisions"
    name = "awards_decision"
    screens = RegistryViewSet.screens | {"delete"}
    list_display = [
        "number",
        _day("signed_on", _("Ngày ký")),
        "award",
        Column("period", label=_("Thời gian đạt thành tích"), accessor="period_text"),
        "issuer",
    ]
    list_filter = ["award", "period_to_year", "issuer"]
    search_fields = ["number", "summary", "signer_name"]
    index_view_class = views.DecisionIndexView
    inspect_view_class = views.DecisionInspectView
    add_view_class = views.DecisionCreateView
    edit_view_class = views.DecisionEditView
    delete_view_class = views.DecisionDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.AwardDecisionForm


class TaskRatingViewSet(RegistryViewSet):
    model = TaskRating
    icon = "tasks"
    menu_label = _("Xếp loại hằng năm")
    menu_order = 200
    url_prefix = "awards/ratings"
    name = "awards_rating"
    screens = RegistryViewSet.screens | {"delete"}
    list_display = [SUBJECT, "year", "rating"]
    list_filter = ["year", "rating"]
    search_fields = ["person__full_name", "organisation__name"]
    index_view_class = views.RatingIndexView
    inspect_view_class = views.RatingInspectView
    add_view_class = views.RatingCreateView
    edit_view_class = views.RatingEditView
    delete_view_class = views.RatingDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.TaskRatingForm


class InitiativeViewSet(RegistryViewSet):
    model = Initiative
    icon = "help"
    menu_label = _("Sáng kiến")
    menu_order = 300
    url_prefix = "awards/initiatives"
    name = "awards_initiative"
    screens = RegistryViewSet.screens | {"delete"}
    list_display = ["title", "person", "scope", _day("recognised_on", _("Ngày công nhận")), "used_for"]
    list_filter = ["scope"]
    search_fields = ["title", "person__full_name"]
    index_view_class = views.InitiativeIndexView
    inspect_view_class = views.InitiativeInspectView
    add_view_class = views.InitiativeCreateView
    edit_view_class = views.InitiativeEditView
    delete_view_class = views.InitiativeDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.InitiativeForm


class DisciplineViewSet(RegistryViewSet):
    model = Discipline
    icon = "warning"
    menu_label = _("Kỷ luật")
    menu_order = 400
    url_prefix = "awards/discipline"
    name = "awards_discipline"
    # Recorded once, from the disciplinary decision; no service changes it. One entered by mistake
    # is deleted, with a reason (records.discipline_delete).
    screens = frozenset({"index", "index_results", "add", "inspect", "delete"})
    list_display = ["person", "level", _day("start", _("Từ ngày")), _day("end", _("Đến ngày")), "decision"]
    list_filter = ["level"]
    search_fields = ["person__full_name", "decision"]
    index_view_class = views.DisciplineIndexView
    inspect_view_class = views.DisciplineInspectView
    add_view_class = views.DisciplineCreateView
    delete_view_class = views.DisciplineDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.DisciplineForm


class PendingMatterViewSet(RegistryViewSet):
    model = PendingMatter
    icon = "time"
    menu_label = _("Vụ việc đang xem xét")
    menu_order = 500
    url_prefix = "awards/pending"
    name = "awards_pending"
    screens = RegistryViewSet.screens | {"delete"}
    list_display = [SUBJECT, "kind", _day("since", _("Từ ngày")), _day("closed_on", _("Ngày kết thúc"))]
    list_filter = ["kind", "closed_on"]
    search_fields = ["person__full_name", "organisation__name", "note"]
    index_view_class = views.PendingIndexView
    inspect_view_class = views.PendingInspectView
    add_view_class = views.PendingCreateView
    edit_view_class = views.PendingCloseView
    delete_view_class = views.PendingDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.PendingCloseForm if for_update else forms.PendingOpenForm
