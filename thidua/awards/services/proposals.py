"""Services of commendation proposals (hồ sơ đề nghị khen thưởng): the unit's list and dossier, the
province's appraisal, the council's vote and the decision, which writes itself into the registry.

Every service locks the proposal, asks the workflow table (rules/proposal_workflow.py) whether the
actor's roles may do the action in the proposal's state (a PermissionDenied when the roles may never
do it, a ValidationError with the table's message when the state does not allow it), keeps only the
guards that are not about the state, writes, and records one audit row, in one transaction. A
refusal saves nothing.

Transactions: the services a composite calls (proposal_create and proposal_items_add, called by
proposal_from_cluster_vote; award_decision_create, called by proposal_decide) and those the demo
loader may walk through are plain `atomic`; the ones nothing nests are durable.

Checks of an item (each as it is entered, again at submission and appraisal):
- eligibility by the pure engine, from the registry (selectors/proposals.items_eligibility), on
  today's date with the proposal's receipt date (Luật 06/2026/QH16 Điều 4 khoản 4 keys the rule set
  on it); stored with the item, shown beside it, never a refusal: the council and the chairman
  decide, the engine explains;
- duplicates across units, levels and years (rules/duplicates.py): stored and shown, never a refusal
  (a weak match on a name is for the officer to check, and a strong one may be a correction);
- refusals: an award that does not fit the recipient's kind (Luật TĐKT 2022 Chương II–III), a
  collective dissolved after the reorganisation (TT 15/2025/TT-BNV), a person or unit outside the
  officer's own unit, a year that cannot be.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.eligibility.codes import AwardCode, SubjectKind
from thidua.awards.models import (
    AwardDecision,
    AwardRecipient,
    Initiative,
    Proposal,
    ProposalDocument,
    ProposalItem,
)
from thidua.awards.models.choices import AWARD_LABELS
from thidua.awards.models.proposals import DOCUMENT_LABELS
from thidua.awards.rules.dossier import CommendationKind, DocumentKind
from thidua.awards.rules.initiatives import initiatives_consumed
from thidua.awards.rules.proposal_workflow import WORKFLOW, Action, Role, State
from thidua.awards.rules.registry import (
    award_fits,
    award_misfit_message,
    dissolved_by,
    dissolved_message,
    year_problem,
)
from thidua.awards.selectors.proposals import (
    dossier_missing,
    duplicate_data,
    items_duplicates,
    items_eligibility,
    proposal_items,
    proposal_roles,
    proposal_state,
    result_data,
)
from thidua.awards.services.decisions import award_decision_create
from thidua.core.audit import audit_record
from thidua.core.formatting import nfc
from thidua.core.signing_rules import signing_errors
from thidua.core.transitions import ReasonMissing, RoleRefused, StateRefused
from thidua.core.uploads import upload_name
from thidua.emulation.models import Vote
from thidua.org.models import Organisation, Person
from thidua.org.selectors.scope import user_scope_ids

if TYPE_CHECKING:
    from thidua.accounts.models import User

# The same file types as the reports' evidence (thidua/emulation/services/reports.py): the dossier
# is scanned letters and reports.
DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}
_OWN_ONLY = gettext_lazy("Đơn vị chỉ được đề nghị khen thưởng cho cá nhân, tập thể thuộc đơn vị mình.")


# --- The workflow ----------------------------------------------------------------------------------
def _move(proposal: Proposal | None, action: Action, roles: frozenset[Role], *, reason: str = "") -> State:
    """The table's answer: the state after `action`, or its refusal as PermissionDenied (these roles
    never may) or ValidationError (not in this state, or no reason given)."""
    try:
        return WORKFLOW.transition(proposal_state(proposal), action, roles, reason=reason)
    except RoleRefused as error:
        raise PermissionDenied(str(error)) from None
    except ReasonMissing as error:
        raise ValidationError({"reason": [str(error)]}) from None
    except StateRefused as error:
        raise ValidationError(str(error)) from None


def _lock(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("organisation").get(pk=proposal.pk)


def _subject_name(item: ProposalItem) -> str:
    return str(item.person.full_name if item.person is not None else item.organisation)


def _item_label(item: ProposalItem) -> str:
    return f"{_subject_name(item)} – {AWARD_LABELS[AwardCode(item.award)]} {item.period_text}"


def _raise(errors: Mapping[str, list[str]]) -> None:
    if errors:
        raise ValidationError(dict(errors))


# --- Checking items --------------------------------------------------------------------------------
def _recheck(items: Sequence[ProposalItem], *, received_on: dt.date | None) -> dict[str, Any]:
    """Check eligibility and duplicates of the items and store both with each item; a summary for
    the audit row. A constant number of queries (selectors/proposals.py), plus one bulk update."""
    if not items:
        return {}
    today = timezone.localdate()
    results = items_eligibility(items, as_of=today, received_on=received_on)
    duplicates = items_duplicates(items)
    outcomes: dict[str, int] = defaultdict(int)
    for item, result in zip(items, results, strict=True):
        item.eligibility = result_data(result)
        item.checked_on = today
        item.duplicates = [duplicate_data(d) for d in duplicates.get(item.pk, [])]
        outcomes[result.outcome.value] += 1
    ProposalItem.objects.bulk_update(items, ["eligibility", "checked_on", "duplicates", "updated_at"])
    return {
        "outcomes": dict(outcomes),
        "duplicates": sum(1 for item in items if item.duplicates),
    }


@dataclass(frozen=True)
class ItemRow:
    """One row of a list being entered: exactly one of person and organisation."""

    award: str
    year_from: int
    year_to: int | None = None
    person: Person | None = None
    organisation: Organisation | None = None
    note: str = ""


def _row_problems(
    row: ItemRow, *, actor: User, proposal: Proposal, today: dt.date, scope_checked: bool
) -> dict[str, list[str]]:
    """What makes the row impossible, keyed by the form's field."""
    errors: dict[str, list[str]] = defaultdict(list)
    if (row.person is None) == (row.organisation is None):
        errors["person"].append(_("Hãy chọn một cá nhân hoặc một tập thể."))
        return errors
    codes = {code.value for code in AwardCode}
    if row.award not in codes:
        errors["award"].append(
            _("Hình thức, danh hiệu «%(code)s» không có trong danh mục.") % {"code": row.award}
        )
    year_to = row.year_to if row.year_to is not None else row.year_from
    for field, year in (("year_from", row.year_from), ("year_to", year_to)):
        problem = year_problem(year, today=today)
        if problem:
            errors[field].append(problem)
        elif year > today.year:
            errors[field].append(
                _("Năm %(year)s chưa kết thúc; chưa đề nghị khen thưởng được.") % {"year": year}
            )
    if not errors.get("year_to") and year_to < row.year_from:
        errors["year_to"].append(_("Năm kết thúc không thể trước năm bắt đầu."))
    scope = user_scope_ids(user=actor)
    if row.person is not None:
        if not scope_checked and row.person.organisation_id not in scope:
            raise PermissionDenied(_OWN_ONLY)
        if row.award in codes and not award_fits(row.award, SubjectKind.INDIVIDUAL):
            label = str(AWARD_LABELS[AwardCode(row.award)])
            errors["award"].append(award_misfit_message(label, SubjectKind.INDIVIDUAL, row.person.full_name))
    if row.organisation is not None:
        organisation = row.organisation
        if not scope_checked and organisation.pk not in scope:
            raise PermissionDenied(_OWN_ONLY)
        if row.award in codes and not award_fits(row.award, SubjectKind.COLLECTIVE):
            label = str(AWARD_LABELS[AwardCode(row.award)])
            errors["award"].append(award_misfit_message(label, SubjectKind.COLLECTIVE, organisation.name))
        unit = organisation.admin_unit if organisation.admin_unit_id else None
        if dissolved_by(
            dissolved_on=organisation.dissolved_on,
            unit_valid_until=unit.valid_until if unit is not None else None,
            on=today,
        ):
            # TT 15/2025/TT-BNV: no award to a unit dissolved after the reorganisation.
            errors["organisation"].append(dissolved_message(organisation.name, today))
    return errors


def _add_rows(
    *, actor: User, proposal: Proposal, rows: Sequence[ItemRow], scope_checked: bool, numbered: bool
) -> list[ProposalItem]:
    today = timezone.localdate()
    existing: set[tuple[int | None, int | None, str]] = {
        (person_id, organisation_id, award)
        for person_id, organisation_id, award in proposal.items.values_list(
            "person_id", "organisation_id", "award"
        )
    }
    errors: dict[str, list[str]] = defaultdict(list)
    items: list[ProposalItem] = []
    for number, row in enumerate(rows, start=1):
        problems = _row_problems(
            row, actor=actor, proposal=proposal, today=today, scope_checked=scope_checked
        )
        key = (
            row.person.pk if row.person is not None else None,
            row.organisation.pk if row.organisation is not None else None,
            row.award,
        )
        if not problems and key in existing:
            field = "person" if row.person is not None else "organisation"
            problems = {
                field: [
                    _("«%(name)s» đã được đề nghị «%(award)s» trong hồ sơ này.")
                    % {"name": row.person or row.organisation, "award": AWARD_LABELS[AwardCode(row.award)]}
                ]
            }
        existing.add(key)
        for field, messages in problems.items():
            for message in messages:
                if numbered:
                    # Bad input names the row and the field: "Dòng 3, Năm: …".
                    errors["items"].append(
                        _("Dòng %(row)s, %(field)s: %(message)s")
                        % {"row": number, "field": _FIELD_NAMES.get(field, field), "message": message}
                    )
                else:
                    errors[field].append(message)
        items.append(
            ProposalItem(
                proposal=proposal,
                person=row.person,
                organisation=row.organisation,
                award=row.award,
                year_from=row.year_from,
                year_to=row.year_to if row.year_to is not None else row.year_from,
                note=nfc(row.note.strip()),
            )
        )
    _raise(errors)
    created = ProposalItem.objects.bulk_create(items)
    saved = list(
        ProposalItem.objects.filter(pk__in=[item.pk for item in created])
        .select_related("person__organisation", "organisation", "proposal__organisation")
        .order_by("id")
    )
    _recheck(saved, received_on=proposal.received_on)
    return saved


_FIELD_NAMES = {
    "person": gettext_lazy("Cá nhân"),
    "organisation": gettext_lazy("Tập thể"),
    "award": gettext_lazy("Hình thức, danh hiệu"),
    "year_from": gettext_lazy("Từ năm"),
    "year_to": gettext_lazy("Đến năm"),
}


# --- The unit's list -------------------------------------------------------------------------------
@transaction.atomic
def proposal_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    year: int,
    commendation_kind: str = CommendationKind.CONG_TRANG.value,
) -> Proposal:
    """Start a proposal of the officer's own unit (or a department of it)."""
    state = _move(None, Action.CREATE, proposal_roles(user=actor, organisation_id=organisation.pk))
    errors: dict[str, list[str]] = {}
    title = nfc(title.strip())
    if not title:
        errors["title"] = [_("Hãy ghi trích yếu của hồ sơ đề nghị.")]
    problem = year_problem(year, today=timezone.localdate())
    if problem:
        errors["year"] = [problem]
    if commendation_kind not in {kind.value for kind in CommendationKind}:
        errors["commendation_kind"] = [_("Loại hình khen thưởng không hợp lệ.")]
    _raise(errors)
    proposal = Proposal.objects.create(
        organisation=organisation,
        title=title,
        year=year,
        commendation_kind=commendation_kind,
        state=state,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="awards.proposal.create",
        target=proposal,
        changes={"state": [None, state.value], "title": [None, title], "year": [None, year]},
    )
    return proposal


@transaction.atomic
def proposal_items_add(*, actor: User, proposal: Proposal, rows: Sequence[ItemRow]) -> list[ProposalItem]:
    """Add a list of people and collectives at once (rows as entered); a bad row is refused naming
    its number and field, and nothing is saved. Each item is checked as it is saved."""
    proposal = _lock(proposal)
    _move(proposal, Action.EDIT, proposal_roles(user=actor, proposal=proposal))
    if not rows:
        raise ValidationError({"items": [_("Chưa có người, tập thể nào được đề nghị.")]})
    items = _add_rows(actor=actor, proposal=proposal, rows=rows, scope_checked=False, numbered=True)
    audit_record(
        actor=actor,
        action="awards.proposal.items_add",
        target=proposal,
        changes={"items": [None, [_item_label(item) for item in items]]},
    )
    return items


@transaction.atomic
def proposal_item_add(
    *,
    actor: User,
    proposal: Proposal,
    award: str,
    year_from: int,
    year_to: int | None = None,
    person: Person | None = None,
    organisation: Organisation | None = None,
    note: str = "",
) -> ProposalItem:
    """Add one person or collective; its eligibility and duplicates are checked at once and stored."""
    proposal = _lock(proposal)
    _move(proposal, Action.EDIT, proposal_roles(user=actor, proposal=proposal))
    row = ItemRow(
        award=award, year_from=year_from, year_to=year_to, person=person, organisation=organisation, note=note
    )
    (item,) = _add_rows(actor=actor, proposal=proposal, rows=[row], scope_checked=False, numbered=False)
    audit_record(
        actor=actor,
        action="awards.proposal.item_add",
        target=proposal,
        changes={
            "items": [None, _item_label(item)],
            "outcome": (item.eligibility or {}).get("outcome"),
            "duplicates": len(item.duplicates),
        },
    )
    return item


@transaction.atomic(durable=True)
def proposal_item_remove(*, actor: User, item: ProposalItem) -> None:
    proposal = _lock(item.proposal)
    _move(proposal, Action.EDIT, proposal_roles(user=actor, proposal=proposal))
    item = ProposalItem.objects.select_related("person", "organisation").get(pk=item.pk, proposal=proposal)
    label = _item_label(item)
    stored = [(doc.file.name, doc.file.storage) for doc in item.documents.all()]
    item.delete()
    for name, storage in stored:
        transaction.on_commit(partial(storage.delete, name))
    audit_record(
        actor=actor, action="awards.proposal.item_remove", target=proposal, changes={"items": [label, None]}
    )


# --- The dossier -----------------------------------------------------------------------------------
@transaction.atomic  # not durable: the demo loader attaches its dossiers inside its own transaction
def proposal_document_attach(
    *, actor: User, proposal: Proposal, kind: str, upload: UploadedFile, item: ProposalItem | None = None
) -> ProposalDocument:
    """Attach a document of the dossier (Luật TĐKT 2022 Điều 84). Its type is read from the content,
    not the name, and its size is capped (EVIDENCE_MAX_BYTES), as for the reports' evidence."""
    proposal = _lock(proposal)
    _move(proposal, Action.EDIT, proposal_roles(user=actor, proposal=proposal))
    errors: dict[str, list[str]] = {}
    if kind not in {k.value for k in DocumentKind}:
        errors["kind"] = [_("Loại tài liệu không hợp lệ.")]
    if item is not None and item.proposal_id != proposal.pk:
        errors["item"] = [_("Người, tập thể này không có trong hồ sơ đề nghị.")]
    limit = settings.EVIDENCE_MAX_BYTES
    size = upload.size or 0
    if size > limit:
        errors["file"] = [
            _("Tệp «%(name)s» lớn hơn giới hạn %(limit)s MB.")
            % {"name": upload_name(upload.name), "limit": limit // (1024 * 1024)}
        ]
    head = upload.read(8192)
    upload.seek(0)
    guessed = filetype.guess(head)
    if "file" not in errors and (guessed is None or guessed.mime not in DOCUMENT_TYPES):
        errors["file"] = [
            _("Tệp «%(name)s» không phải PDF, ảnh (JPEG, PNG, WEBP) hoặc DOCX.")
            % {"name": upload_name(upload.name)}
        ]
    _raise(errors)
    assert guessed is not None
    document = ProposalDocument(
        proposal=proposal,
        item=item,
        kind=kind,
        original_name=upload_name(upload.name),
        content_type=guessed.mime,
        size=size,
        uploaded_by=actor,
    )
    document.file.save(f"{kind}.{guessed.extension}", upload, save=False)
    document.save()
    audit_record(
        actor=actor,
        action="awards.proposal.document_attach",
        target=proposal,
        changes={"documents": [None, f"{DOCUMENT_LABELS[DocumentKind(kind)]}: {document.original_name}"]},
    )
    return document


@transaction.atomic(durable=True)
def proposal_document_remove(*, actor: User, document: ProposalDocument) -> None:
    proposal = _lock(document.proposal)
    _move(proposal, Action.EDIT, proposal_roles(user=actor, proposal=proposal))
    document = ProposalDocument.objects.get(pk=document.pk, proposal=proposal)
    label = f"{DOCUMENT_LABELS[DocumentKind(document.kind)]}: {document.original_name}"
    stored, storage = document.file.name, document.file.storage
    document.delete()
    # The file goes only once the deletion is committed, so a rollback never leaves a row without it.
    transaction.on_commit(lambda: storage.delete(stored))
    audit_record(
        actor=actor,
        action="awards.proposal.document_remove",
        target=proposal,
        changes={"documents": [label, None]},
    )


# --- Submission and appraisal ----------------------------------------------------------------------
def _missing_text(proposal: Proposal, items: Sequence[ProposalItem]) -> list[str]:
    present = list(proposal.documents.values_list("kind", "item_id"))
    messages = []
    for missing in dossier_missing(proposal=proposal, items=items, present=present):
        name = DOCUMENT_LABELS[missing.required.kind]
        if missing.item is not None:
            messages.append(
                _("Thiếu %(document)s của %(subject)s (%(citation)s).")
                % {
                    "document": name,
                    "subject": _subject_name(missing.item),
                    "citation": missing.required.citation,
                }
            )
        else:
            messages.append(
                _("Thiếu %(document)s (%(citation)s).")
                % {"document": name, "citation": missing.required.citation}
            )
    return messages


@transaction.atomic
def proposal_submit(*, actor: User, proposal: Proposal) -> Proposal:
    """Send the proposal to the province. Refused while the list is empty or the Điều 84 dossier is
    short (each missing document named). Every item is checked again with the receipt date, which is
    today: the province receives the dossier the day it is sent through the system; the office may
    correct it at appraisal (a paper dossier received another day)."""
    proposal = _lock(proposal)
    old = proposal.state
    state = _move(proposal, Action.SUBMIT, proposal_roles(user=actor, proposal=proposal))
    items = proposal_items(proposal=proposal)
    if not items:
        raise ValidationError({"items": [_("Hồ sơ đề nghị chưa có người, tập thể nào.")]})
    missing = _missing_text(proposal, items)
    if missing:
        raise ValidationError({"documents": missing})
    now = timezone.now()
    proposal.received_on = timezone.localdate()
    summary = _recheck(items, received_on=proposal.received_on)
    proposal.state = state
    proposal.submitted_at = now
    proposal.submitted_by = actor
    proposal.save(update_fields=["state", "received_on", "submitted_at", "submitted_by", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.proposal.submit",
        target=proposal,
        changes={
            "state": [old, state.value],
            "received_on": [None, proposal.received_on.isoformat()],
            **summary,
        },
    )
    return proposal


@transaction.atomic(durable=True)
def proposal_withdraw(*, actor: User, proposal: Proposal, reason: str) -> Proposal:
    proposal = _lock(proposal)
    old = proposal.state
    reason = nfc(reason.strip())
    state = _move(proposal, Action.WITHDRAW, proposal_roles(user=actor, proposal=proposal), reason=reason)
    proposal.state = state
    proposal.withdrawn_at = timezone.now()
    proposal.withdraw_reason = reason
    proposal.save(update_fields=["state", "withdrawn_at", "withdraw_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.proposal.withdraw",
        target=proposal,
        changes={"state": [old, state.value]},
        reason=reason,
    )
    return proposal


@transaction.atomic(durable=True)
def proposal_return(*, actor: User, proposal: Proposal, reason: str) -> Proposal:
    """Send the dossier back to the unit with the reason (a document missing, a person not eligible)."""
    proposal = _lock(proposal)
    old = proposal.state
    reason = nfc(reason.strip())
    state = _move(proposal, Action.RETURN, proposal_roles(user=actor, proposal=proposal), reason=reason)
    proposal.state = state
    proposal.returned_at = timezone.now()
    proposal.returned_by = actor
    proposal.return_reason = reason
    proposal.save(update_fields=["state", "returned_at", "returned_by", "return_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.proposal.return",
        target=proposal,
        changes={"state": [old, state.value]},
        reason=reason,
    )
    return proposal


@transaction.atomic
def proposal_appraise(*, actor: User, proposal: Proposal, received_on: dt.date | None = None) -> Proposal:
    """The office finds the dossier complete and lawful. It may correct the receipt date (the day the
    paper dossier arrived); every item is checked again with it, so the results and duplicates the
    council sees are today's."""
    proposal = _lock(proposal)
    old = proposal.state
    state = _move(proposal, Action.APPRAISE, proposal_roles(user=actor, proposal=proposal))
    old_received = proposal.received_on
    if received_on is not None:
        if received_on > timezone.localdate():
            raise ValidationError({"received_on": [_("Ngày tiếp nhận hồ sơ không thể ở tương lai.")]})
        if proposal.submitted_at and received_on < proposal.created_at.date():
            raise ValidationError(
                {"received_on": [_("Ngày tiếp nhận hồ sơ không thể trước ngày lập hồ sơ đề nghị.")]}
            )
        proposal.received_on = received_on
    summary = _recheck(proposal_items(proposal=proposal), received_on=proposal.received_on)
    proposal.state = state
    proposal.appraised_at = timezone.now()
    proposal.appraised_by = actor
    proposal.save(update_fields=["state", "received_on", "appraised_at", "appraised_by", "updated_at"])
    changes: dict[str, Any] = {"state": [old, state.value], **summary}
    if old_received != proposal.received_on:
        changes["received_on"] = [
            old_received.isoformat() if old_received else None,
            proposal.received_on.isoformat() if proposal.received_on else None,
        ]
    audit_record(actor=actor, action="awards.proposal.appraise", target=proposal, changes=changes)
    return proposal


# --- The decision ----------------------------------------------------------------------------------
@transaction.atomic
def proposal_decide(
    *,
    actor: User,
    proposal: Proposal,
    numbers: Mapping[str, str],
    signed_on: dt.date,
    issuer: Organisation,
    signer_name: str = "",
    signer_title: str = "",
    signing: str = "",
    head_title: str = "",
) -> list[AwardDecision]:
    """Record the decision the chairman signed: one registry decision per award among the items the
    council passed (a registry decision confers one award; `numbers` gives each award code its
    number), written by award_decision_create in this transaction, so its rules (a collective
    dissolved by the signing day refused, TT 15/2025/TT-BNV) hold and nobody retypes the names."""
    proposal = _lock(proposal)
    old = proposal.state
    state = _move(proposal, Action.DECIDE, proposal_roles(user=actor, proposal=proposal))
    passed = [item for item in proposal_items(proposal=proposal) if item.passed]
    groups: dict[str, list[ProposalItem]] = defaultdict(list)
    for item in passed:
        groups[item.award].append(item)
    errors: dict[str, list[str]] = defaultdict(list)
    # Checked here, keyed by the decide form's own fields, rather than by each award's number below.
    for field, message in signing_errors(
        signing=str(signing or ""), head_title=head_title, signer_title=signer_title
    ).items():
        errors[field].append(message)
    for award, items in groups.items():
        label = AWARD_LABELS[AwardCode(award)]
        if not (numbers.get(award) or "").strip():
            errors[f"number_{award}"].append(_("Hãy ghi số quyết định tặng «%(award)s».") % {"award": label})
        if len({(item.year_from, item.year_to) for item in items}) > 1:
            errors[f"number_{award}"].append(
                _(
                    "Các người, tập thể được «%(award)s» có thời gian đạt thành tích khác nhau; hãy ghi từng quyết định vào sổ."
                )
                % {"award": label}
            )
    _raise(errors)
    decisions: list[AwardDecision] = []
    for award, items in groups.items():
        try:
            decision = award_decision_create(
                actor=actor,
                number=numbers[award],
                signed_on=signed_on,
                issuer=issuer,
                award=award,
                period_from_year=items[0].year_from,
                period_to_year=items[0].year_to,
                signer_name=signer_name,
                signer_title=signer_title,
                signing=signing,
                head_title=head_title,
                summary=proposal.title,
                note=_("Ghi từ hồ sơ đề nghị số %(id)s của %(unit)s.")
                % {"id": proposal.pk, "unit": proposal.organisation.name},
                people=[item.person for item in items if item.person is not None],
                organisations=[item.organisation for item in items if item.organisation is not None],
            )
        except ValidationError as error:
            # The registry's field names, moved onto this award's number so the form shows them there.
            messages = (
                [m for ms in error.message_dict.values() for m in ms]
                if hasattr(error, "error_dict")
                else error.messages
            )
            raise ValidationError({f"number_{award}": messages}) from None
        decisions.append(decision)
    used = _initiatives_use(decisions, passed)
    proposal.decisions.add(*decisions)
    proposal.state = state
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.save(update_fields=["state", "decided_at", "decided_by", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.proposal.decide",
        target=proposal,
        changes={
            "state": [old, state.value],
            "decisions": [None, [str(decision) for decision in decisions]],
            "awardees": [None, [_item_label(item) for item in passed]],
            **({"initiatives_used": [None, used]} if used else {}),
        },
    )
    return decisions


def _initiatives_use(decisions: Sequence[AwardDecision], items: Sequence[ProposalItem]) -> list[str]:
    """Mark the initiatives each granted item rested on as used for its new honour (gate G8: one
    initiative supports one honour), so the registry's next check does not count them again.
    The ids are the engine's ("SK-<pk>", selectors/facts.py); an initiative already used is left
    alone. Returns the titles marked, for the audit row."""
    recipients = {
        (decision.award, recipient.person_id): recipient
        for decision in decisions
        for recipient in AwardRecipient.objects.filter(decision=decision, person__isnull=False)
    }
    wanted: dict[int, AwardRecipient] = {}
    for item in items:
        recipient = recipients.get((item.award, item.person_id))
        if recipient is None:
            continue
        for ident in initiatives_consumed(item.eligibility or {}):
            if ident.startswith("SK-") and ident[3:].isdigit():
                wanted.setdefault(int(ident[3:]), recipient)
    marked: list[str] = []
    initiatives = Initiative.objects.select_for_update().filter(pk__in=wanted, used_for__isnull=True)
    for initiative in initiatives.order_by("pk"):
        recipient = wanted[initiative.pk]
        if initiative.person_id != recipient.person_id:
            continue  # another person's initiative can never support this one's honour
        initiative.used_for = recipient
        initiative.save(update_fields=["used_for", "updated_at"])
        marked.append(initiative.title)
    return marked


# --- From a cluster's vote -------------------------------------------------------------------------
FLAG_AWARD = AwardCode.CO_THI_DUA_CAP_TINH


@transaction.atomic
def proposal_from_cluster_vote(*, actor: User, vote: Vote, organisation_id: int) -> Proposal:
    """One action: the unit a cluster's closed vote elected (suy tôn) becomes a proposal for Cờ thi
    đua cấp tỉnh, with the year of the cluster.

    Who: the officer of the cluster's head unit (cụm trưởng, khối trưởng), whose unit becomes the
    proposing unit. The cluster sends that dossier (tờ trình, báo cáo thành tích, the minutes and
    results of its vote: QĐ 987/QĐ-BVHTTDL 2024, legal-rules §5), and the workflow table lets only a
    unit create a proposal; the province office receives it. The elected unit is a member of the
    cluster, not of the head's own tree, so the own-unit rule gives way to the vote's result here,
    and here only."""
    vote = Vote.objects.select_related("group").get(pk=vote.pk)
    group = vote.group
    data = vote.tally or {}
    candidates = {int(entry["organisation_id"]): entry for entry in data.get("flag_candidates", [])}
    if vote.status != Vote.Status.CLOSED or data.get("needs_new_round"):
        raise ValidationError(_("Cụm, khối chưa có kết quả suy tôn; chưa đề nghị Cờ thi đua được."))
    if organisation_id not in candidates:
        raise ValidationError(
            _("Đơn vị này không được cụm, khối suy tôn dẫn đầu; không đề nghị Cờ thi đua cấp tỉnh được.")
        )
    if group.head_id is None:
        raise ValidationError(_("Cụm, khối chưa có đơn vị Cụm trưởng, Khối trưởng."))
    head = Organisation.objects.get(pk=group.head_id)
    roles = proposal_roles(user=actor, organisation_id=head.pk)
    if Role.UNIT not in roles:
        raise PermissionDenied(
            _(
                "Chỉ cán bộ của đơn vị Cụm trưởng, Khối trưởng được lập hồ sơ đề nghị Cờ thi đua từ kết quả suy tôn."
            )
        )
    if Proposal.objects.filter(
        source_vote=vote,
        items__organisation_id=organisation_id,
        state__in=[s.value for s in State if s not in (State.WITHDRAWN, State.NONE)],
    ).exists():
        raise ValidationError(_("Đã có hồ sơ đề nghị Cờ thi đua cấp tỉnh cho đơn vị này từ kết quả suy tôn."))
    elected = Organisation.objects.select_related("admin_unit").get(pk=organisation_id)
    proposal = proposal_create(
        actor=actor,
        organisation=head,
        title=_("Đề nghị tặng Cờ thi đua cấp tỉnh năm %(year)s cho %(unit)s (%(group)s suy tôn)")
        % {"year": group.year, "unit": elected.name, "group": group.name},
        year=group.year,
    )
    proposal.source_vote = vote
    proposal.save(update_fields=["source_vote", "updated_at"])
    row = ItemRow(award=FLAG_AWARD.value, year_from=group.year, organisation=elected)
    (item,) = _add_rows(actor=actor, proposal=proposal, rows=[row], scope_checked=True, numbered=False)
    audit_record(
        actor=actor,
        action="awards.proposal.from_vote",
        target=proposal,
        changes={"items": [None, _item_label(item)], "cluster_vote": str(vote)},
    )
    return proposal
