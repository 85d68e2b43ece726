"""The widgets that pick people and organisations on the awards forms: a searchable modal
(admin/choosers.py) instead of a <select> of a province's tens of thousands of people.

`pick()` puts a widget on a field together with the field's queryset, so that the modal (named by
`purpose`) and the field's validation read the same selector: a person outside it, posted by hand,
is still refused by the field as an invalid choice.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.awards.selectors.pickers import Purpose
from thidua.core.widgets import ScopedChooser, ScopedMultipleChooser

_PEOPLE = "awards_person_chooser:choose"
_ORGANISATIONS = "awards_organisation_chooser:choose"


def _params(purpose: Purpose, proposal_id: int | None) -> dict[str, str]:
    params = {"for": purpose.value}
    if proposal_id is not None:
        params["proposal"] = str(proposal_id)
    return params


def person_chooser(purpose: Purpose, *, proposal_id: int | None = None) -> ScopedChooser:
    return ScopedChooser(
        chooser_modal_url_name=_PEOPLE,
        params=_params(purpose, proposal_id),
        choose_one_text=_("Chọn cá nhân"),
        choose_another_text=_("Chọn người khác"),
        icon="user",
    )


def organisation_chooser(purpose: Purpose, *, proposal_id: int | None = None) -> ScopedChooser:
    return ScopedChooser(
        chooser_modal_url_name=_ORGANISATIONS,
        params=_params(purpose, proposal_id),
        choose_one_text=_("Chọn tập thể"),
        choose_another_text=_("Chọn tập thể khác"),
        icon="group",
    )


def people_chooser(purpose: Purpose) -> ScopedMultipleChooser:
    return ScopedMultipleChooser(
        chooser_modal_url_name=_PEOPLE, params=_params(purpose, None), choose_text=_("Thêm cá nhân")
    )


def organisations_chooser(purpose: Purpose) -> ScopedMultipleChooser:
    return ScopedMultipleChooser(
        chooser_modal_url_name=_ORGANISATIONS, params=_params(purpose, None), choose_text=_("Thêm tập thể")
    )


def pick(field: forms.Field, widget: forms.Widget, queryset: QuerySet[Any]) -> None:
    """Give the field its widget, then its queryset: Django hands the widget the field's choices when
    the queryset is set, and the widget shows the chosen row from them."""
    field.widget = widget
    field.queryset = queryset  # type: ignore[attr-defined]
