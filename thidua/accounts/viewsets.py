from __future__ import annotations

from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from thidua.accounts.forms import UserCreationForm, UserEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user management, with the organisation on the forms (Wagtail 7's way to customise it)."""

    def get_form_class(self, for_update: bool = False) -> type:
        return UserEditForm if for_update else UserCreationForm
