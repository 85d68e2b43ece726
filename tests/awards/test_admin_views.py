"""The "Khen thưởng" screens for every persona: who opens what, the scoping of lists and records
(another unit's record answers 404, a forged choice is refused), and saving through the services."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from tests.awards.builders import decision, decision_post
from thidua.awards.models import AwardDecision, PendingMatter, TaskRating
from thidua.awards.services import records
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
READERS = {"province", "sysadmin", "council", "head", "member"}
DECISION_MANAGERS = {"province", "sysadmin"}
RECORD_KEEPERS = {"province", "sysadmin", "head", "member"}
LISTINGS = ["decisions", "ratings", "initiatives", "discipline", "pending"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _refusal(response: Any) -> str:
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    if response.status_code == 302:
        return "denied"
    return str(response.status_code)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("listing", [*LISTINGS, "timeline"])
def test_listing_access(personas: dict[str, Any], persona: str, listing: str) -> None:
    response = _client(personas[persona]).get(f"/admin/awards/{listing}/")
    if persona in READERS:
        assert response.status_code == 200
    else:
        assert _refusal(response) == ("login" if persona == "outsider" else "denied")


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("listing", LISTINGS)
def test_add_screen_access(personas: dict[str, Any], persona: str, listing: str) -> None:
    response = _client(personas[persona]).get(f"/admin/awards/{listing}/new/")
    allowed = DECISION_MANAGERS if listing == "decisions" else RECORD_KEEPERS
    if persona in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302


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


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "outsider"])
def test_the_khen_thuong_menu(personas: dict[str, Any], persona: str) -> None:
    items = _menu(_client(personas[persona]).get("/admin/").content.decode()).get("Khen thưởng", [])
    registry = [
        "Quá trình khen thưởng",
        "Quyết định khen thưởng",
        "Xếp loại hằng năm",
        "Sáng kiến",
        "Kỷ luật",
        "Vụ việc đang xem xét",
    ]
    # Other screens of #12 (proposals, imports) join the menu too; the registry's items come in this order.
    if persona in READERS:
        assert [item for item in items if item in registry] == registry
    else:
        assert items == []


def test_province_records_a_decision_on_the_screen(world: Any, personas: dict[str, Any]) -> None:
    response = _client(personas["province"]).post("/admin/awards/decisions/new/", decision_post(world))
    assert response.status_code == 302, response.content.decode()[:3000]
    made = AwardDecision.objects.get()
    assert made.signed_on == dt.date(2025, 1, 10)
    assert {r.organisation for r in made.recipients.all()} == {world.home, world.other}
    assert AuditEvent.objects.filter(action="awards.decision.create", actor=personas["province"]).exists()


def test_the_screen_shows_the_dissolution_rule_and_saves_nothing(
    world: Any, personas: dict[str, Any]
) -> None:
    world.other.dissolved_on = dt.date(2024, 12, 31)
    world.other.save()
    response = _client(personas["province"]).post("/admin/awards/decisions/new/", decision_post(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "đã giải thể sau sắp xếp tổ chức bộ máy (Thông tư 15/2025/TT-BNV)" in html
    assert not AwardDecision.objects.exists()


def test_the_decision_list_filters_by_award_and_year(world: Any, personas: dict[str, Any]) -> None:
    decision(personas["province"], issuer=world.office, people=[world.home_person])
    decision(
        personas["province"],
        issuer=world.office,
        number="9/QĐ-UBND",
        award="lao_dong_tien_tien",
        period_from_year=2023,
        period_to_year=2023,
        people=[world.home_person],
    )
    client = _client(personas["province"])
    body = client.get("/admin/awards/decisions/?award=lao_dong_tien_tien").content.decode()
    assert "9/QĐ-UBND" in body and "15/QĐ-UBND" not in body
    body = client.get("/admin/awards/decisions/?period_to_year=2024").content.decode()
    assert "15/QĐ-UBND" in body and "9/QĐ-UBND" not in body
    body = client.get(f"/admin/awards/decisions/?issuer={world.office.pk}").content.decode()
    assert "15/QĐ-UBND" in body and "9/QĐ-UBND" in body


def test_a_unit_reads_only_its_own_decisions(world: Any, personas: dict[str, Any]) -> None:
    theirs = decision(personas["province"], issuer=world.office, people=[world.home_person])
    own = decision(
        personas["province"], issuer=world.office, number="16/QĐ-UBND", people=[world.other_person]
    )
    client = _client(personas["member"])
    body = client.get("/admin/awards/decisions/").content.decode()
    assert "16/QĐ-UBND" in body and "15/QĐ-UBND" not in body
    assert client.get(f"/admin/awards/decisions/inspect/{own.pk}/").status_code == 200
    assert client.get(f"/admin/awards/decisions/inspect/{theirs.pk}/").status_code == 404
    # Reading is not editing: a forged POST changes nothing.
    response = client.post(f"/admin/awards/decisions/edit/{own.pk}/", {"number": "99/QĐ"})
    assert response.status_code == 302
    # The delete screen finds no decision the officer may change (404).
    assert client.post(f"/admin/awards/decisions/delete/{own.pk}/").status_code == 404
    own.refresh_from_db()
    assert own.number == "16/QĐ-UBND"


def test_province_edits_and_deletes_a_decision(world: Any, personas: dict[str, Any]) -> None:
    made = decision(personas["province"], issuer=world.office, people=[world.home_person])
    client = _client(personas["province"])
    response = client.post(
        f"/admin/awards/decisions/edit/{made.pk}/",
        decision_post(
            world,
            number="15/QĐ-UBND",
            award="chien_si_thi_dua_co_so",
            organisations=[],
            people=[world.home_person.pk, world.other_person.pk],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert made.recipients.count() == 2
    assert client.get(f"/admin/awards/decisions/inspect/{made.pk}/").status_code == 200
    response = client.post(f"/admin/awards/decisions/delete/{made.pk}/")
    assert response.status_code == 302
    assert not AwardDecision.objects.exists()
    assert AuditEvent.objects.filter(action="awards.decision.delete").exists()


def test_a_unit_rates_its_own_people_and_no_one_else(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    # A forged id of another unit's person is not among the choices.
    response = client.post(
        "/admin/awards/ratings/new/", {"person": world.home_person.pk, "year": "2024", "rating": "htxs"}
    )
    assert response.status_code == 200 and not TaskRating.objects.exists()
    # The collective's rating is not the unit's to give: the field is not offered, a posted one ignored.
    response = client.post(
        "/admin/awards/ratings/new/",
        {"person": world.other_person.pk, "organisation": world.other.pk, "year": "2024", "rating": "htxs"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    rating = TaskRating.objects.get()
    assert rating.person == world.other_person and rating.organisation is None
    response = client.post(f"/admin/awards/ratings/edit/{rating.pk}/", {"rating": "htt"})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.rating == "htt"
    theirs = records.rating_set(actor=personas["head"], person=world.home_person, year=2024, rating="ht")
    assert client.get(f"/admin/awards/ratings/edit/{theirs.pk}/").status_code == 404
    assert client.post(f"/admin/awards/ratings/edit/{theirs.pk}/", {"rating": "kht"}).status_code == 404
    assert client.get(f"/admin/awards/ratings/inspect/{theirs.pk}/").status_code == 404
    body = client.get("/admin/awards/ratings/").content.decode()
    assert world.other_person.full_name in body and world.home_person.full_name not in body


def test_a_unit_records_initiatives_discipline_and_matters(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    person = world.other_person.pk
    response = client.post(
        "/admin/awards/initiatives/new/",
        {"person": person, "title": "Số hóa hồ sơ", "scope": "co_so", "recognised_on": "01/05/2024"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        "/admin/awards/discipline/new/",
        {"person": person, "level": "khien_trach", "start": "01/06/2024", "end": "31/05/2024"},
    )
    assert (
        response.status_code == 200
        and "Ngày kết thúc không thể trước ngày bắt đầu" in response.content.decode()
    )
    response = client.post(
        "/admin/awards/discipline/new/",
        {"person": person, "level": "khien_trach", "start": "01/06/2024", "end": "31/05/2025"},
    )
    assert response.status_code == 302
    response = client.post(
        "/admin/awards/pending/new/", {"person": person, "kind": "complaint", "since": "01/03/2025"}
    )
    assert response.status_code == 302
    matter = PendingMatter.objects.get()
    response = client.post(
        f"/admin/awards/pending/edit/{matter.pk}/", {"closed_on": "01/04/2025", "note": ""}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    matter.refresh_from_db()
    assert matter.closed_on == dt.date(2025, 4, 1)
    # The head unit's officer does not reach them.
    head = _client(personas["head"])
    assert head.get(f"/admin/awards/pending/edit/{matter.pk}/").status_code == 404
    assert "Số hóa hồ sơ" not in head.get("/admin/awards/initiatives/").content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_timeline_screens_for_every_persona(world: Any, personas: dict[str, Any], persona: str) -> None:
    decision(personas["province"], issuer=world.office, people=[world.other_person])
    client = _client(personas[persona])
    own = client.get(f"/admin/awards/timeline/person/{world.other_person.pk}/")
    theirs = client.get(f"/admin/awards/timeline/person/{world.home_person.pk}/")
    unit = client.get(f"/admin/awards/timeline/organisation/{world.home.pk}/")
    if persona in {"province", "sysadmin", "council"}:
        assert [own.status_code, theirs.status_code, unit.status_code] == [200, 200, 200]
        assert "Chiến sĩ thi đua cơ sở" in own.content.decode()
    elif persona == "member":
        assert [own.status_code, theirs.status_code, unit.status_code] == [200, 404, 404]
    elif persona == "head":
        assert [own.status_code, theirs.status_code, unit.status_code] == [404, 200, 200]
    else:
        expected = "login" if persona == "outsider" else "denied"
        assert {_refusal(own), _refusal(theirs), _refusal(unit)} == {expected}


def test_the_timeline_search_finds_only_what_the_officer_may_read(
    world: Any, personas: dict[str, Any]
) -> None:
    body = _client(personas["member"]).get("/admin/awards/timeline/?q=Trần").content.decode()
    assert f"/admin/awards/timeline/person/{world.other_person.pk}/" in body
    body = _client(personas["member"]).get("/admin/awards/timeline/?q=Lê Văn").content.decode()
    assert "Không tìm thấy cá nhân nào" in body


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (
            "province",
            {
                "Đề nghị khen thưởng": "/admin/awards/proposals/",
                "Hội đồng Thi đua – Khen thưởng": "/admin/awards/councils/",
                "Tiêu chuẩn khen thưởng": "/admin/awards/criteria/",
                "Quá trình khen thưởng": "/admin/awards/timeline/",
                "Nhập quyết định từ Excel": "/admin/awards/excel/award_decisions/import/",
            },
        ),
        (
            "member",
            {
                "Đề nghị khen thưởng": "/admin/awards/proposals/",
                "Tiêu chuẩn khen thưởng": "/admin/awards/criteria/",
            },
        ),
        ("editor", {}),
    ],
)
def test_the_khen_thuong_menu_links_its_screens(
    personas: dict[str, Any], persona: str, expected: dict[str, str]
) -> None:
    # The items whose URL is reversed per request (core.admin.menu.LinkMenuItem) point at their screens.
    html = _client(personas[persona]).get("/admin/").content.decode()
    start = html.index('<script id="wagtail-sidebar-props" type="application/json">')
    props = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    menu = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    links = {
        child["_args"][0]["label"]: child["_args"][0]["url"]
        for item in menu["_args"][0]
        if item["_type"] == "wagtail.sidebar.SubMenuItem" and item["_args"][0]["label"] == "Khen thưởng"
        for child in item["_args"][1]
    }
    assert {label: links.get(label) for label in expected} == expected
    if not expected:
        assert links == {}
