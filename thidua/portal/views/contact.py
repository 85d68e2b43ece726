"""The contact page's GET and POST (ContactPage.serve hands over here)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from thidua.portal.forms import ContactForm
from thidua.portal.selectors.feedback import answered_feedback
from thidua.portal.services.feedback import feedback_submit


def contact_page_serve(request: HttpRequest, *, page: Any) -> HttpResponse:
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            # A robot is thanked like a person, so that it learns nothing, and nothing is stored.
            if not form.spam:
                data = form.cleaned_data
                feedback_submit(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    subject=data["subject"],
                    message=data["message"],
                )
            return HttpResponseRedirect(page.url + "?da-gui=1")
    else:
        form = ContactForm()
    context = page.get_context(request)
    context.update({"form": form, "sent": "da-gui" in request.GET, "answered": answered_feedback()})
    return TemplateResponse(request, "portal/contact_page.html", context)
