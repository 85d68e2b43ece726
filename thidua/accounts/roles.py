"""The fixed roles, what each may do (capabilities) and the model permissions its group carries.

Services and selectors check capabilities (has_capability); the Django model permissions exist so
that Wagtail's admin shows each role the menus it may use. Both are derived from the tables below,
so they cannot drift apart. Object scoping (a member unit officer sees only the own unit's people)
is done by the selectors in each app, on top of these capabilities.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class RoleCode:
    PROVINCE_OFFICER = "province_officer"
    GROUP_HEAD_OFFICER = "group_head_officer"
    MEMBER_OFFICER = "member_officer"
    COUNCIL_MEMBER = "council_member"
    PORTAL_EDITOR = "portal_editor"
    EDITOR_IN_CHIEF = "editor_in_chief"
    SYSTEM_ADMIN = "system_admin"


class Cap:
    """Capabilities. 'own' means: limited to the user's organisation and its departments."""

    VIEW_REGISTRY = "org.view_registry"
    MANAGE_UNITS = "org.manage_units"
    MANAGE_ORGANISATIONS = "org.manage_organisations"
    VIEW_ALL_PEOPLE = "org.view_all_people"
    VIEW_OWN_PEOPLE = "org.view_own_people"
    MANAGE_ALL_PEOPLE = "org.manage_all_people"
    MANAGE_OWN_PEOPLE = "org.manage_own_people"
    VIEW_ALL_PERSONAL_DATA = "org.view_all_personal_data"
    VIEW_ALL_GROUPS = "org.view_all_groups"
    VIEW_OWN_GROUPS = "org.view_own_groups"
    MANAGE_GROUPS = "org.manage_groups"
    VIEW_AUDIT = "core.view_audit"
    # Emulation: pacts and periods are set up by the province; units report for themselves; the
    # head unit appraises (decided per group by the selectors, not by a capability).
    MANAGE_EMULATION = "emulation.manage"
    REPORT_EMULATION = "emulation.report"
    VIEW_ALL_EMULATION = "emulation.view_all"
    MANAGE_USERS = "accounts.manage_users"
    # Awards registry (#12): the province office records decisions (it prepares them for the
    # chairman's signature); a unit keeps its own people's ratings, initiatives, discipline and open
    # matters, and reads the decisions and histories of its own people and unit; the council reads all.
    MANAGE_AWARD_DECISIONS = "awards.manage_decisions"
    MANAGE_ALL_AWARD_RECORDS = "awards.manage_all_records"
    MANAGE_OWN_AWARD_RECORDS = "awards.manage_own_records"
    VIEW_ALL_AWARDS = "awards.view_all"
    VIEW_OWN_AWARDS = "awards.view_own"
    # Proposals (#12): a unit proposes its own people and collectives; the province office appraises,
    # runs the council's vote and records the decision; a council member casts ballots.
    PROPOSE_AWARDS = "awards.propose"
    MANAGE_PROPOSALS = "awards.manage_proposals"
    VOTE_IN_COUNCIL = "awards.council_vote"


@dataclass(frozen=True)
class RoleSpec:
    code: str
    name: str
    capabilities: frozenset[str]
    # "app_label.codename" of the Django permissions the role's group carries.
    permissions: frozenset[str]


_ORG_MODELS = (
    "adminunit",
    "unitlineage",
    "organisation",
    "person",
    "personposition",
    "emulationgroup",
    "groupmembership",
)
_EM_MODELS = ("ruleset", "criteriatemplate", "pact", "period", "report", "vote")
_AW_DECISION_MODELS = ("awarddecision", "awardrecipient")
_AW_RECORD_MODELS = ("taskrating", "initiative", "discipline", "pendingmatter")
_AW_PROPOSAL_MODELS = ("proposal", "council", "councilmember", "councilthreshold")
_ADMIN = "wagtailadmin.access_admin"
# The portal's editors answer the contact page's messages (the page rights come from Wagtail's page
# permissions, given by thidua.portal.services.editorial.editorial_setup).
_PORTAL_FEEDBACK_PERMS = {"portal.view_feedback", "portal.change_feedback"}


def _perms(models: tuple[str, ...], actions: tuple[str, ...], app: str = "org") -> set[str]:
    return {f"{app}.{action}_{model}" for model in models for action in actions}


_ALL = ("view", "add", "change", "delete")
_MANAGER_CAPS = {
    Cap.VIEW_REGISTRY,
    Cap.MANAGE_UNITS,
    Cap.MANAGE_ORGANISATIONS,
    Cap.VIEW_ALL_PEOPLE,
    Cap.MANAGE_ALL_PEOPLE,
    Cap.VIEW_ALL_PERSONAL_DATA,
    Cap.VIEW_ALL_GROUPS,
    Cap.MANAGE_GROUPS,
    Cap.VIEW_AUDIT,
    Cap.MANAGE_EMULATION,
    Cap.VIEW_ALL_EMULATION,
    Cap.MANAGE_AWARD_DECISIONS,
    Cap.MANAGE_ALL_AWARD_RECORDS,
    Cap.VIEW_ALL_AWARDS,
    Cap.MANAGE_PROPOSALS,
}
_MANAGER_PERMS = (
    {_ADMIN, "core.view_auditevent", "core.view_job"}
    | _perms(_ORG_MODELS, _ALL)
    | _perms(_EM_MODELS, _ALL, "emulation")
    | _perms(_AW_DECISION_MODELS + _AW_RECORD_MODELS + _AW_PROPOSAL_MODELS, _ALL, "awards")
)
_UNIT_OFFICER_CAPS = frozenset(
    {
        Cap.VIEW_REGISTRY,
        Cap.VIEW_OWN_PEOPLE,
        Cap.MANAGE_OWN_PEOPLE,
        Cap.VIEW_OWN_GROUPS,
        Cap.REPORT_EMULATION,
        Cap.VIEW_OWN_AWARDS,
        Cap.MANAGE_OWN_AWARD_RECORDS,
        Cap.PROPOSE_AWARDS,
    }
)
_UNIT_OFFICER_PERMS = frozenset(
    {_ADMIN, "core.view_job"}
    | _perms(("adminunit", "organisation", "emulationgroup"), ("view",))
    | _perms(("person",), ("view", "add", "change"))
    | _perms(("pact", "period", "report", "vote"), ("view",), "emulation")
    | _perms(_AW_DECISION_MODELS, ("view",), "awards")
    | _perms(_AW_RECORD_MODELS, ("view", "add", "change"), "awards")
    | _perms(("proposal",), ("view", "add", "change"), "awards")
)

ROLES: dict[str, RoleSpec] = {
    spec.code: spec
    for spec in (
        RoleSpec(
            RoleCode.PROVINCE_OFFICER,
            _("Cán bộ Ban Thi đua – Khen thưởng tỉnh"),
            frozenset(_MANAGER_CAPS),
            frozenset(_MANAGER_PERMS),
        ),
        RoleSpec(
            RoleCode.GROUP_HEAD_OFFICER,
            _("Cán bộ đơn vị Cụm trưởng, Khối trưởng"),
            _UNIT_OFFICER_CAPS,
            _UNIT_OFFICER_PERMS,
        ),
        RoleSpec(
            RoleCode.MEMBER_OFFICER,
            _("Cán bộ phụ trách thi đua, khen thưởng của đơn vị"),
            _UNIT_OFFICER_CAPS,
            _UNIT_OFFICER_PERMS,
        ),
        RoleSpec(
            RoleCode.COUNCIL_MEMBER,
            _("Thành viên Hội đồng Thi đua – Khen thưởng"),
            frozenset(
                {
                    Cap.VIEW_REGISTRY,
                    Cap.VIEW_ALL_PEOPLE,
                    Cap.VIEW_ALL_GROUPS,
                    Cap.VIEW_ALL_EMULATION,
                    Cap.VIEW_ALL_AWARDS,
                    Cap.VOTE_IN_COUNCIL,
                }
            ),
            frozenset(
                {_ADMIN}
                | _perms(("adminunit", "organisation", "person", "emulationgroup"), ("view",))
                | _perms(
                    ("criteriatemplate", "ruleset", "pact", "period", "report", "vote"),
                    ("view",),
                    "emulation",
                )
                | _perms(_AW_DECISION_MODELS + _AW_RECORD_MODELS + ("proposal",), ("view",), "awards")
            ),
        ),
        RoleSpec(
            RoleCode.PORTAL_EDITOR,
            _("Biên tập viên cổng thông tin"),
            frozenset(),
            frozenset({_ADMIN} | _PORTAL_FEEDBACK_PERMS),
        ),
        RoleSpec(
            RoleCode.EDITOR_IN_CHIEF,
            _("Trưởng Ban biên tập"),
            frozenset(),
            frozenset({_ADMIN} | _PORTAL_FEEDBACK_PERMS),
        ),
        RoleSpec(
            RoleCode.SYSTEM_ADMIN,
            _("Quản trị hệ thống"),
            frozenset(_MANAGER_CAPS | {Cap.MANAGE_USERS}),
            frozenset(
                _MANAGER_PERMS
                | {
                    "accounts.add_user",
                    "accounts.change_user",
                    "accounts.delete_user",
                    "accounts.view_user",
                    "auth.view_group",
                    "auth.change_group",
                }
            ),
        ),
    )
}
