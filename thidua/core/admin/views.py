"""Building blocks for staff screens inside Wagtail's admin.

Wagtail's generic model views read `Model._default_manager` and save forms directly. The project's
rules differ: reads are scoped by selectors (a unit's officer must not reach another unit's records
by typing its URL), and writes go through a named service that validates, audits and runs in one
transaction. These mixins put both rules in one place for every viewset. The index and inspect views
also show raw values in words (thidua.core.display): Có / Không, a dash for nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView

from thidua.core.admin.columns import ValueColumn, YesNoColumn
from thidua.core.display import display_value


class ScopedQuerysetMixin:
    """Views list and fetch objects only through `scope_selector(user=...)`."""

    scope_selector: ClassVar[Callable[..., QuerySet[Any]]]

    def get_scoped_queryset(self) -> QuerySet[Any]:
        return type(self).scope_selector(user=self.request.user)  # type: ignore[attr-defined]


class ScopedObjectMixin(ScopedQuerysetMixin):
    """The history and usage screens fetch their object through the scope too: Wagtail's own read any
    row by its id, so another unit's person's history was one typed URL away (tests/security)."""

    def get_base_object_queryset(self) -> QuerySet[Any]:
        return self.get_scoped_queryset()


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class ScopedIndexView(ScopedQuerysetMixin, generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Any]:
        return self.get_scoped_queryset()

    def _get_custom_column(self, field_name: str, column_class: type = Column, **kwargs: Any) -> Any:
        # The columns Wagtail builds from the names in list_display: a boolean field as a tick or a
        # cross read out as Có / Không, any other value with Có / Không and a dash for nothing.
        if column_class is Column:
            try:
                field = self.model._meta.get_field(field_name)
            except FieldDoesNotExist:
                field = None
            column_class = YesNoColumn if isinstance(field, models.BooleanField) else ValueColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)


class ScopedInspectView(ScopedQuerysetMixin, generic.InspectView):
    def get_object(self, queryset: QuerySet[Any] | None = None) -> Model:
        obj = self.get_scoped_queryset().filter(pk=self.pk).first()
        if obj is None:
            raise Http404
        return obj

    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        # Wagtail prints the attribute as Python does: "True", "False", "None".
        return display_value(super().get_field_display_value(field_name, field))


class ScopedDeleteView(ScopedQuerysetMixin, generic.DeleteView):
    def get_object(self, queryset: QuerySet[Any] | None = None) -> Model:
        return super().get_object(self.get_scoped_queryset())


def _apply_validation_error(form: Any, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the named fields, else on the whole form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target if target != NON_FIELD_ERRORS else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class ServiceFormMixin:
    """Create and edit views that save by calling a service instead of form.save().

    Subclasses implement `call_service(form) -> instance`. A ValidationError from the service is
    shown on the form, and since the service runs in its own transaction nothing is saved.
    """

    def call_service(self, form: Any) -> Model:
        raise NotImplementedError

    def save_instance(self) -> Model:
        return self.call_service(self.form)  # type: ignore[attr-defined]

    def form_valid(self, form: Any) -> Any:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            _apply_validation_error(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
        self.produced_error_message = _("Không lưu được: hãy sửa các lỗi dưới đây.")
        return self.form_invalid(form)  # type: ignore[attr-defined]


class ScopedEditView(ScopedQuerysetMixin, ServiceFormMixin, generic.EditView):
    def get_queryset(self) -> QuerySet[Any]:
        return self.get_scoped_queryset()


class ServiceCreateView(ServiceFormMixin, generic.CreateView):
    pass
