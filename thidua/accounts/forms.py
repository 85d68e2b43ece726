"""Wagtail's login and user forms: the login's password label, the account's organisation."""

from __future__ import annotations

from django.contrib.auth.forms import AuthenticationForm
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
