"""Services for criteria templates, pacts, registered targets and signing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.core.audit import audit_record
from thidua.core.formatting import nfc
from thidua.core.transitions import ReasonMissing, RoleRefused, StateRefused
from thidua.emulation.models import (
    CriteriaTemplate,
    Pact,
    PactCriterion,
    PactSignature,
    Target,
    TemplateCriterion,
)
from thidua.emulation.presenters.scoring import definition_problem_text
from thidua.emulation.rules.pact_workflow import WORKFLOW, Action, Role, State
from thidua.emulation.rules.values import NumberTextError, contract_number, criterion_label, read_number
from thidua.emulation.scoring import ScoringInputError, parse_input
from thidua.emulation.scoring.check import definition_problems
from thidua.emulation.scoring.engine import Method
from thidua.emulation.selectors.access import pact_roles
from thidua.emulation.selectors.scoring import criteria_tree
from thidua.org.models import EmulationGroup, Organisation

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _pact_move(
    state: str, action: Action, roles: frozenset[Role], *, group: EmulationGroup, reason: str = ""
) -> State:
    """Ask the pact workflow table (rules/pact_workflow.py) for the state after `action`, and turn its
    refusal into the exception the screens expect: PermissionDenied when the actor's roles may never
    do it, ValidationError when the pact's state does not allow it (or the reason is missing)."""
    try:
        return WORKFLOW.transition(State(state), action, roles, reason=reason, params={"group": group})
    except RoleRefused as error:
        raise PermissionDenied(str(error)) from None
    except ReasonMissing as error:
        raise ValidationError({"reason": str(error)}) from None
    except StateRefused as error:
        raise ValidationError(str(error)) from None


def _state_of(group: EmulationGroup) -> str:
    """The group's pact state for the table: its pact's status, or NONE while it has no pact."""
    status = Pact.objects.filter(group=group).values_list("status", flat=True).first()
    return status or State.NONE


def check_criteria(
    criteria: list[dict[str, Any]], aggregates: list[dict[str, Any]], tie_break: list[str]
) -> None:
    """Validate a criteria tree with the scoring engine's own parser, so a pact can never hold
    criteria the engine would refuse. Messages keep the engine's JSON paths."""
    document = {
        "criteria": criteria,
        "members": [{"id": "_", "values": {}}],
        "aggregates": [{"criterion": a.get("criterion"), "kind": a.get("kind")} for a in aggregates],
        "tie_break": tie_break,
    }
    try:
        parse_input(document)
    except ScoringInputError as error:
        problems = [str(p) for p in error.problems if not p.path.startswith("members")]
        if problems:
            raise ValidationError(
                {
                    "criteria": [
                        # Translators: problem is the scoring engine's message, in English, with a JSON path.
                        _("Bộ tiêu chí không hợp lệ – %(problem)s") % {"problem": problem}
                        for problem in problems
                    ]
                }
            ) from None


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.get("children", [])))
    return out


def _rows(criteria: list[dict[str, Any]]) -> list[tuple[dict[str, Any], str | None]]:
    """(node, parent code) in document order."""
    out: list[tuple[dict[str, Any], str | None]] = []

    def visit(nodes: list[dict[str, Any]], parent: str | None) -> None:
        for node in nodes:
            out.append((node, parent))
            visit(node.get("children", []), node["code"])

    visit(criteria, None)
    return out


def _create_criteria(
    model: type[TemplateCriterion] | type[PactCriterion],
    owner_field: str,
    owner: Any,
    criteria: list[dict[str, Any]],
) -> None:
    evidence = {node["code"]: node.get("evidence_required", "") for node in _walk(criteria)}
    clean = _strip_evidence(criteria)
    check_criteria(clean, [], [])
    created: dict[str, Any] = {}
    for order, (node, parent_code) in enumerate(_rows(clean), 1):
        max_points = node.get("max_points")
        created[node["code"]] = model.objects.create(
            **{owner_field: owner},
            parent=created.get(parent_code) if parent_code else None,
            code=node["code"],
            name=nfc(node["name"]),
            unit=node.get("unit", ""),
            # The criteria are the scoring contract's JSON (already checked by the engine above), so
            # "2.5" here is two and a half, not a Vietnamese-typed number.
            max_points=contract_number(max_points) if max_points is not None else None,
            method=node.get("method", ""),
            params=node.get("params", {}),
            evidence_required=nfc(evidence.get(node["code"]) or ""),
            order=order,
        )


def _strip_evidence(criteria: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for node in criteria:
        copy = {k: v for k, v in node.items() if k != "evidence_required"}
        if "children" in node:
            copy["children"] = _strip_evidence(node["children"])
        out.append(copy)
    return out


def _tree_with_evidence(rows: list[Any]) -> list[dict[str, Any]]:
    tree = criteria_tree(rows)
    by_code = {row.code: row.evidence_required for row in rows}
    for node in _walk(tree):
        if by_code.get(node["code"]):
            node["evidence_required"] = by_code[node["code"]]
    return tree


# Not durable: Wagtail's admin create view and the demo loader call it inside their transactions.
@transaction.atomic
def criteria_template_create(
    *,
    actor: User,
    name: str,
    kind: str,
    criteria: list[dict[str, Any]],
    aggregates: list[dict[str, Any]] | None = None,
    tie_break: list[str] | None = None,
    province: Any = None,
    description: str = "",
) -> CriteriaTemplate:
    require(actor, Cap.MANAGE_EMULATION)
    check_criteria(_strip_evidence(criteria), aggregates or [], tie_break or [])
    template = CriteriaTemplate.objects.create(
        name=nfc(name),
        kind=kind,
        province=province,
        description=nfc(description),
        aggregates=aggregates or [],
        tie_break=tie_break or [],
    )
    _create_criteria(TemplateCriterion, "template", template, criteria)
    audit_record(
        actor=actor,
        action="emulation.template.create",
        target=template,
        changes={"criteria": [None, len(_walk(criteria))]},
    )
    return template


# Not durable: Wagtail's admin edit view calls it inside its own transaction.
@transaction.atomic
def criteria_template_update(*, actor: User, template: CriteriaTemplate, **fields: Any) -> CriteriaTemplate:
    """Rename, describe or retire a template; its criteria never change once pacts may copy them."""
    require(actor, Cap.MANAGE_EMULATION)
    allowed = {"name", "description", "is_active"}
    if set(fields) - allowed:
        raise TypeError(f"criteria_template_update() got unknown fields: {sorted(set(fields) - allowed)}")
    template = CriteriaTemplate.objects.select_for_update().get(pk=template.pk)
    before = {name: getattr(template, name) for name in fields}
    for name, value in fields.items():
        setattr(template, name, nfc(value) if isinstance(value, str) else value)
    template.full_clean()
    template.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="emulation.template.update",
        target=template,
        changes={name: [before[name], fields[name]] for name in fields if before[name] != fields[name]},
    )
    return template


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def pact_create(
    *,
    actor: User | None,
    group: EmulationGroup,
    criteria: list[dict[str, Any]],
    title: str = "",
    aggregates: list[dict[str, Any]] | None = None,
    tie_break: list[str] | None = None,
    source_template: CriteriaTemplate | None = None,
    source_pact: Pact | None = None,
    illustrative: bool = False,
) -> Pact:
    """Create the group's pact for its year with a copy of the criteria."""
    _pact_move(_state_of(group), Action.CREATE, pact_roles(user=actor, group=group), group=group)
    check_criteria(_strip_evidence(criteria), aggregates or [], tie_break or [])
    pact = Pact.objects.create(
        group=group,
        # The default title is the pact's data, stored: Vietnamese, like the names it is made of.
        title=nfc(title or f"Giao ước thi đua năm {group.year} – {group.name}"),
        aggregates=aggregates or [],
        tie_break=tie_break or [],
        source_template=source_template,
        source_pact=source_pact,
        illustrative=illustrative,
    )
    _create_criteria(PactCriterion, "pact", pact, criteria)
    audit_record(
        actor=actor,
        action="emulation.pact.create",
        target=pact,
        changes={"criteria": [None, len(_walk(criteria))]},
    )
    return pact


def pact_create_from_template(
    *,
    actor: User | None,
    group: EmulationGroup,
    template: CriteriaTemplate,
    title: str = "",
    illustrative: bool = False,
) -> Pact:
    rows = list(template.criteria.order_by("order"))
    return pact_create(
        actor=actor,
        group=group,
        criteria=_tree_with_evidence(rows),
        aggregates=template.aggregates,
        tie_break=template.tie_break,
        source_template=template,
        title=title,
        illustrative=illustrative,
    )


def pact_create_from_previous(*, actor: User | None, group: EmulationGroup) -> Pact:
    """Clone last year's pact of the group this one continues (EmulationGroup.previous)."""
    previous = Pact.objects.filter(group_id=group.previous_id).first() if group.previous_id else None
    if previous is None:
        raise ValidationError(_("«%(group)s» không có giao ước năm trước để sao chép.") % {"group": group})
    rows = list(previous.criteria.order_by("order"))
    return pact_create(
        actor=actor,
        group=group,
        criteria=_tree_with_evidence(rows),
        aggregates=previous.aggregates,
        tie_break=previous.tie_break,
        source_pact=previous,
    )


# Durable: only the criteria screen calls it, never inside another transaction.
@transaction.atomic(durable=True)
def pact_criteria_replace(
    *,
    actor: User | None,
    pact: Pact,
    criteria: list[dict[str, Any]],
    aggregates: list[dict[str, Any]] | None = None,
    tie_break: list[str] | None = None,
) -> Pact:
    """Edit the criteria of a pact that is not signed yet (targets of removed criteria go with them)."""
    pact = Pact.objects.select_for_update().select_related("group").get(pk=pact.pk)
    roles = pact_roles(user=actor, group=pact.group)
    _pact_move(pact.status, Action.EDIT_CRITERIA, roles, group=pact.group)
    if pact.periods.filter(reports__isnull=False).exists():
        raise ValidationError(_("Đã có đơn vị báo cáo theo giao ước này; không thay bộ tiêu chí được."))
    check_criteria(
        _strip_evidence(criteria),
        aggregates if aggregates is not None else pact.aggregates,
        tie_break if tie_break is not None else pact.tie_break,
    )
    old_targets = {
        (t.organisation_id, t.criterion.code): t.value for t in pact.targets.select_related("criterion")
    }
    before = len(pact.criteria.all())
    pact.criteria.all().delete()
    _create_criteria(PactCriterion, "pact", pact, criteria)
    by_code = {c.code: c for c in pact.criteria.filter(method="ratio_to_target")}
    Target.objects.bulk_create(
        Target(pact=pact, organisation_id=org_id, criterion=by_code[code], value=value)
        for (org_id, code), value in old_targets.items()
        if code in by_code
    )
    if aggregates is not None:
        pact.aggregates = aggregates
    if tie_break is not None:
        pact.tie_break = tie_break
    pact.save(update_fields=["aggregates", "tie_break", "updated_at"])
    audit_record(
        actor=actor,
        action="emulation.pact.criteria_replace",
        target=pact,
        changes={"criteria": [before, len(_walk(criteria))]},
    )
    return pact


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def targets_register(
    *, actor: User | None, pact: Pact, organisation: Organisation, targets: dict[str, Any]
) -> list[Target]:
    """A member registers its targets (chỉ tiêu đăng ký) for the ratio_to_target criteria."""
    pact = Pact.objects.select_for_update().select_related("group").get(pk=pact.pk)
    roles = pact_roles(user=actor, group=pact.group, organisation_id=organisation.pk)
    try:
        # Who may register comes before whether the unit is a member, as it always has.
        WORKFLOW.check_role(Action.REGISTER_TARGETS, roles)
    except RoleRefused as error:
        raise PermissionDenied(str(error)) from None
    if not pact.group.memberships.filter(organisation=organisation).exists():
        raise ValidationError(
            _("«%(unit)s» không phải là thành viên của «%(group)s».")
            % {"unit": organisation, "group": pact.group}
        )
    _pact_move(pact.status, Action.REGISTER_TARGETS, roles, group=pact.group)
    criteria = {c.code: c for c in pact.criteria.all()}
    errors: dict[str, list[str]] = {}
    parsed: dict[str, Decimal] = {}
    for code, raw in targets.items():
        criterion = criteria.get(code)
        if criterion is None:
            errors.setdefault(code, []).append(
                _("Không có tiêu chí mã «%(code)s» trong giao ước.") % {"code": code}
            )
            continue
        if criterion.method != "ratio_to_target":
            errors.setdefault(code, []).append(
                _("Tiêu chí %(code)s không chấm theo chỉ tiêu đăng ký.") % {"code": code}
            )
            continue
        try:
            value = read_number(raw)
        except NumberTextError as error:
            errors.setdefault(code, []).append(
                _("%(criterion)s: %(problem)s")
                % {"criterion": criterion_label(code, criterion.name), "problem": error}
            )
            continue
        if value is None or value <= 0:
            errors.setdefault(code, []).append(
                _("Tiêu chí %(code)s (%(name)s): chỉ tiêu phải là số lớn hơn 0.")
                % {"code": code, "name": criterion.name}
            )
            continue
        parsed[code] = value
    if errors:
        raise ValidationError(errors)
    saved = []
    for code, value in parsed.items():
        target, _created = Target.objects.update_or_create(
            pact=pact,
            organisation=organisation,
            criterion=criteria[code],
            defaults={"value": value, "registered_by": actor},
        )
        saved.append(target)
    audit_record(
        actor=actor,
        action="emulation.targets.register",
        target=pact,
        changes={str(organisation): [None, {c: str(v) for c, v in parsed.items()}]},
    )
    return saved


# Not durable: the demo loader (thidua/demo) calls it inside its own transaction.
@transaction.atomic
def pact_sign(*, actor: User | None, pact: Pact, signed_on: dt.date, note: str = "") -> PactSignature:
    """Record the signing: every member must have registered a target for each target criterion."""
    pact = Pact.objects.select_for_update().select_related("group").get(pk=pact.pk)
    new_status = _pact_move(
        pact.status, Action.SIGN, pact_roles(user=actor, group=pact.group), group=pact.group
    )
    ratio = list(pact.criteria.filter(method="ratio_to_target"))
    have = set(pact.targets.values_list("organisation_id", "criterion_id"))
    missing = [
        _("«%(unit)s» chưa đăng ký chỉ tiêu %(code)s (%(name)s)")
        % {"unit": m.organisation, "code": c.code, "name": c.name}
        for m in pact.group.memberships.select_related("organisation").order_by("order")
        for c in ratio
        if (m.organisation_id, c.pk) not in have
    ]
    if missing:
        raise ValidationError(missing)
    snapshot = {
        "criteria": _tree_with_evidence(list(pact.criteria.order_by("order"))),
        "targets": [
            {"organisation": t.organisation.name, "criterion": t.criterion.code, "value": str(t.value)}
            for t in pact.targets.select_related("organisation", "criterion").order_by("organisation__name")
        ],
        "aggregates": pact.aggregates,
        "tie_break": pact.tie_break,
    }
    signature = PactSignature.objects.create(
        pact=pact,
        version=pact.version,
        signed_by=actor,
        signed_on=signed_on,
        snapshot=snapshot,
        note=nfc(note),
    )
    old_status = pact.status
    pact.status = new_status
    pact.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="emulation.pact.sign",
        target=pact,
        changes={"status": [old_status, new_status], "version": [None, pact.version]},
    )
    return signature


# Durable: a top-level action, never inside another transaction.
@transaction.atomic(durable=True)
def pact_reopen(*, actor: User | None, pact: Pact, reason: str) -> Pact:
    """Reopen a signed pact for amendment, with a reason; the next signing records a new version.
    Only the province office may (the head unit signs, but cannot undo a signing). `pact` is
    refreshed and returned."""
    locked = Pact.objects.select_for_update().select_related("group").get(pk=pact.pk)
    roles = pact_roles(user=actor, group=locked.group)
    old_status = locked.status
    locked.status = _pact_move(old_status, Action.REOPEN, roles, group=locked.group, reason=reason)
    locked.version = F("version") + 1
    locked.save(update_fields=["status", "version", "updated_at"])
    pact.refresh_from_db()
    audit_record(
        actor=actor,
        action="emulation.pact.reopen",
        target=pact,
        changes={"status": [old_status, pact.status]},
        reason=reason,
    )
    return pact


# Durable: only the aggregates screen calls it, never inside another transaction.
@transaction.atomic(durable=True)
def pact_aggregates_set(
    *, actor: User | None, pact: Pact, aggregates: list[dict[str, str]], tie_break: list[str]
) -> Pact:
    """Replace the pact's aggregates ({"criterion", "kind", "label"}; the label is the sentence's
    template, optional) and its tie-break codes, in order, while its criteria may be edited (a
    draft, by the province office or the head unit). Checked by the engine's rules
    (scoring.check.definition_problems, worded by row) and then by its parser; all or nothing."""
    pact = Pact.objects.select_for_update().select_related("group").get(pk=pact.pk)
    _pact_move(pact.status, Action.EDIT_CRITERIA, pact_roles(user=actor, group=pact.group), group=pact.group)
    rows = list(pact.criteria.order_by("order"))
    entries = []
    for entry in aggregates:
        item = {"criterion": str(entry.get("criterion", "")).strip(), "kind": str(entry.get("kind", ""))}
        label = nfc(str(entry.get("label") or "")).strip()
        entries.append({**item, "label": label} if label else item)
    codes = [str(code).strip() for code in tie_break]
    methods = {row.code: Method(row.method) if row.method else None for row in rows}
    names = {row.code: row.name for row in rows}
    problems = definition_problems(methods, [(e["criterion"], e["kind"]) for e in entries], codes)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            text = definition_problem_text(problem, names, methods, problem.index + 1)
            errors.setdefault(problem.part, []).append(text)
        raise ValidationError(errors)
    check_criteria(criteria_tree(rows), entries, codes)
    before = {"aggregates": pact.aggregates, "tie_break": pact.tie_break}
    pact.aggregates = entries
    pact.tie_break = codes
    pact.save(update_fields=["aggregates", "tie_break", "updated_at"])
    audit_record(
        actor=actor,
        action="emulation.pact.aggregates_set",
        target=pact,
        changes={
            name: [old, new]
            for name, old, new in (
                ("aggregates", before["aggregates"], entries),
                ("tie_break", before["tie_break"], codes),
            )
            if old != new
        },
    )
    return pact
