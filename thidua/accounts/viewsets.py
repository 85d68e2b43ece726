from __future__ import annotations

from typing import Any

from wagtail.users.views import users as wagtail_users
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from thidua.accounts.forms import UserCreationForm, UserEditForm
from thidua.accounts.models import User
from thidua.accounts.services import account_facts, user_change_record, user_delete


class UserCreateView(wagtail_users.CreateView):
    def save_instance(self) -> Any:
        # Wagtail's form_valid() runs this in a transaction: the account and its audit row together.
        instance = super().save_instance()
        user_change_record(actor=self.request.user, user=instance, before=None)  # type: ignore[arg-type]
        return instance


class UserEditView(wagtail_users.EditView):
    def save_instance(self) -> Any:
        # The form has already written the new values onto self.object: the old ones come from the
        # database (the groups are saved by form.save(), so they are still the old ones here too).
        before = account_facts(User.objects.get(pk=self.object.pk))
        instance = super().save_instance()
        user_change_record(
            actor=self.request.user,  # type: ignore[arg-type]
            user=instance,
            before=before,
            password_changed="password1" in self.form.changed_data,
        )
        return instance


class UserDeleteView(wagtail_users.DeleteView):
    def delete_action(self) -> None:
        user_delete(actor=self.request.user, user=self.object)  # type: ignore[arg-type]


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user management, with the organisation on the forms (Wagtail 7's way to customise it)
    and every account created, changed or deleted there written to the audit log."""

    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return UserEditForm if for_update else UserCreationForm
