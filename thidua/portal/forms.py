"""The contact form: parses and checks what a reader sends (services.feedback stores it)."""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from thidua.portal.rules.spam import MAX_SECONDS, honeypot_filled, too_fast

_SALT = "portal.contact.shown"


def shown_token() -> str:
    return signing.dumps(time.time(), salt=_SALT)


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=200)
    email = forms.EmailField(label=_("Thư điện tử"))
    phone = forms.CharField(label=_("Điện thoại (không bắt buộc)"), max_length=30, required=False)
    subject = forms.CharField(label=_("Tiêu đề"), max_length=300)
    message = forms.CharField(label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    # The honeypot: named like a field robots like to fill; hidden by CSS (.hp), aria-hidden, no Tab stop.
    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    shown = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["shown"].initial = shown_token()
        self.spam = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if honeypot_filled(data.get("website", "")):
            self.spam = True
        try:
            shown_at = float(signing.loads(data.get("shown", ""), salt=_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            self.spam = True
            return data
        elapsed = time.time() - shown_at
        if too_fast(elapsed):
            self.spam = True
        elif elapsed > MAX_SECONDS:
            raise forms.ValidationError(_("Biểu mẫu đã mở quá lâu; vui lòng gửi lại."))
        return data


class DocumentFilterForm(forms.Form):
    """The document library's filters (GET, so a filtered list has an address a reader can share).
    Choices come from the documents listed; a value no longer offered is ignored, not an error."""

    q = forms.CharField(
        label=_("Số ký hiệu, trích yếu"), max_length=200, required=False, widget=forms.SearchInput
    )
    loai = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    co_quan = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    nam = forms.TypedChoiceField(label=_("Năm ban hành"), required=False, coerce=int, empty_value=None)
    linh_vuc = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    sap = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[("moi", _("Mới nhất trước")), ("cu", _("Cũ nhất trước"))],
    )

    def __init__(self, *args: Any, facets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = [("", _("Tất cả"))]
        self.fields["loai"].choices = every + list(facets.kinds)  # type: ignore[attr-defined]
        self.fields["co_quan"].choices = every + [(i, i) for i in facets.issuers]  # type: ignore[attr-defined]
        self.fields["nam"].choices = every + [(y, str(y)) for y in facets.years]  # type: ignore[attr-defined]
        self.fields["linh_vuc"].choices = every + [(f, f) for f in facets.fields]  # type: ignore[attr-defined]

    def filters(self) -> Any:
        from thidua.portal.selectors.documents import DocumentFilters

        data: dict[str, Any] = {}
        if self.is_bound:
            # Each field on its own: a stale choice in a shared link drops that filter, not all of them.
            self.is_valid()
            data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return DocumentFilters(
            kind=data.get("loai") or "",
            issuer=data.get("co_quan") or "",
            year=data.get("nam") or None,
            field=data.get("linh_vuc") or "",
            query=data.get("q") or "",
            oldest_first=data.get("sap") == "cu",
        )
