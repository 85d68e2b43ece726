"""Every URL of the project against every role: a table, and a test that fails on an unclassified URL.

The URLs are enumerated from the resolver (Wagtail's admin and every app's admin screens registered
through hooks and viewsets included), so a new screen or API endpoint fails the test until it is put
in the table. Path parameters are filled with real objects of the demo's world, built once for the
module: the member unit officer's own unit's objects, and (for the IDOR table) another unit's.

Outcomes: Y allowed (2xx, or 3xx that is not a refusal); n denied (401, 403, 404, or a redirect to the
login or to the admin's home, which is how Wagtail refuses a screen); m 405 (a POST-only URL); * Wagtail's
own generic screens, where Wagtail's permissions decide: anything but a server error; ? not checked.

Our screens (the thidua apps, the API) are listed one by one in TABLE; Wagtail's own by prefix in
GENERIC. The API (api/v1/) has no prefix rule on purpose: a new endpoint fails
test_every_url_is_classified until it has its row. Every state-changing URL is also posted to by each
role the table refuses, and the row counts of the project's tables (the audit log's included) must not
move. The IDOR test asks, as the member unit officer, for another unit's object at every URL that takes
an id (reports, evidence files, proposals, items, dossier documents, people, ratings, initiatives,
jobs, the API's reports, people and proposals…).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from thidua.accounts.models import User
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.core.models import AuditEvent, Job

ROLES = ("anon", "province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider")
DEMO_USERS = {
    "province": "tinh",
    "head": "cumtruong",
    "member": "donvi",
    "council": "hoidong",
    "editor": "bientap",
    "chief": "tongbientap",
}


def routes() -> Iterator[tuple[str, str]]:
    """(route, name) of every URL pattern, the route written as its patterns joined."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or ""
                yield prefix + str(pattern.pattern), f"{namespace}:{name}" if namespace else name

    yield from walk(get_resolver(), "", "")


@dataclass
class Matrix:
    users: dict[str, User]
    ids: dict[str, Any]  # parameter values for the member officer's own unit (or province-wide)
    other: dict[str, Any]  # the same parameters for another unit's objects


MISSING: list[str] = []


def _pk(queryset: Any) -> Any:
    obj = queryset.order_by("pk").first()
    if obj is None:
        MISSING.append(queryset.model.__name__)
        return 0
    return obj.pk


def _first(queryset: Any) -> Any:
    obj = queryset.order_by("pk").first()
    assert obj is not None, f"the demo has no {queryset.model.__name__}"
    return obj


def _build() -> Matrix:
    from thidua.awards.models import (
        AwardDecision,
        CouncilThreshold,
        Discipline,
        Initiative,
        PendingMatter,
        Proposal,
        ProposalDocument,
        ProposalItem,
        ProvincialCriterion,
        TaskRating,
    )
    from thidua.demo import loader
    from thidua.emulation.models import CriteriaTemplate, Evidence, Pact, Period, Report, Ruleset, Vote
    from thidua.org.models import AdminUnit, EmulationGroup, Organisation, Person
    from thidua.portal.models import Feedback

    call_command("org_load_units", province=["86"], verbosity=0)
    loader.load_demo()
    # The demo's accounts sign in only while THIDUA_DEMO is on; here they stand for real officers.
    User.objects.filter(username__in=DEMO_USERS.values()).update(is_demo=False)
    users = {role: User.objects.get(username=name) for role, name in DEMO_USERS.items()}
    users["sysadmin"] = user_create(
        actor=None,
        username="matrix-sysadmin",
        password="pw",
        full_name="Quản trị",
        roles=[RoleCode.SYSTEM_ADMIN],
    )
    users["outsider"] = user_create(
        actor=None,
        username="matrix-outsider",
        password="pw",
        full_name="Không vai trò",
        organisation=users["member"].organisation,
    )
    own, other = users["member"].organisation, users["head"].organisation
    open_period = _first(Period.objects.filter(closed_at__isnull=True))
    closed_period = _first(Period.objects.filter(closed_at__isnull=False))
    own_report = _first(Report.objects.filter(organisation=own))
    other_report = _first(Report.objects.filter(organisation=other))
    evidence = {}
    for key, report in (("own", own_report), ("other", other_report)):
        value = _first(report.values.all())
        found = Evidence.objects.filter(value__report=report).first()
        if found is None:
            found = Evidence(
                value=value, original_name="minh-chung.pdf", content_type="application/pdf", size=4
            )
            found.file.save("minh-chung.pdf", ContentFile(b"%PDF"), save=False)
            found.save()
        evidence[key] = found
    own_proposal = _first(Proposal.objects.filter(organisation=own))
    other_proposal = _first(Proposal.objects.exclude(organisation=own))
    vote = _first(Vote.objects.all())
    decision = _first(AwardDecision.objects.all())
    criterion = _first(ProvincialCriterion.objects.all()) if ProvincialCriterion.objects.exists() else None
    jobs = {
        key: Job.objects.create(kind="org.import.check", title="Kiểm tra", created_by=user)
        for key, user in (("own", users["member"]), ("other", users["head"]))
    }

    def registry(model: Any, org: Organisation) -> Any:
        found = model.objects.filter(person__organisation=org).order_by("pk").first()
        return found.pk if found else 0

    common = {
        "kind": "people",
        "period_pk": open_period.pk,
        "closed_period_pk": closed_period.pk,
        "pact_pk": open_period.pact_id,
        "vote_pk": vote.pk,
        "group_id": vote.group_id,
        "decision_pk": decision.pk,
        "template_pk": _pk(CriteriaTemplate.objects.all()),
        "ruleset_pk": _pk(Ruleset.objects.all()),
        "group_pk": _first(EmulationGroup.objects.all()).pk,
        "unit_pk": _first(AdminUnit.objects.filter(level="commune")).pk,
        "threshold_pk": _first(CouncilThreshold.objects.all()).pk if CouncilThreshold.objects.exists() else 0,
        "criterion_pk": criterion.pk if criterion else 0,
        "feedback_pk": Feedback.objects.order_by("pk").first().pk if Feedback.objects.exists() else 0,
        "audit_pk": _first(AuditEvent.objects.all()).pk,
        "pact_obj": Pact.objects.get(pk=open_period.pact_id),
    }

    def side(org: Organisation, report: Any, ev: Any, proposal: Any, job: Job) -> dict[str, Any]:
        item = ProposalItem.objects.filter(proposal=proposal).order_by("pk").first()
        document = ProposalDocument.objects.filter(proposal=proposal).order_by("pk").first()
        return {
            **common,
            "organisation_pk": org.pk,
            "person_pk": _first(Person.objects.filter(organisation=org)).pk,
            "report_pk": report.pk,
            "evidence_pk": ev.pk,
            "proposal_pk": proposal.pk,
            "item_id": item.pk if item else 0,
            "document_id": document.pk if document else 0,
            "job_id": job.pk,
            "rating_pk": registry(TaskRating, org),
            "initiative_pk": registry(Initiative, org),
            "discipline_pk": registry(Discipline, org),
            "pending_pk": registry(PendingMatter, org),
            "user_pk": _first(User.objects.filter(organisation=org)).pk,
        }

    return Matrix(
        users=users,
        ids=side(own, own_report, evidence["own"], own_proposal, jobs["own"]),
        other=side(other, other_report, evidence["other"], other_proposal, jobs["other"]),
    )


@pytest.fixture(scope="module")
def matrix(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Matrix]:
    """The demo's world, built once for the module inside a transaction rolled back at the end; each
    test runs in a savepoint of it. Marked as a test case's block so that durable services accept it."""
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block._from_testcase = True  # type: ignore[attr-defined]
        block.__enter__()
        try:
            yield _build()
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)


# Which object fills an <int:pk> (or <int:…_id>) under each prefix; the longest prefix wins.
PK_BY_PREFIX = {
    "admin/emulation/periods/": "period_pk",
    "admin/emulation/pacts/": "pact_pk",
    "admin/emulation/reports/": "report_pk",
    "admin/emulation/evidence/": "evidence_pk",
    "admin/emulation/votes/": "vote_pk",
    "admin/emulation/templates/": "template_pk",
    "admin/emulation/rulesets/": "ruleset_pk",
    "admin/awards/proposals/": "proposal_pk",
    "admin/awards/councils/thresholds/": "threshold_pk",
    "admin/awards/timeline/person/": "person_pk",
    "admin/awards/timeline/organisation/": "organisation_pk",
    "admin/awards/criteria/delete/": "criterion_pk",
    "admin/awards/decisions/": "decision_pk",
    "admin/awards/ratings/": "rating_pk",
    "admin/awards/initiatives/": "initiative_pk",
    "admin/awards/discipline/": "discipline_pk",
    "admin/awards/pending/": "pending_pk",
    "admin/cong-thong-tin/gop-y/": "feedback_pk",
    "admin/documents/periods/": "closed_period_pk",
    "admin/documents/votes/": "vote_pk",
    "admin/documents/pacts/": "pact_pk",
    "admin/documents/decisions/": "decision_pk",
    # Not "1": ids depend on the database's sequences (PostgreSQL does not rewind them on rollback).
    "admin/documents/proposals/": "proposal_pk",
    "admin/org/groups/": "group_pk",
    "admin/org/organisations/": "organisation_pk",
    "admin/org/people/": "person_pk",
    "admin/org/units/": "unit_pk",
    "admin/audit/": "audit_pk",
    # The awards choosers pick a person or a collective by its id (chosen/<pk>/).
    "admin/awards/choosers/people/": "person_pk",
    "admin/awards/choosers/organisations/": "organisation_pk",
    "admin/users/two-factor-reset/": "user_pk",
}
# The API's resources (api/v1/<kind>/<pk>/) and the object of each.
API_PK = {
    "units": "unit_pk",
    "organisations": "organisation_pk",
    "people": "person_pk",
    "groups": "group_pk",
    "pacts": "pact_pk",
    "periods": "period_pk",
    "reports": "report_pk",
    "decisions": "decision_pk",
    "proposals": "proposal_pk",
}
# Parameters named alike everywhere.
BY_NAME = {
    "organisation_pk": "organisation_pk",
    "organisation_id": "organisation_pk",
    "item_id": "item_id",
    "document_id": "document_id",
    "vote_id": "vote_pk",
    "group_id": "group_id",
    "job_id": "job_id",
    "kind": "kind",
}
FIXED = {
    "action": "submit",
    "fmt": "docx",
    "token": "khong-co",
    "rule_set": "nd_152_2025",
    "award": "lao_dong_tien_tien",
}
_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")


def _from_regex(route: str, ids: dict[str, Any]) -> str | None:
    """A router's regex route (the API's) with its named groups filled; None for Wagtail's catch-alls."""
    if not route.startswith("api/"):
        return None
    prefix = route.split("^")[0]
    body = route[len(prefix) :].lstrip("^").rstrip("$")
    kind = body.split("/")[0].split("\\")[0]

    def value(match: re.Match[str]) -> str:
        if match["name"] == "format":
            return "json"
        if match["name"] in BY_NAME:  # a nested id: a proposal's item
            return str(ids[BY_NAME[match["name"]]])
        return str(ids[API_PK.get(kind, "0")]) if kind in API_PK else "1"

    body = _REGEX_GROUP.sub(value, body).replace("\\.", ".").replace("/?", "")
    return "/" + prefix + body


def concrete(route: str, ids: dict[str, Any]) -> str | None:
    """The route with its parameters filled; None for a regex route (Wagtail's own, see GENERIC)."""
    if "^" in route or "(" in route:
        return _from_regex(route, ids)
    prefix = max((p for p in PK_BY_PREFIX if route.startswith(p)), key=len, default=None)

    def value(match: re.Match[str]) -> str:
        name = match["name"]
        if name == "kind" and route.startswith("admin/awards/"):
            return "ratings"
        if name in FIXED:
            return FIXED[name]
        if name in BY_NAME:
            return str(ids[BY_NAME[name]])
        if name == "pk" and prefix:
            return str(ids[PK_BY_PREFIX[prefix]])
        if name == "pk" and route.startswith("admin/org/units/chooser/"):
            return str(ids["unit_pk"])
        return "1"

    return "/" + _PARAM.sub(value, route)


def outcome(response: Any) -> str:
    code = response.status_code
    if code >= 500:
        return "E"
    if code in (401, 403, 404):
        return "n"
    if 300 <= code < 400:
        path = urlsplit(response["Location"]).path
        return "n" if path.startswith(("/admin/login/", "/_util/login/")) or path == "/admin/" else "Y"
    if code < 300:
        return "Y"
    return {405: "m", 400: "b"}.get(code, str(code))


def clients(matrix: Matrix) -> dict[str, Client]:
    result = {"anon": Client(raise_request_exception=False)}
    for role in ROLES[1:]:
        result[role] = Client(raise_request_exception=False)
        result[role].force_login(matrix.users[role])
    return result


# --- The table -----------------------------------------------------------------------------------
# One letter per role, in the order of ROLES:
#   anon province head member council editor chief sysadmin outsider
# Y allowed, n denied, m 405 (the URL takes POST only), * Wagtail decides (anything but a 5xx).

# Wagtail's own screens, by prefix (the longest wins). Wagtail's permissions decide inside its admin;
# what the project guarantees is that nobody without a role (and no anonymous visitor) gets in, and
# that only the system admin reaches the accounts and their groups.
GENERIC: list[tuple[str, str]] = [
    ("admin/", "n*******n"),
    ("admin/users/", "nnnnnnn*n"),
    ("admin/groups/", "nnnnnnn*n"),
    ("admin/login/", "Y*******Y"),
    ("admin/password_reset/", "YYYYYYYYY"),
    ("admin/jsi18n/", "YYYYYYYYY"),
    ("admin/sprite/", "YYYYYYYYY"),
    # Wagtail's deliberate error page, and a POST-only view of Wagtail's that fails on a GET.
    ("admin/failwhale/", "n???????n"),
    ("admin/pages/<int:page_to_move_id>/set_position/", "n???????n"),
    # The public site: Wagtail serves pages and documents by their own privacy rules.
    ("documents/", "*********"),
    ("_util/", "*********"),
    ("^", "*********"),
]
TABLE: dict[str, str] = {
    "healthz": "YYYYYYYYY",
    "admin/": "nYYYYYYYn",
    "admin/xac-thuc-hai-buoc/": "nYYYYYYYn",
    "admin/xac-thuc-hai-buoc/nhap-ma/": "nYYYYYYYn",
    "admin/dang-nhap-that-bai/": "nYnnnnnYn",
    # A system admin resets another account's second factor (a lost phone); one of the unit's accounts.
    "admin/users/two-factor-reset/<str:pk>/": "nnnnnnnYn",
    "admin/org/excel/<str:kind>/import/": "nYYYnnnYn",
    "admin/org/excel/<str:kind>/import/confirm/": "nmmmmmmmn",
    "admin/org/excel/<str:kind>/import/failed/": "nYYYnnnYn",
    "admin/org/excel/<str:kind>/import/checked/<uuid:job_id>/": "nnnnnnnnn",
    "admin/org/excel/<str:kind>/template/": "nYYYnnnYn",
    "admin/org/excel/<str:kind>/export/": "nYYYYnnYn",
    "admin/org/groups/copy-next-year/<int:pk>/": "nYnnYnnYn",
    "admin/emulation/periods/<int:pk>/dashboard/": "nYYYYnnYn",
    "admin/emulation/periods/<int:pk>/export.xlsx": "nYYYYnnYn",
    "admin/emulation/pacts/": "nYYYYnnYn",
    "admin/emulation/pacts/new/": "nnnnnnnnn",
    "admin/emulation/pacts/<int:pk>/": "nYYYYnnYn",
    "admin/emulation/pacts/<int:pk>/criteria/": "nYYnnnnYn",
    "admin/emulation/pacts/<int:pk>/targets/<int:organisation_pk>/": "nYnYnnnYn",
    "admin/emulation/pacts/<int:pk>/sign/": "nYYnnnnYn",
    "admin/emulation/pacts/<int:pk>/reopen/": "nYnnnnnYn",
    "admin/emulation/pacts/<int:pk>/aggregates/": "nYYnnnnYn",
    "admin/emulation/pacts/<int:pk>/periods/new/": "nYYnnnnYn",
    "admin/emulation/periods/": "nYYYYnnYn",
    "admin/emulation/periods/<int:pk>/": "nYYYYnnYn",
    "admin/emulation/periods/<int:pk>/close/": "nmmmmmmmn",
    "admin/emulation/periods/<int:pk>/report/": "nnYYnnnnn",
    "admin/emulation/periods/<int:pk>/report/points/": "nmmmmmmmn",
    "admin/emulation/periods/<int:pk>/reports/": "nYYYYnnYn",
    "admin/emulation/reports/<int:pk>/": "nYnYYnnYn",
    "admin/emulation/evidence/<int:pk>/download/": "nYnYYnnYn",
    "admin/emulation/votes/": "nYYYYnnYn",
    "admin/emulation/votes/open/<int:group_id>/": "nYnnnnnYn",
    "admin/emulation/votes/<int:pk>/": "nYnnYnnYn",
    "admin/emulation/votes/<int:pk>/ballot/": "nnnnnnnnn",
    "admin/emulation/votes/<int:pk>/close/": "nYnnnnnYn",
    "admin/emulation/votes/<int:pk>/round/": "nYnnnnnYn",
    "admin/emulation/votes/<int:pk>/minutes/": "nYnnYnnYn",
    "admin/awards/excel/<str:kind>/import/": "nYYYnnnYn",
    "admin/awards/excel/<str:kind>/import/confirm/": "nmmmmmmmn",
    "admin/awards/excel/<str:kind>/import/failed/": "nYYYnnnYn",
    "admin/awards/excel/<str:kind>/import/checked/<uuid:job_id>/": "nnnnnnnnn",
    "admin/awards/excel/<str:kind>/template/": "nYYYnnnYn",
    "admin/awards/excel/<str:kind>/export/": "nnnnnnnnn",
    "admin/awards/proposals/": "nYYYYnnYn",
    "admin/awards/proposals/new/": "nnYYnnnnn",
    "admin/awards/proposals/<int:pk>/": "nYnYYnnYn",
    "admin/awards/proposals/<int:pk>/items/": "nmmmmmmmn",
    "admin/awards/proposals/<int:pk>/items/<int:item_id>/remove/": "nmmmmmmmn",
    "admin/awards/proposals/<int:pk>/documents/": "nmmmmmmmn",
    "admin/awards/proposals/<int:pk>/documents/<int:document_id>/remove/": "nmmmmmmmn",
    "admin/awards/proposals/<int:pk>/documents/<int:document_id>/": "nYnYYnnYn",
    "admin/awards/proposals/<int:pk>/do/<str:action>/": "nmmmmmmmn",
    "admin/awards/proposals/<int:pk>/ballot/": "nnnnYnnnn",
    "admin/awards/proposals/<int:pk>/written-ballot/": "nnnnnnnnn",
    "admin/awards/proposals/<int:pk>/decide/": "nnnnnnnnn",
    "admin/awards/councils/": "nYnnYnnYn",
    "admin/awards/councils/new/": "nYnnnnnYn",
    "admin/awards/councils/thresholds/": "nmmmmmmmn",
    "admin/awards/councils/thresholds/<int:pk>/remove/": "nmmmmmmmn",
    "admin/awards/proposals/from-vote/<int:vote_id>/<int:organisation_id>/": "nmmmmmmmn",
    "admin/awards/timeline/": "nYYYYnnYn",
    "admin/awards/timeline/person/<int:pk>/": "nYnYYnnYn",
    "admin/awards/timeline/organisation/<int:pk>/": "nYnYYnnYn",
    "admin/awards/criteria/": "nYYYYnnYn",
    "admin/awards/criteria/delete/<int:pk>/": "nnnnnnnnn",
    "admin/awards/criteria/<path:rule_set>/<slug:award>/": "nnnnnnnnn",
    "admin/cong-thong-tin/gop-y/": "nnnnnYYnn",
    "admin/cong-thong-tin/gop-y/<int:pk>/": "nnnnnnnnn",
    "admin/cong-thong-tin/cong-bo-ket-qua/": "nYYnnnnYn",
    "admin/documents/periods/<int:pk>/report.<str:fmt>": "nYnnYnnYn",
    "admin/documents/periods/<int:pk>/article/": "nmmmmmmmn",
    "admin/documents/votes/<int:pk>/minutes.<str:fmt>": "nYnnYnnYn",
    "admin/documents/pacts/<int:pk>/pact.<str:fmt>": "nYYYYnnYn",
    "admin/documents/decisions/<int:pk>/decision.<str:fmt>": "nYnnYnnYn",
    "admin/documents/decisions/<int:pk>/certificates.<str:fmt>": "nnnnnnnnn",
    "admin/documents/proposals/<int:pk>/letter.<str:fmt>": "nYnYYnnYn",
    "admin/documents/proposals/<int:pk>/items/<int:item_id>/achievement.<str:fmt>": "nYnYYnnYn",
    "admin/documents/decisions/<int:pk>/certificates-job.<str:fmt>": "nmmmmmmmn",
    "admin/documents/certificates/<uuid:job_id>/": "nnnnnnnnn",
    "admin/api-tokens/": "nnnnnnnYn",
    "admin/api-tokens/<int:pk>/revoke/": "nmmmmmmmn",
    "admin/jobs/<uuid:job_id>/": "nYnYnnnYn",
    "admin/jobs/<uuid:job_id>/status/": "nYnYnnnYn",
    "admin/huong-dan/": "nYYYYYYYn",
    "admin/huong-dan/<slug:slug>/": "nnnnnnnnn",
    "admin/org/groups/": "nYYYYnnYn",
    "admin/org/groups/results/": "nYYYYnnYn",
    "admin/org/groups/new/": "nYnnnnnYn",
    "admin/org/groups/edit/<int:pk>/": "nYnnnnnYn",
    "admin/org/groups/delete/<int:pk>/": "nYnnnnnYn",
    "admin/org/groups/history/<int:pk>/": "nYnnnnnYn",
    "admin/org/groups/history-results/<int:pk>/": "nYnnnnnYn",
    "admin/org/groups/usage/<int:pk>/": "nYnnnnnYn",
    "admin/org/groups/inspect/<int:pk>/": "nYnnYnnYn",
    "admin/org/organisations/": "nYYYYnnYn",
    "admin/org/organisations/results/": "nYYYYnnYn",
    "admin/org/organisations/new/": "nYnnnnnYn",
    "admin/org/organisations/edit/<int:pk>/": "nYnnnnnYn",
    "admin/org/organisations/delete/<int:pk>/": "nYnnnnnYn",
    "admin/org/organisations/history/<int:pk>/": "nYnnnnnYn",
    "admin/org/organisations/history-results/<int:pk>/": "nYnnnnnYn",
    "admin/org/organisations/usage/<int:pk>/": "nYnnnnnYn",
    "admin/org/organisations/inspect/<int:pk>/": "nYYYYnnYn",
    "admin/org/people/": "nYYYYnnYn",
    "admin/org/people/results/": "nYYYYnnYn",
    "admin/org/people/new/": "nYYYnnnYn",
    "admin/org/people/edit/<int:pk>/": "nYnYnnnYn",
    "admin/org/people/delete/<int:pk>/": "nYnnnnnYn",
    "admin/org/people/history/<int:pk>/": "nYnYnnnYn",
    "admin/org/people/history-results/<int:pk>/": "nYnYnnnYn",
    "admin/org/people/usage/<int:pk>/": "nYnYnnnYn",
    "admin/org/people/inspect/<int:pk>/": "nYnYYnnYn",
    "admin/org/units/": "nYYYYnnYn",
    "admin/org/units/results/": "nYYYYnnYn",
    "admin/org/units/new/": "nYnnnnnYn",
    "admin/org/units/edit/<int:pk>/": "nYnnnnnYn",
    "admin/org/units/delete/<int:pk>/": "nYnnnnnYn",
    "admin/org/units/history/<int:pk>/": "nYnnnnnYn",
    "admin/org/units/history-results/<int:pk>/": "nYnnnnnYn",
    "admin/org/units/usage/<int:pk>/": "nYnnnnnYn",
    "admin/org/units/inspect/<int:pk>/": "nYYYYnnYn",
    "admin/org/units/chooser/": "nYYYYYYYn",
    "admin/org/units/chooser/results/": "nYYYYYYYn",
    "admin/org/units/chooser/chosen/<str:pk>/": "nYYYYnnYn",
    "admin/org/units/chooser/chosen-multiple/": "nYYYYYYYn",
    # The awards forms' choosers (awards/admin/choosers.py). The modal's scope comes from ?for= (and
    # &proposal=), which these bare URLs lack: every list is empty and no pick is served, to anyone.
    "admin/awards/choosers/people/": "nYYYYYYYn",
    "admin/awards/choosers/people/results/": "nYYYYYYYn",
    "admin/awards/choosers/people/chosen/<str:pk>/": "nnnnnnnnn",
    "admin/awards/choosers/people/chosen-multiple/": "nYYYYYYYn",
    "admin/awards/choosers/organisations/": "nYYYYYYYn",
    "admin/awards/choosers/organisations/results/": "nYYYYYYYn",
    "admin/awards/choosers/organisations/chosen/<str:pk>/": "nnnnnnnnn",
    "admin/awards/choosers/organisations/chosen-multiple/": "nYYYYYYYn",
    "admin/emulation/templates/": "nYnnYnnYn",
    "admin/emulation/templates/results/": "nYnnYnnYn",
    "admin/emulation/templates/new/": "nYnnnnnYn",
    "admin/emulation/templates/edit/<int:pk>/": "nYnnnnnYn",
    "admin/emulation/templates/delete/<int:pk>/": "nnnnnnnnn",
    "admin/emulation/templates/history/<int:pk>/": "nYnnnnnYn",
    "admin/emulation/templates/history-results/<int:pk>/": "nYnnnnnYn",
    "admin/emulation/templates/usage/<int:pk>/": "nYnnnnnYn",
    "admin/emulation/templates/inspect/<int:pk>/": "nYnnYnnYn",
    "admin/emulation/rulesets/": "nYnnYnnYn",
    "admin/emulation/rulesets/results/": "nYnnYnnYn",
    "admin/emulation/rulesets/new/": "nYnnnnnYn",
    "admin/emulation/rulesets/edit/<int:pk>/": "nnnnnnnnn",
    "admin/emulation/rulesets/inspect/<int:pk>/": "nnnnnnnnn",
    "admin/awards/decisions/": "nYYYYnnYn",
    "admin/awards/decisions/results/": "nYYYYnnYn",
    "admin/awards/decisions/new/": "nYnnnnnYn",
    "admin/awards/decisions/edit/<int:pk>/": "nYnnnnnYn",
    "admin/awards/decisions/delete/<int:pk>/": "nYnnnnnYn",
    "admin/awards/decisions/inspect/<int:pk>/": "nYnnYnnYn",
    "admin/awards/ratings/": "nYYYYnnYn",
    "admin/awards/ratings/results/": "nYYYYnnYn",
    "admin/awards/ratings/new/": "nYYYnnnYn",
    "admin/awards/ratings/edit/<int:pk>/": "nYnYnnnYn",
    "admin/awards/ratings/delete/<int:pk>/": "nYnYnnnYn",
    "admin/awards/ratings/inspect/<int:pk>/": "nYnYYnnYn",
    "admin/awards/initiatives/": "nYYYYnnYn",
    "admin/awards/initiatives/results/": "nYYYYnnYn",
    "admin/awards/initiatives/new/": "nYYYnnnYn",
    "admin/awards/initiatives/edit/<int:pk>/": "nYnYnnnYn",
    "admin/awards/initiatives/delete/<int:pk>/": "nYnYnnnYn",
    "admin/awards/initiatives/inspect/<int:pk>/": "nYnYYnnYn",
    "admin/awards/discipline/": "nYYYYnnYn",
    "admin/awards/discipline/results/": "nYYYYnnYn",
    "admin/awards/discipline/new/": "nYYYnnnYn",
    "admin/awards/discipline/inspect/<int:pk>/": "nnnnnnnnn",
    "admin/awards/discipline/delete/<int:pk>/": "nnnnnnnnn",
    "admin/awards/pending/": "nYYYYnnYn",
    "admin/awards/pending/results/": "nYYYYnnYn",
    "admin/awards/pending/new/": "nYYYnnnYn",
    "admin/awards/pending/edit/<int:pk>/": "nnnnnnnnn",
    "admin/awards/pending/delete/<int:pk>/": "nnnnnnnnn",
    "admin/awards/pending/inspect/<int:pk>/": "nnnnnnnnn",
    "admin/documents/layouts/": "nYnnnnnYn",
    "admin/documents/layouts/results/": "nYnnnnnYn",
    "admin/documents/layouts/new/": "nYnnnnnYn",
    "admin/documents/layouts/edit/<int:pk>/": "nnnnnnnnn",
    "admin/audit/": "nYnnnnnYn",
    "admin/audit/results/": "nYnnnnnYn",
    "admin/audit/inspect/<int:pk>/": "nYnnnnnYn",
    "i18n/setlang/": "YYYYYYYYY",
    "luot-xem/": "mmmmmmmmm",
    "tim-kiem/": "YYYYYYYYY",
    "sitemap.xml": "YYYYYYYYY",
    "xac-thuc/<str:token>/": "nnnnnnnnn",
    "api/v1/^units/$": "nYYYYYYYY",
    "api/v1/^units\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^units/(?P<pk>[0-9]{1,18})/$": "nYYYYnnYn",
    "api/v1/^units/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYYYYnnYn",
    "api/v1/^organisations/$": "nYYYYYYYY",
    "api/v1/^organisations\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^organisations/(?P<pk>[0-9]{1,18})/$": "nYYYYnnYn",
    "api/v1/^organisations/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYYYYnnYn",
    "api/v1/^people/$": "nYYYYYYYY",
    "api/v1/^people\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^people/(?P<pk>[0-9]{1,18})/$": "nYnYYnnYn",
    "api/v1/^people/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYnYYnnYn",
    "api/v1/^groups/$": "nYYYYYYYY",
    "api/v1/^groups\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^groups/(?P<pk>[0-9]{1,18})/$": "nYnnYnnYn",
    "api/v1/^groups/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYnnYnnYn",
    "api/v1/^pacts/$": "nYYYYYYYY",
    "api/v1/^pacts\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^pacts/(?P<pk>[0-9]{1,18})/$": "nYYYYnnYn",
    "api/v1/^pacts/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYYYYnnYn",
    "api/v1/^periods/$": "nYYYYYYYY",
    "api/v1/^periods\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^periods/(?P<pk>[0-9]{1,18})/$": "nYYYYnnYn",
    "api/v1/^periods/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYYYYnnYn",
    "api/v1/^periods/(?P<pk>[0-9]{1,18})/reports/$": "nYYYYnnYn",
    "api/v1/^periods/(?P<pk>[0-9]{1,18})/reports\\.(?P<format>[a-z0-9]+)/?$": "nYYYYnnYn",
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/$": "nYnYYnnYn",
    "api/v1/^reports/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYnYYnnYn",
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/values/$": "nmmmmmmmm",
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/values\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/submit/$": "nmmmmmmmm",
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/submit\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/^decisions/$": "nYYYYYYYY",
    "api/v1/^decisions\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^decisions/(?P<pk>[0-9]{1,18})/$": "nYnnYnnYn",
    "api/v1/^decisions/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYnnYnnYn",
    "api/v1/^proposals/$": "nYYYYYYYY",
    "api/v1/^proposals\\.(?P<format>[a-z0-9]+)/?$": "nYYYYYYYY",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/$": "nYnYYnnYn",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nYnYYnnYn",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items/$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items/(?P<item_id>[0-9]{1,18})/$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items/(?P<item_id>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/submit/$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/submit\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/withdraw/$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/withdraw\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/return/$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/return\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/appraise/$": "nmmmmmmmm",
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/appraise\\.(?P<format>[a-z0-9]+)/?$": "nmmmmmmmm",
    "api/v1/eligibility/check/": "nmmmmmmmm",
    "api/v1/schema/": "YYYYYYYYY",
    "api/v1/docs/": "YYYYYYYYY",
    "api/v1/docs/redoc/": "YYYYYYYYY",
}
# URLs that take another unit's object and may show it, with the reason.
_REGISTRY = "organisations are the registry every officer reads (Cap.VIEW_REGISTRY), not a unit's data"
IDOR_ALLOWED: dict[str, str] = {
    "admin/org/organisations/inspect/<int:pk>/": _REGISTRY,
    "api/v1/^organisations/(?P<pk>[0-9]{1,18})/$": _REGISTRY,
    "api/v1/^organisations/(?P<pk>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": _REGISTRY,
}
# Who must be refused a POST where the GET says little (POST-only URLs, m; or screens whose GET needs
# a parameter, n for all). ? = not checked: the outcome depends on the object's state, not the role.
_NO_ROLE = "n???nnn?n"  # the unit officers' and the province's actions: refused to the others
# A proposal's API actions: the proposing unit's officer (the member, whose proposal the URL names) only;
# the province's return and appraisal: the province officer and the system admin only.
_UNIT_ONLY = "nnn?nnnnn"
_PROVINCE_ONLY = "n?nnnnn?n"
POST_ROWS: dict[str, str] = {
    "admin/org/excel/<str:kind>/import/confirm/": _NO_ROLE,
    "admin/awards/excel/<str:kind>/import/confirm/": _NO_ROLE,
    "admin/emulation/periods/<int:pk>/close/": "n?nnnnn?n",
    "admin/emulation/pacts/new/": "n?nnnnn?n",
    "admin/emulation/votes/<int:pk>/ballot/": "n???nnn?n",
    "admin/awards/proposals/<int:pk>/items/": _NO_ROLE,
    "admin/awards/proposals/<int:pk>/items/<int:item_id>/remove/": _NO_ROLE,
    "admin/awards/proposals/<int:pk>/documents/": _NO_ROLE,
    "admin/awards/proposals/<int:pk>/documents/<int:document_id>/remove/": _NO_ROLE,
    "admin/awards/proposals/<int:pk>/do/<str:action>/": _NO_ROLE,
    "admin/awards/proposals/<int:pk>/written-ballot/": "n?nnnnn?n",
    "admin/awards/proposals/<int:pk>/decide/": "n?nnnnn?n",
    "admin/awards/proposals/<int:pk>/ballot/": "nnnn?nnnn",
    "admin/awards/councils/thresholds/": "n?nnnnn?n",
    "admin/awards/councils/thresholds/<int:pk>/remove/": "n?nnnnn?n",
    "admin/awards/proposals/from-vote/<int:vote_id>/<int:organisation_id>/": _NO_ROLE,
    "admin/awards/criteria/delete/<int:pk>/": "n?nnnnn?n",
    "admin/awards/criteria/<path:rule_set>/<slug:award>/": "n?nnnnn?n",
    "admin/cong-thong-tin/gop-y/<int:pk>/": "nnnnn??nn",
    "admin/documents/periods/<int:pk>/article/": "n???????n",
    "admin/documents/decisions/<int:pk>/certificates-job.<str:fmt>": "n?nn?nn?n",
    "admin/api-tokens/<int:pk>/revoke/": "nnnnnnn?n",
    "admin/emulation/templates/delete/<int:pk>/": "n?nnnnn?n",
    "admin/emulation/rulesets/edit/<int:pk>/": "n?nnnnn?n",
    "admin/awards/pending/edit/<int:pk>/": _NO_ROLE,
    "admin/documents/layouts/edit/<int:pk>/": "n?nnnnn?n",
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/values/$": _NO_ROLE,
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/values\\.(?P<format>[a-z0-9]+)/?$": _NO_ROLE,
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/submit/$": _NO_ROLE,
    "api/v1/^reports/(?P<pk>[0-9]{1,18})/submit\\.(?P<format>[a-z0-9]+)/?$": _NO_ROLE,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items/$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items\\.(?P<format>[a-z0-9]+)/?$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items/(?P<item_id>[0-9]{1,18})/$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/items/(?P<item_id>[0-9]{1,18})\\.(?P<format>[a-z0-9]+)/?$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/submit/$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/submit\\.(?P<format>[a-z0-9]+)/?$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/withdraw/$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/withdraw\\.(?P<format>[a-z0-9]+)/?$": _UNIT_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/return/$": _PROVINCE_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/return\\.(?P<format>[a-z0-9]+)/?$": _PROVINCE_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/appraise/$": _PROVINCE_ONLY,
    "api/v1/^proposals/(?P<pk>[0-9]{1,18})/appraise\\.(?P<format>[a-z0-9]+)/?$": _PROVINCE_ONLY,
}

STATE_CHANGING = re.compile(
    r"(/new/|/add/|/edit/|/delete/|/remove/|/sign/|/reopen/|/close/|/open/|/round/|ballot/|/decide/|/do/"
    r"|/import/|/confirm/|copy-next-year|/aggregates/|/criteria/|/targets/|cong-bo-ket-qua|/article/"
    r"|thresholds/|from-vote|/items|/documents/$|/report/$|gop-y/<int|/create/|values|submit|-job\.|revoke/$"
    r"|withdraw|/return\b|appraise"
    r"|^admin/awards/criteria/<path|two-factor-reset/)"
)


def classify(route: str) -> str | None:
    """The route's row: its own, or its Wagtail group's (the longest matching prefix)."""
    if route in TABLE:
        return TABLE[route]
    prefix = max((p for p, _ in GENERIC if route.startswith(p)), key=len, default=None)
    return dict(GENERIC)[prefix] if prefix is not None else None


def test_every_url_is_classified() -> None:
    """A new screen, admin view or API endpoint fails here until the table says who may use it."""
    found = [route for route, _ in routes()]
    unclassified = [route for route in found if classify(route) is None]
    assert unclassified == []
    assert sorted(set(TABLE) - set(found)) == [], "the table names URLs that no longer exist"
    # Our own screens are listed one by one: no thidua route may fall back on a Wagtail prefix rule.
    ours = {route for route, name in routes() if route in TABLE}
    assert len(ours) > 150


def _agrees(expected: str, observed: str) -> bool:
    if expected == "?":
        return True
    return observed != "E" if expected == "*" else observed == expected


def _run(matrix: Matrix, url: str) -> str:
    # Fresh sessions for every URL: a screen may end its visitor's session (the two-factor pages do).
    signed_in = clients(matrix)
    return "".join(outcome(signed_in[role].get(url)) for role in ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(TABLE))
def test_our_screens(matrix: Matrix, route: str) -> None:
    url = concrete(route, matrix.ids)
    assert url is not None
    observed = _run(matrix, url)
    expected = TABLE[route]
    wrong = {role: (e, o) for role, e, o in zip(ROLES, expected, observed, strict=True) if not _agrees(e, o)}
    assert wrong == {}, f"{url}: expected {expected}, got {observed}"


@pytest.mark.django_db
def test_wagtail_screens(matrix: Matrix) -> None:
    wrong = {}
    for route, _ in routes():
        if route in TABLE:
            continue
        url = concrete(route, matrix.ids)
        if url is None:  # Wagtail's catch-alls and regex routes: their group's rule, at its prefix
            continue
        expected = classify(route)
        assert expected is not None
        observed = _run(matrix, url)
        if not all(_agrees(e, o) for e, o in zip(expected, observed, strict=True)):
            wrong[url] = (expected, observed)
    assert wrong == {}


IDOR_ROUTES = sorted(
    route
    for route in TABLE
    if re.search(r"<(int|uuid|str):(pk|job_id|item_id|document_id|organisation_pk)>", route)
)


@pytest.mark.django_db
@pytest.mark.parametrize("route", IDOR_ROUTES)
def test_another_units_objects_are_not_served(matrix: Matrix, route: str) -> None:
    """The member unit officer asks for the other unit's object by id: 403 or 404, never its data."""
    own, other = concrete(route, matrix.ids), concrete(route, matrix.other)
    if own == other or route in IDOR_ALLOWED:
        pytest.skip(IDOR_ALLOWED.get(route, "a province-wide object: the same for every unit"))
    response = clients(matrix)["member"].get(other)
    assert outcome(response) in {"n", "m"}, f"{other}: {response.status_code}"
    assert response.status_code != 200


def _state(models: list[Any]) -> tuple[int, ...]:
    return tuple(model.objects.count() for model in models)


@pytest.mark.django_db
@pytest.mark.parametrize("route", sorted(r for r in TABLE if STATE_CHANGING.search(r)))
def test_a_refused_post_changes_nothing(matrix: Matrix, route: str) -> None:
    """Every role the table refuses posts to a state-changing URL: refused, and no row changes."""
    from django.apps import apps

    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"core", "org", "emulation", "awards", "portal", "accounts", "api"}
    ]
    before = _state(models)
    own, other = concrete(route, matrix.ids), concrete(route, matrix.other)
    assert own is not None and other is not None
    row = POST_ROWS.get(route, TABLE[route])
    refused = [(own, role) for role, cell in zip(ROLES, row, strict=True) if cell == "n"]
    if other != own and route not in IDOR_ALLOWED:
        refused.append((other, "member"))
    assert refused, "a state-changing URL that every role may use"
    for url, role in refused:
        response = clients(matrix)[role].post(url, {"reason": "x", "confirm": "1"})
        # Several screens answer a refused action with their page and a message (200 or a redirect)
        # rather than a 403; what must hold is that nothing changed, audit rows included.
        assert outcome(response) != "E", f"{role} POST {url}: {response.status_code}"
        assert _state(models) == before, f"{role} POST {url} changed rows"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "chief", "outsider"])
@pytest.mark.parametrize("kind", ["people", "proposals", "decisions", "periods", "pacts"])
def test_api_lists_hold_nothing_for_roles_without_the_data(matrix: Matrix, role: str, kind: str) -> None:
    """The API's lists answer every signed-in account (200), scoped by the apps' selectors: an account
    whose role reads no unit's data gets an empty list, not the province's."""
    response = clients(matrix)[role].get(f"/api/v1/{kind}/")
    assert response.status_code == 200
    assert response.json()["count"] == 0
