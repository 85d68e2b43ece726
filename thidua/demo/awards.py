"""Demo of commendation (khen thưởng), built through the services as officers would do it.

The registry: past honours of the 2023 cluster's districts and of the communes that merged into
today's wards and communes (so a successor's award history shows its predecessors' honours), yearly
ratings, an initiative, one discipline and one open matter. The provincial council of 2024 (tỉnh Trà
Vinh), 2025 and 2026 (tỉnh Vĩnh Long). Then one proposal per rule set, each replayed at its dates by
the story clock (thidua/demo/clock.py):

1. received 15/01/2024 (luat-06-2022/nd-98-2023): huyện Châu Thành, head of the 2023 cluster, proposes
   Cờ thi đua cấp tỉnh for huyện Cầu Ngang from the cluster's vote, with its own people and a commune;
   appraised, voted, decided by UBND tỉnh Trà Vinh;
2. received 10/12/2025 (luat-06-2022/nd-152-2025): phường Nguyệt Hóa proposes for 2025; decided on
   12/01/2026 by UBND tỉnh Vĩnh Long;
3. received 25/09/2026 and appraised after 01/10/2026: the items carry the transition reason (Luật
   06/2026/QH16 Điều 4 khoản 4); decided 15/10/2026;
4. under the amended law: phường Nguyệt Hóa's draft for 2026 (Nguyễn Văn An for Chiến sĩ thi đua cấp
   tỉnh, eligible and marked unverified), left for the demo's member officer to submit; and a
   submitted proposal of xã Long Hữu holding one duplicate (a person typed without diacritics, the
   same birth date, who already holds the award in the registry).

Every decision, person and figure here is ILLUSTRATIVE and says so ("Minh họa"): numbers, dates and
names are not real ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.accounts.models import User
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.awards.models import AwardDecision, Council, Proposal
from thidua.awards.services.council import (
    council_ballot_cast,
    council_create,
    council_vote_close,
    council_vote_open,
)
from thidua.awards.services.decisions import award_decision_create
from thidua.awards.services.proposals import (
    ItemRow,
    proposal_appraise,
    proposal_create,
    proposal_decide,
    proposal_document_attach,
    proposal_from_cluster_vote,
    proposal_items_add,
    proposal_submit,
)
from thidua.awards.services.records import discipline_create, initiative_create, pending_open, rating_set
from thidua.demo.clock import StoryClock, story_clock
from thidua.org.models import AdminUnit, EmulationGroup, Organisation, Person
from thidua.org.services.organisations import organisation_create
from thidua.org.services.people import person_create, person_update

MINH_HOA = "Minh họa: số, ngày quyết định và người được khen không phải số liệu thật."
CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_cap_tinh"
TTLDXS = "tap_the_lao_dong_xuat_sac"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"
COUNCIL_NAME = "Hội đồng Thi đua – Khen thưởng tỉnh {province} năm {year}"
ALL_AGREE = "agree"


def minimal_pdf(title: str) -> bytes:
    """A small valid one-page PDF (with its cross-reference table), standing in for a scanned letter:
    the dossier's checks read the type from the content, not the name."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 72 770 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# The Điều 84 dossier, attached to the whole proposal (one document serves every item).
DOSSIER = {
    "to_trinh": ("To-trinh.pdf", "To trinh de nghi khen thuong (minh hoa)"),
    "bao_cao_thanh_tich": ("Bao-cao-thanh-tich.pdf", "Bao cao thanh tich (minh hoa)"),
    "bien_ban_xet_thi_dua": ("Bien-ban-xet-thi-dua.pdf", "Bien ban hop xet thi dua (minh hoa)"),
    "bien_ban_xet_khen_thuong": ("Bien-ban-xet-khen-thuong.pdf", "Bien ban hop xet khen thuong (minh hoa)"),
    "xac_nhan_sang_kien": ("Xac-nhan-sang-kien.pdf", "Xac nhan hieu qua sang kien (minh hoa)"),
}


@dataclass
class _Cast:
    """Who acts in the story."""

    admin: User
    office_tv: User  # the province office of tỉnh Trà Vinh, 2024–2025
    office: User  # today's province office (tỉnh Vĩnh Long): `tinh`
    ubnd_tv: Organisation
    ubnd_vl: Organisation


def _person(
    admin: User,
    name: str,
    gender: str,
    organisation: Organisation,
    code: str,
    born: dt.date,
    position: str = "",
) -> Person:
    return person_create(
        actor=admin,
        full_name=name,
        gender=gender,
        organisation=organisation,
        position=position,
        date_of_birth=born,
        civil_servant_code=code,
    )


def _set_codes(admin: User, people: dict[str, tuple[Person, str, dt.date]]) -> None:
    """The demo's people created by the loader get their civil-servant codes and birth dates."""
    for person, code, born in people.values():
        person_update(actor=admin, person=person, civil_servant_code=code, date_of_birth=born)


def _org(
    admin: User, unit: AdminUnit, province: AdminUnit, parent: Organisation | None = None
) -> Organisation:
    """A people's committee of a unit, coded as the loader codes them (thidua/demo/loader._ubnd)."""
    code = f"UBND-{unit.code}" if unit.valid_until is None else f"UBND-{unit.code}-{unit.valid_until:%Y}"
    found = Organisation.objects.filter(code=code).first()
    if found:
        return found
    return organisation_create(
        actor=admin,
        code=code,
        name=f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}",
        short_name=unit.name,
        kind=Organisation.Kind.LOCAL_GOVERNMENT,
        admin_unit=unit,
        province=province,
        parent=parent,
        dissolved_on=unit.valid_until,
    )


def _old_commune(code: str) -> AdminUnit:
    return AdminUnit.objects.get(code=code, level=AdminUnit.Level.COMMUNE, valid_until__isnull=False)


def _dossier(actor: User, proposal: Proposal, kinds: list[str]) -> None:
    for kind in kinds:
        name, title = DOSSIER[kind]
        upload = SimpleUploadedFile(name, minimal_pdf(title), content_type="application/pdf")
        proposal_document_attach(actor=actor, proposal=proposal, kind=kind, upload=upload)


def _vote(
    clock: StoryClock,
    day: dt.date,
    *,
    office: User,
    proposal: Proposal,
    council: Council,
    voters: list[User],
    against: dict[int, str] | None = None,
) -> Proposal:
    """The council's session: opened, every member's ballots, closed with the minutes."""
    clock.on(day, 8)
    proposal = council_vote_open(actor=office, proposal=proposal, council=council)
    items = list(proposal.items.order_by("id").values_list("pk", flat=True))
    clock.on(day, 9)
    for voter in voters:
        choices = {pk: ALL_AGREE for pk in items}
        choices.update(against or {})
        council_ballot_cast(actor=voter, proposal=proposal, choices=choices)
    clock.on(day, 11)
    council_vote_close(actor=office, proposal=proposal)
    proposal.refresh_from_db()
    return proposal


def _decide(
    clock: StoryClock,
    day: dt.date,
    *,
    office: User,
    proposal: Proposal,
    issuer: Organisation,
    numbers: dict[str, str],
) -> list[AwardDecision]:
    clock.on(day, 15)
    return proposal_decide(
        actor=office,
        proposal=proposal,
        numbers=numbers,
        signed_on=day,
        issuer=issuer,
        signer_name="Nguyễn Văn Ký (minh họa)",
        signer_title="Chủ tịch Ủy ban nhân dân tỉnh",
    )


def _decision(
    clock: StoryClock,
    actor: User,
    *,
    number: str,
    signed_on: dt.date,
    issuer: Organisation,
    award: str,
    years: tuple[int, int],
    summary: str,
    people: list[Person] | None = None,
    organisations: list[Organisation] | None = None,
    signer_title: str = "Chủ tịch Ủy ban nhân dân tỉnh",
) -> AwardDecision:
    """A past decision recorded in the registry on the day it was signed."""
    clock.on(signed_on, 16)
    return award_decision_create(
        actor=actor,
        number=number,
        signed_on=signed_on,
        issuer=issuer,
        award=award,
        period_from_year=years[0],
        period_to_year=years[1],
        signer_name="Minh họa",
        signer_title=signer_title,
        summary=summary,
        note=MINH_HOA,
        people=people or [],
        organisations=organisations or [],
    )


def load_awards(
    *,
    admin: User,
    users: dict[str, User],
    old_orgs: dict[str, Organisation],
    new_orgs: list[Organisation],
    home_affairs: Organisation,
    cluster_2023: EmulationGroup,
    cluster_today: EmulationGroup,
) -> dict[str, Any]:
    """Load the commendation demo; returns the proposals by story number, for the tests' reading."""
    with story_clock() as clock:
        return _load(
            clock,
            admin=admin,
            users=users,
            old_orgs=old_orgs,
            new_orgs=new_orgs,
            home_affairs=home_affairs,
            cluster_2023=cluster_2023,
            cluster_today=cluster_today,
        )


def _load(
    clock: StoryClock,
    *,
    admin: User,
    users: dict[str, User],
    old_orgs: dict[str, Organisation],
    new_orgs: list[Organisation],
    home_affairs: Organisation,
    cluster_2023: EmulationGroup,
    cluster_today: EmulationGroup,
) -> dict[str, Any]:
    tra_vinh = cluster_2023.province
    vinh_long = cluster_today.province
    assert tra_vinh is not None and vinh_long is not None
    by_code = {org.admin_unit.code: org for org in new_orgs if org.admin_unit is not None}
    nguyet_hoa = users["donvi"].organisation  # phường Nguyệt Hóa
    duyen_hai = users["cumtruong"].organisation  # phường Duyên Hải, today's cluster head
    assert isinstance(nguyet_hoa, Organisation) and isinstance(duyen_hai, Organisation)
    long_huu = by_code["29518"]
    office = users["tinh"]

    # --- Organisations and people of the story ------------------------------------------------------
    clock.at(2023, 12, 1)
    ubnd_tv = _org(admin, tra_vinh, tra_vinh)
    snv_tv = organisation_create(
        actor=admin,
        code="SNV-84-2025",
        name="Sở Nội vụ tỉnh Trà Vinh",
        short_name="Sở Nội vụ Trà Vinh",
        kind=Organisation.Kind.AGENCY,
        admin_unit=tra_vinh,
        province=tra_vinh,
        dissolved_on=tra_vinh.valid_until,
    )
    ubnd_vl = _org(admin, vinh_long, vinh_long)
    # The communes that merged into today's wards (same-level predecessors: the timeline's lineage),
    # under their districts' committees, so the district proposes for them as it did.
    xa_nguyet_hoa = _org(admin, _old_commune("29395"), tra_vinh, parent=old_orgs["chau-thanh"])
    tt_cau_ngang = _org(admin, _old_commune("29416"), tra_vinh, parent=old_orgs["cau-ngang"])
    phuong_1 = _org(admin, _old_commune("29512"), tra_vinh, parent=old_orgs["tx-duyen-hai"])

    people = {
        p.full_name: p
        for p in Person.objects.filter(full_name__in=["Nguyễn Văn An", "Trần Thị Bích", "Đỗ Minh Tiến"])
    }
    an, bich, tien = people["Nguyễn Văn An"], people["Trần Thị Bích"], people["Đỗ Minh Tiến"]
    _set_codes(
        admin,
        {
            "an": (an, "VL-086-0101", dt.date(1988, 3, 14)),
            "bich": (bich, "VL-086-0102", dt.date(1990, 5, 12)),
            "tien": (tien, "TV-084-0201", dt.date(1975, 9, 2)),
        },
    )
    hoa = _person(
        admin,
        "Lê Thị Hoa",
        "female",
        nguyet_hoa,
        "VL-086-0103",
        dt.date(1985, 11, 20),
        "Công chức Văn hóa – Xã hội",
    )
    tam = _person(
        admin,
        "Huỳnh Văn Tâm",
        "male",
        nguyet_hoa,
        "VL-086-0104",
        dt.date(1983, 7, 8),
        "Công chức Tư pháp – Hộ tịch",
    )
    son = _person(
        admin,
        "Thạch Văn Sơn",
        "male",
        old_orgs["chau-thanh"],
        "TV-084-0202",
        dt.date(1979, 1, 25),
        "Trưởng phòng Nội vụ (minh họa)",
    )
    # The duplicate: the same person as Trần Thị Bích, typed without diacritics and without a code in
    # another unit's list of people, with the same birth date.
    bich_again = _person(
        admin, "Tran Thi Bich", "female", long_huu, "", dt.date(1990, 5, 12), "Công chức (minh họa)"
    )
    duc = _person(
        admin,
        "Phạm Văn Đức",
        "male",
        long_huu,
        "VL-086-0105",
        dt.date(1986, 2, 3),
        "Công chức Địa chính – Xây dựng",
    )
    yen = _person(
        admin,
        "Đặng Thị Yến",
        "female",
        long_huu,
        "VL-086-0106",
        dt.date(1992, 6, 30),
        "Công chức Tài chính – Kế toán",
    )

    # Accounts of the story's past: the Trà Vinh province office and its council; the Long Hữu officer.
    def account(username: str, name: str, role: str, organisation: Organisation) -> User:
        return user_create(
            actor=admin,
            username=username,
            password=None,
            full_name=name,
            organisation=organisation,
            roles=[role],
            is_demo=True,
        )

    office_tv = account(
        "travinh2024", "Công chức Ban TĐKT tỉnh Trà Vinh (minh họa)", RoleCode.PROVINCE_OFFICER, snv_tv
    )
    council_tv = [
        (
            _person(admin, name, gender, snv_tv, code, born),
            account(username, name, RoleCode.COUNCIL_MEMBER, snv_tv),
            title,
        )
        for name, gender, code, born, username, title in (
            (
                "Kim Văn Thành",
                "male",
                "TV-084-0301",
                dt.date(1968, 4, 1),
                "hdtv1",
                "Chủ tịch Hội đồng (minh họa)",
            ),
            (
                "Thạch Thị Sa Rinh",
                "female",
                "TV-084-0302",
                dt.date(1972, 8, 9),
                "hdtv2",
                "Phó Chủ tịch Hội đồng (minh họa)",
            ),
            (
                "Lý Minh Trí",
                "male",
                "TV-084-0303",
                dt.date(1976, 12, 5),
                "hdtv3",
                "Ủy viên thường trực (minh họa)",
            ),
        )
    ]
    officer_long_huu = account(
        "longhuu", "Công chức TĐKT xã Long Hữu (minh họa)", RoleCode.MEMBER_OFFICER, long_huu
    )

    # Today's council members at Sở Nội vụ tỉnh Vĩnh Long, each with the account they vote with.
    members_vl = []
    for username, code, born, gender, title in (
        ("hoidong", "VL-086-0001", dt.date(1970, 10, 10), "male", "Chủ tịch Hội đồng (minh họa)"),
        ("hoidong2", "VL-086-0002", dt.date(1974, 2, 14), "female", "Phó Chủ tịch Hội đồng (minh họa)"),
        ("hoidong3", "VL-086-0003", dt.date(1978, 6, 21), "male", "Ủy viên thường trực (minh họa)"),
    ):
        user = users[username]
        person = _person(admin, user.get_full_name() or username, gender, home_affairs, code, born, title)
        members_vl.append((person, user, title))
    voters_vl = [user for _p, user, _t in members_vl]
    voters_tv = [user for _p, user, _t in council_tv]

    # --- The registry's past: ratings, an initiative, a discipline, an open matter --------------------
    clock.at(2026, 1, 20)
    for person, years in (
        (an, {2021: "htt", 2022: "htxs", 2023: "htxs", 2024: "htxs", 2025: "htxs", 2026: "htxs"}),
        (bich, {2023: "htt", 2024: "htxs", 2025: "htxs"}),
        (hoa, {2023: "htt", 2024: "htxs", 2025: "htxs"}),
        (tam, {2024: "htt", 2025: "htxs", 2026: "htxs"}),
        (tien, {2021: "htxs", 2022: "htxs", 2023: "htxs"}),
        (son, {2022: "htxs", 2023: "htxs"}),
        (duc, {2024: "htxs", 2025: "htxs", 2026: "htxs"}),
        (yen, {2024: "htxs", 2025: "htxs", 2026: "htxs"}),
    ):
        for year, rating in years.items():
            rating_set(actor=office, person=person, year=year, rating=rating)
    for organisation, years in (
        (xa_nguyet_hoa, {2023: "htxs", 2024: "htxs"}),
        (old_orgs["cau-ngang"], {2023: "htxs"}),
        (nguyet_hoa, {2025: "htxs"}),
    ):
        for year, rating in years.items():
            rating_set(actor=office, organisation=organisation, year=year, rating=rating)
    initiative_create(
        actor=office,
        person=an,
        title="Số hóa hồ sơ thi đua, khen thưởng cấp xã (minh họa)",
        scope="tinh",
        recognised_on=dt.date(2025, 11, 18),
        recognised_by="Hội đồng sáng kiến tỉnh Vĩnh Long (minh họa)",
    )
    clock.at(2026, 3, 5)
    discipline_create(
        actor=office,
        person=duc,
        level="khien_trach",
        start=dt.date(2026, 3, 2),
        end=dt.date(2026, 9, 1),
        decision="15/QĐ-UBND ngày 02/03/2026 (minh họa)",
    )
    clock.at(2026, 10, 21)
    pending_open(
        actor=office,
        kind="inspection",
        since=dt.date(2026, 10, 20),
        person=yen,
        note="Minh họa: thanh tra việc quản lý ngân sách xã đang tiến hành.",
    )

    # --- Past decisions (recorded on their dates) -------------------------------------------------------
    ct, cn = old_orgs["chau-thanh"], old_orgs["cau-ngang"]
    for number, day, year, awarded in (
        ("488/QĐ-UBND", dt.date(2022, 12, 16), 2022, [tien]),
        ("512/QĐ-UBND", dt.date(2023, 12, 20), 2023, [an, son, tien]),
        ("498/QĐ-UBND", dt.date(2024, 12, 19), 2024, [an, hoa]),
    ):
        _decision(
            clock,
            office_tv,
            number=number,
            signed_on=day,
            issuer=ct,
            award=CSTDCS,
            years=(year, year),
            summary=f"Tặng danh hiệu Chiến sĩ thi đua cơ sở năm {year} (minh họa)",
            people=awarded,
            signer_title="Chủ tịch Ủy ban nhân dân huyện",
        )
    _decision(
        clock,
        office_tv,
        number="305/QĐ-UBND",
        signed_on=dt.date(2024, 2, 6),
        issuer=ubnd_tv,
        award=TTLDXS,
        years=(2023, 2023),
        summary="Tặng danh hiệu Tập thể lao động xuất sắc năm 2023 (minh họa)",
        organisations=[old_orgs["tx-duyen-hai"], old_orgs["duyen-hai"], tt_cau_ngang, phuong_1],
    )
    _decision(
        clock,
        office_tv,
        number="476/QĐ-UBND",
        signed_on=dt.date(2024, 12, 18),
        issuer=old_orgs["tx-duyen-hai"],
        award=CSTDCS,
        years=(2024, 2024),
        summary="Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2024 (minh họa)",
        people=[bich],
        signer_title="Chủ tịch Ủy ban nhân dân thị xã",
    )
    _decision(
        clock,
        office,
        number="35/QĐ-UBND",
        signed_on=dt.date(2025, 12, 19),
        issuer=duyen_hai,
        award=CSTDCS,
        years=(2025, 2025),
        summary="Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025 (minh họa)",
        people=[bich],
        signer_title="Chủ tịch Ủy ban nhân dân phường",
    )
    _decision(
        clock,
        office_tv,
        number="287/QĐ-UBND",
        signed_on=dt.date(2025, 2, 11),
        issuer=ubnd_tv,
        award=TTLDXS,
        years=(2024, 2024),
        summary="Tặng danh hiệu Tập thể lao động xuất sắc năm 2024 (minh họa)",
        organisations=[xa_nguyet_hoa, cn],
    )
    _decision(
        clock,
        office,
        number="61/QĐ-UBND",
        signed_on=dt.date(2025, 12, 22),
        issuer=nguyet_hoa,
        award=CSTDCS,
        years=(2025, 2025),
        summary="Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025 (minh họa)",
        people=[an, hoa, tam],
        signer_title="Chủ tịch Ủy ban nhân dân phường",
    )
    _decision(
        clock,
        office,
        number="212/QĐ-UBND",
        signed_on=dt.date(2026, 11, 27),
        issuer=nguyet_hoa,
        award=CSTDCS,
        years=(2026, 2026),
        summary="Tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2026 (minh họa)",
        people=[an, tam],
        signer_title="Chủ tịch Ủy ban nhân dân phường",
    )

    # --- The councils ------------------------------------------------------------------------------------
    clock.at(2024, 1, 5)
    council_2024 = council_create(
        actor=office_tv,
        year=2024,
        name=COUNCIL_NAME.format(province="Trà Vinh", year=2024),
        members=council_tv,
        chair=council_tv[0][0],
        established_by="Quyết định 01/QĐ-UBND ngày 05/01/2024 (minh họa)",
    )
    councils = {2024: council_2024}
    for year in (2025, 2026):
        clock.at(year, 1, 6)
        councils[year] = council_create(
            actor=office,
            year=year,
            name=COUNCIL_NAME.format(province="Vĩnh Long", year=year),
            members=members_vl,
            chair=members_vl[0][0],
            established_by=f"Quyết định 02/QĐ-UBND ngày 06/01/{year} (minh họa)",
        )

    # --- 1. Received 15/01/2024 (NĐ 98/2023): the 2023 cluster's flag, from its vote ------------------
    head_officer = User.objects.get(username="chauthanh2023")
    clock.at(2024, 1, 10)
    first = proposal_from_cluster_vote(actor=head_officer, vote=cluster_2023.vote, organisation_id=cn.pk)
    proposal_items_add(
        actor=head_officer,
        proposal=first,
        rows=[
            ItemRow(award=BANG_KHEN, year_from=2022, year_to=2023, person=tien),
            ItemRow(award=TTLDXS, year_from=2023, organisation=xa_nguyet_hoa),
        ],
    )
    _dossier(
        head_officer,
        first,
        ["to_trinh", "bao_cao_thanh_tich", "bien_ban_xet_thi_dua", "bien_ban_xet_khen_thuong"],
    )
    clock.at(2024, 1, 15, 9)
    first = proposal_submit(actor=head_officer, proposal=first)
    clock.at(2024, 1, 26, 10)
    first = proposal_appraise(actor=office_tv, proposal=first)
    first = _vote(
        clock, dt.date(2024, 2, 20), office=office_tv, proposal=first, council=council_2024, voters=voters_tv
    )
    _decide(
        clock,
        dt.date(2024, 3, 5),
        office=office_tv,
        proposal=first,
        issuer=ubnd_tv,
        numbers={"co_thi_dua_cap_tinh": "420/QĐ-UBND", BANG_KHEN: "421/QĐ-UBND", TTLDXS: "422/QĐ-UBND"},
    )

    # --- 2. Received 10/12/2025 (NĐ 152/2025): phường Nguyệt Hóa's proposal for 2025 --------------------
    member_officer = users["donvi"]
    clock.at(2025, 12, 3)
    second = proposal_create(
        actor=member_officer,
        organisation=nguyet_hoa,
        title="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025 (minh họa)",
        year=2025,
    )
    proposal_items_add(
        actor=member_officer,
        proposal=second,
        rows=[ItemRow(award=BANG_KHEN, year_from=2024, year_to=2025, person=hoa)],
    )
    _dossier(member_officer, second, ["to_trinh", "bao_cao_thanh_tich", "bien_ban_xet_khen_thuong"])
    clock.at(2025, 12, 10, 9)
    second = proposal_submit(actor=member_officer, proposal=second)
    clock.at(2025, 12, 17, 10)
    second = proposal_appraise(actor=office, proposal=second)
    second = _vote(
        clock, dt.date(2025, 12, 29), office=office, proposal=second, council=councils[2025], voters=voters_vl
    )
    _decide(
        clock,
        dt.date(2026, 1, 12),
        office=office,
        proposal=second,
        issuer=ubnd_vl,
        numbers={BANG_KHEN: "58/QĐ-UBND"},
    )

    # --- 3. Received 25/09/2026, appraised after 01/10/2026: the transition (Luật 06/2026/QH16) --------
    head_today = users["cumtruong"]
    clock.at(2026, 9, 21)
    third = proposal_create(
        actor=head_today,
        organisation=duyen_hai,
        title="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho thành tích 2024–2025 (minh họa)",
        year=2025,
    )
    proposal_items_add(
        actor=head_today,
        proposal=third,
        rows=[ItemRow(award=BANG_KHEN, year_from=2024, year_to=2025, person=bich)],
    )
    _dossier(head_today, third, ["to_trinh", "bao_cao_thanh_tich", "bien_ban_xet_khen_thuong"])
    clock.at(2026, 9, 25, 9)
    third = proposal_submit(actor=head_today, proposal=third)
    clock.at(2026, 10, 5, 10)
    third = proposal_appraise(actor=office, proposal=third)
    third = _vote(
        clock, dt.date(2026, 10, 8), office=office, proposal=third, council=councils[2026], voters=voters_vl
    )
    _decide(
        clock,
        dt.date(2026, 10, 15),
        office=office,
        proposal=third,
        issuer=ubnd_vl,
        numbers={BANG_KHEN: "1875/QĐ-UBND"},
    )

    # --- 4. Under the amended law: xã Long Hữu's submitted proposal, with one duplicate --------------
    clock.at(2026, 11, 20)
    fourth_other = proposal_create(
        actor=officer_long_huu,
        organisation=long_huu,
        title="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2026 (minh họa)",
        year=2026,
    )
    proposal_items_add(
        actor=officer_long_huu,
        proposal=fourth_other,
        rows=[
            ItemRow(award=BANG_KHEN, year_from=2025, person=bich_again),
            ItemRow(award=BANG_KHEN, year_from=2025, year_to=2026, person=duc),
            ItemRow(award=BANG_KHEN, year_from=2025, year_to=2026, person=yen),
        ],
    )
    _dossier(officer_long_huu, fourth_other, ["to_trinh", "bao_cao_thanh_tich", "bien_ban_xet_khen_thuong"])
    clock.at(2026, 11, 25, 9)
    fourth_other = proposal_submit(actor=officer_long_huu, proposal=fourth_other)

    # ... and phường Nguyệt Hóa's draft for 2026, its dossier attached, for the member officer to submit.
    clock.at(2026, 12, 2, 9)
    draft = proposal_create(
        actor=member_officer,
        organisation=nguyet_hoa,
        title="Đề nghị khen thưởng năm 2026 của phường Nguyệt Hóa (minh họa)",
        year=2026,
    )
    proposal_items_add(
        actor=member_officer,
        proposal=draft,
        rows=[
            ItemRow(award=CSTD_TINH, year_from=2026, person=an),
            ItemRow(award=BANG_KHEN, year_from=2025, year_to=2026, person=tam),
        ],
    )
    _dossier(
        member_officer,
        draft,
        [
            "to_trinh",
            "bao_cao_thanh_tich",
            "bien_ban_xet_thi_dua",
            "bien_ban_xet_khen_thuong",
            "xac_nhan_sang_kien",
        ],
    )

    # The abolished districts and the old province office no longer sign in; nor does the illustrative
    # Long Hữu officer, who has no password.
    past = ["travinh2024", "hdtv1", "hdtv2", "hdtv3", "longhuu"]
    User.objects.filter(username__in=past).update(is_active=False)
    User.objects.filter(username__endswith="2023", is_demo=True).update(is_active=False)
    return {"1": first, "2": second, "3": third, "4": draft, "4-submitted": fourth_other}
