"""Wagtail's login and user forms: the login's password label, the account's organisation; the forms of
the second factor."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

_EXTRA = {"organisation", "phone"}


class UserCreationForm(WagtailUserCreationForm):
    class Meta(WagtailUserCreationForm.Meta):
        fields = set(WagtailUserCreationForm.Meta.fields) | _EXTRA


class UserEditForm(WagtailUserEditForm):
    class Meta(WagtailUserEditForm.Meta):
        fields = set(WagtailUserEditForm.Meta.fields) | _EXTRA


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with the password field's label back (settings.WAGTAILADMIN_USER_LOGIN_FORM).

    Wagtail redeclares Django's password field without a label, so Django derives one from the field
    name, "Password", which no catalogue translates. Django's own label is a translated string
    ("Mật khẩu" in Vietnamese).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = AuthenticationForm.base_fields["password"].label


class TotpCodeForm(forms.Form):
    """The six digits an authenticator app shows, confirming its enrolment (a login's code: LoginCodeForm)."""

    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].strip().replace(" ", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Mã xác thực gồm 6 chữ số."))
        return token


class LoginCodeForm(forms.Form):
    """A login's code: the six digits of the authenticator app, or one of the user's backup codes
    (8 letters and digits, shown as «abcd-efgh»; any case, with or without the dash or spaces)."""

    token = forms.CharField(
        label=_("Mã xác thực hoặc mã dự phòng"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "size": 12, "autocapitalize": "off"}
        ),
    )

    def clean_token(self) -> str:
        token: str = "".join(self.cleaned_data["token"].split()).replace("-", "").lower()
        if token.isdigit() and len(token) == 6:
            return token
        # django-otp's backup codes: base32 (a-z, 2-7) of 40 random bits.
        if len(token) == 8 and all(char in "abcdefghijklmnopqrstuvwxyz234567" for char in token):
            return token
        raise forms.ValidationError(_("Nhập mã 6 chữ số từ ứng dụng xác thực, hoặc một mã dự phòng 8 ký tự."))


class TwoFactorResetForm(forms.Form):
    """A system admin's reason for resetting another account's second factor (kept in the audit log)."""

    reason = forms.CharField(
        label=_("Lý do"),
        max_length=300,
        help_text=_("Ví dụ: cán bộ báo mất điện thoại ngày 05/01, đã xác minh qua điện thoại cơ quan."),
    )
