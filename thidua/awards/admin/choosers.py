"""The people and organisation choosers of the awards screens (core.admin.choosers, org.admin.choosers).

The forms' widgets (forms/pickers.py) open them with `?for=<purpose>` (and `&proposal=<id>` for a
proposal's items); the list, the search and the picks read selectors.pickers with them, the same
selectors the forms' fields validate with. A province holds tens of thousands of people: the search
finds a name typed without diacritics, or a civil-servant code.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn

from thidua.awards.selectors.pickers import organisations_pickable, people_pickable
from thidua.core.admin.choosers import ScopedChooserViewSet
from thidua.org.admin.choosers import (
    OrganisationFilterForm,
    PersonFilterForm,
    organisation_columns,
    organisation_label,
    person_columns,
    person_label,
)
from thidua.org.models import Organisation, Person

# The query string's parameters the scope reads, kept on every link and form inside the modal.
PARAMETERS = ["multiple", "for", "proposal"]


def _purpose(request: HttpRequest) -> dict[str, Any]:
    proposal = request.GET.get("proposal", "")
    return {
        "purpose": request.GET.get("for", ""),
        "proposal_id": int(proposal) if proposal.isascii() and proposal.isdigit() else None,
    }


class PersonChooserViewSet(ScopedChooserViewSet):
    model = Person
    icon = "user"
    name = "awards_person_chooser"
    url_prefix = "awards/choosers/people"
    choose_one_text = _("Chọn cá nhân")
    choose_another_text = _("Chọn người khác")
    search_tab_label = _("Tìm kiếm")
    preserve_url_parameters = PARAMETERS
    filter_form_class = PersonFilterForm

    def scope(self, request: HttpRequest) -> QuerySet[Person]:
        return people_pickable(user=request.user, **_purpose(request))

    def columns(self, request: HttpRequest, title: TitleColumn) -> list[Column]:
        return person_columns(request, title)

    def display_title(self, instance: Any) -> str:
        return person_label(instance)


class OrganisationChooserViewSet(ScopedChooserViewSet):
    model = Organisation
    icon = "group"
    name = "awards_organisation_chooser"
    url_prefix = "awards/choosers/organisations"
    choose_one_text = _("Chọn tập thể")
    choose_another_text = _("Chọn tập thể khác")
    search_tab_label = _("Tìm kiếm")
    preserve_url_parameters = PARAMETERS
    filter_form_class = OrganisationFilterForm

    def scope(self, request: HttpRequest) -> QuerySet[Organisation]:
        return organisations_pickable(user=request.user, **_purpose(request)).select_related("parent")

    def columns(self, request: HttpRequest, title: TitleColumn) -> list[Column]:
        return organisation_columns(request, title)

    def display_title(self, instance: Any) -> str:
        return organisation_label(instance)
