"""What the audit log's action codes mean, in words an officer reads.

Services write a code such as "emulation.report.save"; the app that owns the code knows what it means,
and core may not import any app (import-linter). Each app therefore hands its table to
`audit_actions_register()` from its AppConfig.ready(), the way core.jobs learns its task runners.
A code nobody registered is shown as the code itself, so an old row never disappears from the log.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

ALL_KEYS = "*"

_labels: dict[str, Any] = {}
_facts: dict[str, frozenset[str]] = {}
_keys: dict[str, Any] = {}
_values: dict[str, dict[str, Any]] = {}


def audit_actions_register(
    labels: Mapping[str, Any],
    *,
    facts: Mapping[str, Collection[str]] | None = None,
    keys: Mapping[str, Any] | None = None,
    values: Mapping[str, Mapping[str, Any]] | None = None,
) -> None:
    """Register an app's action codes.

    labels: code -> label (a lazy Vietnamese string), e.g. {"org.group.delete": _("Xoá cụm, khối thi đua")}.
    facts: code -> the keys of its `changes` that record a value at the time of the action (the seats
      of a vote, a reminder's recipients) instead of a [old, new] pair; ALL_KEYS for every key. Without
      this, a fact that happens to be a list of two names would read as "old → new".
    keys: key -> label for the keys that are not a field of the target's model ("recipients").
    values: key -> {stored code: label} for such a key whose values are codes (a user's roles).
    """
    for code, label in labels.items():
        if code in _labels and _labels[code] != label:
            raise ValueError(f"audit action {code!r} is registered twice with different labels")
        _labels[code] = label
    for code, names in (facts or {}).items():
        _facts[code] = frozenset(names)
    _keys.update(keys or {})
    for key, words in (values or {}).items():
        _values.setdefault(key, {}).update(words)


def audit_action_label(code: str) -> str:
    """The registered label, or the code itself when nobody registered it."""
    label = _labels.get(code)
    return str(label) if label is not None else code


def audit_action_codes() -> frozenset[str]:
    return frozenset(_labels)


def audit_action_is_fact(code: str, key: str) -> bool:
    names = _facts.get(code, frozenset())
    return ALL_KEYS in names or key in names


def audit_key_label(key: str) -> str | None:
    label = _keys.get(key)
    return None if label is None else str(label)


def audit_key_values(key: str) -> dict[str, str]:
    return {code: str(label) for code, label in _values.get(key, {}).items()}
