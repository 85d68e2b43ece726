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
