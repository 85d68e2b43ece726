"""The audit log as an officer reads it: Vietnam time, actions and fields in words, old → new.

A row's `changes` is JSON written by core.audit._jsonable: model instances as {"id", "repr"}, dates as
ISO text, decimals as text. Everything here but `key_info_for` is pure, so it is tested from tables.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from thidua.core.audit_actions import audit_key_label, audit_key_values
from thidua.core.formatting import vn_number

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# Decimals are stored as text ("225.00"); a plain integer string may be a code ("001"), so only
# text with a decimal point is read as a number.
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
SUMMARY_ROWS = 2


def empty_text() -> str:
    return _("(trống)")


def local_time_text(moment: dt.datetime) -> str:
    """An aware instant as Vietnam reads it: 2026-12-04 11:00 UTC -> "04/12/2026 18:00".

    Converted with the active time zone (settings.TIME_ZONE, Asia/Ho_Chi_Minh), never formatted
    straight from the stored value, which the database hands back in UTC.
    """
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")


@dataclass(frozen=True)
class KeyInfo:
    """What the target's model says about one key of `changes`: its label and, for a field with
    choices, the words for each stored value."""

    label: str
    choices: Mapping[str, str] = field(default_factory=dict)


def value_text(value: Any, choices: Mapping[str, str] | None = None) -> str:
    """One stored value in words: None -> "(trống)", True -> "Có", "2026-12-04" -> "04/12/2026",
    {"id": 3, "repr": "Cụm 1"} -> "Cụm 1", a list -> its items joined with commas."""
    if value is None or value == "" or value == [] or value == {}:
        return empty_text()
    if value is True:
        return _("Có")
    if value is False:
        return _("Không")
    if choices and isinstance(value, str | int) and str(value) in choices:
        return str(choices[str(value)])
    if isinstance(value, int):
        # Plain digits: the ints in a log are years, versions and counts; "2.026" would misread a year.
        return str(value)
    if isinstance(value, float | Decimal):
        return vn_number(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        if "repr" in value:
            return str(value["repr"])
        return "; ".join(f"{key}: {value_text(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_text(item, choices) for item in value)
    return str(value)


def _text(value: str) -> str:
    if _ISO_DATE.match(value):
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    if _ISO_DATETIME.match(value):
        try:
            return local_time_text(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    if _DECIMAL.match(value):
        return vn_number(Decimal(value), len(value.split(".")[1]))
    return value


@dataclass(frozen=True)
class ChangeRow:
    key: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class FactRow:
    """A value recorded as it was at the time (a vote's seats), not a change from one value to another."""

    key: str
    label: str
    value: str


@dataclass(frozen=True)
class ChangesView:
    rows: list[ChangeRow]
    facts: list[FactRow]

    @property
    def summary(self) -> str:
        """The first rows as "Trường: cũ → mới", for the list; the inspect page shows them all."""
        parts = [f"{row.label}: {row.before} → {row.after}" for row in self.rows]
        parts += [f"{fact.label}: {fact.value}" for fact in self.facts]
        if len(parts) > SUMMARY_ROWS:
            more = len(parts) - SUMMARY_ROWS
            parts = [*parts[:SUMMARY_ROWS], _("và %(count)s mục khác") % {"count": more}]
        return "; ".join(parts)


def changes_view(
    changes: Mapping[str, Any],
    *,
    key_info: Callable[[str], KeyInfo],
    is_fact: Callable[[str], bool],
) -> ChangesView:
    """Split `changes` into old → new rows and recorded facts, each in words.

    A value is a change when it is a two-item list [old, new] (what core.audit.diff writes) and the
    action did not declare the key a fact; anything else is a fact.
    """
    rows: list[ChangeRow] = []
    facts: list[FactRow] = []
    if not isinstance(changes, Mapping):
        # Not the documented shape; show it whole rather than drop it.
        return ChangesView(rows=[], facts=[FactRow(key="", label="", value=value_text(changes))])
    for key, value in changes.items():
        info = key_info(key)
        if isinstance(value, list) and len(value) == 2 and not is_fact(key):
            before, after = value
            rows.append(
                ChangeRow(
                    key=key,
                    label=info.label,
                    before=value_text(before, info.choices),
                    after=value_text(after, info.choices),
                )
            )
        else:
            facts.append(FactRow(key=key, label=info.label, value=value_text(value, info.choices)))
    return ChangesView(rows=rows, facts=facts)


def key_info_for(target_type: str) -> Callable[[str], KeyInfo]:
    """Look keys up on the target's model ("org.group"): its field's verbose_name and choices; else a
    label an app registered for the key; else the key itself. Reads the app registry, not the database."""
    try:
        app_label, model_name = target_type.split(".", 1)
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        model = None

    def info(key: str) -> KeyInfo:
        if model is not None:
            try:
                model_field = model._meta.get_field(key)
            except FieldDoesNotExist:
                pass
            else:
                label = str(getattr(model_field, "verbose_name", key))
                choices = {str(v): str(text) for v, text in (getattr(model_field, "flatchoices", None) or [])}
                return KeyInfo(label=capfirst(label), choices=choices or audit_key_values(key))
        registered = audit_key_label(key)
        return KeyInfo(label=capfirst(registered) if registered else key, choices=audit_key_values(key))

    return info
