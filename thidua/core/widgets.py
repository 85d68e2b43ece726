"""Form widgets shared by the staff screens."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.widgets.chooser import BaseChooser


class FilePickerInput(forms.FileInput):
    """A file input shown as a "Chọn tệp…" button and a status ("Chưa chọn tệp" / the file's name).

    The browser's own file input writes "Choose File" / "No file chosen" in the browser's language,
    whatever the page's. Here the real input stays in the page, inside the button's <label> and
    transparent over it, so the upload, the keyboard and screen readers work as with a plain input, and
    so does the page without JavaScript: for a required field the status follows the input's :valid
    state (CSS); file_picker.js adds the chosen file's name.
    """

    template_name = "core/widgets/file_picker.html"

    class Media:
        css = {"all": ["core/file_picker.css"]}
        js = ["core/file_picker.js"]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        status_id = f"{widget['attrs'].get('id') or name}-status"
        described = widget["attrs"].get("aria-describedby", "")
        widget["attrs"]["aria-describedby"] = f"{described} {status_id}".strip()
        widget["attrs"]["class"] = f"{widget['attrs'].get('class', '')} thidua-file__input".strip()
        widget["status_id"] = status_id
        return context


def _field_of(widget: forms.Widget) -> Any:
    """The ModelChoiceField whose widget this is: Django hands the widget the field's choices, whose
    iterator knows the field (its queryset and its label of a row)."""
    return getattr(getattr(widget, "choices", None), "field", None)


def _keys(values: Any) -> list[int]:
    return [int(v) for v in values if v is not None and str(v).isascii() and str(v).isdigit()]


def _modal_url(url_name: str, params: dict[str, str]) -> str:
    url = reverse(url_name)
    return f"{url}?{urlencode(params)}" if params else url


class ScopedChooser(BaseChooser):  # type: ignore[misc]
    """One row picked in a searchable modal (core.admin.choosers.ScopedChooserViewSet), not a <select>.

    `params` go in the modal's query string: they tell the chooser which scope the form's field
    has (the records' screens, a proposal). The row shown as chosen is looked up in the field's own
    queryset, so an id posted by hand outside it is shown as nothing chosen, never as the name of a
    person the officer may not see; its text is the field's label of the row.
    """

    show_edit_link = False
    clear_choice_text = _("Bỏ chọn")
    chooser_modal_url_name: str = ""

    def __init__(
        self, *, chooser_modal_url_name: str = "", params: dict[str, str] | None = None, **kwargs: Any
    ) -> None:
        if chooser_modal_url_name:
            self.chooser_modal_url_name = chooser_modal_url_name
        self.params = dict(params or {})
        super().__init__(**kwargs)

    def get_chooser_modal_url(self) -> str:
        return _modal_url(self.chooser_modal_url_name, self.params)

    def get_instance(self, value: Any) -> Any:
        field = _field_of(self)
        if field is None:
            return super().get_instance(value)
        if isinstance(value, Model):
            value = value.pk
        keys = _keys([value])
        return field.queryset.filter(pk=keys[0]).first() if keys else None

    def get_display_title(self, instance: Any) -> str:
        field = _field_of(self)
        return str(field.label_from_instance(instance) if field is not None else instance)


class ScopedMultipleChooser(forms.Widget):
    """Several rows picked in the same searchable modal, in Wagtail's multiple-selection mode.

    Wagtail 7.4's chooser framework selects several rows in its modal (the views' `?multiple=1`: a
    tick per row, chosen-multiple/ answers with all of them), but its form widget (BaseChooser) holds
    one value in one hidden input, and the panel that uses the multiple mode (MultipleChooserPanel)
    edits an inline formset of a ClusterableModel's child rows, not a plain many-valued form field like
    the decision's recipients, which a service saves. So this widget keeps the chosen rows as a list,
    one hidden input of the field's name per row with a button that takes it off, and a button that
    opens the chooser's modal in the multiple mode and adds what was ticked (multiple_chooser.js).
    """

    template_name = "core/widgets/multiple_chooser.html"

    def __init__(
        self,
        *,
        chooser_modal_url_name: str,
        choose_text: Any,
        params: dict[str, str] | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        self.chooser_modal_url_name = chooser_modal_url_name
        self.choose_text = choose_text
        self.params = dict(params or {})
        super().__init__(attrs)

    @property
    def media(self) -> forms.Media:
        return forms.Media(
            js=[versioned_static("wagtailadmin/js/chooser-modal.js"), "core/multiple_chooser.js"],
            css={"all": ["core/multiple_chooser.css"]},
        )

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        return getter(name) if getter is not None else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # Nothing chosen posts nothing: that is an empty choice, not a field left out of the form.
        return False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        field = _field_of(self)
        keys = _keys(v.pk if isinstance(v, Model) else v for v in (value or []))
        rows: list[tuple[int, str]] = []
        if field is not None and keys:
            found = {obj.pk: obj for obj in field.queryset.filter(pk__in=keys)}
            # In the order given: the order the officer picked them in.
            rows = [
                (pk, str(field.label_from_instance(found[pk]))) for pk in dict.fromkeys(keys) if pk in found
            ]
        context["widget"].update(
            {
                "rows": rows,
                "modal_url": _modal_url(self.chooser_modal_url_name, self.params),
                "choose_text": self.choose_text,
            }
        )
        return context
