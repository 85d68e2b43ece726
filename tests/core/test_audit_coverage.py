"""Every state change leaves an audit row with its actor, its old and new values and, where the action
takes one, its reason.

Two checks: a walk over every service module (thidua/*/services) that finds each public service
taking an `actor` and follows its calls to an audit_record(); and a table of the main state changes
of the workflows, run through the services, asserting what each row holds.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

import thidua
from tests.awards import proposal_builders as pb
from tests.emulation.fixtures import build_pact, good_values
from thidua.core.models import AuditEvent

ROOT = Path(thidua.__file__).parent
AUDIT_WRITERS = {"audit_record", "audit_record_many"}
# Public services taking an actor that write no audit row themselves, each with the reason why.
NOT_AUDITED = {
    # Only queue a background job (a Job row, the progress bar); the job's task saves through the
    # import services, which write one row per record (audit_record_many).
    "import_schedule": "queues the import; its task's services audit each record",
    "import_check_schedule": "queues a dry run that saves nothing",
}


def _service_calls() -> tuple[dict[str, set[str]], dict[str, str]]:
    """Each service module's functions: the names each one calls (or passes on), and which of them are
    public services taking an `actor` keyword (name -> module path)."""
    calls: dict[str, set[str]] = {}
    public: dict[str, str] = {}
    modules = sorted([*ROOT.glob("*/services/**/*.py"), *ROOT.glob("*/services.py")])
    assert len(modules) > 20
    for path in modules:
        for node in ast.parse(path.read_text("utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            names = calls.setdefault(node.name, set())
            for sub in ast.walk(node):
                if isinstance(sub, ast.Name):
                    names.add(sub.id)
                elif isinstance(sub, ast.Attribute):
                    names.add(sub.attr)
            if not node.name.startswith("_") and "actor" in {arg.arg for arg in node.args.kwonlyargs}:
                public[node.name] = str(path.relative_to(ROOT.parent))
    return calls, public


def test_every_service_reaches_an_audit_row() -> None:
    calls, public = _service_calls()
    auditing = set(AUDIT_WRITERS)
    grown = True
    while grown:  # a service audits if it, or a service or helper it calls, writes the row
        before = len(auditing)
        auditing |= {name for name, called in calls.items() if called & auditing}
        grown = len(auditing) > before
    silent = {name: path for name, path in public.items() if name not in auditing and name not in NOT_AUDITED}
    assert silent == {}, "services that change state without an audit row"
    assert set(NOT_AUDITED) <= set(public), "an exemption names a service that no longer exists"
    assert len(public) > 80


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _submitted_report(world: Any, personas: dict[str, Any]) -> Any:
    from thidua.emulation.services.reports import evidence_add, report_open, report_save, report_submit

    member = personas["member"]
    period = build_pact(world, personas["province"]).period
    report = report_open(actor=member, period=period, organisation=world.other)
    report = report_save(actor=member, report=report, version=report.version, values=good_values())
    evidence_add(actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile("tk.pdf", PDF))
    report.refresh_from_db()
    return report_submit(actor=member, report=report, version=report.version)


def _report_return(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    from thidua.emulation.services.reports import report_return

    report = _submitted_report(world, personas)
    return personas["head"], report_return(actor=personas["head"], report=report, reason="Số liệu chưa khớp")


def _report_appraise(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    from thidua.emulation.services.reports import report_appraise

    report = _submitted_report(world, personas)
    values = {"2.1": {"value": "70", "note": "Thiếu minh chứng"}}
    head = personas["head"]
    return head, report_appraise(actor=head, report=report, version=report.version, values=values)


def _pact_reopen(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    from thidua.emulation.services.pacts import pact_reopen

    pact = build_pact(world, personas["province"]).pact
    return personas["province"], pact_reopen(actor=personas["province"], pact=pact, reason="Sửa chỉ tiêu")


def _proposal_submit(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    return personas["member"], pb.submitted(personas["member"], world.other, world.other_person)


def _proposal_return(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    from thidua.awards.services.proposals import proposal_return

    proposal = pb.submitted(personas["member"], world.other, world.other_person)
    province = personas["province"]
    return province, proposal_return(actor=province, proposal=proposal, reason="Thiếu biên bản")


def _proposal_withdraw(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    from thidua.awards.services.proposals import proposal_withdraw

    member = personas["member"]
    proposal = pb.draft(member, world.other)
    return member, proposal_withdraw(actor=member, proposal=proposal, reason="Đơn vị rút hồ sơ")


def _proposal_decide(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    province, member = personas["province"], personas["member"]
    proposal = pb.voted(
        province,
        member,
        world.other,
        world.other_person,
        pb.council([personas["council"]]),
        [personas["council"]],
    )
    pb.decide(province, proposal, world.office)
    proposal.refresh_from_db()
    return province, proposal


def _group_delete(world: Any, personas: dict[str, Any]) -> tuple[Any, Any]:
    from thidua.org.services.groups import group_delete

    group = world.group
    group_delete(actor=personas["province"], group=group, reason="Lập nhầm cụm")
    return personas["province"], group


# action, how to cause it (returns the actor and the target), the reason the row must carry ("" when
# the action takes none).
STATE_CHANGES: list[tuple[str, Callable[[Any, dict[str, Any]], tuple[Any, Any]], str]] = [
    ("emulation.report.return", _report_return, "Số liệu chưa khớp"),
    ("emulation.report.appraise", _report_appraise, ""),
    ("emulation.pact.reopen", _pact_reopen, "Sửa chỉ tiêu"),
    ("awards.proposal.submit", _proposal_submit, ""),
    ("awards.proposal.return", _proposal_return, "Thiếu biên bản"),
    ("awards.proposal.withdraw", _proposal_withdraw, "Đơn vị rút hồ sơ"),
    ("awards.proposal.decide", _proposal_decide, ""),
    ("org.group.delete", _group_delete, "Lập nhầm cụm"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "cause", "reason"), STATE_CHANGES, ids=[row[0] for row in STATE_CHANGES])
def test_the_main_state_changes_are_recorded(
    world: Any, personas: dict[str, Any], action: str, cause: Any, reason: str
) -> None:
    actor, target = cause(world, personas)
    row = AuditEvent.objects.filter(action=action).latest("id")
    assert row.actor_id == actor.pk and row.actor_name == actor.get_full_name()
    assert (row.target_type, row.target_id) == (target._meta.label_lower, str(target.pk))
    assert row.created_at is not None
    # old and new values: {field: [old, new]}, at least one field that really changed
    assert row.changes and any(
        isinstance(v, list) and len(v) == 2 and v[0] != v[1] for v in row.changes.values()
    ), row.changes
    assert row.reason == reason
