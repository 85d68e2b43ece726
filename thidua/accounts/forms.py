"""Wagtail's user forms with the account's organisation, which scopes what the account sees."""

from __future__ import annotations

from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

_EXTRA = {"organisation", "phone"}


class UserCreationForm(WagtailUserCreationForm):
    class Meta(WagtailUserCreationForm.Meta):
        fields = set(WagtailUserCreationForm.Meta.fields) | _EXTRA


class UserEditForm(WagtailUserEditForm):
    class Meta(WagtailUserEditForm.Meta):
        fields = set(WagtailUserEditForm.Meta.fields) | _EXTRA
