"""The pact's aggregates and tie-break: the service pact_aggregates_set (all or nothing, audited, only
while the criteria may be edited, by the roles the pact table allows), the form that builds them,
and the screen for every persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.test import Client

from tests.emulation.fixtures import CRITERIA, build_pact
from thidua.core.models import AuditEvent
from thidua.emulation.forms import AggregateFormSet, TieBreakForm, check_definition
from thidua.emulation.models import Pact
from thidua.emulation.selectors.scoring import criteria_tree
from thidua.emulation.services.pacts import (
    check_criteria,
    pact_aggregates_set,
    pact_create,
    pact_sign,
    targets_register,
)

pytestmark = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
MANAGES = {"province", "head", "sysadmin"}
SUM = {"criterion": "1.1", "kind": "sum_ratio", "label": "Tổng giá trị sản xuất toàn Cụm là {display}"}
COUNT = {"criterion": "1.2", "kind": "count_true", "label": "{count} xã đạt chuẩn nông thôn mới"}


@pytest.fixture
def draft(world: Any, personas: dict[str, Any]) -> Pact:
    return pact_create(actor=personas["province"], group=world.group, criteria=CRITERIA)


# --- the service ---------------------------------------------------------------------------------
def test_service_saves_both_and_records_the_change(draft: Pact, personas: dict[str, Any]) -> None:
    # when the head unit sets two aggregates and a tie-break order
    pact_aggregates_set(actor=personas["head"], pact=draft, aggregates=[SUM, COUNT], tie_break=["1.1", "2.1"])
    # then they are stored as the dashboard reads them, and one audit row says what changed
    draft.refresh_from_db()
    assert draft.aggregates == [SUM, COUNT] and draft.tie_break == ["1.1", "2.1"]
    event = AuditEvent.objects.get(action="emulation.pact.aggregates_set")
    assert event.changes == {"aggregates": [[], [SUM, COUNT]], "tie_break": [[], ["1.1", "2.1"]]}


def test_service_leaves_out_an_empty_label(draft: Pact, personas: dict[str, Any]) -> None:
    pact_aggregates_set(
        actor=personas["province"],
        pact=draft,
        aggregates=[{"criterion": " 1.2 ", "kind": "count_true", "label": "  "}],
        tie_break=[],
    )
    draft.refresh_from_db()
    assert draft.aggregates == [{"criterion": "1.2", "kind": "count_true"}]


@pytest.mark.parametrize(
    ("aggregates", "tie_break", "errors"),
    [
        (
            [{"criterion": "1.2", "kind": "sum_ratio"}],
            [],
            {
                "aggregates": [
                    "Số liệu tổng hợp, dòng 1 – Tiêu chí: «Tổng thực hiện so kế hoạch» chỉ tính trên tiêu chí "
                    "chấm theo «Tỷ lệ so chỉ tiêu»; Tiêu chí 1.2 (Đạt chuẩn nông thôn mới) chấm theo «Đạt / không đạt»."
                ]
            },
        ),
        (
            [SUM, {"criterion": "1", "kind": "count_true"}],
            [],
            {
                "aggregates": [
                    "Số liệu tổng hợp, dòng 2 – Tiêu chí: «Số đơn vị đạt» chỉ tính trên tiêu chí chấm theo «Đạt / không đạt»; Tiêu chí 1 (Kinh tế) là một nhóm tiêu chí."
                ]
            },
        ),
        (
            [{"criterion": "9", "kind": "count_true"}],
            [],
            {"aggregates": ["Số liệu tổng hợp, dòng 1 – Tiêu chí: không có tiêu chí mã «9» trong giao ước."]},
        ),
        (
            [{"criterion": "1.1", "kind": "average"}],
            [],
            {"aggregates": ["Số liệu tổng hợp, dòng 1 – Loại số liệu: hãy chọn một loại số liệu."]},
        ),
        (
            [SUM, SUM],
            [],
            {
                "aggregates": [
                    "Số liệu tổng hợp, dòng 2: «Tổng thực hiện so kế hoạch» của Tiêu chí 1.1 (Tổng giá trị sản xuất) đã có ở dòng trước."
                ]
            },
        ),
        (
            [],
            ["1.1", "V", "1.1", "X"],
            {
                "tie_break": [
                    "Thứ tự xét khi bằng điểm, vị trí 2: Tiêu chí V (Vụ việc phức tạp về an ninh, trật tự) là tiêu chí phủ quyết, không có điểm nên không dùng để xét khi bằng điểm được.",
                    "Thứ tự xét khi bằng điểm, vị trí 3: Tiêu chí 1.1 (Tổng giá trị sản xuất) đã có ở vị trí trước.",
                    "Thứ tự xét khi bằng điểm, vị trí 4: không có tiêu chí mã «X» trong giao ước.",
                ]
            },
        ),
    ],
)
def test_service_refuses_what_the_engine_refuses(
    draft: Pact,
    personas: dict[str, Any],
    aggregates: list[dict[str, str]],
    tie_break: list[str],
    errors: dict[str, list[str]],
) -> None:
    with pytest.raises(ValidationError) as caught:
        pact_aggregates_set(
            actor=personas["province"], pact=draft, aggregates=aggregates, tie_break=tie_break
        )
    assert caught.value.message_dict == errors
    draft.refresh_from_db()
    assert (draft.aggregates, draft.tie_break) == ([], [])  # nothing half-saved
    assert not AuditEvent.objects.filter(action="emulation.pact.aggregates_set").exists()


def test_service_only_while_the_criteria_may_be_edited(world: Any, personas: dict[str, Any]) -> None:
    # given a signed pact
    pact = pact_create(actor=personas["province"], group=world.group, criteria=CRITERIA)
    for org in (world.home, world.other):
        targets_register(actor=personas["province"], pact=pact, organisation=org, targets={"1.1": "100"})
    pact_sign(actor=personas["province"], pact=pact, signed_on=dt.date(2026, 3, 20))
    # then even the province office must reopen it first
    with pytest.raises(ValidationError, match="Giao ước đã ký kết; muốn sửa tiêu chí phải mở lại giao ước"):
        pact_aggregates_set(actor=personas["province"], pact=pact, aggregates=[SUM], tie_break=[])


@pytest.mark.parametrize("persona", PERSONAS)
def test_service_roles(draft: Pact, personas: dict[str, Any], persona: str) -> None:
    call = lambda: pact_aggregates_set(  # noqa: E731
        actor=personas[persona], pact=draft, aggregates=[SUM], tie_break=["1.1"]
    )
    if persona in MANAGES:
        call()
        draft.refresh_from_db()
        assert draft.aggregates == [SUM]
    else:
        with pytest.raises(PermissionDenied):
            call()


# --- the forms ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("codes", "action", "added", "after"),
    [
        ([], "add", "1.1", ["1.1"]),
        (["1.1"], "add", "2.1", ["1.1", "2.1"]),
        (["1.1"], "add", "1.1", ["1.1"]),  # already listed
        (["1.1"], "add", "", ["1.1"]),  # nothing chosen
        (["1.1", "2.1", "B"], "up-2", "", ["2.1", "1.1", "B"]),
        (["1.1", "2.1", "B"], "up-1", "", ["1.1", "2.1", "B"]),  # the first cannot go up
        (["1.1", "2.1", "B"], "down-2", "", ["1.1", "B", "2.1"]),
        (["1.1", "2.1", "B"], "down-3", "", ["1.1", "2.1", "B"]),  # the last cannot go down
        (["1.1", "2.1", "B"], "remove-1", "", ["2.1", "B"]),
        (["1.1", "2.1"], "remove-3", "", ["1.1", "2.1"]),  # no such position
        (["1.1", "2.1"], "remove-x", "", ["1.1", "2.1"]),
        (["1.1", "2.1"], "shuffle-1", "", ["1.1", "2.1"]),
    ],
)
def test_tie_break_moves(codes: list[str], action: str, added: str, after: list[str]) -> None:
    assert TieBreakForm.after(codes, action, added) == after


def _rows(*rows: tuple[str, str, str], delete: tuple[int, ...] = ()) -> dict[str, Any]:
    data: dict[str, Any] = {
        "aggregates-TOTAL_FORMS": str(len(rows)),
        "aggregates-INITIAL_FORMS": "0",
        "aggregates-MIN_NUM_FORMS": "0",
        "aggregates-MAX_NUM_FORMS": "1000",
    }
    for index, (kind, criterion, label) in enumerate(rows):
        data.update(
            {
                f"aggregates-{index}-kind": kind,
                f"aggregates-{index}-criterion": criterion,
                f"aggregates-{index}-label": label,
            }
        )
        if index in delete:
            data[f"aggregates-{index}-DELETE"] = "on"
    return data


@pytest.mark.parametrize(
    ("rows", "delete", "tie_break", "entries", "errors"),
    [
        # a blank last row (the extra one) is left out
        ([("sum_ratio", "1.1", "Tổng {display}"), ("", "", "")], (), ["1.1"], [("1.1", "sum_ratio")], {}),
        # a row marked for removal is left out, even when it is wrong
        ([("sum_ratio", "1.2", ""), ("count_true", "1.2", "")], (0,), [], [("1.2", "count_true")], {}),
        (
            [("sum_ratio", "1.1", ""), ("sum_ratio", "1.2", "")],
            (),
            [],
            None,
            {
                (
                    2,
                    "criterion",
                ): "Số liệu tổng hợp, dòng 2 – Tiêu chí: «Tổng thực hiện so kế hoạch» chỉ tính trên tiêu chí chấm theo «Tỷ lệ so chỉ tiêu»"
            },
        ),
        # the row number is the row the officer sees, a removed row before it counted
        (
            [("sum_ratio", "1.1", ""), ("count_true", "1.2", ""), ("count_true", "1.2", "")],
            (0,),
            [],
            None,
            {
                (
                    3,
                    None,
                ): "Số liệu tổng hợp, dòng 3: «Số đơn vị đạt» của Tiêu chí 1.2 (Đạt chuẩn nông thôn mới) đã có ở dòng trước."
            },
        ),
        (
            [("count_true", "", "")],
            (),
            [],
            None,
            {(1, "criterion"): "Số liệu tổng hợp, dòng 1 – Tiêu chí: hãy chọn một tiêu chí."},
        ),
        (
            [("", "1.2", "")],
            (),
            [],
            None,
            {(1, "kind"): "Số liệu tổng hợp, dòng 1 – Loại số liệu: hãy chọn một loại số liệu."},
        ),
        # a forged criterion or kind is named like any other fault, not saved
        (
            [("count_true", "9.9", "")],
            (),
            [],
            None,
            {
                (
                    1,
                    "criterion",
                ): "Số liệu tổng hợp, dòng 1 – Tiêu chí: không có tiêu chí mã «9.9» trong giao ước."
            },
        ),
        (
            [],
            (),
            ["V"],
            None,
            {
                (
                    "tie_break",
                    "tie_break",
                ): "Thứ tự xét khi bằng điểm, vị trí 1: Tiêu chí V (Vụ việc phức tạp về an ninh, trật tự) là tiêu chí phủ quyết"
            },
        ),
    ],
)
def test_the_form_refuses_what_the_engine_refuses(
    draft: Pact,
    rows: list[tuple[str, str, str]],
    delete: tuple[int, ...],
    tie_break: list[str],
    entries: list[tuple[str, str]] | None,
    errors: dict[tuple[Any, Any], str],
) -> None:
    criteria = list(draft.criteria.order_by("order"))
    data = QueryDict(mutable=True)
    for key, value in _rows(*rows, delete=delete).items():
        data[key] = value
    data.setlist("tie_break", tie_break)
    formset = AggregateFormSet(data, prefix="aggregates", criteria=criteria)
    tie_form = TieBreakForm(data, criteria=criteria)
    assert formset.is_valid() and tie_form.is_valid()
    valid = check_definition(formset, tie_form, criteria)
    assert valid is (entries is not None)
    if entries is not None:
        assert [(e["criterion"], e["kind"]) for e in formset.entries()] == entries
        assert tie_form.cleaned_data["tie_break"] == tie_break
        # and the engine's parser takes what the form let through
        check_criteria(criteria_tree(criteria), formset.entries(), tie_break)
        return
    for (where, field), message in errors.items():
        if where == "tie_break":
            said = tie_form.errors[field]
        else:
            said = formset.forms[where - 1].errors[field or "__all__"]
        assert any(message in text for text in said), said


def test_the_criterion_choices_fit_the_kind(draft: Pact) -> None:
    criteria = list(draft.criteria.order_by("order"))
    form = AggregateFormSet(prefix="aggregates", criteria=criteria).forms[0]
    html = str(form["criterion"])
    # ratio criteria for the sum, boolean ones for the count, with the unit the sentence uses
    assert 'value="1.1" data-kind="sum_ratio"' in html and "1.1. Tổng giá trị sản xuất (tỷ đồng)" in html
    assert 'value="1.2" data-kind="count_true"' in html
    for code in ("1", "2.1", "B", "V"):
        assert f'value="{code}"' not in html
    # the tie-break offers every criterion but the veto, and not one already listed
    add = str(TieBreakForm(criteria=criteria, codes=["1.1"])["add"])
    assert 'value="2.1"' in add and 'value="1"' in add and 'value="V"' not in add and 'value="1.1"' not in add


# --- the screen -----------------------------------------------------------------------------------
SEES_PACT = {"province", "head", "member", "council", "sysadmin"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _refusal(response: Any) -> str:
    if response.status_code == 302 and "/admin/login/" in response["Location"]:
        return "login"
    if response.status_code == 302 and response["Location"] == "/admin/":
        return "denied"
    return str(response.status_code)


def _expected_refusal(persona: str) -> str:
    if persona == "outsider":
        return "login"
    return "denied" if persona in SEES_PACT else "404"


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_screen_for_every_persona(draft: Pact, personas: dict[str, Any], persona: str) -> None:
    client = _client(personas[persona])
    detail = client.get(f"/admin/emulation/pacts/{draft.pk}/")
    response = client.get(f"/admin/emulation/pacts/{draft.pk}/aggregates/")
    if persona in MANAGES:
        assert f"/admin/emulation/pacts/{draft.pk}/aggregates/" in detail.content.decode()
        assert response.status_code == 200
        html = response.content.decode()
        assert "Dòng 1" in html and "Loại số liệu" in html and "Thứ tự xét khi bằng điểm" in html
        assert "chỉ đọc" in html  # the stored JSON, read-only
    else:
        if persona in SEES_PACT:
            assert f"/admin/emulation/pacts/{draft.pk}/aggregates/" not in detail.content.decode()
        assert _refusal(response) == _expected_refusal(persona)


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MANAGES))
def test_a_forged_save_by_a_denied_role_changes_nothing(
    draft: Pact, personas: dict[str, Any], persona: str
) -> None:
    data = {**_rows(("count_true", "1.2", "")), "tie_break": ["1.1"], "action": "save"}
    response = _client(personas[persona]).post(f"/admin/emulation/pacts/{draft.pk}/aggregates/", data)
    assert _refusal(response) == _expected_refusal(persona)
    draft.refresh_from_db()
    assert (draft.aggregates, draft.tie_break) == ([], [])


def test_a_signed_pact_sends_the_officer_back(world: Any, personas: dict[str, Any]) -> None:
    pw = build_pact(world, personas["province"])
    response = _client(personas["head"]).get(f"/admin/emulation/pacts/{pw.pact.pk}/aggregates/", follow=True)
    assert response.redirect_chain == [(f"/admin/emulation/pacts/{pw.pact.pk}/", 302)]
    assert "phải được Ban Thi đua – Khen thưởng tỉnh mở lại giao ước" in response.content.decode()


def test_the_head_unit_builds_and_saves_the_definition(draft: Pact, personas: dict[str, Any]) -> None:
    client = _client(personas["head"])
    url = f"/admin/emulation/pacts/{draft.pk}/aggregates/"
    rows = _rows(("sum_ratio", "1.1", SUM["label"]))
    # one more row, then tie-break moves: nothing is saved, the typed rows stay
    response = client.post(url, {**rows, "action": "row-add"})
    html = response.content.decode()
    assert response.status_code == 200 and "Dòng 2" in html and SUM["label"] in html
    response = client.post(url, {**rows, "tie_break": [], "add": "2.1", "action": "add"})
    response = client.post(url, {**rows, "tie_break": ["2.1"], "add": "1.1", "action": "add"})
    html = response.content.decode()
    assert html.index('data-tie-break-code="2.1"') < html.index('data-tie-break-code="1.1"')
    response = client.post(url, {**rows, "tie_break": ["2.1", "1.1"], "action": "up-2"})
    html = response.content.decode()
    assert html.index('data-tie-break-code="1.1"') < html.index('data-tie-break-code="2.1"')
    draft.refresh_from_db()
    assert (draft.aggregates, draft.tie_break) == ([], [])
    # a wrong pair is refused, named by row and field, and nothing is saved
    wrong = _rows(("sum_ratio", "1.1", ""), ("sum_ratio", "1.2", ""))
    response = client.post(url, {**wrong, "tie_break": ["1.1", "2.1"], "action": "save"})
    html = response.content.decode()
    assert response.status_code == 200 and "Chưa lưu được" in html
    assert "Số liệu tổng hợp, dòng 2 – Tiêu chí: «Tổng thực hiện so kế hoạch»" in html
    draft.refresh_from_db()
    assert draft.aggregates == []
    # the save
    both = _rows(("sum_ratio", "1.1", SUM["label"]), ("count_true", "1.2", COUNT["label"]))
    response = client.post(url, {**both, "tie_break": ["1.1", "2.1"], "action": "save"})
    assert response.status_code == 302 and response["Location"] == f"/admin/emulation/pacts/{draft.pk}/"
    draft.refresh_from_db()
    assert draft.aggregates == [SUM, COUNT] and draft.tie_break == ["1.1", "2.1"]
    html = client.get(response["Location"]).content.decode()
    assert "Tổng thực hiện so kế hoạch" in html and "{count} xã đạt chuẩn nông thôn mới" in html
    assert (
        "Khi bằng điểm, xét lần lượt tiêu chí: 1.1. Tổng giá trị sản xuất (tỷ đồng); 2.1. Công tác thi đua."
        in html
    )
    assert "Sửa số liệu tổng hợp, thứ tự xét khi bằng điểm của giao ước" in html  # the audit row
    # the form opens with what was saved
    html = client.get(url).content.decode()
    assert SUM["label"] in html and 'data-tie-break-code="2.1"' in html
