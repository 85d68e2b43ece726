"""Form widgets shared by the staff screens."""

from __future__ import annotations

from typing import Any

from django import forms


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
