"""The demo: Cụm Thi đua số 1 of tỉnh Trà Vinh in 2023 (the seed article) and today's cluster of the
communes and wards of tỉnh Vĩnh Long that succeeded its five districts on 01/07/2025.

Facts marked "seed" in data/demo-cum-thi-dua-so-1-2023.json come from the article; per-member
figures are illustrative and the UI says so. Everything is created through the services, as an
officer would, so the demo also exercises validation and the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from django.db import transaction

from thidua.accounts.models import User
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.demo import awards, emulation, portal
from thidua.org.models import AdminUnit, EmulationGroup, Organisation
from thidua.org.selectors.units import unit_successors
from thidua.org.services.groups import group_create
from thidua.org.services.organisations import organisation_create
from thidua.org.services.people import person_create

DEMO_PASSWORD = "thidua-demo"
TRA_VINH = "84"
VINH_LONG = "86"
# The seed's members by their official district codes (tỉnh Trà Vinh, before 01/07/2025).
DISTRICT_CODES = {
    "chau-thanh": "847",
    "cau-ngang": "848",
    "tra-cu": "849",
    "duyen-hai": "850",
    "tx-duyen-hai": "851",
}
DISSOLVED = dt.date(2025, 6, 30)
TODAY_YEAR = 2026


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str


def demo_data() -> dict[str, Any]:
    text = resources.files("thidua.demo").joinpath("data/demo-cum-thi-dua-so-1-2023.json").read_text("utf-8")
    return json.loads(text)


def is_loaded() -> bool:
    return User.objects.filter(username="quantri", is_demo=True).exists()


def _unit(code: str, level: str, *, current: bool) -> AdminUnit:
    units = AdminUnit.objects.filter(code=code, level=level)
    units = units.filter(valid_until__isnull=True) if current else units.exclude(valid_until__isnull=True)
    return units.order_by("-valid_until").get()


def _ubnd_code(unit: AdminUnit) -> str:
    return f"UBND-{unit.code}" if unit.valid_until is None else f"UBND-{unit.code}-{unit.valid_until:%Y}"


def _ubnd(admin: User, unit: AdminUnit, province: AdminUnit) -> Organisation:
    existing = Organisation.objects.filter(code=_ubnd_code(unit)).first()
    if existing:
        return existing
    return organisation_create(
        actor=admin,
        code=_ubnd_code(unit),
        name=f"Ủy ban nhân dân {unit.name[0].lower()}{unit.name[1:]}",
        short_name=unit.name,
        kind=Organisation.Kind.LOCAL_GOVERNMENT,
        admin_unit=unit,
        province=province,
        dissolved_on=unit.valid_until,
    )


# Durable: `thidua demo_load` runs it on its own; the services it calls run inside it.
@transaction.atomic(durable=True)
def load_demo() -> list[DemoLogin]:
    """Create the demo organisations, people, groups and one account per role. Not idempotent by
    itself: the caller checks is_loaded() first."""
    data = demo_data()
    admin = user_create(
        actor=None,
        username="quantri",
        password=DEMO_PASSWORD,
        full_name="Quản trị Hệ thống",
        roles=[RoleCode.SYSTEM_ADMIN],
        is_superuser=True,
        is_demo=True,
    )
    tra_vinh = _unit(TRA_VINH, AdminUnit.Level.PROVINCE, current=False)
    vinh_long = _unit(VINH_LONG, AdminUnit.Level.PROVINCE, current=True)

    # --- 2023: the seed's cluster of five districts of tỉnh Trà Vinh -------------------------------
    districts = {
        key: _unit(code, AdminUnit.Level.DISTRICT, current=False) for key, code in DISTRICT_CODES.items()
    }
    old_orgs = {key: _ubnd(admin, unit, tra_vinh) for key, unit in districts.items()}
    group_2023 = data["group"]
    head_key, deputy_key = group_2023["head"]["unit"], group_2023["deputy"]["unit"]
    head_person = person_create(
        actor=admin,
        full_name="Đỗ Minh Tiến",
        gender="male",
        organisation=old_orgs[head_key],
        position=group_2023["head"]["title"],
        position_since=dt.date(2021, 7, 1),
    )
    deputy_person = person_create(
        actor=admin,
        full_name="Cao Thị Hồng Gấm",
        gender="female",
        organisation=old_orgs[deputy_key],
        position=group_2023["deputy"]["title"],
        position_since=dt.date(2021, 7, 1),
    )
    cluster_2023 = group_create(
        actor=admin,
        name=group_2023["name"],
        kind=EmulationGroup.Kind.CUM,
        year=group_2023["year"],
        province=tra_vinh,
        members=[old_orgs[m["id"]] for m in group_2023["members"]],
        head=old_orgs[head_key],
        deputy=old_orgs[deputy_key],
        head_person=head_person,
        deputy_person=deputy_person,
        note="Theo bài viết gốc: hội nghị sơ kết ngày 04/8/2023 tại UBND thị xã Duyên Hải.",
    )

    # --- Today: the communes and wards of tỉnh Vĩnh Long that succeeded those districts -----------
    on = dt.date(TODAY_YEAR, 1, 1)
    successors: list[AdminUnit] = []
    for unit in districts.values():
        for successor in unit_successors(unit=unit, on=on):
            if successor not in successors:
                successors.append(successor)
    new_orgs = [_ubnd(admin, unit, vinh_long) for unit in sorted(successors, key=lambda u: u.code)]
    home_affairs = organisation_create(
        actor=admin,
        code="SNV-86",
        name="Sở Nội vụ tỉnh Vĩnh Long",
        short_name="Sở Nội vụ",
        kind=Organisation.Kind.AGENCY,
        admin_unit=vinh_long,
        province=vinh_long,
    )
    emulation_office = organisation_create(
        actor=admin,
        code="SNV-86-TDKT",
        name="Phòng Thi đua – Khen thưởng, Sở Nội vụ tỉnh Vĩnh Long",
        short_name="Ban Thi đua – Khen thưởng",
        kind=Organisation.Kind.DEPARTMENT,
        parent=home_affairs,
        admin_unit=vinh_long,
        province=vinh_long,
    )
    by_name = {org.admin_unit.name: org for org in new_orgs}
    # The head and deputy of today's cluster: the wards of the former thị xã Duyên Hải and huyện
    # Châu Thành seats, where they exist; otherwise the first two members.
    head = next((o for n, o in by_name.items() if "Duyên Hải" in n and n.startswith("Phường")), new_orgs[0])
    deputy = next((o for o in new_orgs if o != head and "Châu Thành" in o.admin_unit.name), None) or next(
        o for o in new_orgs if o != head
    )
    cluster_today = group_create(
        actor=admin,
        name="Cụm Thi đua số 1",
        kind=EmulationGroup.Kind.CUM,
        year=TODAY_YEAR,
        province=vinh_long,
        members=new_orgs,
        head=head,
        deputy=deputy,
        previous=None,
        note=(
            "Minh họa: các xã, phường của tỉnh Vĩnh Long kế thừa địa bàn 5 đơn vị cấp huyện của Cụm Thi đua "
            "số 1 tỉnh Trà Vinh năm 2023 (sắp xếp đơn vị hành chính từ ngày 01/07/2025)."
        ),
    )
    member = next(o for o in new_orgs if o not in (head, deputy))
    person_create(
        actor=admin,
        full_name="Nguyễn Văn An",
        gender="male",
        organisation=member,
        position="Công chức Văn phòng – Thống kê",
        position_since=dt.date(2025, 7, 1),
    )
    person_create(
        actor=admin,
        full_name="Trần Thị Bích",
        gender="female",
        organisation=head,
        position="Công chức Văn phòng – Thống kê",
        position_since=dt.date(2025, 7, 1),
    )

    accounts = [
        ("tinh", "Lê Thị Thanh", RoleCode.PROVINCE_OFFICER, emulation_office),
        ("cumtruong", "Phạm Văn Hùng", RoleCode.GROUP_HEAD_OFFICER, head),
        ("donvi", "Nguyễn Thị Mai", RoleCode.MEMBER_OFFICER, member),
        ("hoidong", "Võ Minh Quang", RoleCode.COUNCIL_MEMBER, home_affairs),
        ("hoidong2", "Phan Thị Ngọc Hân", RoleCode.COUNCIL_MEMBER, home_affairs),
        ("hoidong3", "Lâm Văn Thành", RoleCode.COUNCIL_MEMBER, home_affairs),
        ("bientap", "Huỳnh Đức Huy", RoleCode.PORTAL_EDITOR, home_affairs),
        ("tongbientap", "Cao Thị Hồng Gấm", RoleCode.EDITOR_IN_CHIEF, home_affairs),
    ]
    logins = [DemoLogin("quantri", RoleCode.SYSTEM_ADMIN, "—")]
    users = {}
    for username, name, role, organisation in accounts:
        users[username] = user_create(
            actor=admin,
            username=username,
            password=DEMO_PASSWORD,
            full_name=name,
            organisation=organisation,
            roles=[role],
            is_demo=True,
        )
        logins.append(DemoLogin(username, role, str(organisation)))

    # The main job: the 2023 mid-year review of the seed, and today's pact with its period open.
    emulation.load_2023(
        admin=admin, province_officer=users["tinh"], group=cluster_2023, data=data, orgs=old_orgs
    )
    emulation.load_2026(
        admin=admin,
        province_officer=users["tinh"],
        group=cluster_today,
        member_officer=users["donvi"],
        head_officer=users["cumtruong"],
    )
    awards.load_awards(
        admin=admin,
        users=users,
        old_orgs=old_orgs,
        new_orgs=new_orgs,
        home_affairs=home_affairs,
        cluster_2023=cluster_2023,
        cluster_today=cluster_today,
    )
    portal.load_portal(admin=admin, users=users, password=DEMO_PASSWORD)
    return logins


def demo_logins() -> list[DemoLogin]:
    users = (
        User.objects.filter(is_demo=True, is_active=True)
        .select_related("organisation")
        .prefetch_related("groups__role")
    )
    order = [
        RoleCode.SYSTEM_ADMIN,
        RoleCode.PROVINCE_OFFICER,
        RoleCode.GROUP_HEAD_OFFICER,
        RoleCode.MEMBER_OFFICER,
        RoleCode.COUNCIL_MEMBER,
        RoleCode.PORTAL_EDITOR,
        RoleCode.EDITOR_IN_CHIEF,
    ]
    logins = []
    for user in users:
        roles = [g.role.code for g in user.groups.all() if hasattr(g, "role")]
        role = roles[0] if roles else ""
        logins.append(DemoLogin(user.username, role, str(user.organisation) if user.organisation else "—"))
    return sorted(logins, key=lambda login: order.index(login.role) if login.role in order else 99)
