"""Provincial criteria (#12): the province office replaces an unverified rule with the criterion of a
document it names; the engine then applies and cites it everywhere; withdrawing it restores the rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from thidua.awards.eligibility import Subject, evaluate_subject
from thidua.awards.eligibility.codes import AwardCode, Rating, SubjectKind
from thidua.awards.eligibility.rulesets import ND_152, SD_06
from thidua.awards.models import ProvincialCriterion
from thidua.awards.selectors.rules import active_overrides, criteria_overview, override_document
from thidua.awards.services.criteria import provincial_criterion_delete, provincial_criterion_save
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

CSTDCS = AwardCode.CHIEN_SI_THI_DUA_CO_SO.value
# The December 2025 draft's reading of Art 23 (legal-rules §6.2), as a province might adopt it.
BOTH = {"requires_ldtt": False, "route": "htxs_and_initiative", "initiative_min_scope": "co_so"}
SOURCE = {
    "source_number": "12/2026/QĐ-UBND",
    "source_date": dt.date(2026, 10, 15),
    "source_article": "Điều 5",
}


def _save(actor: Any, **changes: Any) -> ProvincialCriterion:
    values: dict[str, Any] = {"rule_set": SD_06, "award": CSTDCS, "params": BOTH, **SOURCE, **changes}
    return provincial_criterion_save(actor=actor, **values)


def _htxs_without_initiative() -> Subject:
    return Subject(
        id="P-1",
        kind=SubjectKind.INDIVIDUAL,
        requested=(AwardCode.CHIEN_SI_THI_DUA_CO_SO,),
        year=2026,
        ratings={2026: Rating.HTXS},
    )


def _result(overrides: Any) -> Any:
    (result,) = evaluate_subject(
        _htxs_without_initiative(),
        as_of=dt.date(2026, 12, 1),
        received_on=dt.date(2026, 11, 1),
        overrides=overrides,
    )
    return result


def test_without_a_provincial_criterion_the_amended_rule_is_carried_over_unverified() -> None:
    assert active_overrides() is None
    result = _result(active_overrides())
    assert result.outcome == "eligible" and result.unverified
    assert any("chưa đối chiếu văn bản Luật 06/2026/QH16" in reason.message for reason in result.reasons)


def test_a_provincial_criterion_changes_the_outcome_and_the_citation(personas: dict[str, Any]) -> None:
    row = _save(personas["province"])

    result = _result(active_overrides())
    assert result.outcome == "not_eligible"
    assert not result.unverified
    cited = {reason.citation for reason in result.reasons if reason.code.startswith("cstdcs.")}
    assert cited == {"Quyết định 12/2026/QĐ-UBND ngày 15/10/2026, Điều 5"}
    event = AuditEvent.objects.get(action="awards.criterion.create")
    assert event.target_id == str(row.pk)
    assert override_document() == {SD_06: {CSTDCS: row.override_data()}}


def test_saving_again_updates_the_same_row_with_an_audit_row(personas: dict[str, Any]) -> None:
    first = _save(personas["province"])
    second = _save(personas["province"], source_article="Điều 6")
    assert first.pk == second.pk and ProvincialCriterion.objects.count() == 1
    event = AuditEvent.objects.get(action="awards.criterion.update")
    assert event.changes["source_article"] == ["Điều 5", "Điều 6"]


def test_withdrawing_restores_the_rule_and_is_audited(personas: dict[str, Any]) -> None:
    row = _save(personas["province"])
    provincial_criterion_delete(actor=personas["province"], criterion=row, reason="Văn bản bị thay thế")
    assert not ProvincialCriterion.objects.exists()
    assert _result(active_overrides()).outcome == "eligible"
    assert AuditEvent.objects.get(action="awards.criterion.delete").reason == "Văn bản bị thay thế"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        # The window must lie inside the rule set's dates (the amended set starts 01/10/2026).
        ({"valid_from": dt.date(2026, 9, 1)}, "valid_from"),
        ({"valid_from": dt.date(2026, 12, 1), "valid_to": dt.date(2026, 11, 1)}, "valid_to"),
        ({"params": {**BOTH, "route": "whenever"}}, "param_route"),
        # A missing parameter is named as its own field.
        ({"params": {"requires_ldtt": False}}, "param_route"),
    ],
)
def test_what_the_engine_refuses_is_refused_by_field_and_nothing_is_saved(
    personas: dict[str, Any], changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _save(personas["province"], **changes)
    assert not ProvincialCriterion.objects.exists()
    keys = set(caught.value.message_dict)
    assert field in keys, keys
    assert all(
        message and message[0].isupper()
        for messages in caught.value.message_dict.values()
        for message in messages
    )


@pytest.mark.parametrize("persona", ["head", "member", "council", "editor", "chief", "outsider"])
def test_only_the_province_office_sets_criteria(personas: dict[str, Any], persona: str) -> None:
    with pytest.raises(PermissionDenied):
        _save(personas[persona])
    assert not ProvincialCriterion.objects.exists()


def test_the_overview_shows_the_provincial_criterion_in_place_of_the_carried_over_one(
    personas: dict[str, Any],
) -> None:
    _save(personas["province"])
    rows = {row.info.award.value: row for row in criteria_overview(SD_06)}
    assert rows[CSTDCS].provincial is not None and rows[CSTDCS].info.verified
    ldtt = [row for row in criteria_overview(SD_06) if row.info.award is AwardCode.LAO_DONG_TIEN_TIEN]
    assert all(row.provincial is None and not row.info.verified and row.info.carried_over for row in ldtt)
    # Another rule set is untouched.
    assert all(row.provincial is None for row in criteria_overview(ND_152))


def test_a_stored_criterion_the_engine_no_longer_accepts_is_shown_and_left_out(
    personas: dict[str, Any],
) -> None:
    row = _save(personas["province"])
    ProvincialCriterion.objects.filter(pk=row.pk).update(params={"requires_ldtt": "maybe"})
    assert active_overrides() is None
    broken = [r for r in criteria_overview(SD_06) if r.problems]
    assert len(broken) == 1 and broken[0].provincial is not None and broken[0].provincial.pk == row.pk


# --- Screens ---------------------------------------------------------------------------------------
def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


EDIT_URL = f"/admin/awards/criteria/{SD_06}/{CSTDCS}/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("province", 200),
        ("sysadmin", 200),
        ("council", 200),
        ("member", 200),
        ("head", 200),
        ("editor", 302),
        ("outsider", 302),
    ],
)
def test_who_reads_the_criteria_screen(personas: dict[str, Any], persona: str, status: int) -> None:
    response = _client(personas[persona]).get("/admin/awards/criteria/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Chưa đối chiếu văn bản Luật 06/2026/QH16" in html
        assert ("Thay bằng quy định của tỉnh" in html) == (persona in ("province", "sysadmin"))


@pytest.mark.parametrize("persona", ["council", "member", "head", "editor"])
def test_only_the_province_office_opens_the_form(personas: dict[str, Any], persona: str) -> None:
    client = _client(personas[persona])
    assert client.get(EDIT_URL).status_code in (302, 403)
    assert client.post(EDIT_URL, {"source_number": "x"}).status_code in (302, 403)
    assert not ProvincialCriterion.objects.exists()


def test_the_province_officer_sets_a_criterion_on_the_form(personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    form = client.get(EDIT_URL).content.decode()
    assert "Điều kiện về xếp loại và sáng kiến" in form and "Số, ký hiệu văn bản" in form

    response = client.post(
        EDIT_URL,
        {
            "param_route": "htxs_and_initiative",
            "param_initiative_min_scope": "co_so",
            "source_number": "12/2026/QĐ-UBND",
            "source_date": "15/10/2026",
            "source_article": "Điều 5",
        },
    )
    assert response.status_code == 302
    row = ProvincialCriterion.objects.get()
    assert row.params == BOTH and row.source_date == dt.date(2026, 10, 15)
    page = client.get(f"/admin/awards/criteria/?rule_set={SD_06}").content.decode()
    assert "Quyết định 12/2026/QĐ-UBND ngày 15/10/2026, Điều 5" in page and "Tỉnh quy định" in page


def test_the_form_names_a_date_outside_the_rule_set(personas: dict[str, Any]) -> None:
    response = _client(personas["province"]).post(
        EDIT_URL,
        {
            "param_route": "htxs_and_initiative",
            "param_initiative_min_scope": "co_so",
            "source_number": "12/2026/QĐ-UBND",
            "source_date": "15/10/2026",
            "source_article": "Điều 5",
            "valid_from": "01/09/2026",
        },
    )
    assert response.status_code == 200
    assert "Ngày phải nằm trong thời gian áp dụng của bộ quy tắc." in response.content.decode()
    assert not ProvincialCriterion.objects.exists()


def test_the_province_officer_withdraws_a_criterion(personas: dict[str, Any]) -> None:
    row = _save(personas["province"])
    client = _client(personas["province"])
    assert client.get(f"/admin/awards/criteria/delete/{row.pk}/").status_code == 200
    assert _client(personas["member"]).post(f"/admin/awards/criteria/delete/{row.pk}/").status_code in (
        302,
        403,
    )
    assert ProvincialCriterion.objects.exists()
    assert (
        client.post(f"/admin/awards/criteria/delete/{row.pk}/", {"reason": "hết hiệu lực"}).status_code == 302
    )
    assert not ProvincialCriterion.objects.exists()


def test_unknown_rule_set_or_award_is_not_found(personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    assert client.get("/admin/awards/criteria/?rule_set=khong-co").status_code == 404
    assert client.get(f"/admin/awards/criteria/{SD_06}/khong_co/").status_code == 404
