"""The pact and period screens in the admin, for every persona: listing, the pact page, creating a
pact, criteria, targets, signing, opening and closing a period, and the Thi đua menu."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve, reverse

from tests.emulation.fixtures import CRITERIA, PactWorld, build_pact
from tests.factories import GroupFactory, MembershipFactory
from thidua.emulation.models import Pact, PactSignature, Period, Target
from thidua.emulation.services.pacts import criteria_template_create, pact_create

pytestmark = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
SEES_EMULATION = {"province", "head", "member", "council", "sysadmin"}
MANAGES = {"province", "head", "sysadmin"}  # the province office, and the head unit for its group


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


@pytest.fixture
def draft(world: Any, personas: dict[str, Any]) -> Pact:
    return pact_create(actor=personas["province"], group=world.group, criteria=CRITERIA)


def _refused(response: Any, persona: str) -> bool:
    """Wagtail's answers to a refusal: the login page for the outsider, else back to the admin home."""
    if persona == "outsider":
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    return response.status_code == 302 and response["Location"] == "/admin/"


# --- Menu and listings ---------------------------------------------------------------------------
def _menu(html: str) -> dict[str, list[str]]:
    """The admin sidebar's submenus: label -> item labels (Wagtail renders them from JSON props)."""
    start = html.index('<script id="wagtail-sidebar-props" type="application/json">')
    props = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    menu = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    return {
        item["_args"][0]["label"]: [child["_args"][0]["label"] for child in item["_args"][1]]
        for item in menu["_args"][0]
        if item["_type"] == "wagtail.sidebar.SubMenuItem"
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_thi_dua_menu(personas: dict[str, Any], persona: str) -> None:
    response = _client(personas[persona]).get("/admin/")
    if persona == "outsider":
        assert _refused(response, persona)
        return
    items = _menu(response.content.decode()).get("Thi đua", [])
    if persona in SEES_EMULATION:
        assert {"Giao ước thi đua", "Kỳ đánh giá, báo cáo"} <= set(items)
    else:
        assert items == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_pact_list(pw: PactWorld, personas: dict[str, Any], persona: str) -> None:
    response = _client(personas[persona]).get("/admin/emulation/pacts/")
    if persona not in SEES_EMULATION:
        assert _refused(response, persona)
        return
    assert response.status_code == 200
    html = response.content.decode()
    assert pw.pact.title in html and "Đã ký kết" in html and "Sơ kết 6 tháng" in html
    assert ">2026<" in html  # a year is never written "2.026"
    # the group already has its pact: nothing left to create
    assert "Tạo giao ước" not in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_pact_page(pw: PactWorld, world: Any, personas: dict[str, Any], persona: str) -> None:
    response = _client(personas[persona]).get(f"/admin/emulation/pacts/{pw.pact.pk}/")
    if persona == "outsider":
        assert _refused(response, persona)
        return
    if persona not in SEES_EMULATION:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    html = response.content.decode()
    # the criteria tree with units, points, method labels and evidence; the targets; the signature
    criteria = html[html.index("data-criteria") : html.index("data-targets")]
    for text in (
        "Kinh tế",
        "Tổng giá trị sản xuất",
        "tỷ đồng",
        "Tỷ lệ so chỉ tiêu",
        "Báo cáo thống kê",
        "Tiêu chí phủ quyết",
    ):
        assert text in criteria
    targets = html[html.index("data-targets") : html.index("data-signatures")]
    assert world.home.name in targets and world.other.name in targets and "100" in targets
    signatures = html[html.index("data-signatures") :]
    assert "20/03/2026" in signatures and "Người Dùng province" in signatures
    assert f"/admin/emulation/periods/{pw.period.pk}/" in html
    # a signed pact: no more editing, signing or registering; only the province office may reopen it
    actions = html[html.index('class="em-actions"') : html.index("data-periods")]
    assert "Sửa bộ tiêu chí" not in actions and "Ký kết giao ước" not in actions
    assert "Đăng ký chỉ tiêu<" not in targets and "Sửa số liệu tổng hợp" not in html
    assert ("Mở kỳ đánh giá" in actions) is (persona in MANAGES)
    assert ("Mở lại giao ước" in actions) is (persona in {"province", "sysadmin"})


def test_another_groups_pact_is_not_found(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    stranger = GroupFactory(province=world.province, name="Cụm Khác")
    MembershipFactory(group=stranger)
    pact = pact_create(actor=personas["province"], group=stranger, criteria=CRITERIA)
    assert _client(personas["province"]).get(f"/admin/emulation/pacts/{pact.pk}/").status_code == 200
    for persona in ("head", "member"):
        assert _client(personas[persona]).get(f"/admin/emulation/pacts/{pact.pk}/").status_code == 404
        assert _client(personas[persona]).get(f"/admin/emulation/pacts/{pact.pk}/sign/").status_code == 404


# --- Creating a pact -----------------------------------------------------------------------------
def test_province_creates_next_years_pact_from_last_years(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    nxt = GroupFactory(
        province=world.province, name=world.group.name, year=2027, previous=world.group, head=world.home
    )
    MembershipFactory(group=nxt, organisation=world.home)
    client = _client(personas["province"])
    html = client.get("/admin/emulation/pacts/").content.decode()
    assert "Tạo giao ước" in html
    response = client.post("/admin/emulation/pacts/new/", {"group": nxt.pk, "source": "previous"})
    pact = Pact.objects.get(group=nxt)
    assert response.status_code == 302 and response["Location"] == f"/admin/emulation/pacts/{pact.pk}/"
    assert pact.source_pact == pw.pact
    assert list(pact.criteria.values_list("code", flat=True)) == list(
        pw.pact.criteria.values_list("code", flat=True)
    )


def test_create_from_template_and_the_refusals(world: Any, personas: dict[str, Any]) -> None:
    template = criteria_template_create(
        actor=personas["province"], name="Mẫu cụm xã", kind="cum", criteria=CRITERIA
    )
    # the head unit's officer sets up its own group's pact
    client = _client(personas["head"])
    response = client.post("/admin/emulation/pacts/new/", {"group": world.group.pk, "source": "template"})
    assert response.status_code == 200 and "Hãy chọn bộ tiêu chí mẫu." in response.content.decode()
    response = client.post("/admin/emulation/pacts/new/", {"group": world.group.pk, "source": "previous"})
    assert "không có giao ước năm trước" in response.content.decode()
    response = client.post(
        "/admin/emulation/pacts/new/",
        {"group": world.group.pk, "source": "template", "template": template.pk},
    )
    assert response.status_code == 302
    assert Pact.objects.get(group=world.group).source_template == template
    # a member unit's officer cannot create a pact
    assert _refused(_client(personas["member"]).get("/admin/emulation/pacts/new/"), "member")


# --- Criteria, targets, signing -------------------------------------------------------------------
def test_criteria_json_is_checked_by_the_service(draft: Pact, personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    url = f"/admin/emulation/pacts/{draft.pk}/criteria/"
    html = client.get(url).content.decode()
    assert "&quot;evidence_required&quot;: &quot;Báo cáo thống kê&quot;" in html
    assert "JSON" in html and "chấm điểm" in html  # the help text says how it is checked
    response = client.post(url, {"criteria": "[{"})
    assert "Không đọc được JSON: dòng 1" in response.content.decode()
    bad = [{"code": "1", "name": "Thiếu cách chấm"}]
    response = client.post(url, {"criteria": json.dumps(bad)})
    assert response.status_code == 200 and "Bộ tiêu chí không hợp lệ" in response.content.decode()
    good = [{"code": "9", "name": "Chấm trực tiếp", "method": "manual", "max_points": "10"}]
    assert client.post(url, {"criteria": json.dumps(good)}).status_code == 302
    assert list(draft.criteria.values_list("code", flat=True)) == ["9"]
    assert _refused(_client(personas["member"]).get(url), "member")


def test_criteria_of_a_signed_pact_are_not_offered_for_editing(
    pw: PactWorld, personas: dict[str, Any]
) -> None:
    response = _client(personas["province"]).get(
        f"/admin/emulation/pacts/{pw.pact.pk}/criteria/", follow=True
    )
    assert response.redirect_chain == [(f"/admin/emulation/pacts/{pw.pact.pk}/", 302)]
    assert "phải được Ban Thi đua – Khen thưởng tỉnh mở lại giao ước" in response.content.decode()


def test_member_registers_own_targets_in_vietnamese_numbers(
    draft: Pact, world: Any, personas: dict[str, Any]
) -> None:
    client = _client(personas["member"])
    page = client.get(f"/admin/emulation/pacts/{draft.pk}/").content.decode()
    targets = page[page.index("data-targets") : page.index("Giao ước chưa được ký kết")]
    assert f"/targets/{world.other.pk}/" in targets and f"/targets/{world.home.pk}/" not in targets
    url = f"/admin/emulation/pacts/{draft.pk}/targets/{world.other.pk}/"
    criterion = draft.criteria.get(code="1.1")
    response = client.post(url, {f"target-{criterion.pk}": "0"})
    assert response.status_code == 200 and "chỉ tiêu phải là số lớn hơn 0" in response.content.decode()
    assert client.post(url, {f"target-{criterion.pk}": "7.845,12"}).status_code == 302
    assert Target.objects.get(pact=draft, organisation=world.other).value == Decimal("7845.12")
    assert 'value="7845,12"' in client.get(url).content.decode()
    # another unit's targets are not the member's to register
    assert _refused(client.get(f"/admin/emulation/pacts/{draft.pk}/targets/{world.home.pk}/"), "member")
    assert client.get(f"/admin/emulation/pacts/{draft.pk}/targets/{world.office.pk}/").status_code == 404


def test_head_signs_once_every_target_is_registered(
    draft: Pact, world: Any, personas: dict[str, Any]
) -> None:
    client = _client(personas["head"])
    url = f"/admin/emulation/pacts/{draft.pk}/sign/"
    response = client.post(url, {"signed_on": "20/03/2026", "note": "Hội nghị triển khai"})
    html = response.content.decode()
    assert response.status_code == 200 and "chưa đăng ký chỉ tiêu 1.1" in html and world.other.name in html
    province = _client(personas["province"])
    criterion = draft.criteria.get(code="1.1")
    for org in (world.home, world.other):
        province.post(
            f"/admin/emulation/pacts/{draft.pk}/targets/{org.pk}/", {f"target-{criterion.pk}": "100"}
        )
    assert client.post(url, {"signed_on": "20/03/2026", "note": "Hội nghị triển khai"}).status_code == 302
    signature = PactSignature.objects.get(pact=draft)
    assert (signature.signed_by, signature.signed_on) == (personas["head"], dt.date(2026, 3, 20))
    assert _refused(_client(personas["member"]).get(url), "member")


# --- Periods -------------------------------------------------------------------------------------
def test_head_opens_a_period_with_errors_at_the_fields(pw: PactWorld, personas: dict[str, Any]) -> None:
    client = _client(personas["head"])
    url = f"/admin/emulation/pacts/{pw.pact.pk}/periods/new/"
    response = client.post(
        url,
        {"kind": "tong_ket", "opens_on": "15/12/2026", "closes_on": "01/12/2026", "remind_days_before": "3"},
    )
    assert response.status_code == 200
    assert "Hạn nộp báo cáo không thể trước ngày mở kỳ." in response.content.decode()
    response = client.post(
        url,
        {"kind": "tong_ket", "opens_on": "15/11/2026", "closes_on": "15/12/2026", "remind_days_before": "3"},
    )
    period = Period.objects.get(pact=pw.pact, kind="tong_ket")
    assert response.status_code == 302 and response["Location"] == f"/admin/emulation/periods/{period.pk}/"
    assert _refused(_client(personas["member"]).get(url), "member")


@pytest.mark.parametrize("persona", PERSONAS)
def test_period_pages(pw: PactWorld, world: Any, personas: dict[str, Any], persona: str) -> None:
    client = _client(personas[persona])
    listing = client.get("/admin/emulation/periods/")
    page = client.get(f"/admin/emulation/periods/{pw.period.pk}/")
    if persona == "outsider":
        assert _refused(listing, persona) and _refused(page, persona)
        return
    if persona not in SEES_EMULATION:
        assert _refused(listing, persona) and page.status_code == 404
        return
    assert listing.status_code == page.status_code == 200
    html = page.content.decode()
    # the own unit's report only for an officer of a member unit; the results link; closing for managers
    assert ("data-own-report" in html) is (persona in {"head", "member"})
    assert f"/admin/emulation/periods/{pw.period.pk}/dashboard/" in html
    assert ("Khóa kỳ</button>" in html) is (persona in MANAGES)


def test_closing_lists_the_units_not_appraised(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    url = f"/admin/emulation/periods/{pw.period.pk}/close/"
    assert _refused(_client(personas["member"]).post(url, {"reason": ""}), "member")
    response = _client(personas["province"]).post(url, {"reason": ""})
    assert response.status_code == 200
    html = response.content.decode()
    errors = html[html.index("data-close-errors") :]
    assert "Chưa khóa kỳ được" in errors and world.home.name in errors and world.other.name in errors
    pw.period.refresh_from_db()
    assert pw.period.closed_at is None
    assert _client(personas["province"]).get(url).status_code == 405


# --- URL names and paths ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "args", "path", "view"),
    [
        ("emulation_pact_list", [], "/admin/emulation/pacts/", "thidua.emulation.views.pacts.pact_list_view"),
        (
            "emulation_pact_create",
            [],
            "/admin/emulation/pacts/new/",
            "thidua.emulation.views.pacts.pact_create_view",
        ),
        (
            "emulation_pact_detail",
            [7],
            "/admin/emulation/pacts/7/",
            "thidua.emulation.views.pacts.pact_detail_view",
        ),
        (
            "emulation_pact_criteria",
            [7],
            "/admin/emulation/pacts/7/criteria/",
            "thidua.emulation.views.pacts.pact_criteria_view",
        ),
        (
            "emulation_pact_targets",
            [7, 3],
            "/admin/emulation/pacts/7/targets/3/",
            "thidua.emulation.views.pacts.pact_targets_view",
        ),
        (
            "emulation_pact_sign",
            [7],
            "/admin/emulation/pacts/7/sign/",
            "thidua.emulation.views.pacts.pact_sign_view",
        ),
        (
            "emulation_period_open",
            [7],
            "/admin/emulation/pacts/7/periods/new/",
            "thidua.emulation.views.pacts.period_open_view",
        ),
        (
            "emulation_period_list",
            [],
            "/admin/emulation/periods/",
            "thidua.emulation.views.pacts.period_list_view",
        ),
        (
            "emulation_period_detail",
            [7],
            "/admin/emulation/periods/7/",
            "thidua.emulation.views.pacts.period_detail_view",
        ),
        (
            "emulation_period_close",
            [7],
            "/admin/emulation/periods/7/close/",
            "thidua.emulation.views.pacts.period_close_view",
        ),
        (
            "emulation_vote_index",
            [],
            "/admin/emulation/votes/",
            "thidua.emulation.views.votes.vote_index_view",
        ),
        (
            "emulation_vote_open",
            [4],
            "/admin/emulation/votes/open/4/",
            "thidua.emulation.views.votes.vote_open_view",
        ),
        (
            "emulation_vote_detail",
            [4],
            "/admin/emulation/votes/4/",
            "thidua.emulation.views.votes.vote_detail_view",
        ),
        (
            "emulation_vote_ballot",
            [4],
            "/admin/emulation/votes/4/ballot/",
            "thidua.emulation.views.votes.ballot_view",
        ),
        (
            "emulation_vote_close",
            [4],
            "/admin/emulation/votes/4/close/",
            "thidua.emulation.views.votes.vote_close_view",
        ),
        (
            "emulation_vote_minutes",
            [4],
            "/admin/emulation/votes/4/minutes/",
            "thidua.emulation.views.votes.vote_minutes_view",
        ),
    ],
)
def test_url_names_and_paths_are_kept(name: str, args: list[int], path: str, view: str) -> None:
    # The views are named `<screen>_view` (never the service's name); names and paths did not move.
    assert reverse(name, args=args) == path
    func = resolve(path).func
    assert f"{func.__module__}.{func.__name__}" == view
