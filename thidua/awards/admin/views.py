"""Staff screens of the awards registry inside Wagtail's admin.

Each view is an adapter: it scopes reads through a selector (another unit's record answers 404) and
saves through one service, whose ValidationError is shown on the form (thidua/core/admin/views.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import ListingButton

from thidua.awards.forms.registry import DeleteReasonForm
from thidua.awards.models import AwardDecision, Discipline, Initiative, PendingMatter, TaskRating
from thidua.awards.selectors.access import (
    decisions_editable_by,
    decisions_visible_to,
    disciplines_editable_by,
    disciplines_visible_to,
    initiatives_editable_by,
    initiatives_visible_to,
    pending_editable_by,
    pending_visible_to,
    ratings_editable_by,
    ratings_visible_to,
)
from thidua.awards.services import decisions as decision_services
from thidua.awards.services import records
from thidua.core.admin.views import (
    ScopedDeleteView,
    ScopedEditView,
    ScopedIndexView,
    ScopedInspectView,
    ServiceCreateView,
)


def timeline_url(record: Any) -> str:
    """The award history of the record's subject: its person, else its organisation."""
    if getattr(record, "person_id", None):
        return reverse("awards_timeline_person", args=[record.person_id])
    return reverse("awards_timeline_organisation", args=[record.organisation_id])


class _TimelineButtonMixin:
    def get_list_more_buttons(self, instance: Any) -> Any:
        buttons = super().get_list_more_buttons(instance)  # type: ignore[misc]
        buttons.append(
            ListingButton(
                _("Quá trình khen thưởng"), url=timeline_url(instance), icon_name="history", priority=30
            )
        )
        return buttons


class _NoEditLinkMixin:
    """For records changed by no service after they are made (discipline): no edit button."""

    def get_edit_url(self, *args: Any) -> None:
        return None


# --- Decisions -------------------------------------------------------------------------------------
class DecisionIndexView(ScopedIndexView):
    scope_selector = staticmethod(decisions_visible_to)


class DecisionInspectView(ScopedInspectView):
    scope_selector = staticmethod(decisions_visible_to)

    def get_fields(self) -> list[str]:
        return [*decision_services.DECISION_FIELDS, "recipients", "documents"]

    def get_field_label(self, field_name: str, field: Any) -> Any:
        if field_name == "recipients":
            return _("Người, tập thể được khen thưởng")
        if field_name == "documents":
            return _("Văn bản")
        return super().get_field_label(field_name, field)

    def get_documents_display_value(self) -> str:
        # The papers of #14 (thidua/documents): the decision with its list; certificates for those
        # who record decisions (the same check as the download).
        return render_to_string(
            "documents/decision_buttons.html", {"decision": self.object}, request=self.request
        )

    def get_recipients_display_value(self) -> str:
        rows = [
            (timeline_url(r), str(r.person or r.organisation))
            for r in self.object.recipients.select_related("person", "organisation")
        ]
        if not rows:
            return "–"
        return format_html("<ul>{}</ul>", format_html_join("", "<li><a href='{}'>{}</a></li>", rows))


def _recipients(form: Any) -> dict[str, Any]:
    return {
        "people": list(form.cleaned_data["people"]),
        "organisations": list(form.cleaned_data["organisations"]),
    }


def _fields(form: Any, names: list[str]) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


class DecisionCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> AwardDecision:
        return decision_services.award_decision_create(
            actor=self.request.user, **_fields(form, decision_services.DECISION_FIELDS), **_recipients(form)
        )


class DecisionEditView(ScopedEditView):
    scope_selector = staticmethod(decisions_editable_by)

    def call_service(self, form: Any) -> AwardDecision:
        return decision_services.award_decision_update(
            actor=self.request.user,
            decision=self.object,
            **_fields(form, decision_services.DECISION_FIELDS),
            **_recipients(form),
        )


class DecisionDeleteView(ScopedDeleteView):
    scope_selector = staticmethod(decisions_editable_by)

    def delete_action(self) -> None:
        # The service checks, audits and deletes; its audit row is the record (no Wagtail log entry).
        decision_services.award_decision_delete(actor=self.request.user, decision=self.object)

    def form_valid(self, form: Any) -> Any:
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for message in error.messages:
                messages.error(self.request, message)
            return self.render_to_response(self.get_context_data(form=form))


class _CorrectionDeleteView(ScopedDeleteView):
    """Delete a record entered by mistake, with the reason the service requires and audits.

    Allowed to whoever may edit the record (its scope selector, and Wagtail's "change" permission
    rather than "delete": a unit's officer keeps, and so corrects, the own people's records). The
    service's refusal (the record is in use, no reason) is shown on the page; nothing is deleted.
    """

    permission_required = "change"
    template_name = "awards/record_delete.html"
    form_class = DeleteReasonForm

    def delete_service(self, reason: str) -> None:
        raise NotImplementedError

    @property
    def confirmation_message(self) -> str:
        return _(
            "Xoá «%(record)s»? Hồ sơ đã xoá không khôi phục được; nhật ký giữ lại các giá trị cũ và lý do."
        ) % {"record": self.object}

    def get_success_message(self) -> str:
        return _("Đã xoá «%(record)s».") % {"record": self.object}

    def delete_action(self) -> None:
        self.delete_service(self.form.cleaned_data["reason"])

    def form_valid(self, form: Any) -> Any:
        self.form = form
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("Bạn không có quyền thực hiện thao tác này."))
        return self.form_invalid(form)


class _CorrectionLinkMixin:
    """The delete button of the index, inspect and edit screens, for whoever may edit the record, as
    _CorrectionDeleteView allows (Wagtail draws it for the "delete" permission only)."""

    def get_delete_url(self, *args: Any) -> str | None:
        view: Any = self
        if not view.delete_url_name or not view.user_has_permission("change"):
            return None
        instance = args[0] if args else view.object
        return reverse(view.delete_url_name, args=(quote(instance.pk),))

    @property
    def can_delete(self) -> bool:
        # The edit screen's own check, by the "delete" permission, before it asks get_delete_url.
        view: Any = self
        return bool(view.user_has_permission("change"))


# --- Ratings ---------------------------------------------------------------------------------------
class RatingIndexView(_TimelineButtonMixin, _CorrectionLinkMixin, ScopedIndexView):
    scope_selector = staticmethod(ratings_visible_to)


class RatingInspectView(_CorrectionLinkMixin, ScopedInspectView):
    scope_selector = staticmethod(ratings_visible_to)


class RatingCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> TaskRating:
        return records.rating_set(
            actor=self.request.user,
            person=form.cleaned_data.get("person"),
            organisation=form.cleaned_data.get("organisation"),
            year=form.cleaned_data["year"],
            rating=form.cleaned_data["rating"],
        )


class RatingEditView(_CorrectionLinkMixin, ScopedEditView):
    scope_selector = staticmethod(ratings_editable_by)

    def call_service(self, form: Any) -> TaskRating:
        rating = self.object
        return records.rating_set(
            actor=self.request.user,
            person=rating.person,
            organisation=rating.organisation,
            year=rating.year,
            rating=form.cleaned_data["rating"],
        )


class RatingDeleteView(_CorrectionDeleteView):
    scope_selector = staticmethod(ratings_editable_by)

    def delete_service(self, reason: str) -> None:
        records.rating_delete(actor=self.request.user, rating=self.object, reason=reason)


# --- Initiatives -----------------------------------------------------------------------------------
class InitiativeIndexView(_TimelineButtonMixin, _CorrectionLinkMixin, ScopedIndexView):
    scope_selector = staticmethod(initiatives_visible_to)


class InitiativeInspectView(_CorrectionLinkMixin, ScopedInspectView):
    scope_selector = staticmethod(initiatives_visible_to)


class InitiativeCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> Initiative:
        return records.initiative_create(actor=self.request.user, **_fields(form, records.INITIATIVE_FIELDS))


class InitiativeEditView(_CorrectionLinkMixin, ScopedEditView):
    scope_selector = staticmethod(initiatives_editable_by)

    def call_service(self, form: Any) -> Initiative:
        return records.initiative_update(
            actor=self.request.user, initiative=self.object, **_fields(form, records.INITIATIVE_EDITABLE)
        )


class InitiativeDeleteView(_CorrectionDeleteView):
    scope_selector = staticmethod(initiatives_editable_by)

    def delete_service(self, reason: str) -> None:
        records.initiative_delete(actor=self.request.user, initiative=self.object, reason=reason)


# --- Discipline ------------------------------------------------------------------------------------
class DisciplineIndexView(_TimelineButtonMixin, _NoEditLinkMixin, _CorrectionLinkMixin, ScopedIndexView):
    scope_selector = staticmethod(disciplines_visible_to)


class DisciplineInspectView(_NoEditLinkMixin, _CorrectionLinkMixin, ScopedInspectView):
    scope_selector = staticmethod(disciplines_visible_to)


class DisciplineCreateView(ServiceCreateView):
    def get_edit_url(self) -> str:
        # No edit screen: the success message links to the record itself.
        return reverse("awards_discipline:inspect", args=[self.object.pk])

    def call_service(self, form: Any) -> Discipline:
        return records.discipline_create(actor=self.request.user, **form.cleaned_data)


class DisciplineDeleteView(_CorrectionDeleteView):
    scope_selector = staticmethod(disciplines_editable_by)

    def delete_service(self, reason: str) -> None:
        records.discipline_delete(actor=self.request.user, discipline=self.object, reason=reason)


# --- Matters under consideration -------------------------------------------------------------------
class PendingIndexView(_TimelineButtonMixin, _CorrectionLinkMixin, ScopedIndexView):
    scope_selector = staticmethod(pending_visible_to)


class PendingInspectView(_CorrectionLinkMixin, ScopedInspectView):
    scope_selector = staticmethod(pending_visible_to)


class PendingCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> PendingMatter:
        data = form.cleaned_data
        return records.pending_open(
            actor=self.request.user,
            person=data.get("person"),
            organisation=data.get("organisation"),
            kind=data["kind"],
            since=data["since"],
            note=data.get("note", ""),
        )


class PendingCloseView(_CorrectionLinkMixin, ScopedEditView):
    """The edit screen of a matter closes it: the day it was settled and a note."""

    scope_selector = staticmethod(pending_editable_by)

    def call_service(self, form: Any) -> PendingMatter:
        return records.pending_close(
            actor=self.request.user,
            matter=self.object,
            closed_on=form.cleaned_data["closed_on"],
            note=form.cleaned_data.get("note", ""),
        )


class PendingDeleteView(_CorrectionDeleteView):
    scope_selector = staticmethod(pending_editable_by)

    def delete_service(self, reason: str) -> None:
        records.pending_delete(actor=self.request.user, matter=self.object, reason=reason)
