from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button
from wagtail.users.views import users as wagtail_users
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from thidua.accounts import views
from thidua.accounts.forms import UserCreationForm, UserEditForm
from thidua.accounts.models import User
from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.accounts.services import account_facts, user_change_record, user_delete


def two_factor_reset_button(*, user: Any, request_user: Any, priority: int) -> Button | None:
    """The link to reset an account's second factor: for a system admin, on another's account only."""
    if user.pk == request_user.pk or not has_capability(request_user, Cap.MANAGE_USERS):
        return None
    return Button(
        _("Đặt lại xác thực hai bước"),
        url=reverse("wagtailusers_users:two_factor_reset", args=[user.pk]),
        icon_name="key",
        priority=priority,
    )


class UserCreateView(wagtail_users.CreateView):
    def save_instance(self) -> Any:
        # Wagtail's form_valid() runs this in a transaction: the account and its audit row together.
        instance = super().save_instance()
        user_change_record(actor=self.request.user, user=instance, before=None)  # type: ignore[arg-type]
        return instance


class UserEditView(wagtail_users.EditView):
    @property
    def header_more_buttons(self) -> list[Any]:
        buttons = list(super().header_more_buttons)
        button = two_factor_reset_button(user=self.object, request_user=self.request.user, priority=40)
        return [*buttons, button] if button else buttons

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
    """Wagtail's user management, with the organisation on the forms (Wagtail 7's way to customise it),
    every account created, changed or deleted there written to the audit log, and a system admin's
    reset of an account's second factor."""

    add_view_class = UserCreateView
    edit_view_class = UserEditView
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return UserEditForm if for_update else UserCreationForm

    def get_urlpatterns(self) -> list[Any]:
        # A system admin's reset of another account's second factor (a lost phone): the view checks
        # the capability itself, as Wagtail's permission policy knows only the model's permissions.
        return [
            *super().get_urlpatterns(),
            path("two-factor-reset/<str:pk>/", views.user_two_factor_reset_view, name="two_factor_reset"),
        ]
