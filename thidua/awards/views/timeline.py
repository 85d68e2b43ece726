"""The award history screens (Quá trình khen thưởng) of a person and of a collective, and the page
that finds them by name. A person or unit outside the officer's scope answers 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.admin.auth import permission_denied

from thidua.awards.forms.registry import TimelineSearchForm
from thidua.awards.selectors.access import (
    can_use_awards,
    timeline_organisations_visible_to,
    timeline_people_visible_to,
    timeline_subjects,
)
from thidua.awards.selectors.timeline import organisation_timeline, person_timeline


def timeline_search_view(request: HttpRequest) -> HttpResponse:
    if not can_use_awards(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    form = TimelineSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people, organisations = timeline_subjects(user=request.user, query=query)
    context = {"form": form, "query": query, "people": people, "organisations": organisations}
    return TemplateResponse(request, "awards/timeline_search.html", context)


def person_timeline_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_use_awards(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    person = get_object_or_404(timeline_people_visible_to(user=request.user), pk=pk)
    context = {"subject": person, "timeline": person_timeline(person=person)}
    return TemplateResponse(request, "awards/timeline.html", context)


def organisation_timeline_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_use_awards(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    organisation = get_object_or_404(timeline_organisations_visible_to(user=request.user), pk=pk)
    context = {"subject": organisation, "timeline": organisation_timeline(organisation=organisation)}
    return TemplateResponse(request, "awards/timeline.html", context)
