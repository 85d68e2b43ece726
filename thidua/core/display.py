"""How a raw field value reads on a staff screen, in one place.

Wagtail's inspect view prints a value as Python gives it: "True", "False", "None". An officer reads
"Có" / "Không" for a yes-or-no field and a dash for a field with nothing in it (the dash the
project's screens already use for "no value").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EMPTY = "–"
YES = _("Có")
NO = _("Không")


def display_value(value: object) -> object:
    """Có / Không for a boolean, EMPTY for None or an empty string; any other value unchanged."""
    if value is True:
        return YES
    if value is False:
        return NO
    if value is None or value == "":
        return EMPTY
    return value
