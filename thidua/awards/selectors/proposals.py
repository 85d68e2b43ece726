"""Reads for commendation proposals: who holds which workflow role, scoped lists, the eligibility of
items (the adapter to the engine) and the duplicates of items (narrowed in the database).

Roles (rules/proposal_workflow.py): UNIT is an officer (Cap.PROPOSE_AWARDS) of the proposing unit or
of a unit above it in the organisation tree (user_scope_ids: the own organisation and its
departments); PROVINCE is the province office or the system administrator (Cap.MANAGE_PROPOSALS);
COUNCIL is a member (Cap.VOTE_IN_COUNCIL) whose account sits on the council the proposal went to.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.awards.eligibility import (
    EligibilityInputError,
    Outcome,
    Overrides,
    Reason,
    Result,
    evaluate_subject,
    parse_input,
    result_to_json,
)
from thidua.awards.eligibility.codes import AwardCode, SubjectKind
from thidua.awards.eligibility.types import Confidence
from thidua.awards.models import (
    AwardRecipient,
    CouncilBallot,
    CouncilMember,
    CouncilThreshold,
    Proposal,
    ProposalItem,
)
from thidua.awards.rules import proposal_workflow
from thidua.awards.rules.council import Threshold, ThresholdRule
from thidua.awards.rules.dossier import CommendationKind, RequiredDocument, required_documents
from thidua.awards.rules.duplicates import Candidate, Duplicate, DuplicateIndex, find_duplicates, fold_name
from thidua.awards.rules.proposal_workflow import State
from thidua.awards.selectors.facts import subject_facts
from thidua.org.models import Organisation, Person
from thidua.org.selectors.scope import user_scope_ids

Role = proposal_workflow.Role

# The proposals that still count as "another proposal" of the same subject: a withdrawn one is gone,
# a decided one is in the registry already (its decisions are found there).
OPEN_STATES = frozenset(
    {State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPRAISED, State.COUNCIL_VOTING, State.VOTED}
)
COUNCIL_STATES = frozenset({State.COUNCIL_VOTING, State.VOTED, State.DECIDED})


# --- Roles and scope -------------------------------------------------------------------------------
def proposal_state(proposal: Proposal | None) -> State:
    return State.NONE if proposal is None else State(proposal.state)


def proposal_roles(
    *, user: Any, proposal: Proposal | None = None, organisation_id: int | None = None
) -> frozenset[Role]:
    """The roles the user holds for the proposal (or, before it exists, for a proposal of
    `organisation_id`)."""
    caps = capabilities(user)
    roles: set[Role] = set()
    if Cap.MANAGE_PROPOSALS in caps:
        roles.add(Role.PROVINCE)
    unit = proposal.organisation_id if proposal is not None else organisation_id
    if Cap.PROPOSE_AWARDS in caps and unit is not None and unit in user_scope_ids(user=user):
        roles.add(Role.UNIT)
    if (
        Cap.VOTE_IN_COUNCIL in caps
        and proposal is not None
        and proposal.council_id is not None
        and CouncilMember.objects.filter(council_id=proposal.council_id, user=user).exists()
    ):
        roles.add(Role.COUNCIL)
    return frozenset(roles)


def may_propose(user: Any) -> bool:
    return Cap.PROPOSE_AWARDS in capabilities(user)


def can_use_proposals(user: Any) -> bool:
    caps = capabilities(user)
    return bool({Cap.PROPOSE_AWARDS, Cap.MANAGE_PROPOSALS, Cap.VOTE_IN_COUNCIL} & caps)


def proposals_visible_to(*, user: Any) -> QuerySet[Proposal]:
    """A unit's officer sees its own unit's proposals (and its departments'); the province office
    every one; a council member those put to a council they sit on."""
    caps = capabilities(user)
    proposals = Proposal.objects.select_related("organisation", "council")
    if Cap.MANAGE_PROPOSALS in caps:
        return proposals
    seen = Q(pk__in=[])
    if Cap.PROPOSE_AWARDS in caps:
        seen |= Q(organisation_id__in=user_scope_ids(user=user))
    if Cap.VOTE_IN_COUNCIL in caps and getattr(user, "pk", None) is not None:
        seen |= Q(state__in=[s.value for s in COUNCIL_STATES], council__members__user=user)
    return proposals.filter(pk__in=Proposal.objects.filter(seen).values("pk"))


def organisations_for_proposals(*, user: Any) -> QuerySet[Organisation]:
    """The units a user may propose for (the proposing unit of a new proposal)."""
    if Cap.PROPOSE_AWARDS not in capabilities(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=user_scope_ids(user=user)).order_by("name", "pk")


def people_for_proposal(*, user: Any, proposal: Proposal) -> QuerySet[Person]:
    """Whom the officer may add to the proposal: the people of the proposing unit's tree that the
    officer acts for (a member unit proposes only its own people)."""
    if Role.UNIT not in proposal_roles(user=user, proposal=proposal):
        return Person.objects.none()
    return (
        Person.objects.filter(organisation_id__in=user_scope_ids(user=user))
        .select_related("organisation")
        .order_by("full_name", "pk")
    )


def collectives_for_proposal(*, user: Any, proposal: Proposal) -> QuerySet[Organisation]:
    if Role.UNIT not in proposal_roles(user=user, proposal=proposal):
        return Organisation.objects.none()
    return Organisation.objects.filter(pk__in=user_scope_ids(user=user)).order_by("name", "pk")


def proposal_items(*, proposal: Proposal) -> list[ProposalItem]:
    """The items with what a screen and the checks read of them, in the order they were entered."""
    return list(
        ProposalItem.objects.filter(proposal=proposal)
        .select_related("person__organisation", "organisation", "proposal__organisation")
        .order_by("id")
    )


# --- The dossier -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class MissingDocument:
    required: RequiredDocument
    item: ProposalItem | None  # None: a document of the whole proposal

    @property
    def kind(self) -> str:
        return self.required.kind.value


# The documents a person's or collective's own: one per item, or one for the whole list.
PER_SUBJECT = frozenset({"bao_cao_thanh_tich", "xac_nhan_sang_kien", "xac_nhan_thanh_tich"})


def dossier_missing(
    *, proposal: Proposal, items: Sequence[ProposalItem], present: Iterable[tuple[str, int | None]]
) -> list[MissingDocument]:
    """What Luật TĐKT 2022 Điều 84 still asks of the dossier. `present` is (kind, item id or None)
    of the attached documents. A document of the whole proposal serves every item (a unit may send
    one report listing everyone); a per-subject document (report, certification) attached to an item
    serves that item only."""
    kinds_for_all = {kind for kind, item_id in present if item_id is None}
    kinds_by_item: dict[int, set[str]] = defaultdict(set)
    for kind, item_id in present:
        if item_id is not None:
            kinds_by_item[item_id].add(kind)
    missing: list[MissingDocument] = []
    seen_common: set[str] = set()
    kind = CommendationKind(proposal.commendation_kind)
    for item in items:
        for required in required_documents(AwardCode(item.award), kind):
            code = required.kind.value
            if code in kinds_for_all:
                continue
            if code in PER_SUBJECT:
                if code not in kinds_by_item.get(item.pk, set()):
                    missing.append(MissingDocument(required, item))
            elif code not in seen_common:
                seen_common.add(code)
                missing.append(MissingDocument(required, None))
    return missing


def checklist(*, proposal: Proposal, items: Sequence[ProposalItem]) -> list[tuple[RequiredDocument, bool]]:
    """The Điều 84 documents the proposal's awards need, each with whether something of that kind is
    attached (the screen's checklist; dossier_missing() says exactly what is short)."""
    present = set(proposal.documents.values_list("kind", flat=True))
    kind = CommendationKind(proposal.commendation_kind)
    seen: dict[str, RequiredDocument] = {}
    for item in items:
        for required in required_documents(AwardCode(item.award), kind):
            seen.setdefault(required.kind.value, required)
    return [(required, code in present) for code, required in seen.items()]


# --- Eligibility -----------------------------------------------------------------------------------
def _active_overrides() -> Overrides | None:
    """The province's criteria in place of the software's (thidua/awards/selectors/rules.py)."""
    from thidua.awards.selectors.rules import active_overrides

    return active_overrides()


def _item_ref(item: ProposalItem) -> str:
    return f"item-{item.pk}"


def _invalid(item: ProposalItem, problems: Iterable[str]) -> Result:
    """A subject the engine's parser refused (registry data it cannot read): reviewed by hand."""
    text = "; ".join(problems)
    reason = Reason(
        code="input.invalid",
        message=f"Dữ liệu trong sổ khen thưởng chưa đọc được, cần xem xét: {text}",
        citation="",
        facts={},
        verified=True,
    )
    return Result(_item_ref(item), AwardCode(item.award), Outcome.NEEDS_REVIEW, None, (reason,))


def items_eligibility(
    items: Sequence[ProposalItem],
    *,
    as_of: dt.date,
    received_on: dt.date | None,
    overrides: Overrides | bool | None = True,
) -> list[Result]:
    """One engine Result per item, in order, read from the registry in a constant number of queries
    (subject_facts once for every subject, then the pure engine per subject).

    Items need their person or organisation loaded. The facts are read once for the latest year of
    the batch; each item then sees the ratings up to its own year (the contract: chains end at the
    subject's `year`). `overrides`: True reads the province's criteria; None uses the software's."""
    if not items:
        return []
    rules: Overrides | None = _active_overrides() if overrides is True else overrides or None
    persons = list({item.person_id: item.person for item in items if item.person is not None}.values())
    organisations = list(
        {item.organisation_id: item.organisation for item in items if item.organisation is not None}.values()
    )
    latest = max(item.year_to for item in items)
    facts = {
        row["id"]: row for row in subject_facts(persons=persons, organisations=organisations, year=latest)
    }
    subjects: list[dict[str, Any]] = []
    for item in items:
        key = f"person-{item.person_id}" if item.person_id else f"organisation-{item.organisation_id}"
        base = facts[key]
        subjects.append(
            {
                **base,
                "id": _item_ref(item),
                "requested": [item.award],
                "year": item.year_to,
                "ratings": {y: r for y, r in base["ratings"].items() if int(y) <= item.year_to},
            }
        )
    document: dict[str, Any] = {"as_of": as_of.isoformat(), "subjects": subjects}
    if received_on is not None:
        document["received_on"] = received_on.isoformat()
    try:
        parsed = [
            (item, subject)
            for item, subject in zip(items, parse_input(document).inputs.subjects, strict=True)
        ]
    except EligibilityInputError:
        return [
            _one(item, subject, document, rules, as_of, received_on)
            for item, subject in zip(items, subjects, strict=True)
        ]
    results: list[Result] = []
    for _item, subject in parsed:
        results.extend(evaluate_subject(subject, as_of=as_of, received_on=received_on, overrides=rules))
    return results


def _one(
    item: ProposalItem,
    subject: dict[str, Any],
    document: dict[str, Any],
    rules: Overrides | None,
    as_of: dt.date,
    received_on: dt.date | None,
) -> Result:
    """The slow path when the batch does not parse: each subject alone, so one unreadable record
    does not stop the others."""
    try:
        parsed = parse_input({**document, "subjects": [subject]})
    except EligibilityInputError as error:
        return _invalid(item, [problem.message for problem in error.problems])
    return evaluate_subject(parsed.inputs.subjects[0], as_of=as_of, received_on=received_on, overrides=rules)[
        0
    ]


def result_data(result: Result) -> dict[str, Any]:
    """A Result as stored with the item (ProposalItem.eligibility)."""
    data = result_to_json(result)
    data.pop("id", None)
    return data


# --- Duplicates ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Keys:
    """What the items' subjects can match, for narrowing in the database: the people who may be the
    same person as an item's (found in the people's registry first, see _matching_people), the
    collectives, the awards and the years."""

    people: list[int]
    collectives: list[int]
    awards: list[str]
    first_year: int
    last_year: int


def _code_variants(code: str) -> set[str]:
    """The spellings of a code the database compares exactly: as typed, upper and lower case, with
    and without spaces (rules/duplicates.fold_code ignores both; a code typed "cs 12" elsewhere)."""
    bare = "".join(code.split())
    return {code, code.strip(), code.upper(), code.lower(), bare, bare.upper(), bare.lower()}


def _matching_people(people: Sequence[Person]) -> set[int]:
    """The ids of the people who may be one of `people` under rules/duplicates.py: the same
    civil-servant code; the same folded name and birth date; the same folded name in the same unit
    where a birth date is missing on one side. Names are folded in Python (the database cannot
    drop Vietnamese diacritics portably), on the few columns of the people whose birth date or unit
    matches, never on the registry's rows. Three queries at most, whatever the number of people."""
    found = {p.pk for p in people}
    codes = {
        variant for p in people if p.civil_servant_code for variant in _code_variants(p.civil_servant_code)
    }
    if codes:
        found.update(Person.objects.filter(civil_servant_code__in_values=codes).values_list("id", flat=True))
    wanted = {(fold_name(p.full_name), p.date_of_birth) for p in people if p.date_of_birth is not None}
    births = sorted({born for _name, born in wanted})
    if births:
        rows = Person.objects.filter(date_of_birth__in_values=births)
        for pk, name, born in rows.values_list("id", "full_name", "date_of_birth").iterator(
            chunk_size=10_000
        ):
            if (fold_name(name), born) in wanted:
                found.add(pk)
    names: dict[int, set[str]] = defaultdict(set)
    for p in people:
        names[p.organisation_id].add(fold_name(p.full_name))
    without_birth = {p.organisation_id for p in people if p.date_of_birth is None}
    if names:
        birthless = Q(organisation_id__in_values=list(names), date_of_birth__isnull=True)
        if without_birth:
            birthless |= Q(organisation_id__in_values=list(without_birth))
        for pk, name, unit in Person.objects.filter(birthless).values_list(
            "id", "full_name", "organisation_id"
        ):
            if fold_name(name) in names[unit]:
                found.add(pk)
    return found


def _keys(items: Sequence[ProposalItem]) -> _Keys:
    people = [item.person for item in items if item.person is not None]
    return _Keys(
        people=sorted(_matching_people(people)),
        collectives=[item.organisation_id for item in items if item.organisation_id is not None],
        awards=sorted({item.award for item in items}),
        first_year=min(item.year_from for item in items),
        last_year=max(item.year_to for item in items),
    )


def _subjects(keys: _Keys) -> Q:
    """The rows about the people who may be the items' people or about the items' collectives: one
    condition whatever the number of items (core/lookups.py)."""
    return Q(person_id__in_values=keys.people) | Q(organisation_id__in_values=keys.collectives)


def _period(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"


# The subject's columns both sources read (the person's, then the collective's), in this order.
_SUBJECT_FIELDS = (
    "person_id",
    "person__civil_servant_code",
    "person__full_name",
    "person__date_of_birth",
    "person__organisation_id",
    "person__organisation__name",
    "organisation_id",
    "organisation__name",
)


def _candidate(
    *, ref: str, award: str, years: tuple[int, int], source: str, subject: Sequence[Any]
) -> Candidate:
    """A registry honour or an open item as the duplicate rules see it, from _SUBJECT_FIELDS' values."""
    person_id, code, name, birth, unit_id, unit_name, org_id, org_name = subject
    common: dict[str, Any] = {
        "ref": ref,
        "award": AwardCode(award),
        "year_from": years[0],
        "year_to": years[1],
        "source": source,
    }
    if person_id is not None:
        return Candidate(
            subject=SubjectKind.INDIVIDUAL,
            person_code=code or None,
            full_name=name,
            birth_date=birth,
            organisation_id=unit_id,
            unit_name=unit_name or "",
            **common,
        )
    return Candidate(
        subject=SubjectKind.COLLECTIVE, organisation_id=org_id, unit_name=org_name or "", **common
    )


def _registry_candidates(keys: _Keys) -> list[Candidate]:
    """The registry's honours that could duplicate the items: same award, overlapping years, and a
    matching code, birth date, unit or collective, read as plain values (never whole rows)."""
    fields = (
        "id",
        *_SUBJECT_FIELDS,
        "decision__award",
        "decision__period_from_year",
        "decision__period_to_year",
        "decision__number",
        "decision__issuer__name",
    )
    rows = AwardRecipient.objects.filter(
        _subjects(keys),
        decision__award__in=keys.awards,
        decision__period_from_year__lte=keys.last_year,
        decision__period_to_year__gte=keys.first_year,
    ).values_list(*fields)
    return [
        _candidate(
            ref=f"recipient-{pk}",
            award=award,
            years=(y1, y2),
            source=f"Quyết định {number} của {issuer}",
            subject=subject,
        )
        for pk, *subject, award, y1, y2, number, issuer in rows
    ]


def _proposal_candidates(keys: _Keys, exclude: Iterable[int]) -> list[Candidate]:
    """The items of other open proposals that could duplicate the items (same narrowing)."""
    fields = (
        "id",
        *_SUBJECT_FIELDS,
        "award",
        "year_from",
        "year_to",
        "proposal_id",
        "proposal__organisation__name",
        "proposal__title",
    )
    rows = (
        ProposalItem.objects.filter(
            _subjects(keys),
            proposal__state__in=[s.value for s in OPEN_STATES],
            award__in=keys.awards,
            year_from__lte=keys.last_year,
            year_to__gte=keys.first_year,
        )
        .exclude(pk__in=list(exclude))
        .values_list(*fields)
    )
    return [
        _candidate(
            ref=f"item-{pk}",
            award=award,
            years=(y1, y2),
            source=f"Đề nghị «{title}» của {unit} (hồ sơ số {proposal_id})",
            subject=subject,
        )
        for pk, *subject, award, y1, y2, proposal_id, unit, title in rows
    ]


def item_candidate(item: ProposalItem) -> Candidate:
    """An item as the duplicate rules see it (person and organisations loaded)."""
    source = (
        f"Đề nghị «{item.proposal.title}» của {item.proposal.organisation.name} (hồ sơ số {item.proposal_id})"
    )
    person = item.person
    subject: tuple[Any, ...]
    if person is not None:
        subject = (
            person.pk,
            person.civil_servant_code,
            person.full_name,
            person.date_of_birth,
            person.organisation_id,
            person.organisation.name,
            None,
            None,
        )
    else:
        assert item.organisation is not None
        subject = (None, None, None, None, None, None, item.organisation_id, item.organisation.name)
    return _candidate(
        ref=_item_ref(item),
        award=item.award,
        years=(item.year_from, item.year_to),
        source=source,
        subject=subject,
    )


def duplicate_data(duplicate: Duplicate) -> dict[str, Any]:
    """A duplicate as stored with the item (ProposalItem.duplicates)."""
    other = duplicate.other
    return {
        "basis": duplicate.basis.value,
        "weak": duplicate.weak,
        "kind": "registry" if other.ref.startswith("recipient-") else "proposal",
        "ref": other.ref,
        "name": other.full_name or other.unit_name,
        "unit": other.unit_name,
        "source": other.source,
        "years": _period(duplicate.year_from, duplicate.year_to),
    }


def items_duplicates(items: Sequence[ProposalItem]) -> dict[int, list[Duplicate]]:
    """The duplicates of each item (by item id) across units, levels and years: the registry's
    honours and the items of other open proposals (and of the same proposal outside `items`),
    narrowed in the database (the people who may be the same person first, then their honours and
    items), then matched by rules/duplicates.py. Items are checked against each other too. Queries:
    five at most, whatever the number of items (each list is one parameter: core/lookups.py)."""
    if not items:
        return {}
    keys = _keys(items)
    existing = _registry_candidates(keys) + _proposal_candidates(keys, [item.pk for item in items])
    index = DuplicateIndex.from_candidates(existing)
    by_ref = {_item_ref(item): item.pk for item in items}
    found: dict[int, list[Duplicate]] = {item.pk: [] for item in items}
    for duplicate in find_duplicates([item_candidate(item) for item in items], index):
        found[by_ref[duplicate.item_ref]].append(duplicate)
        # The pair among the batch is reported once, on the later item; the earlier one shows it too.
        if duplicate.other_ref in by_ref:
            mirror = Duplicate(
                item=duplicate.other,
                other=duplicate.item,
                basis=duplicate.basis,
                year_from=duplicate.year_from,
                year_to=duplicate.year_to,
            )
            found[by_ref[duplicate.other_ref]].append(mirror)
    return found


# --- The council -----------------------------------------------------------------------------------
def council_member_for(*, user: Any, proposal: Proposal) -> CouncilMember | None:
    """The seat the user casts ballots from on the proposal's council."""
    if proposal.council_id is None or getattr(user, "pk", None) is None:
        return None
    return (
        CouncilMember.objects.filter(council_id=proposal.council_id, user=user)
        .select_related("person")
        .first()
    )


def council_threshold_rules() -> tuple[ThresholdRule, ...]:
    """The province's own council thresholds (CouncilThreshold rows), as rules/council.threshold_for
    takes them: they beat the decree's and the software's defaults."""
    rules: list[ThresholdRule] = []
    for row in CouncilThreshold.objects.order_by("award", "valid_from", "id"):
        rules.append(
            ThresholdRule(
                threshold=Threshold(Fraction(row.numerator, row.denominator), row.rule),
                awards=frozenset({AwardCode(row.award)}) if row.award else None,
                valid_from=row.valid_from,
                valid_to=row.valid_to,
                source=row.source,
                confidence=Confidence.V,
            )
        )
    return tuple(rules)


def member_ballots(*, member: CouncilMember, proposal: Proposal) -> dict[int, str]:
    """The member's choices on the proposal's items, by item id."""
    return dict(
        CouncilBallot.objects.filter(member=member, item__proposal=proposal).values_list("item_id", "choice")
    )


def absent_members(*, proposal: Proposal) -> QuerySet[CouncilMember]:
    """The council's members who have not voted in the session: the office may record their paper
    ballots (NĐ 91/2017/NĐ-CP Điều 45 khoản 8)."""
    if proposal.council_id is None:
        return CouncilMember.objects.none()
    voted = CouncilBallot.objects.filter(item__proposal=proposal, written=False).values("member_id")
    return (
        CouncilMember.objects.filter(council_id=proposal.council_id)
        .exclude(pk__in=voted)
        .select_related("person")
        .order_by("person__full_name")
    )


def ballot_counts(*, proposal: Proposal) -> dict[int, dict[str, int]]:
    """While the vote is open: per item, how many members chose what (for the office's screen)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item_id, choice in CouncilBallot.objects.filter(item__proposal=proposal).values_list(
        "item_id", "choice"
    ):
        counts[item_id][choice] += 1
    return {item_id: dict(choices) for item_id, choices in counts.items()}


# --- The proposal's page ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ProposalPage:
    """What the proposal's screen shows and offers to the user: the items with their checks, the
    dossier, the documents, the council's progress, and the actions the table allows the user now."""

    proposal: Proposal
    items: list[ProposalItem]
    documents: list[Any]
    checklist: list[tuple[RequiredDocument, bool]]
    missing: list[MissingDocument]
    roles: frozenset[Role]
    allowed: frozenset[str]  # the workflow actions the user may do in the proposal's state
    ballot_counts: dict[int, dict[str, int]]
    member: CouncilMember | None


def proposal_page(*, user: Any, proposal: Proposal) -> ProposalPage:
    items = proposal_items(proposal=proposal)
    documents = list(proposal.documents.select_related("item__person", "item__organisation", "uploaded_by"))
    roles = proposal_roles(user=user, proposal=proposal)
    state = proposal_state(proposal)
    allowed = frozenset(
        action.value
        for action in proposal_workflow.Action
        if proposal_workflow.WORKFLOW.allowed(state, action, roles)
    )
    present = [(document.kind, document.item_id) for document in documents]
    voting = state in COUNCIL_STATES
    return ProposalPage(
        proposal=proposal,
        items=items,
        documents=documents,
        checklist=checklist(proposal=proposal, items=items),
        missing=dossier_missing(proposal=proposal, items=items, present=present),
        roles=roles,
        allowed=allowed,
        ballot_counts=ballot_counts(proposal=proposal) if voting and Role.PROVINCE in roles else {},
        member=council_member_for(user=user, proposal=proposal) if voting else None,
    )


def councils_for_vote() -> QuerySet[Any]:
    """The councils a proposal may be put to: those with members, the latest year first."""
    from thidua.awards.models import Council

    return Council.objects.filter(members__isnull=False).distinct().order_by("-year")


def flag_proposal_candidates(*, user: Any, vote: Any) -> list[tuple[int, str]]:
    """The units a cluster's closed vote elected, which the user may propose for Cờ thi đua cấp tỉnh
    (services/proposals.proposal_from_cluster_vote): only the head unit's officer, once the count
    elected someone; [] for anyone else, so the button shows to nobody else."""
    data = vote.tally or {}
    if vote.status != "closed" or data.get("needs_new_round"):
        return []
    head = vote.group.head_id
    if head is None or Role.UNIT not in proposal_roles(user=user, organisation_id=head):
        return []
    return [(int(entry["organisation_id"]), str(entry["name"])) for entry in data.get("flag_candidates", [])]


def may_manage_councils(user: Any) -> bool:
    return Cap.MANAGE_PROPOSALS in capabilities(user)


def may_read_councils(user: Any) -> bool:
    return bool({Cap.MANAGE_PROPOSALS, Cap.VOTE_IN_COUNCIL} & capabilities(user))


def councils_visible_to(*, user: Any) -> QuerySet[Any]:
    """The councils with their members: the province office keeps them; a council member reads them."""
    from thidua.awards.models import Council

    if not may_read_councils(user):
        return Council.objects.none()
    return Council.objects.prefetch_related("members__person", "members__user").order_by("-year")


def council_accounts() -> QuerySet[Any]:
    """The accounts a council member may vote with: those holding the council member's role."""
    from django.contrib.auth import get_user_model

    from thidua.accounts.roles import RoleCode

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__role__code=RoleCode.COUNCIL_MEMBER)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def people_by_codes(codes: Iterable[str]) -> dict[str, Person]:
    """People by civil-servant code (as typed, else upper case): the council form's rows."""
    wanted = {code.strip() for code in codes if code.strip()}
    variants = wanted | {code.upper() for code in wanted}
    found = {p.civil_servant_code: p for p in Person.objects.filter(civil_servant_code__in=variants)}
    return {
        code: found.get(code) or found[code.upper()]
        for code in wanted
        if code in found or code.upper() in found
    }
