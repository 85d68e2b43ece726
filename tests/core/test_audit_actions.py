"""Every action code a service writes has a Vietnamese label, registered by the app that owns it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from thidua.core import audit_actions
from thidua.core.audit_actions import audit_action_codes, audit_action_is_fact, audit_action_label

ROOT = Path(__file__).resolve().parents[2] / "thidua"


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _resolve(expr: ast.expr, tree: ast.Module, module: str) -> set[str]:
    """The codes an `action=` expression can take: its literals, or those assigned to the name it uses
    (in the same module, else the module's attribute, e.g. a constant imported from a selector)."""
    if not isinstance(expr, ast.Name):
        return _strings(expr)
    assigned = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == expr.id for t in node.targets)
    ]
    if assigned:
        return set().union(*(_strings(value) for value in assigned))
    return {getattr(importlib.import_module(module), expr.id)}


def _used_codes() -> dict[str, str]:
    used: dict[str, str] = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or (path.name == "audit.py" and path.parent.name == "core"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name != "audit_record":
                continue
            action = next((kw.value for kw in node.keywords if kw.arg == "action"), None)
            assert action is not None, f"{path}:{node.lineno}: audit_record without action="
            codes = _resolve(action, tree, module)
            assert codes, f"{path}:{node.lineno}: cannot tell which action code this is"
            for code in codes:
                used[code] = f"{path.relative_to(ROOT.parent)}:{node.lineno}"
    return used


def test_every_action_code_in_the_source_has_a_label() -> None:
    used = _used_codes()
    # The scan must see the services, or this test would pass on nothing.
    assert {"emulation.report.save", "org.group.delete", "emulation.reminder.sent"} <= set(used)
    assert len(used) >= 30
    missing = {code: where for code, where in used.items() if code not in audit_action_codes()}
    assert missing == {}, f"give these action codes a label in their app's audit_actions.py: {missing}"


def test_no_label_names_a_code_nobody_writes() -> None:
    assert audit_action_codes() - set(_used_codes()) == set()


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("emulation.report.save", "Lưu báo cáo"),
        ("org.group.delete", "Xoá cụm, khối thi đua"),
        ("accounts.user.create", "Tạo tài khoản"),
        ("emulation.period.close", "Khóa kỳ đánh giá"),
        ("some.unknown.code", "some.unknown.code"),  # an old or unregistered code reads as itself
    ],
)
def test_action_label(code: str, label: str) -> None:
    assert audit_action_label(code) == label


def test_facts_are_declared_per_action() -> None:
    assert audit_action_is_fact("emulation.vote.open", "members") is True  # every key of the action
    assert audit_action_is_fact("emulation.vote.close", "leaders") is True
    assert audit_action_is_fact("emulation.vote.close", "status") is False
    assert audit_action_is_fact("org.group.update", "note") is False


def test_a_code_cannot_get_two_labels() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        audit_actions.audit_actions_register({"emulation.report.save": "Khác"})
