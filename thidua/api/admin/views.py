"""Thin views of the token screen: the list and the form call tokens_visible_to / api_token_create;
revoking calls api_token_revoke. The new secret is shown in the response to the POST that issued it,
never stored, never in a redirect's URL or the session."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.api.forms import TokenCreateForm
from thidua.api.selectors.tokens import tokens_visible_to
from thidua.api.services.tokens import api_token_create, api_token_revoke


def token_index_view(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Cap.MANAGE_USERS):
        denied: HttpResponse = permission_denied(request)
        return denied
    form = TokenCreateForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = api_token_create(
                actor=request.user,  # type: ignore[arg-type]
                user=form.cleaned_data["user"],
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form = TokenCreateForm()
    context = {"form": form, "issued": issued, "tokens": tokens_visible_to(user=request.user)}
    response = TemplateResponse(request, "api/tokens.html", context)
    if issued is not None:
        response["Cache-Control"] = "no-store"  # the page carries the secret
    return response


@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not has_capability(request.user, Cap.MANAGE_USERS):
        denied: HttpResponse = permission_denied(request)
        return denied
    token = tokens_visible_to(user=request.user).filter(pk=pk).first()
    if token is None:
        raise Http404
    try:
        api_token_revoke(actor=request.user, token=token)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thu hồi mã truy cập «%(name)s».") % {"name": token.name})
    return redirect("api_tokens")
