"""Who may use the awards registry's Excel imports, and the scope shown on the ratings' screen."""

from __future__ import annotations

from typing import Any

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.org.models import Organisation
from thidua.org.selectors.scope import user_scope_ids


def can_import_ratings(user: Any) -> bool:
    """The province office rates anyone; a unit's officer the own organisation's people
    (services/imports.py checks each row's person)."""
    return bool({Cap.MANAGE_ALL_AWARD_RECORDS, Cap.MANAGE_OWN_AWARD_RECORDS} & capabilities(user))


def ratings_scope_names(user: Any) -> list[str]:
    """For a unit's officer, the units whose people's ratings they may import (shown on the page)."""
    if Cap.MANAGE_ALL_AWARD_RECORDS in capabilities(user):
        return []
    return [str(o) for o in Organisation.objects.filter(pk__in=user_scope_ids(user=user)).order_by("name")]
