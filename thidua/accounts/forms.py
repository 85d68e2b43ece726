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
    """The six digits an authenticator app shows (enrolment's first code, and each login's)."""

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


class UsernameForm(forms.Form):
    """A system admin names the account whose authenticator to remove or whose lockout to lift."""

    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)
