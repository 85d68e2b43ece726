"""Registers the suy tôn vote screens, the provincial ruleset screens (both in the "Thi đua" menu of
wagtail_hooks_reports.py) and the report-deadline panel of the dashboard in Wagtail's admin.

Imported by thidua/emulation/wagtail_hooks.py, which Wagtail loads.
"""

from __future__ import annotations

from typing import Any

from django.template import engines
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from thidua.core.admin.menu import LinkMenuItem
from thidua.emulation.admin.menu import MENU_HOOK
from thidua.emulation.admin.rulesets import RulesetViewSet
from thidua.emulation.selectors.reminders import periods_due_soon
from thidua.emulation.views import votes as views_votes


@hooks.register("register_admin_urls")
def register_vote_urls() -> list[Any]:
    return [
        path("emulation/votes/", views_votes.vote_index_view, name="emulation_vote_index"),
        path("emulation/votes/open/<int:group_id>/", views_votes.vote_open_view, name="emulation_vote_open"),
        path("emulation/votes/<int:pk>/", views_votes.vote_detail_view, name="emulation_vote_detail"),
        path("emulation/votes/<int:pk>/ballot/", views_votes.ballot_view, name="emulation_vote_ballot"),
        path("emulation/votes/<int:pk>/close/", views_votes.vote_close_view, name="emulation_vote_close"),
        path(
            "emulation/votes/<int:pk>/round/", views_votes.vote_round_open_view, name="emulation_vote_round"
        ),
        path(
            "emulation/votes/<int:pk>/minutes/", views_votes.vote_minutes_view, name="emulation_vote_minutes"
        ),
    ]


@hooks.register(MENU_HOOK)
def register_vote_menu() -> MenuItem:
    return LinkMenuItem(
        _("Bỏ phiếu suy tôn"),
        "emulation_vote_index",
        shown=views_votes.can_use_votes,
        name="emulation-votes",
        icon_name="tick-inverse",
        order=300,
    )


@hooks.register("register_admin_viewset")
def register_ruleset_viewset() -> RulesetViewSet:
    return RulesetViewSet()


# The panel's words come translated from render_html(): makemessages does not read a template kept in
# a Python string.
_PANEL = engines["django"].from_string(
    """{% load wagtailadmin_tags %}{% panel id="report-deadlines" heading=heading classname="w-panel--dashboard" %}
<ul class="listing">{% for d, state in due %}
  <li>{% url "emulation_report_grid" d.period.pk as link %}<strong>{{ d.message }}</strong> – {{ d.group.name }}. {{ state }}{% if link %} <a href="{{ link }}">{{ open_label }}</a>{% endif %}</li>
{% endfor %}</ul>{% endpanel %}"""
)


class ReportDeadlinePanel(Component):
    """The unit officer's reports whose deadline is near (or passed) and that are not sent yet.

    The markup is a few lines kept here, with the panel, rather than in a template file.
    """

    name = "emulation_report_deadlines"
    order = 50

    def __init__(self, user: Any) -> None:
        self.due = periods_due_soon(user=user, today=timezone.localdate())

    def render_html(self, parent_context: Any = None) -> str:
        if not self.due:
            return ""
        due = [
            (
                d,
                gettext("Báo cáo của %(unit)s %(state)s.")
                % {"unit": d.organisation.name, "state": d.state_text},
            )
            for d in self.due
        ]
        return _PANEL.render(
            {"due": due, "heading": gettext("Hạn nộp báo cáo"), "open_label": gettext("Mở báo cáo")}
        )


@hooks.register("construct_homepage_panels")
def add_report_deadline_panel(request: Any, panels: list[Any]) -> None:
    panels.append(ReportDeadlinePanel(request.user))
