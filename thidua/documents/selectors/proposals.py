"""The dossier's papers from a commendation proposal: the proposal letter and each item's achievement
report, as plain data for the pure renderers (render/awards.py).

The caller has found the proposal through awards.selectors.proposals.proposals_visible_to, as the
proposal's screen does, so whoever cannot open the screen cannot print its papers.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.eligibility.rulesets import AMENDING_LAW, LAW, SD_06, rule_set_for
from thidua.awards.models import AwardDecision, Proposal, ProposalItem
from thidua.awards.selectors.timeline import HonourRow, Timeline, organisation_timeline, person_timeline
from thidua.core.formatting import nd30_date, short_date
from thidua.documents.render.awards import (
    AchievementData,
    HonourLine,
    InitiativeLine,
    ProposalLetterData,
    ProposalLine,
    SigningAuthority,
    is_committee,
)
from thidua.documents.selectors.emulation import place_name
from thidua.org.models import Organisation

__all__ = [
    "achievement_data",
    "legal_grounds",
    "proposal_letter_data",
    "proposal_letter_signer_initial",
    "unit_place",
]

# Danh hiệu thi đua (Luật TĐKT 2022 Điều 23–27); every other award is a hình thức khen thưởng. The
# achievement report's forms list them in two tables.
EMULATION_TITLES = frozenset(
    {
        AwardCode.LAO_DONG_TIEN_TIEN.value,
        AwardCode.CHIEN_SI_THI_DUA_CO_SO.value,
        AwardCode.CHIEN_SI_THI_DUA_CAP_TINH.value,
        AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC.value,
        AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN.value,
        AwardCode.TAP_THE_LAO_DONG_XUAT_SAC.value,
        AwardCode.CO_THI_DUA_CAP_TINH.value,
        AwardCode.CO_THI_DUA_CHINH_PHU.value,
    }
)


def legal_grounds(day: dt.date) -> tuple[str, ...]:
    """The "Căn cứ" lines: the Law and the decree of the eligibility rule set in force on `day` (its
    citation data, so a new decree is one rule set, not an edit here)."""
    law = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
    rule_set = rule_set_for(day)
    if rule_set is None:
        return (law, "các văn bản quy định chi tiết thi hành Luật Thi đua, khen thưởng")
    if rule_set.id == SD_06:
        law += f", được sửa đổi, bổ sung bởi {AMENDING_LAW}"
    # The gates cite "<decree>, Điều 4": the decree detailing the Law on that day.
    decree = rule_set.gates["g3"].citation.split(",")[0].strip() if "g3" in rule_set.gates else ""
    if not decree or decree.startswith(LAW):
        return (law,)
    return (
        law,
        f"{decree} của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    )


def unit_place(organisation: Organisation) -> str:
    """The place in the date line (NĐ 30/2020 Phụ lục I, mục II.4.a): where the issuer sits. A people's
    committee of a district or a commune writes its own unit ("Cầu Ngang", "Nguyệt Hóa"; a numbered one
    keeps its word: "Phường 1"); any other body, and the province, write the province ("Trà Vinh")."""
    unit = organisation.admin_unit
    if (
        organisation.kind == Organisation.Kind.LOCAL_GOVERNMENT
        and unit is not None
        and unit.level != unit.Level.PROVINCE
    ):
        kind = (unit.kind or "").strip()
        name = unit.name.strip()
        rest = name[len(kind) :].strip() if kind and name.lower().startswith(kind.lower()) else name
        return name if not rest or rest[0].isdigit() else rest
    if organisation.province is not None:
        return place_name(organisation.province.name)
    return place_name(organisation.name.split("tỉnh")[-1].strip())


_place = unit_place


def _short_authority(name: str) -> str:
    """Box 2a, capitals, with the abbreviation NĐ 30 allows for common words: "UBND TỈNH TRÀ VINH"."""
    upper = name.upper()
    return "UBND " + upper[len("ỦY BAN NHÂN DÂN ") :] if upper.startswith("ỦY BAN NHÂN DÂN ") else upper


def _unit_code(organisation: Organisation) -> str:
    """The unit's code in the symbol ("…/TTr-UBND"): the clerk's own code is kept in no column, so
    a people's committee is UBND and another body its initials before the place ("Sở Nội vụ" → SNV)."""
    if organisation.kind == Organisation.Kind.LOCAL_GOVERNMENT:
        return "UBND"
    words = []
    for word in organisation.name.split():
        if word.lower() in {"tỉnh", "huyện", "xã", "phường", "thị", "thành", "quận"}:
            break
        words.append(word)
    return "".join(w[0] for w in words).upper()[:8]


def _addressee(organisation: Organisation) -> str:
    # The province's chairman decides the provincial awards, whatever the level of the proposing unit.
    place = place_name(organisation.province.name) if organisation.province is not None else ""
    return f"Chủ tịch Ủy ban nhân dân tỉnh {place}" if place else "Chủ tịch Ủy ban nhân dân tỉnh"


def _council_text(item: ProposalItem) -> str:
    result = item.council_result or {}
    if not result:
        return ""
    verdict = "Đạt" if result.get("passed") else "Không đạt"
    return f"{verdict} ({result.get('agree', 0)}/{result.get('members', 0)} đồng ý)"


def _line(item: ProposalItem) -> ProposalLine:
    award = str(item.get_award_display())
    if item.person is not None:
        person = item.person
        return ProposalLine(
            name=person.full_name,
            collective=False,
            position=person.position,
            unit=person.organisation.name,
            award=award,
            period=item.period_text,
            achievement=item.note,
            council=_council_text(item),
        )
    assert item.organisation is not None
    parent = item.organisation.parent
    return ProposalLine(
        name=item.organisation.name,
        collective=True,
        position="",
        unit=parent.name if parent is not None else "",
        award=award,
        period=item.period_text,
        achievement=item.note,
        council=_council_text(item),
    )


def proposal_letter_signer_initial(*, proposal: Proposal) -> dict[str, str]:
    """What the signer form on the proposal's screen shows first: what the letter prints when the officer
    changes nothing. A people's committee signs for its collective ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH");
    another body's head signs in their own name."""
    if is_committee(proposal.organisation.name):
        return {"signing": SigningAuthority.TM.value, "head_title": "Chủ tịch", "signer_title": "Chủ tịch"}
    return {"signing": SigningAuthority.HEAD.value, "head_title": "", "signer_title": ""}


def proposal_letter_data(
    *,
    proposal: Proposal,
    signing: SigningAuthority | None = None,
    head_title: str = "",
    signer_title: str = "",
    signer_name: str = "",
) -> ProposalLetterData:
    """The letter's data; the signer as the officer chose it on the proposal's screen (None: guessed
    from the unit, render/awards.signature_for)."""
    organisation = proposal.organisation
    items = proposal.items.select_related("person__organisation", "organisation__parent").order_by("id")
    minutes = proposal.minutes or {}
    note = ""
    if minutes.get("council"):
        closed = minutes.get("closed_on") or ""
        try:
            when = f" {nd30_date(dt.date.fromisoformat(str(closed)[:10]))}"
        except ValueError:
            when = ""
        note = (
            f"{minutes['council']} đã họp xét, biểu quyết{when}; kết quả biểu quyết của từng tập thể, "
            "cá nhân ghi tại danh sách kèm theo."
        )
    parent = organisation.parent
    return ProposalLetterData(
        unit_name=organisation.name,
        parent_authority=_short_authority(parent.name) if parent is not None else "",
        unit_code=_unit_code(organisation),
        place=_place(organisation),
        year=proposal.year,
        title=proposal.title,
        commendation_kind=str(proposal.get_commendation_kind_display()),
        addressee=_addressee(organisation),
        legal_grounds=legal_grounds(proposal.received_on or timezone.localdate()),
        lines=tuple(_line(item) for item in items),
        minutes_note=note,
        signing=signing,
        head_title=head_title,
        signer_title=signer_title,
        signer_name=signer_name,
    )


def _honour_line(row: HonourRow, issuers: dict[int, str]) -> HonourLine:
    # The issuer's full name ("Ủy ban nhân dân tỉnh Trà Vinh"): the timeline keeps its short label.
    issuer = issuers.get(row.decision_id, row.issuer)
    decision = f"Quyết định số {row.number} ngày {short_date(row.signed_on)} của {issuer}"
    if row.predecessor:
        decision += f" (tặng {row.predecessor})"
    return HonourLine(row.period_text, row.award_label, decision)


def _registry_lines(
    timeline: Timeline, before: int
) -> tuple[tuple[tuple[int, str], ...], list[HonourLine], list[HonourLine], list[InitiativeLine]]:
    """Ratings, titles, commendations and initiatives up to the last year of the achievement, oldest
    first, as the forms list them."""
    ratings: list[tuple[int, str]] = []
    titles: list[HonourLine] = []
    commendations: list[HonourLine] = []
    initiatives: list[InitiativeLine] = []
    ids = [h.decision_id for year in timeline.years for h in year.honours]
    issuers = dict(AwardDecision.objects.filter(pk__in=ids).values_list("pk", "issuer__name"))
    for year in reversed(timeline.years):
        if year.year > before:
            continue
        if year.rating is not None:
            ratings.append((year.year, year.rating.label))
        for honour in year.honours:
            (titles if honour.award in EMULATION_TITLES else commendations).append(
                _honour_line(honour, issuers)
            )
        initiatives.extend(
            InitiativeLine(i.title, i.scope_label, f"{i.recognised_by}, {short_date(i.recognised_on)}")
            for i in year.initiatives
        )
    return tuple(ratings), titles, commendations, initiatives


def achievement_data(*, item: ProposalItem) -> AchievementData:
    """One item's report, pre-filled from the registry: the subject's ratings, honours with their
    decisions and initiatives up to the last year of the achievement period."""
    proposal = item.proposal
    place = _place(proposal.organisation)
    award = str(item.get_award_display())
    if item.person is not None:
        person = item.person
        timeline = person_timeline(person=person)
        ratings, titles, commendations, initiatives = _registry_lines(timeline, item.year_to)
        return AchievementData(
            collective=False,
            name=person.full_name,
            unit=person.organisation.name,
            parent_authority="",
            position=person.position,
            gender=str(person.get_gender_display()) if person.gender else "",
            date_of_birth=person.date_of_birth,
            ratings=ratings,
            titles=tuple(titles),
            commendations=tuple(commendations),
            initiatives=tuple(initiatives),
            award=award,
            period=item.period_text,
            place=place,
            year=proposal.year,
            summary=item.note,
        )
    organisation = item.organisation
    assert organisation is not None
    timeline = organisation_timeline(organisation=organisation)
    ratings, titles, commendations, initiatives = _registry_lines(timeline, item.year_to)
    parent = organisation.parent
    return AchievementData(
        collective=True,
        name=organisation.name,
        unit=parent.name if parent is not None else "",
        parent_authority=_short_authority(parent.name) if parent is not None else "",
        ratings=ratings,
        titles=tuple(titles),
        commendations=tuple(commendations),
        initiatives=tuple(initiatives),
        predecessors=timeline.predecessors,
        award=award,
        period=item.period_text,
        place=place,
        year=proposal.year,
        summary=item.note,
    )
