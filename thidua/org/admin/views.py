"""Staff screens of the organisation registry, inside Wagtail's admin.

Each view is an adapter: it scopes reads through a selector and saves through a service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import ListingButton

from thidua.core.admin.views import (
    ScopedDeleteView,
    ScopedEditView,
    ScopedHistoryView,
    ScopedIndexView,
    ScopedInspectView,
    ScopedUsageView,
    ServiceCreateView,
)
from thidua.org.forms import GroupCopyForm
from thidua.org.models import AdminUnit, EmulationGroup, Organisation, Person
from thidua.org.selectors.groups import groups_visible_to
from thidua.org.selectors.organisations import organisations_visible_to
from thidua.org.selectors.people import can_see_personal_data, people_editable_by, people_visible_to
from thidua.org.selectors.units import units_editable_by, units_visible_to
from thidua.org.services import groups as group_services
from thidua.org.services import organisations as organisation_services
from thidua.org.services import people as people_services


# --- Administrative units --------------------------------------------------------------------------
class UnitIndexView(ScopedIndexView):
    scope_selector = staticmethod(units_visible_to)


class UnitInspectView(ScopedInspectView):
    scope_selector = staticmethod(units_visible_to)

    def get_fields(self) -> list[str]:
        return [
            "code",
            "name",
            "level",
            "kind",
            "parent",
            "valid_from",
            "valid_until",
            "latitude",
            "longitude",
            "area_km2",
            "source",
            "predecessors",
            "successors",
        ]

    def get_field_label(self, field_name: str, field: Any) -> str:
        return {"predecessors": _("Đơn vị trước sắp xếp"), "successors": _("Đơn vị sau sắp xếp")}.get(
            field_name
        ) or super().get_field_label(field_name, field)

    def _links(self, links: Any, attr: str) -> str:
        rows = [
            (
                # Translators: a lineage link of an administrative unit: name (code) – from date: kind.
                _("%(name)s (%(code)s) – từ %(day)s: %(kind)s")
                % {
                    "name": getattr(link, attr).name,
                    "code": getattr(link, attr).code,
                    "day": link.effective_on.strftime("%d/%m/%Y"),
                    "kind": link.get_kind_display(),
                },
            )
            for link in links
        ]
        if not rows:
            return "–"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", rows))

    def get_predecessors_display_value(self) -> str:
        return self._links(self.object.predecessor_links.select_related("predecessor"), "predecessor")

    def get_successors_display_value(self) -> str:
        return self._links(self.object.successor_links.select_related("successor"), "successor")


class UnitCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> AdminUnit:
        from thidua.org.services.units import adminunit_create

        return adminunit_create(actor=self.request.user, **form.cleaned_data)


class UnitEditView(ScopedEditView):
    scope_selector = staticmethod(units_editable_by)

    def call_service(self, form: Any) -> AdminUnit:
        from thidua.org.services.units import adminunit_update

        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        return adminunit_update(actor=self.request.user, unit=self.object, **changed)


# --- Organisations ---------------------------------------------------------------------------------
class OrganisationIndexView(ScopedIndexView):
    scope_selector = staticmethod(organisations_visible_to)


class OrganisationInspectView(ScopedInspectView):
    scope_selector = staticmethod(organisations_visible_to)


class OrganisationCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> Organisation:
        return organisation_services.organisation_create(actor=self.request.user, **form.cleaned_data)


class OrganisationEditView(ScopedEditView):
    scope_selector = staticmethod(organisations_visible_to)

    def call_service(self, form: Any) -> Organisation:
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        return organisation_services.organisation_update(
            actor=self.request.user, organisation=self.object, **changed
        )


# --- People ----------------------------------------------------------------------------------------
_PERSONAL = ("date_of_birth", "civil_servant_code")


class PersonIndexView(ScopedIndexView):
    scope_selector = staticmethod(people_visible_to)


class PersonInspectView(ScopedInspectView):
    scope_selector = staticmethod(people_visible_to)

    def get_fields(self) -> list[str]:
        # What an officer edits, then the position history.
        return [*people_services.PERSON_EDITABLE, "history"]

    def get_fields_context(self) -> list[dict[str, Any]]:
        # The object is known only after setup() chose the fields, so personal data is dropped here.
        if not can_see_personal_data(user=self.request.user, person=self.object):
            self.fields = [f for f in self.fields if f not in _PERSONAL]
        return super().get_fields_context()

    def get_field_label(self, field_name: str, field: Any) -> str:
        if field_name == "history":
            return _("Quá trình công tác")
        return super().get_field_label(field_name, field)

    def get_history_display_value(self) -> str:
        rows = [
            (
                p.title,
                str(p.organisation),
                p.start_date.strftime("%d/%m/%Y"),
                # Translators: the end of a position still held ("present").
                p.end_date.strftime("%d/%m/%Y") if p.end_date else _("nay"),
            )
            for p in self.object.positions.select_related("organisation")
        ]
        if not rows:
            return "–"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}, {} ({} – {})</li>", rows))


class PersonHistoryView(ScopedHistoryView):
    scope_selector = staticmethod(people_visible_to)


class PersonUsageView(ScopedUsageView):
    scope_selector = staticmethod(people_visible_to)


class OrganisationHistoryView(ScopedHistoryView):
    scope_selector = staticmethod(organisations_visible_to)


class OrganisationUsageView(ScopedUsageView):
    scope_selector = staticmethod(organisations_visible_to)


class GroupHistoryView(ScopedHistoryView):
    scope_selector = staticmethod(groups_visible_to)


class GroupUsageView(ScopedUsageView):
    scope_selector = staticmethod(groups_visible_to)


class PersonCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> Person:
        data = dict(form.cleaned_data)
        data.pop("is_active", None)  # a new person is working; leaving is recorded by an edit
        return people_services.person_create(actor=self.request.user, **data)


class PersonEditView(ScopedEditView):
    scope_selector = staticmethod(people_editable_by)

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        if not can_see_personal_data(user=self.request.user, person=self.object):
            for name in _PERSONAL:
                form.fields.pop(name, None)
        return form

    def call_service(self, form: Any) -> Person:
        data = form.cleaned_data
        person = self.object
        own = {name: data[name] for name in form.changed_data if name in people_services.PERSON_FIELDS}
        person = people_services.person_update(actor=self.request.user, person=person, **own)
        if set(people_services.POSITION_FIELDS) & set(form.changed_data):
            people_services.person_change_position(
                actor=self.request.user,
                person=person,
                organisation=data["organisation"],
                title=data["position"],
                start_date=data.get("position_since") or dt.date.today(),
            )
            person.refresh_from_db()
        return person


# --- Emulation groups ------------------------------------------------------------------------------
class GroupIndexView(ScopedIndexView):
    scope_selector = staticmethod(groups_visible_to)

    def get_list_more_buttons(self, instance: EmulationGroup) -> list[Any]:
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                ListingButton(
                    _("Chuyển sang năm sau"),
                    url=reverse("org_group_copy_next_year", args=[instance.pk]),
                    icon_name="copy",
                    priority=25,
                )
            )
        return buttons


class GroupInspectView(ScopedInspectView):
    scope_selector = staticmethod(groups_visible_to)

    def get_fields(self) -> list[str]:
        return [
            "name",
            "kind",
            "year",
            "province",
            "head",
            "head_person",
            "deputy",
            "deputy_person",
            "members",
            "previous",
            "note",
        ]

    def get_field_label(self, field_name: str, field: Any) -> str:
        if field_name == "members":
            return _("Đơn vị thành viên")
        return super().get_field_label(field_name, field)

    def get_members_display_value(self) -> str:
        rows = [
            (m.order, str(m.organisation)) for m in self.object.memberships.select_related("organisation")
        ]
        return (
            format_html("<ol>{}</ol>", format_html_join("", "<li value='{}'>{}</li>", rows)) if rows else "–"
        )


class GroupCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> EmulationGroup:
        return group_services.group_create(actor=self.request.user, **form.cleaned_data)


class GroupEditView(ScopedEditView):
    scope_selector = staticmethod(groups_visible_to)

    def call_service(self, form: Any) -> EmulationGroup:
        data = dict(form.cleaned_data)
        members = data.pop("members")
        changed = {name: data[name] for name in form.changed_data if name in data}
        return group_services.group_update(
            actor=self.request.user, group=self.object, members=list(members), **changed
        )


class GroupDeleteView(ScopedDeleteView):
    scope_selector = staticmethod(groups_visible_to)

    def delete_action(self) -> None:
        # The service checks, audits and deletes in its own transaction; like the create and edit
        # views (ServiceFormMixin), no Wagtail log entry is written: the audit row is the record.
        group_services.group_delete(actor=self.request.user, group=self.object)

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            return super().form_valid(form)
        except ValidationError as error:
            # A refusal (the group has a pact or a vote): the confirmation page again, saying why.
            for message in error.messages:
                messages.error(self.request, message)
            return self.render_to_response(self.get_context_data(form=form))


def group_copy_next_year(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm and run the yearly handover: next year's group with the chosen head and deputy."""
    group = get_object_or_404(groups_visible_to(user=request.user), pk=pk)
    form = GroupCopyForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            new = group_services.group_copy_to_next_year(
                actor=request.user,
                group=group,
                head=form.cleaned_data["head"],
                deputy=form.cleaned_data["deputy"],
            )
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", [str(error)]):
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Đã tạo «%(group)s». Hãy kiểm tra lại danh sách thành viên.") % {"group": new}
            )
            return redirect("org_group:edit", new.pk)
    return TemplateResponse(request, "org/group_copy_next_year.html", {"group": group, "form": form})
