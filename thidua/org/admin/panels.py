"""The staff home page panel "Đơn vị của tôi": the user's unit and its groups this year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from thidua.org.selectors.groups import groups_visible_to
from thidua.org.selectors.people import people_visible_to
from thidua.org.selectors.scope import user_scope_ids


class MyUnitPanel(Component):
    name = "my_unit"
    order = 50
    template_name = "org/panels/my_unit.html"

    def __init__(self, user: Any, today: dt.date | None = None) -> None:
        self.user = user
        self.today = today or timezone.localdate()

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        organisation = self.user.organisation
        scope = user_scope_ids(user=self.user)
        groups = []
        for group in (
            groups_visible_to(user=self.user, year=self.today.year)
            .filter(memberships__organisation_id__in=scope)
            .distinct()
        ):
            role = (
                _("Cụm trưởng")
                if group.head_id in scope
                else _("Cụm phó")
                if group.deputy_id in scope
                else _("Thành viên")
            )
            groups.append({"group": group, "role": role})
        return {
            "organisation": organisation,
            "groups": groups,
            "people_count": people_visible_to(user=self.user).filter(organisation_id__in=scope).count(),
            "year": self.today.year,
        }
