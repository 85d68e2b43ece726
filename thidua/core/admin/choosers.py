"""Searchable choosers whose every list, search and pick reads one scope: what the signed-in user may pick.

Wagtail's chooser views read `Model.objects`. Here a viewset names, in `scope(request)`, the queryset
the user may pick from (a selector, given the query string's parameters where the choice depends on
them: which screen, which proposal). The list, its search results, a single pick (chosen/<pk>/) and a
multiple pick (chosen-multiple/?id=…) all read it, so the modal offers exactly what the form's field
accepts, and an id typed into a URL outside it finds nothing (404). The form's field still checks
its value against the same selector: the modal helps the officer find a row, it is not the check.

Nothing is created from a chooser: units, organisations and people are made on their own screens by
their services, so the "create" step Wagtail adds is left out (no URL, no tab).

The widgets that open these modals are in thidua/core/widgets.py (ScopedChooser for one row,
ScopedMultipleChooser for several).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

Scope = Callable[[HttpRequest], QuerySet[Any]]
ColumnsBuilder = Callable[[HttpRequest, TitleColumn], list[Column]]


def _ids(values: list[str]) -> list[int]:
    """The integer keys among the values; anything else was typed by hand and names nothing."""
    return [int(value) for value in values if value.isascii() and value.isdigit()]


class _ScopedMixin:
    # Set by ScopedChooserViewSet for each view (construct_view passes the attributes a view has).
    scope: Scope | None = None
    columns_builder: ColumnsBuilder | None = None
    display_title: Callable[[Any], str] | None = None
    request: HttpRequest

    def scoped(self) -> QuerySet[Any]:
        assert self.scope is not None, "a ScopedChooserViewSet gives each view its scope"
        return self.scope(self.request)

    def can_create(self) -> bool:
        return False

    def get_display_title(self, instance: Any) -> str:
        return self.display_title(instance) if self.display_title else str(instance)


class _ScopedListMixin(_ScopedMixin):
    def get_object_list(self) -> QuerySet[Any]:
        return self.scoped()

    @property
    def columns(self) -> list[Column]:
        title: TitleColumn = self.title_column  # type: ignore[attr-defined]
        if self.columns_builder is None:
            return [title]
        return self.columns_builder(self.request, title)


class ScopedChooseView(_ScopedListMixin, chooser_views.ChooseView):  # type: ignore[misc]
    pass


class ScopedChooseResultsView(_ScopedListMixin, chooser_views.ChooseResultsView):  # type: ignore[misc]
    pass


class ScopedChosenView(_ScopedMixin, chooser_views.ChosenView):  # type: ignore[misc]
    def get_object(self, pk: Any) -> Model:
        if not _ids([str(pk)]):
            raise Http404
        try:
            obj: Model = self.scoped().get(pk=pk)
        except ValidationError as error:
            raise Http404 from error
        return obj


class ScopedChosenMultipleView(_ScopedMixin, chooser_views.ChosenMultipleView):  # type: ignore[misc]
    def get_objects(self, pks: list[str]) -> QuerySet[Any]:
        # Ids outside the scope are dropped rather than refused: the modal never offers them.
        return self.scoped().filter(pk__in=_ids(pks))


class ScopedChooserViewSet(ChooserViewSet):  # type: ignore[misc]
    """A chooser over `scope(request)`. Subclasses set `model`, `name`, `url_prefix`, the texts, a
    `filter_form_class` (its `filter()` does the search) and, where the scope reads them, the query
    string's parameters in `preserve_url_parameters` (kept on every link and form inside the modal)."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    filter_form_class: type | None = None
    per_page = 20
    # The forms name their widget (core.widgets.ScopedChooser with the scope's parameters);
    # registering one for every ForeignKey to the model would put it on forms that did not ask.
    register_widget = False

    def scope(self, request: HttpRequest) -> QuerySet[Any]:
        raise NotImplementedError

    def columns(self, request: HttpRequest, title: TitleColumn) -> list[Column]:
        return [title]

    def display_title(self, instance: Any) -> str:
        """The text the form shows for the chosen row; the same as its field's label of the row."""
        return str(instance)

    def get_common_view_kwargs(self, **kwargs: Any) -> Any:
        return super().get_common_view_kwargs(
            scope=self.scope,
            columns_builder=self.columns,
            display_title=self.display_title,
            filter_form_class=self.filter_form_class,
            **kwargs,
        )

    def get_urlpatterns(self) -> list[Any]:
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]
