"""Import the registry's history from Excel: past decisions with their recipients, and yearly ratings.

They run on org's import machinery (thidua/org/services/imports/common.py, ADR 0010): rows from
thidua.org.spreadsheets.read_rows(), a plan checked against the database with chunked bulk lookups
(never a query per row), every problem naming its row and column, then all or nothing.

Saving differs from org's imports in one way, on purpose. org calls a service per row; a province's
history is 100,000 rows, and award_decision_create() per decision (a handful of queries each, one
audit row each) would take minutes. So the plan applies the services' own rules, the pure ones of
thidua/awards/rules/registry.py (decision_problems, award_fits, dissolved_by: TT 15/2025/TT-BNV holds
on import too, year_problem) and the services' scope checks, and saving writes with bulk_create in
one transaction, with one audit row per decision created or given recipients and one per rating,
written in bulk (core.audit.audit_record_many) with the reason «Nhập từ Excel».

Idempotent: a decision is (issuer, number), a recipient (decision, person or organisation), a rating
(subject, year). What is already stored is "unchanged"; a row that disagrees with a stored value (the
same decision number with another date or award, another rating for the same year) is an error naming
row and column: an import never overwrites the registry; corrections go through the registry's screens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import capabilities, require
from thidua.accounts.roles import Cap
from thidua.awards.eligibility.codes import AWARD_NAMES, RATING_NAMES, SubjectKind
from thidua.awards.models import AwardDecision, AwardRecipient, TaskRating
from thidua.awards.rules.registry import (
    award_fits,
    award_misfit_message,
    decision_problems,
    dissolved_by,
    dissolved_message,
    year_problem,
)
from thidua.core.audit import audit_record_many
from thidua.org.models import Organisation, Person
from thidua.org.selectors.scope import user_scope_ids
from thidua.org.services.imports.common import (
    ImportReport,
    PlannedRow,
    ProgressCallback,
    chunks,
    commit_bulk,
    day,
    header,
    in_bulk_values,
    required_cells,
)
from thidua.org.spreadsheets import RowError

if TYPE_CHECKING:
    from thidua.accounts.models import User

DECISIONS_KIND = "award_decisions"
RATINGS_KIND = "ratings"
AUDIT_REASON = "Nhập từ Excel"
_BATCH = 2000
_AWARD_LABELS = {code.value: name for code, name in AWARD_NAMES.items()}
_RATING_LABELS = {code.value: name for code, name in RATING_NAMES.items()}
# The decision's own cells, in the sheet's order; every row of one decision must agree on them.
_DECISION_KEYS = ("signed_on", "signer_name", "signer_title", "summary", "award", "period_from", "period_to")
_MODEL_FIELDS = {
    "signed_on": "signed_on",
    "signer_name": "signer_name",
    "signer_title": "signer_title",
    "summary": "summary",
    "award": "award",
    "period_from": "period_from_year",
    "period_to": "period_to_year",
}
# decision_problems() keys its problems by model field.
_PROBLEM_COLUMNS = {
    "signed_on": "signed_on",
    "period_from_year": "period_from",
    "period_to_year": "period_to",
}


@dataclass(frozen=True)
class _Org:
    pk: int
    name: str
    dissolved_on: dt.date | None
    unit_valid_until: dt.date | None


@dataclass(frozen=True)
class _Person:
    pk: int
    name: str
    organisation_id: int


@dataclass(eq=False)
class _Decision:
    """A decision the file names: stored (pk) or to be created from its first row."""

    key: tuple[str, str]
    first_row: int
    values: dict[str, Any]
    issuer: _Org
    pk: int | None = None
    stored: bool = False  # in the registry before this import
    bad: bool = False
    recipients: list[tuple[str, int, str]] = field(default_factory=list)  # ("p"|"o", pk, name)


def _shown(key: str, value: Any) -> str:
    if isinstance(value, dt.date):
        return day(value)
    if key == "award":
        return _AWARD_LABELS.get(value, str(value))
    return str(value)


def _organisations(codes: set[str]) -> dict[str, _Org]:
    rows = in_bulk_values(
        Organisation.objects.all(),
        "code",
        codes,
        "code",
        "pk",
        "name",
        "dissolved_on",
        "admin_unit__valid_until",
    )
    return {code: _Org(pk, name, dissolved, until) for code, pk, name, dissolved, until in rows}


def _people(codes: set[str]) -> dict[str, _Person]:
    rows = in_bulk_values(
        Person.objects.all(),
        "civil_servant_code",
        codes,
        "civil_servant_code",
        "pk",
        "full_name",
        "organisation_id",
    )
    return {code: _Person(pk, name, org) for code, pk, name, org in rows}


def _subject(
    row: dict[str, Any],
    kind: str,
    people: dict[str, _Person],
    organisations: dict[str, _Org],
    errors: list[RowError],
) -> tuple[str, _Person | _Org] | None:
    """The row's person or organisation: exactly one code, registered."""
    number = row["row"]
    person_code, org_code = row["civil_servant_code"], row["organisation_code"]
    if bool(person_code) == bool(org_code):
        errors.append(
            RowError(
                number,
                header(kind, "civil_servant_code"),
                _(
                    "ghi mã số công chức, viên chức của một cá nhân hoặc mã của một tập thể (chỉ một trong hai)."
                )
                if person_code
                else _("hãy ghi mã số công chức, viên chức của cá nhân hoặc mã của tập thể."),
            )
        )
        return None
    if person_code:
        person = people.get(person_code)
        if person is None:
            errors.append(
                RowError(
                    number,
                    header(kind, "civil_servant_code"),
                    _("không có cá nhân mã số «%(code)s» trong danh mục Cá nhân; hãy thêm người này trước.")
                    % {"code": person_code},
                )
            )
            return None
        return "p", person
    organisation = organisations.get(org_code)
    if organisation is None:
        errors.append(
            RowError(
                number,
                header(kind, "organisation_code"),
                _("không có cơ quan, đơn vị mã «%(code)s» trong danh mục Cơ quan, đơn vị.")
                % {"code": org_code},
            )
        )
        return None
    return "o", organisation


# --- Decisions and recipients ----------------------------------------------------------------------
def import_award_decisions(
    *,
    actor: User,
    rows: Sequence[dict[str, Any]],
    dry_run: bool,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Record past decisions, one row per recipient: the decisions that are not in the registry yet
    with their recipients, and new recipients of stored decisions. Only the province office (and the
    system administrator) records decisions, as award_decision_create() requires."""
    require(actor, Cap.MANAGE_AWARD_DECISIONS)
    report = ImportReport(kind=DECISIONS_KIND, dry_run=dry_run, total=len(rows))
    decisions = _plan_decisions(rows, report)
    report.errors.sort(key=lambda e: e.row or 0)
    if report.errors or dry_run:
        return report
    commit_bulk(report, partial(_save_decisions, actor, decisions, report), on_progress)
    return report


def _stored_decisions(
    rows: Sequence[dict[str, Any]], organisations: dict[str, _Org]
) -> dict[tuple[int, str], dict[str, Any]]:
    numbers = {r["number"] for r in rows if r["number"]}
    issuers = {o.pk for o in organisations.values()}
    fields = ("pk", "issuer_id", "number", *(_MODEL_FIELDS[k] for k in _DECISION_KEYS))
    stored: dict[tuple[int, str], dict[str, Any]] = {}
    for values in in_bulk_values(AwardDecision.objects.all(), "number", numbers, *fields):
        record = dict(zip(fields, values, strict=True))
        if record["issuer_id"] in issuers:
            stored[(record["issuer_id"], record["number"])] = record
    return stored


def _stored_recipients(decision_ids: list[int]) -> set[tuple[int, str, int]]:
    found: set[tuple[int, str, int]] = set()
    if decision_ids:
        for decision_id, person_id, organisation_id in AwardRecipient.objects.filter(
            decision_id__in_values=decision_ids
        ).values_list("decision_id", "person_id", "organisation_id"):
            if person_id is not None:
                found.add((decision_id, "p", person_id))
            else:
                found.add((decision_id, "o", organisation_id))
    return found


def _plan_decisions(rows: Sequence[dict[str, Any]], report: ImportReport) -> dict[tuple[str, str], _Decision]:
    kind = DECISIONS_KIND
    h = partial(header, kind)
    organisations = _organisations({r["issuer_code"] for r in rows} | {r["organisation_code"] for r in rows})
    people = _people({r["civil_servant_code"] for r in rows})
    stored = _stored_decisions(rows, organisations)
    stored_recipients = _stored_recipients([d["pk"] for d in stored.values()])
    today = timezone.localdate()
    decisions: dict[tuple[str, str], _Decision] = {}
    # The decision-level problems of one set of values: the same for each of its rows, computed once.
    checked: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
    first_recipient_row: dict[tuple[tuple[str, str], str, int], int] = {}

    for row in rows:
        number = row["row"]
        errors: list[RowError] = []
        complete = required_cells(kind, row, errors)
        issuer = organisations.get(row["issuer_code"]) if row["issuer_code"] else None
        if row["issuer_code"] and issuer is None:
            errors.append(
                RowError(
                    number,
                    h("issuer_code"),
                    _("không có cơ quan, đơn vị mã «%(code)s» trong danh mục Cơ quan, đơn vị.")
                    % {"code": row["issuer_code"]},
                )
            )
        subject = _subject(row, kind, people, organisations, errors)
        if not complete or issuer is None:
            report.errors.extend(errors)
            continue
        key = (row["issuer_code"], row["number"])
        values = {k: row[k] for k in _DECISION_KEYS}
        decision = decisions.get(key)
        if decision is None:
            decision = _Decision(key, number, values, issuer)
            record = stored.get((issuer.pk, row["number"]))
            if record is not None:
                decision.pk = record["pk"]
                decision.stored = True
            decisions[key] = decision
        signature = (issuer.pk, row["number"], *values.values())
        if signature not in checked:
            checked[signature] = _decision_problems(values, issuer, stored, row["number"], today)
        for column_key, message in checked[signature]:
            errors.append(RowError(number, h(column_key), message))
        if decision.first_row != number:
            for k in _DECISION_KEYS:
                if values[k] != decision.values[k] and (values[k] or k not in _TEXT_KEYS):
                    errors.append(
                        RowError(
                            number,
                            h(k),
                            _(
                                "«%(value)s» khác với dòng %(row)s của cùng quyết định số %(number)s "
                                "(«%(first)s»); mọi dòng của một quyết định phải ghi giống nhau."
                            )
                            % {
                                "value": _shown(k, values[k]),
                                "row": decision.first_row,
                                "number": row["number"],
                                "first": _shown(k, decision.values[k]),
                            },
                        )
                    )
        if subject is not None:
            _check_recipient(row, decision, subject, values, first_recipient_row, errors)
        if errors:
            decision.bad = True
            report.errors.extend(errors)
            continue
        if subject is None:  # reported above by _subject()
            continue
        which, target = subject
        exists = decision.pk is not None and (decision.pk, which, target.pk) in stored_recipients
        if not exists:
            decision.recipients.append((which, target.pk, target.name))
        report.planned.append(
            PlannedRow(
                number,
                "unchanged" if exists else "create",
                _("Quyết định số %(number)s (%(issuer)s), %(award)s: %(name)s")
                % {
                    "number": row["number"],
                    "issuer": issuer.name,
                    "award": _AWARD_LABELS.get(row["award"], row["award"]),
                    "name": target.name,
                },
                values={"new_decision": decision.pk is None and decision.first_row == number},
            )
        )
    return decisions


# Text cells a later row may leave empty: the decision's value is then its first row's.
_TEXT_KEYS = frozenset({"signer_name", "signer_title", "summary"})


def _decision_problems(
    values: dict[str, Any],
    issuer: _Org,
    stored: dict[tuple[int, str], dict[str, Any]],
    number: str,
    today: dt.date,
) -> list[tuple[str, str]]:
    """What is wrong with a decision's cells: the registry's rules, and a disagreement with the stored
    decision of the same issuer and number."""
    found: list[tuple[str, str]] = []
    if values["award"] not in _AWARD_LABELS:
        found.append(
            (
                "award",
                _("«%(code)s» không có trong danh mục hình thức, danh hiệu.") % {"code": values["award"]},
            )
        )
    problems = decision_problems(
        signed_on=values["signed_on"],
        period_from_year=values["period_from"],
        period_to_year=values["period_to"],
        today=today,
    )
    found.extend((_PROBLEM_COLUMNS[name], message) for name, message in problems.items())
    record = stored.get((issuer.pk, number))
    if record is not None:
        for key in _DECISION_KEYS:
            mine, theirs = values[key], record[_MODEL_FIELDS[key]]
            if mine != theirs and (mine or key not in _TEXT_KEYS):
                found.append(
                    (
                        key,
                        _(
                            "quyết định số %(number)s của %(issuer)s đã có trong sổ với «%(stored)s», tệp ghi "
                            "«%(value)s». Nhập từ Excel không ghi đè; hãy sửa quyết định trên màn hình Quyết "
                            "định khen thưởng hoặc sửa tệp."
                        )
                        % {
                            "number": number,
                            "issuer": issuer.name,
                            "stored": _shown(key, theirs),
                            "value": _shown(key, mine),
                        },
                    )
                )
    return found


def _check_recipient(
    row: dict[str, Any],
    decision: _Decision,
    subject: tuple[str, _Person | _Org],
    values: dict[str, Any],
    first_recipient_row: dict[tuple[tuple[str, str], str, int], int],
    errors: list[RowError],
) -> None:
    number = row["row"]
    which, target = subject
    column = header(DECISIONS_KIND, "civil_servant_code" if which == "p" else "organisation_code")
    seen = (decision.key, which, target.pk)
    if seen in first_recipient_row:
        errors.append(
            RowError(
                number,
                column,
                _("«%(name)s» đã có ở dòng %(row)s của cùng quyết định; mỗi người, tập thể chỉ ghi một lần.")
                % {"name": target.name, "row": first_recipient_row[seen]},
            )
        )
        return
    first_recipient_row[seen] = number
    award = values["award"]
    if award not in _AWARD_LABELS:
        return
    kind = SubjectKind.INDIVIDUAL if which == "p" else SubjectKind.COLLECTIVE
    if not award_fits(award, kind):
        errors.append(RowError(number, column, award_misfit_message(_AWARD_LABELS[award], kind, target.name)))
    elif (
        isinstance(target, _Org)
        and values["signed_on"]
        and dissolved_by(
            dissolved_on=target.dissolved_on, unit_valid_until=target.unit_valid_until, on=values["signed_on"]
        )
    ):
        errors.append(RowError(number, column, dissolved_message(target.name, values["signed_on"])))


def _save_decisions(
    actor: User,
    decisions: dict[tuple[str, str], _Decision],
    report: ImportReport,
    on_progress: ProgressCallback | None,
) -> None:
    new = [d for d in decisions.values() if d.pk is None and d.recipients]
    created = AwardDecision.objects.bulk_create(
        [
            AwardDecision(
                number=d.key[1],
                issuer_id=d.issuer.pk,
                signed_on=d.values["signed_on"],
                signer_name=d.values["signer_name"],
                signer_title=d.values["signer_title"],
                summary=d.values["summary"],
                award=d.values["award"],
                period_from_year=d.values["period_from"],
                period_to_year=d.values["period_to"],
            )
            for d in new
        ],
        batch_size=_BATCH,
    )
    for decision, saved in zip(new, created, strict=True):
        decision.pk = saved.pk
    recipients = [
        AwardRecipient(
            decision_id=d.pk or 0,  # every decision has its pk by now: stored, or created just above
            person_id=pk if which == "p" else None,
            organisation_id=pk if which == "o" else None,
        )
        for d in decisions.values()
        for which, pk, _name in d.recipients
    ]
    done = 0
    for chunk in chunks(recipients, _BATCH):
        AwardRecipient.objects.bulk_create(chunk)
        done += len(chunk)
        if on_progress is not None:
            on_progress(done)
    # One audit row per decision, as award_decision_create() and award_recipient_add() write, so the
    # log answers "who recorded this decision, and when" for imported decisions too.
    audit_record_many(
        actor=actor,
        action="awards.decision.create",
        items=(
            (
                saved,
                {
                    **{
                        _MODEL_FIELDS[k]: [None, d.values[k]]
                        for k in _DECISION_KEYS
                        if d.values[k] not in ("", None)
                    },
                    "number": [None, d.key[1]],
                    "issuer": [None, {"id": d.issuer.pk, "repr": d.issuer.name}],
                    "recipients": [[], [name for _w, _pk, name in d.recipients]],
                },
            )
            for d, saved in zip(new, created, strict=True)
        ),
        reason=AUDIT_REASON,
    )
    grown = [d for d in decisions.values() if d.stored and d.recipients]
    if grown:
        targets = AwardDecision.objects.in_bulk([d.pk for d in grown])
        audit_record_many(
            actor=actor,
            action="awards.decision.recipient_add",
            items=(
                (targets[d.pk], {"recipients": [[], [name for _w, _pk, name in d.recipients]]})
                for d in grown
                if d.pk is not None
            ),
            reason=AUDIT_REASON,
        )


# --- Ratings ---------------------------------------------------------------------------------------
def import_ratings(
    *,
    actor: User,
    rows: Sequence[dict[str, Any]],
    dry_run: bool,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Record yearly ratings. As rating_set() allows: the province office rates anyone and any
    collective; a unit's officer rates only the own organisation's (and its departments') people, and
    a person outside that scope is refused without being named."""
    require(actor, Cap.MANAGE_ALL_AWARD_RECORDS, Cap.MANAGE_OWN_AWARD_RECORDS)
    report = ImportReport(kind=RATINGS_KIND, dry_run=dry_run, total=len(rows))
    planned = _plan_ratings(actor, rows, report)
    report.errors.sort(key=lambda e: e.row or 0)
    if report.errors or dry_run:
        return report
    commit_bulk(report, partial(_save_ratings, actor, planned), on_progress)
    return report


def _plan_ratings(
    actor: User, rows: Sequence[dict[str, Any]], report: ImportReport
) -> list[tuple[TaskRating, str]]:
    kind = RATINGS_KIND
    h = partial(header, kind)
    every = Cap.MANAGE_ALL_AWARD_RECORDS in capabilities(actor)
    scope = set() if every else set(user_scope_ids(user=actor))
    people = _people({r["civil_servant_code"] for r in rows})
    organisations = _organisations({r["organisation_code"] for r in rows})
    stored: dict[tuple[str, int, int], str] = {}
    for person_id, year, rating in TaskRating.objects.filter(
        person_id__in_values=[p.pk for p in people.values()]
    ).values_list("person_id", "year", "rating"):
        stored[("p", person_id, year)] = rating
    for org_id, year, rating in TaskRating.objects.filter(
        organisation_id__in_values=[o.pk for o in organisations.values()]
    ).values_list("organisation_id", "year", "rating"):
        stored[("o", org_id, year)] = rating
    today = timezone.localdate()
    first_row: dict[tuple[str, int, int], int] = {}
    ratings: list[tuple[TaskRating, str]] = []
    for row in rows:
        number = row["row"]
        errors: list[RowError] = []
        required_cells(kind, row, errors)
        subject = _subject(row, kind, people, organisations, errors)
        if subject is not None:
            which, target = subject
            if (
                which == "p"
                and not every
                and isinstance(target, _Person)
                and target.organisation_id not in scope
            ):
                errors.append(
                    RowError(
                        number,
                        h("civil_servant_code"),
                        _(
                            "cá nhân mã số «%(code)s» không thuộc đơn vị của bạn; bạn chỉ được nhập xếp loại "
                            "của cá nhân thuộc đơn vị mình."
                        )
                        % {"code": row["civil_servant_code"]},
                    )
                )
                subject = None
            elif which == "o" and not every:
                errors.append(
                    RowError(
                        number,
                        h("organisation_code"),
                        _(
                            "xếp loại của tập thể do cơ quan cấp trên (Ban Thi đua – Khen thưởng tỉnh) cập nhật; "
                            "bạn chỉ được nhập xếp loại của cá nhân thuộc đơn vị mình."
                        ),
                    )
                )
                subject = None
        rating, year = row["rating"], row["year"]
        if rating and rating not in _RATING_LABELS:
            errors.append(
                RowError(
                    number,
                    h("rating"),
                    _("«%(value)s» không hợp lệ; chỉ có: %(allowed)s.")
                    % {"value": rating, "allowed": "; ".join(_RATING_LABELS.values())},
                )
            )
        if year is not None:
            problem = year_problem(year, today=today)
            if problem:
                errors.append(RowError(number, h("year"), problem))
        action = "create"
        if subject is not None and year is not None and not errors:
            which, target = subject
            key = (which, target.pk, year)
            column = h("civil_servant_code" if which == "p" else "organisation_code")
            if key in first_row:
                errors.append(
                    RowError(
                        number,
                        column,
                        _("«%(name)s» đã có xếp loại năm %(year)s ở dòng %(row)s; mỗi năm chỉ một xếp loại.")
                        % {"name": target.name, "year": year, "row": first_row[key]},
                    )
                )
            else:
                first_row[key] = number
                if key in stored:
                    if stored[key] != rating:
                        errors.append(
                            RowError(
                                number,
                                h("rating"),
                                _(
                                    "«%(name)s» đã có xếp loại năm %(year)s là «%(stored)s», tệp ghi «%(value)s». "
                                    "Nhập từ Excel không ghi đè; hãy sửa trên màn hình Xếp loại hằng năm hoặc sửa tệp."
                                )
                                % {
                                    "name": target.name,
                                    "year": year,
                                    "stored": _RATING_LABELS.get(stored[key], stored[key]),
                                    "value": _RATING_LABELS[rating],
                                },
                            )
                        )
                    action = "unchanged"
        if errors or subject is None:
            report.errors.extend(errors)
            continue
        which, target = subject
        if action == "create":
            record = TaskRating(
                person_id=target.pk if which == "p" else None,
                organisation_id=target.pk if which == "o" else None,
                year=year,
                rating=rating,
            )
            ratings.append((record, f"{target.name} – {year}: {_RATING_LABELS[rating]}"))
        report.planned.append(
            PlannedRow(
                number,
                "create" if action == "create" else "unchanged",
                _("%(name)s, năm %(year)s: %(rating)s")
                % {"name": target.name, "year": year, "rating": _RATING_LABELS[rating]},
            )
        )
    return ratings


def _save_ratings(
    actor: User, ratings: list[tuple[TaskRating, str]], on_progress: ProgressCallback | None
) -> None:
    done = 0
    for chunk in chunks(ratings, _BATCH):
        TaskRating.objects.bulk_create([record for record, _text in chunk])
        done += len(chunk)
        if on_progress is not None:
            on_progress(done)
    # One audit row per rating, as rating_set() writes; str(rating) would read its subject (a query
    # each), so the target's text is the one the plan built.
    audit_record_many(
        actor=actor,
        action="awards.rating.set",
        items=(
            (record, {"year": [None, record.year], "rating": [None, record.rating]}, text)
            for record, text in ratings
        ),
        reason=AUDIT_REASON,
    )
