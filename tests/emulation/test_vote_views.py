"""The suy tôn vote screens and the ruleset screens in Wagtail's admin: who may open what, the whole
vote through the screens, and that no screen shows what a unit chose."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

# Registers the screens even before thidua/emulation/wagtail_hooks.py imports this module.
import thidua.emulation.admin.votes  # noqa: F401
from thidua.core.models import AuditEvent
from thidua.emulation.forms import BallotForm
from thidua.emulation.models import BallotReceipt, Ruleset, Vote
from thidua.emulation.rules.votes import seats_error
from thidua.emulation.services.rulesets import ruleset_save
from thidua.emulation.services.votes import ballot_cast, vote_open

pytestmark = pytest.mark.django_db

PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _body(response: Any) -> str:
    return response.content.decode()


# --- the listing and the menu -----------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_vote_listing_access(world: Any, personas: dict[str, Any], persona: str) -> None:
    response = _client(personas[persona]).get("/admin/emulation/votes/")
    if persona in {"province", "head", "member", "council", "sysadmin"}:
        assert response.status_code == 200
        assert world.group.name in _body(response)
    else:
        # Wagtail answers a permission failure with a redirect (to the dashboard or the login page).
        assert response.status_code == 302


@pytest.mark.parametrize(
    ("persona", "votes", "rulesets"),
    [
        ("province", True, True),
        ("sysadmin", True, True),
        ("council", True, True),
        ("head", True, False),
        ("member", True, False),
        ("editor", False, False),
        ("chief", False, False),
    ],
)
def test_menu_items(world: Any, personas: dict[str, Any], persona: str, votes: bool, rulesets: bool) -> None:
    # The sidebar is rendered as JSON props; the two screens are items of the "Thi đua" submenu.
    html = _body(_client(personas[persona]).get("/admin/"))
    start = html.index('<script id="wagtail-sidebar-props" type="application/json">')
    props = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    menu = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    submenus = {
        item["_args"][0]["label"]: [child["_args"][0]["label"] for child in item["_args"][1]]
        for item in menu["_args"][0]
        if item["_type"] == "wagtail.sidebar.SubMenuItem"
    }
    items = submenus.get("Thi đua", [])
    assert ("Bỏ phiếu suy tôn" in items) is votes
    assert ("Quy chế cụm, khối" in items) is rulesets


def test_listing_offers_the_head_to_open_and_the_member_nothing(world: Any, personas: dict[str, Any]) -> None:
    open_url = f"/admin/emulation/votes/open/{world.group.pk}/"
    assert open_url in _body(_client(personas["head"]).get("/admin/emulation/votes/"))
    assert open_url not in _body(_client(personas["member"]).get("/admin/emulation/votes/"))


# --- opening ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_open_screen_access(world: Any, personas: dict[str, Any], persona: str) -> None:
    client = _client(personas[persona])
    url = f"/admin/emulation/votes/open/{world.group.pk}/"
    response = client.get(url)
    if persona in {"province", "head", "sysadmin"}:
        assert response.status_code == 200
        assert "Tỷ lệ phiếu cần đạt: trên 50% (tính trên tổng số đơn vị thành viên)" in _body(response)
        assert client.post(url).status_code == 302
        assert Vote.objects.filter(group=world.group).exists()
    else:
        assert response.status_code in {302, 404}
        assert client.post(url).status_code in {302, 404}
        assert not Vote.objects.exists()


def test_a_unit_officer_cannot_reach_another_groups_vote(world: Any, personas: dict[str, Any]) -> None:
    from tests.factories import GroupFactory, MembershipFactory, OrganisationFactory

    elsewhere = GroupFactory(province=world.province, name="Cụm Khác")
    stranger = OrganisationFactory(name="Ủy ban nhân dân xã Xa", province=world.province)
    MembershipFactory(group=elsewhere, organisation=stranger)
    vote = vote_open(actor=personas["province"], group=elsewhere)
    client = _client(personas["member"])
    assert client.get(f"/admin/emulation/votes/open/{elsewhere.pk}/").status_code == 404
    for suffix in ("", "ballot/", "close/", "minutes/"):
        assert client.get(f"/admin/emulation/votes/{vote.pk}/{suffix}").status_code == 404


# --- casting ----------------------------------------------------------------------------------------
def test_member_casts_through_the_form(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["head"], group=world.group)
    client = _client(personas["member"])
    url = f"/admin/emulation/votes/{vote.pk}/ballot/"
    form = _body(client.get(url))
    assert 'type="checkbox"' in form and world.home.name in form and "Chọn tối đa 1 đơn vị" in form
    # without the confirmation nothing is cast
    response = client.post(url, {"choices": [world.home.pk]})
    assert response.status_code == 200 and "Hãy đánh dấu xác nhận" in _body(response)
    assert not BallotReceipt.objects.exists()
    # too many choices
    response = client.post(url, {"choices": [world.home.pk, world.other.pk], "confirm": "on"})
    assert "Chỉ được chọn tối đa 1 đơn vị (phiếu đang chọn 2 đơn vị)." in _body(response)
    assert not BallotReceipt.objects.exists()
    # a good ballot
    response = client.post(url, {"choices": [world.home.pk], "confirm": "on"})
    assert response.status_code == 302
    assert BallotReceipt.objects.get().organisation == world.other
    # a second visit is turned away with a clear message
    response = client.get(url, follow=True)
    assert "đã bỏ phiếu; mỗi đơn vị chỉ được bỏ một phiếu" in _body(response)


@pytest.mark.parametrize(
    ("choices", "seats", "valid"),
    [([], 1, True), ([1], 1, True), ([1, 2], 1, False), ([1, 2], 2, True), ([1, 2, 3], 2, False)],
)
def test_ballot_form_uses_the_services_seat_rule(choices: list[int], seats: int, valid: bool) -> None:
    # The form and ballot_cast share rules.votes.seats_error: same refusal, same words.
    candidates = [(1, "Xã Một"), (2, "Xã Hai"), (3, "Xã Ba")]
    form = BallotForm({"choices": choices, "confirm": "on"}, candidates=candidates, seats=seats)
    assert form.is_valid() is valid
    if not valid:
        assert form.errors["choices"] == [seats_error(chosen=len(choices), seats=seats)]


def test_blank_ballot_through_the_form(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["head"], group=world.group)
    response = _client(personas["head"]).post(f"/admin/emulation/votes/{vote.pk}/ballot/", {"confirm": "on"})
    assert response.status_code == 302
    assert BallotReceipt.objects.get().organisation == world.home


@pytest.mark.parametrize("persona", ["province", "council", "sysadmin", "editor", "outsider"])
def test_only_member_units_officers_get_a_ballot(world: Any, personas: dict[str, Any], persona: str) -> None:
    vote = vote_open(actor=personas["head"], group=world.group)
    client = _client(personas[persona])
    url = f"/admin/emulation/votes/{vote.pk}/ballot/"
    assert client.get(url).status_code in {302, 404}
    assert client.post(url, {"choices": [world.home.pk], "confirm": "on"}).status_code in {302, 404}
    assert not BallotReceipt.objects.exists()


def test_turnout_screen_shows_who_voted_not_what(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["head"], group=world.group)
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    body = _body(_client(personas["council"]).get(f"/admin/emulation/votes/{vote.pk}/"))
    assert "1/2 đơn vị đã bỏ phiếu" in body
    assert "Đã bỏ phiếu" in body and "Chưa bỏ phiếu" in body
    # no count of votes anywhere while the vote is open
    assert "Số phiếu" not in body
    # the minutes are not available before the count
    response = _client(personas["council"]).get(f"/admin/emulation/votes/{vote.pk}/minutes/")
    assert response.status_code == 302


# --- closing and the minutes ------------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_close_screen_access(world: Any, personas: dict[str, Any], persona: str) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    client = _client(personas[persona])
    url = f"/admin/emulation/votes/{vote.pk}/close/"
    if persona in {"province", "head", "sysadmin"}:
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
        vote.refresh_from_db()
        assert vote.status == Vote.Status.CLOSED
    else:
        assert client.get(url).status_code in {302, 404}
        assert client.post(url).status_code in {302, 404}
        vote.refresh_from_db()
        assert vote.status == Vote.Status.OPEN


def test_whole_vote_through_the_screens(world: Any, personas: dict[str, Any]) -> None:
    # given a ruleset of "at least 2/3"
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_percent=Decimal("66.67"),
        vote_threshold_rule="at_least",
        legal_basis="Quyết định số 12/2026/QĐ-UBND",
    )
    head, member = _client(personas["head"]), _client(personas["member"])
    # when the head opens, both units choose home, and the head closes
    assert head.post(f"/admin/emulation/votes/open/{world.group.pk}/").status_code == 302
    vote = Vote.objects.get(group=world.group)
    for client in (head, member):
        response = client.post(
            f"/admin/emulation/votes/{vote.pk}/ballot/", {"choices": [world.home.pk], "confirm": "on"}
        )
        assert response.status_code == 302
    response = head.post(f"/admin/emulation/votes/{vote.pk}/close/")
    assert response.status_code == 302 and response["Location"].endswith(f"/votes/{vote.pk}/minutes/")
    # then every persona who sees the group reads the minutes
    body = _body(member.get(f"/admin/emulation/votes/{vote.pk}/minutes/"))
    assert "Biên bản kiểm phiếu suy tôn đơn vị dẫn đầu" in body
    assert "Tổng số đơn vị thành viên: 2" in body
    assert "Số phiếu thu về (số đơn vị đã bỏ phiếu): 2" in body
    assert "Tỷ lệ phiếu cần đạt: từ 2/3 trở lên (tính trên tổng số đơn vị thành viên)" in body
    assert "100,00%" in body
    assert "Đề nghị xét tặng Cờ thi đua cấp tỉnh: Ủy ban nhân dân xã Nhà" in body
    assert AuditEvent.objects.filter(action="emulation.vote.close", actor=personas["head"]).exists()


def test_minutes_report_a_tie(world: Any, personas: dict[str, Any]) -> None:
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_rule="at_least",
    )
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.other])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    client = _client(personas["province"])
    client.post(f"/admin/emulation/votes/{vote.pk}/close/")
    body = _body(client.get(f"/admin/emulation/votes/{vote.pk}/minutes/"))
    assert (
        "Hai đơn vị «Ủy ban nhân dân xã Nhà» và «Ủy ban nhân dân xã Khác» bằng phiếu ở suất cuối cùng"
        " (mỗi đơn vị 1 phiếu)." in body
    )
    assert "Cần bỏ phiếu lại (vòng 2) giữa các đơn vị này để chọn 1 đơn vị; phần mềm không tự chọn." in body


# --- the ruleset screens ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "lists", "adds"),
    [
        ("province", True, True),
        ("sysadmin", True, True),
        ("council", True, False),
        ("head", False, False),
        ("member", False, False),
        ("editor", False, False),
        ("outsider", False, False),
    ],
)
def test_ruleset_screen_access(
    world: Any, personas: dict[str, Any], persona: str, lists: bool, adds: bool
) -> None:
    client = _client(personas[persona])
    assert (client.get("/admin/emulation/rulesets/").status_code == 200) is lists
    assert (client.get("/admin/emulation/rulesets/new/").status_code == 200) is adds


def _ruleset_post(world: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "province": world.province.pk,
        "effective_from": "2026-01-01",
        "scoring_scale": "1000",
        "vote_threshold_percent": "66,67",
        "vote_threshold_rule": "at_least",
        "leading_units_per_group": "1",
        "quota_percent": "",
        "legal_basis": "Quyết định số 12/2026/QĐ-UBND",
    }
    data.update(overrides)
    return data


def test_province_officer_adds_and_edits_a_ruleset_through_the_service(
    world: Any, personas: dict[str, Any]
) -> None:
    client = _client(personas["province"])
    response = client.post("/admin/emulation/rulesets/new/", _ruleset_post(world))
    assert response.status_code == 302, _body(response)[:3000]
    ruleset = Ruleset.objects.get()
    assert ruleset.vote_threshold_percent == Decimal("66.67")
    assert AuditEvent.objects.filter(action="emulation.ruleset.create", actor=personas["province"]).exists()
    listing = _body(client.get("/admin/emulation/rulesets/"))
    assert "Quy chế cụm, khối" in listing and "từ 2/3 trở lên" in listing
    # edit
    response = client.post(
        f"/admin/emulation/rulesets/edit/{ruleset.pk}/",
        _ruleset_post(world, leading_units_per_group="2", vote_threshold_percent="66.67"),
    )
    assert response.status_code == 302
    ruleset.refresh_from_db()
    assert ruleset.leading_units_per_group == 2
    assert AuditEvent.objects.get(action="emulation.ruleset.update").changes == {
        "leading_units_per_group": [1, 2]
    }


def test_ruleset_form_shows_the_services_messages(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    response = client.post("/admin/emulation/rulesets/new/", _ruleset_post(world, quotas_enabled="on"))
    assert response.status_code == 200
    assert "Khi áp dụng tỷ lệ khen thưởng, hãy nhập tỷ lệ khen thưởng tối đa." in _body(response)
    client.post("/admin/emulation/rulesets/new/", _ruleset_post(world))
    response = client.post("/admin/emulation/rulesets/new/", _ruleset_post(world))
    assert response.status_code == 200
    assert "đã có quy chế hiệu lực từ ngày 01/01/2026" in _body(response)
    assert Ruleset.objects.count() == 1


def test_council_cannot_post_a_ruleset(world: Any, personas: dict[str, Any]) -> None:
    response = _client(personas["council"]).post("/admin/emulation/rulesets/new/", _ruleset_post(world))
    assert response.status_code == 302
    assert not Ruleset.objects.exists()


# --- a tie for the last seat, then round 2 (issue #17 item 9) -------------------------------------
def _tied_through_the_screens(world: Any, personas: dict[str, Any]) -> Vote:
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_rule="at_least",
    )
    vote = vote_open(actor=personas["head"], group=world.group)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.other])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    assert _client(personas["head"]).post(f"/admin/emulation/votes/{vote.pk}/close/").status_code == 302
    return vote


TIE = (
    "Hai đơn vị «Ủy ban nhân dân xã Nhà» và «Ủy ban nhân dân xã Khác» bằng phiếu ở suất cuối cùng"
    " (mỗi đơn vị 1 phiếu)."
)


def test_the_round_url_is_named_for_its_screen() -> None:
    from django.urls import resolve, reverse

    assert reverse("emulation_vote_round", args=[4]) == "/admin/emulation/votes/4/round/"
    func = resolve("/admin/emulation/votes/4/round/").func
    assert f"{func.__module__}.{func.__name__}" == "thidua.emulation.views.votes.vote_round_open_view"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_tie_in_words_and_who_gets_the_round_button(
    world: Any, personas: dict[str, Any], persona: str
) -> None:
    vote = _tied_through_the_screens(world, personas)
    client = _client(personas[persona])
    response = client.get(f"/admin/emulation/votes/{vote.pk}/")
    url = f"/admin/emulation/votes/{vote.pk}/round/"
    if persona in {"editor", "chief", "outsider"}:
        assert response.status_code in {302, 404}
    else:
        body = _body(response)
        assert TIE in body and "Bằng phiếu, chờ bỏ phiếu lại" in body
        assert (url in body) is (persona in {"province", "head", "sysadmin"})
        listing = _body(client.get("/admin/emulation/votes/"))
        assert (url in listing) is (persona in {"province", "head", "sysadmin"})
    # the round screen itself: the managers open round 2, nobody else can
    if persona in {"province", "head", "sysadmin"}:
        page = _body(client.get(url))
        assert TIE in page and "Mở bỏ phiếu vòng 2" in page
        assert client.post(url).status_code == 302
        vote.refresh_from_db()
        assert (vote.round, vote.status) == (2, Vote.Status.OPEN)
    else:
        assert client.get(url).status_code in {302, 404}
        assert client.post(url).status_code in {302, 404}
        vote.refresh_from_db()
        assert (vote.round, vote.status) == (1, Vote.Status.CLOSED)


def test_round_two_through_the_screens(world: Any, personas: dict[str, Any]) -> None:
    from tests.factories import MembershipFactory, OrganisationFactory

    # given a third member who is not tied (it received no vote in round 1)
    ba = OrganisationFactory(name="Ủy ban nhân dân xã Ba", province=world.province)
    MembershipFactory(group=world.group, organisation=ba, order=3)
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_percent=Decimal("33.33"),
        vote_threshold_rule="at_least",
    )
    head, member = _client(personas["head"]), _client(personas["member"])
    vote = vote_open(actor=personas["head"], group=world.group)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.other])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    head.post(f"/admin/emulation/votes/{vote.pk}/close/")
    # when the head opens round 2 from the round screen
    response = head.post(f"/admin/emulation/votes/{vote.pk}/round/", follow=True)
    assert "Đã mở bỏ phiếu vòng 2" in _body(response)
    # then the member's ballot lists only the two tied units, for round 2
    detail = _body(member.get(f"/admin/emulation/votes/{vote.pk}/"))
    assert "Bỏ phiếu vòng 2 cho Ủy ban nhân dân xã Khác" in detail
    assert "0/3 đơn vị đã bỏ phiếu" in detail
    form = _body(member.get(f"/admin/emulation/votes/{vote.pk}/ballot/"))
    assert "vòng 2" in form and 'name="round" value="2"' in form
    assert world.home.name in form and world.other.name in form and "xã Ba" not in form
    # a unit outside the tie is refused by the form (not one of its choices)
    response = member.post(
        f"/admin/emulation/votes/{vote.pk}/ballot/", {"choices": [ba.pk], "confirm": "on", "round": "2"}
    )
    assert response.status_code == 200 and not BallotReceipt.objects.filter(round=2).exists()
    # a form left open from round 1 is refused by the service, with its reason
    response = member.post(
        f"/admin/emulation/votes/{vote.pk}/ballot/",
        {"choices": [world.home.pk], "confirm": "on", "round": "1"},
    )
    assert "Phiếu này được điền cho vòng 1" in _body(response)
    for client in (head, member):
        response = client.post(
            f"/admin/emulation/votes/{vote.pk}/ballot/",
            {"choices": [world.home.pk], "confirm": "on", "round": "2"},
        )
        assert response.status_code == 302
    # while round 2 is open, the minutes show round 1 and say round 2 is under way
    minutes = _body(member.get(f"/admin/emulation/votes/{vote.pk}/minutes/"))
    assert "Đang bỏ phiếu vòng 2" in minutes and TIE not in minutes
    response = head.post(f"/admin/emulation/votes/{vote.pk}/close/")
    assert response["Location"].endswith(f"/votes/{vote.pk}/minutes/")
    # then the minutes show both rounds and the winner
    body = _body(member.get(f"/admin/emulation/votes/{vote.pk}/minutes/"))
    assert "Kết quả vòng 1" in body and "Kết quả vòng 2" in body
    assert "Bỏ phiếu lại giữa các đơn vị bằng phiếu ở vòng trước" in body
    assert "đã bỏ phiếu lại ở vòng sau" in body
    assert "Đề nghị xét tặng Cờ thi đua cấp tỉnh: Ủy ban nhân dân xã Nhà" in body
    assert "Cần bỏ phiếu lại" not in body
