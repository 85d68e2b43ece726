"""The results screen and the Excel export in the admin: who may open them, scoping, what is shown."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.emulation.builders import SEED_LABELS, Built, build_pact, close_period, fill_period, seed_document
from tests.factories import GroupFactory, MembershipFactory, OrganisationFactory
from thidua.emulation.models import Period, Report

pytestmark = pytest.mark.django_db

ROLES = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
# Who may see the world's group: the province and the council see every group, the head's and a
# member's officers see the groups their unit is in; editors have no business with results.
ALLOWED = {"province", "head", "member", "council", "sysadmin"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _world_pact(world: World, **kwargs: Any) -> Built:
    """The seed's pact in the world's group: "home" and "other" stand for two of its five members."""
    return build_pact(
        document=seed_document(),
        group=world.group,
        organisations={"cau-ngang": world.home, "tra-cu": world.other},
        labels=SEED_LABELS,
        **kwargs,
    )


@pytest.fixture
def period(world: World) -> Period:
    return fill_period(_world_pact(world, illustrative=True))


def _urls(period: Period) -> tuple[str, str]:
    return (
        reverse("emulation_period_dashboard", args=[period.pk]),
        reverse("emulation_period_export", args=[period.pk]),
    )


def test_urls() -> None:
    assert reverse("emulation_period_dashboard", args=[7]) == "/admin/emulation/periods/7/dashboard/"
    assert reverse("emulation_period_export", args=[7]) == "/admin/emulation/periods/7/export.xlsx"


@pytest.mark.parametrize("persona", ROLES)
def test_who_may_open_the_dashboard_and_the_export(
    personas: dict[str, Any], period: Period, persona: str
) -> None:
    client = _client(personas[persona])
    for url in _urls(period):
        response = client.get(url)
        if persona in ALLOWED:
            assert response.status_code == 200, (url, response.status_code)
        elif persona == "outsider":
            # No access to the admin at all: Wagtail sends them to its login page.
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            assert response.status_code == 404


def test_officers_of_units_outside_the_group_get_404(world: World, personas: dict[str, Any]) -> None:
    # given a group of other units, with a pact and a period
    outside = GroupFactory(province=world.province, name="Cụm Thi đua số 9")
    for order in (1, 2):
        MembershipFactory(
            group=outside, organisation=OrganisationFactory(province=world.province), order=order
        )
    document = seed_document()
    document["members"] = document["members"][:2]
    other_period = fill_period(build_pact(document=document, group=outside))
    # then the unit officers of the world's group cannot open it, whatever the URL
    for persona in ("head", "member"):
        client = _client(personas[persona])
        for url in _urls(other_period):
            assert client.get(url).status_code == 404
    # and the province can
    assert _client(personas["province"]).get(_urls(other_period)[0]).status_code == 200


def test_read_only(personas: dict[str, Any], period: Period) -> None:
    client = _client(personas["province"])
    for url in _urls(period):
        assert client.post(url).status_code == 405


def test_unknown_period_is_404(personas: dict[str, Any]) -> None:
    assert _client(personas["province"]).get("/admin/emulation/periods/999999/dashboard/").status_code == 404


def test_provisional_dashboard_shows_sentences_chart_tables_and_notices(
    personas: dict[str, Any], period: Period
) -> None:
    body = _client(personas["head"]).get(_urls(period)[0]).content.decode()
    assert "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch" in body
    assert "02 huyện đạt chuẩn nông thôn mới" in body
    assert "Số liệu từng đơn vị là số liệu minh họa" in body
    assert "Kết quả tạm tính" in body and "Kết quả chính thức" not in body
    # The chart, accessible, with Vietnamese numbers; the tables.
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in body
    assert f'<title id="ranking-chart-{period.pk}-title">' in body
    assert "776,17" in body
    assert "Điểm theo từng tiêu chí" in body and "Trung bình cụm" in body
    assert "(thẩm định − tự chấm)" in body
    # Nobody is vetoed: a sentence instead of a column of "Không", so the table fits (#17 item 8).
    assert "Không đơn vị nào vi phạm tiêu chí phủ quyết." in body and 'class="veto-col"' not in body
    assert "Thay đổi so với" not in body
    assert "Tải Excel" in body and _urls(period)[1] in body


def test_final_dashboard_with_vetoes_and_members_left_out(world: World, personas: dict[str, Any]) -> None:
    built = _world_pact(world)
    period = fill_period(built, values={"tra-cu": {"V": True}})
    close_period(period)
    Period.objects.filter(pk=period.pk).update(closed_at="2023-08-04T02:00:00Z")
    body = _client(personas["member"]).get(_urls(period)[0]).content.decode()
    assert "Kết quả chính thức (đã khóa ngày 04/08/2023)" in body
    assert "Kết quả tạm tính" not in body
    assert "minh họa" not in body
    assert "Vi phạm tiêu chí phủ quyết (xếp sau cùng)" in body  # the chart's legend
    assert "phủ quyết" in body and 'class="vetoed"' in body
    assert 'class="veto-col"' in body and "Không đơn vị nào vi phạm" not in body


def test_members_left_out_and_the_change_since_mid_year(world: World, personas: dict[str, Any]) -> None:
    built = _world_pact(world)
    close_period(fill_period(built, kind=Period.Kind.SO_KET))
    tong_ket = fill_period(
        built, kind=Period.Kind.TONG_KET, statuses={"chau-thanh": Report.Status.DRAFT}, skip={"duyen-hai"}
    )
    body = _client(personas["province"]).get(_urls(tong_ket)[0]).content.decode()
    assert "Đơn vị chưa được tính (2)" in body
    assert "Báo cáo đang nhập, đơn vị chưa gửi." in body and "Chưa có báo cáo." in body
    assert "Thay đổi so với sơ kết 6 tháng" in body
    assert "tăng 1 bậc" in body  # Thị xã Duyên Hải, from 3rd to 2nd
    assert "giữ nguyên" in body  # Huyện Cầu Ngang, first in both


def test_export_downloads_a_workbook(world: World, personas: dict[str, Any], period: Period) -> None:
    response = _client(personas["member"]).get(_urls(period)[1])
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert ".xlsx" in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Kết quả", "Thông tin"]
    assert book["Kết quả"]["B2"].value == world.home.name  # standing in for Huyện Cầu Ngang, first
