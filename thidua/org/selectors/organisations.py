from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.org.models import Organisation


def organisations_visible_to(*, user: Any) -> QuerySet[Organisation]:
    """The list of organisations is reference data: every staff role may read it."""
    if not has_capability(user, Cap.VIEW_REGISTRY):
        return Organisation.objects.none()
    return Organisation.objects.select_related("admin_unit", "parent", "province")


def organisations_active_on(*, on: dt.date) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        Q(established_on__isnull=True) | Q(established_on__lte=on),
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=on),
    )
