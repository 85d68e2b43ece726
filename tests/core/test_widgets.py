"""thidua.core.widgets.FilePickerInput, and the Excel import page that uses it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.test import Client

from thidua.core.widgets import FilePickerInput


class _Form(forms.Form):
    file = forms.FileField(label="Tệp", help_text="Gợi ý", widget=FilePickerInput(attrs={"accept": ".xlsx"}))


def test_renders_a_vietnamese_button_bound_to_the_real_input() -> None:
    html = str(_Form()["file"])

    assert re.search(
        r'<label class="thidua-file__button[^"]*" for="id_file">Chọn tệp…<input type="file"', html
    )
    assert 'name="file"' in html and 'accept=".xlsx"' in html and "required" in html
    assert "Chưa chọn tệp" in html
    # The status is announced with the input.
    assert re.search(r'aria-describedby="[^"]*\bid_file-status"', html) and 'id="id_file-status"' in html
    assert str(_Form().media).count("core/file_picker.") == 2


def test_keeps_an_existing_description() -> None:
    widget = FilePickerInput(attrs={"aria-describedby": "id_file-help"})

    html = widget.render("file", None, attrs={"id": "id_file"})

    assert 'aria-describedby="id_file-help id_file-status"' in html


def test_a_posted_file_is_read_as_with_a_plain_input() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = _Form(data={}, files={"file": SimpleUploadedFile("a.xlsx", b"x")})

    assert form.is_valid()
    assert form.cleaned_data["file"].name == "a.xlsx"


@pytest.mark.django_db
def test_import_page_uses_the_picker(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["province"])

    html = client.get("/admin/org/excel/people/import/").content.decode()

    assert "Chọn tệp…" in html and "Chưa chọn tệp" in html
    assert 'class="thidua-file__input"' in html
    assert "core/file_picker.css" in html and "core/file_picker.js" in html
    assert '<label class="w-field__label" for="id_file"' in html
