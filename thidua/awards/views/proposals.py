"""Staff screens of commendation proposals inside Wagtail's admin: the list, a new proposal, the
proposal's page (items with their eligibility and duplicates beside them, the Điều 84 checklist and
documents, the actions the workflow allows the user), the council's ballot, the decision, and the
Cờ thi đua proposal from a cluster's vote.

Each view is an adapter: the proposal is found through proposals_visible_to (another unit's proposal
answers 404), a form parses the input, one service acts and asks the workflow table itself; its
refusal is shown on the page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.forms.proposals import (
    AppraiseForm,
    BallotForm,
    DecideForm,
    DocumentForm,
    ItemForm,
    OpenVoteForm,
    ProposalForm,
    ReasonForm,
    WrittenBallotForm,
)
from thidua.awards.models import Proposal, ProposalDocument, ProposalItem
from thidua.awards.models.choices import AWARD_LABELS
from thidua.awards.presenters.proposals import item_view
from thidua.awards.rules.proposal_workflow import Action
from thidua.awards.selectors.proposals import (
    absent_members,
    can_use_proposals,
    may_propose,
    member_ballots,
    proposal_page,
    proposals_visible_to,
)
from thidua.awards.services import council as council_services
from thidua.awards.services import proposals as services
from thidua.emulation.models import Vote
from thidua.emulation.selectors.votes import votes_visible_to


def _errors(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error) or gettext("Bạn không có quyền thực hiện thao tác này.")]


def _user(request: HttpRequest) -> Any:
    """The signed-in officer (the admin's login check ran before any of these views)."""
    return request.user


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    return get_object_or_404(proposals_visible_to(user=request.user), pk=pk)


def _detail(request: HttpRequest, proposal: Proposal, **extra: Any) -> HttpResponse:
    page = proposal_page(user=request.user, proposal=proposal)
    context = {
        "page": page,
        "proposal": proposal,
        "items": [item_view(item) for item in page.items],
        "item_form": extra.pop("item_form", None) or ItemForm(user=request.user, proposal=proposal),
        "document_form": extra.pop("document_form", None) or DocumentForm(proposal=proposal),
        "reason_form": ReasonForm(),
        "appraise_form": AppraiseForm(initial={"received_on": proposal.received_on}),
        "vote_form": OpenVoteForm(),
        **extra,
    }
    return TemplateResponse(request, "awards/proposal_detail.html", context)


def proposal_index_view(request: HttpRequest) -> HttpResponse:
    if not can_use_proposals(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    proposals = proposals_visible_to(user=request.user).order_by("-year", "-created_at")
    context = {"proposals": proposals, "may_propose": may_propose(request.user)}
    return TemplateResponse(request, "awards/proposal_index.html", context)


def proposal_create_view(request: HttpRequest) -> HttpResponse:
    if not may_propose(request.user):
        denied: HttpResponse = permission_denied(request)
        return denied
    form = ProposalForm(request.POST or None, user=request.user)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(actor=_user(request), **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            errors = _errors(error)
        else:
            messages.success(
                request, gettext("Đã lập hồ sơ đề nghị «%(title)s».") % {"title": proposal.title}
            )
            return redirect("awards_proposal_detail", proposal.pk)
    return TemplateResponse(request, "awards/proposal_form.html", {"form": form, "errors": errors})


def proposal_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _proposal(request, pk))


@require_POST
def proposal_item_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = ItemForm(request.POST, user=request.user, proposal=proposal)
    if not form.is_valid():
        return _detail(request, proposal, item_form=form, errors=[gettext("Hãy sửa các ô được đánh dấu.")])
    try:
        item = services.proposal_item_add(actor=_user(request), proposal=proposal, **form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
            return _detail(request, proposal, item_form=form)
        return _detail(request, proposal, item_form=form, errors=_errors(error))
    except PermissionDenied as error:
        return _detail(request, proposal, item_form=form, errors=_errors(error))
    messages.success(request, gettext("Đã thêm «%(item)s» và xét điều kiện.") % {"item": item})
    return redirect("awards_proposal_detail", proposal.pk)


@require_POST
def proposal_item_remove_view(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    item = get_object_or_404(ProposalItem, pk=item_id, proposal=proposal)
    try:
        services.proposal_item_remove(actor=_user(request), item=item)
    except (ValidationError, PermissionDenied) as error:
        return _detail(request, proposal, errors=_errors(error))
    return redirect("awards_proposal_detail", proposal.pk)


@require_POST
def proposal_document_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    form = DocumentForm(request.POST, request.FILES, proposal=proposal)
    if not form.is_valid():
        return _detail(
            request, proposal, document_form=form, errors=[gettext("Hãy sửa các ô được đánh dấu.")]
        )
    try:
        services.proposal_document_attach(
            actor=_user(request),
            proposal=proposal,
            kind=form.cleaned_data["kind"],
            item=form.cleaned_data["item"],
            upload=form.cleaned_data["file"],
        )
    except (ValidationError, PermissionDenied) as error:
        return _detail(request, proposal, document_form=form, errors=_errors(error))
    return redirect("awards_proposal_detail", proposal.pk)


@require_POST
def proposal_document_remove_view(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    document = get_object_or_404(ProposalDocument, pk=document_id, proposal=proposal)
    try:
        services.proposal_document_remove(actor=_user(request), document=document)
    except (ValidationError, PermissionDenied) as error:
        return _detail(request, proposal, errors=_errors(error))
    return redirect("awards_proposal_detail", proposal.pk)


@never_cache
def proposal_document_download(request: HttpRequest, pk: int, document_id: int) -> FileResponse:
    """A dossier document, to whoever may see its proposal; always as an attachment."""
    proposal = _proposal(request, pk)
    document = get_object_or_404(ProposalDocument, pk=document_id, proposal=proposal)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = (
        document.content_type
        if document.content_type in services.DOCUMENT_TYPES
        else "application/octet-stream"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _act(request: HttpRequest, proposal: Proposal, action: str) -> Any:
    """The one service of a workflow button, with its form's input."""
    user: Any = request.user
    if action == Action.SUBMIT:
        return services.proposal_submit(actor=user, proposal=proposal)
    if action in (Action.RETURN, Action.WITHDRAW):
        form = ReasonForm(request.POST)
        reason = form.data.get("reason", "")
        service = services.proposal_return if action == Action.RETURN else services.proposal_withdraw
        return service(actor=user, proposal=proposal, reason=str(reason))
    if action == Action.APPRAISE:
        appraise = AppraiseForm(request.POST)
        if not appraise.is_valid():
            raise ValidationError([str(e) for errors in appraise.errors.values() for e in errors])
        return services.proposal_appraise(
            actor=user, proposal=proposal, received_on=appraise.cleaned_data.get("received_on")
        )
    if action == Action.OPEN_VOTE:
        vote = OpenVoteForm(request.POST)
        if not vote.is_valid():
            raise ValidationError(gettext("Hãy chọn Hội đồng Thi đua – Khen thưởng."))
        return council_services.council_vote_open(
            actor=user, proposal=proposal, council=vote.cleaned_data["council"]
        )
    if action == Action.CLOSE_VOTE:
        return council_services.council_vote_close(actor=user, proposal=proposal)
    raise Http404


_DONE = {
    Action.SUBMIT: "Đã gửi hồ sơ đề nghị đến Ban Thi đua – Khen thưởng tỉnh.",
    Action.WITHDRAW: "Đã rút hồ sơ đề nghị.",
    Action.RETURN: "Đã trả lại hồ sơ đề nghị cho đơn vị.",
    Action.APPRAISE: "Đã thẩm định hồ sơ đề nghị.",
    Action.OPEN_VOTE: "Đã mở bỏ phiếu của Hội đồng.",
    Action.CLOSE_VOTE: "Đã kết thúc bỏ phiếu; kết quả kiểm phiếu ở dưới.",
}


@require_POST
def proposal_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = _proposal(request, pk)
    if action not in {a.value for a in _DONE}:
        raise Http404
    try:
        _act(request, proposal, action)
    except (ValidationError, PermissionDenied) as error:
        proposal.refresh_from_db()
        return _detail(request, proposal, errors=_errors(error))
    messages.success(request, gettext(_DONE[Action(action)]))
    return redirect("awards_proposal_detail", proposal.pk)


def proposal_ballot_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A council member's ballot: agree, disagree or abstain on each item, changeable while open."""
    proposal = _proposal(request, pk)
    page = proposal_page(user=request.user, proposal=proposal)
    if page.member is None:
        denied: HttpResponse = permission_denied(request)
        return denied
    current = member_ballots(member=page.member, proposal=proposal)
    form = BallotForm(request.POST or None, items=page.items, current=current)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            council_services.council_ballot_cast(
                actor=_user(request), proposal=proposal, choices=form.choices()
            )
        except (ValidationError, PermissionDenied) as error:
            errors = _errors(error)
        else:
            messages.success(request, gettext("Đã ghi phiếu biểu quyết của bạn."))
            return redirect("awards_proposal_detail", proposal.pk)
    rows = [(item_view(item), form[f"item-{item.pk}"]) for item in page.items]
    context = {"proposal": proposal, "page": page, "rows": rows, "form": form, "errors": errors}
    return TemplateResponse(request, "awards/proposal_ballot.html", context)


def proposal_written_ballot_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The office records the paper ballot of a member absent from the session."""
    proposal = _proposal(request, pk)
    page = proposal_page(user=request.user, proposal=proposal)
    if "record_written" not in page.allowed:
        denied: HttpResponse = permission_denied(request)
        return denied
    form = WrittenBallotForm(
        request.POST or None, members=absent_members(proposal=proposal), items=page.items
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            council_services.council_ballot_record_written(
                actor=_user(request),
                proposal=proposal,
                member=form.cleaned_data["member"],
                choices=form.choices(),
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            errors = _errors(error)
        else:
            messages.success(request, gettext("Đã ghi phiếu bằng văn bản của thành viên vắng mặt."))
            return redirect("awards_proposal_detail", proposal.pk)
    rows = [(item_view(item), form[f"item-{item.pk}"]) for item in page.items]
    context = {"proposal": proposal, "page": page, "rows": rows, "form": form, "errors": errors}
    return TemplateResponse(request, "awards/proposal_written_ballot.html", context)


def proposal_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the decision the chairman signed: its number per award, date, issuer and signer."""
    proposal = _proposal(request, pk)
    page = proposal_page(user=request.user, proposal=proposal)
    if Action.DECIDE.value not in page.allowed:
        denied: HttpResponse = permission_denied(request)
        return denied
    passed = [item for item in page.items if item.passed]
    awards = sorted({item.award for item in passed})
    form = DecideForm(
        request.POST or None,
        awards=[(code, str(AWARD_LABELS[AwardCode(code)])) for code in awards],
        user=request.user,
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_decide(
                actor=_user(request),
                proposal=proposal,
                numbers=form.numbers(),
                signed_on=form.cleaned_data["signed_on"],
                issuer=form.cleaned_data["issuer"],
                signer_name=form.cleaned_data["signer_name"],
                signer_title=form.cleaned_data["signer_title"],
                signing=form.cleaned_data["signing"],
                head_title=form.cleaned_data["head_title"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                errors = _errors(error)
        except PermissionDenied as error:
            errors = _errors(error)
        else:
            messages.success(request, gettext("Đã ghi quyết định khen thưởng vào sổ theo dõi khen thưởng."))
            return redirect("awards_proposal_detail", proposal.pk)
    context = {
        "proposal": proposal,
        "form": form,
        "passed": [item_view(item) for item in passed],
        "errors": errors,
    }
    return TemplateResponse(request, "awards/proposal_decide.html", context)


@require_POST
def proposal_from_vote_view(request: HttpRequest, vote_id: int, organisation_id: int) -> HttpResponse:
    """The button on a cluster's vote result: the leading unit proposed for Cờ thi đua cấp tỉnh."""
    vote = get_object_or_404(
        votes_visible_to(user=request.user).filter(status=Vote.Status.CLOSED), pk=vote_id
    )
    try:
        proposal = services.proposal_from_cluster_vote(
            actor=_user(request),
            vote=vote,
            organisation_id=organisation_id,
        )
    except PermissionDenied:
        denied: HttpResponse = permission_denied(request)
        return denied
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
        return redirect("emulation_vote_minutes", vote.pk)
    messages.success(
        request, gettext("Đã lập hồ sơ đề nghị Cờ thi đua cấp tỉnh; hãy bổ sung tài liệu và gửi.")
    )
    return redirect("awards_proposal_detail", proposal.pk)
