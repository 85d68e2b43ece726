"""The provincial ruleset: the dated selector, the save service (who, validation, audit)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import CommuneFactory, ProvinceFactory
from thidua.core.models import AuditEvent
from thidua.emulation.models import Ruleset
from thidua.emulation.selectors.rulesets import ruleset_for, rulesets_editable_by, rulesets_visible_to
from thidua.emulation.services.rulesets import ruleset_save
from thidua.emulation.services.votes import vote_open

pytestmark = pytest.mark.django_db


def _save(world: Any, actor: Any, **overrides: Any) -> Ruleset:
    kwargs: dict[str, Any] = dict(
        actor=actor,
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_percent=Decimal("66.67"),
        vote_threshold_rule="at_least",
        leading_units_per_group=2,
        legal_basis="Quyết định số 12/2026/QĐ-UBND",
    )
    kwargs.update(overrides)
    return ruleset_save(**kwargs)


def test_ruleset_for_without_rulesets_gives_the_unsaved_default(world: Any) -> None:
    ruleset = ruleset_for(province=world.province, on=dt.date(2026, 12, 31))
    assert ruleset.pk is None and ruleset.effective_from is None
    assert ruleset.province == world.province
    assert ruleset.vote_threshold_percent == Decimal("50")
    assert ruleset.vote_threshold_rule == "more_than"
    assert ruleset.leading_units_per_group == 1
    assert ruleset.scoring_scale == 1000
    assert ruleset.quotas_enabled is False


def test_ruleset_for_picks_the_latest_in_force_on_the_day(world: Any, personas: dict[str, Any]) -> None:
    # given three rulesets of the province and one of another province
    actor = personas["province"]
    old = _save(world, actor, effective_from=dt.date(2024, 1, 1))
    current = _save(world, actor, effective_from=dt.date(2026, 1, 1))
    _save(world, actor, effective_from=dt.date(2027, 1, 1))
    _save(world, actor, province=ProvinceFactory(), effective_from=dt.date(2026, 6, 1))
    # then
    assert ruleset_for(province=world.province, on=dt.date(2025, 12, 31)) == old
    assert ruleset_for(province=world.province, on=dt.date(2026, 1, 1)) == current  # the day itself counts
    assert ruleset_for(province=world.province, on=dt.date(2026, 12, 31)) == current
    assert ruleset_for(province=world.province, on=dt.date(2023, 12, 31)).pk is None


def test_save_creates_and_audits(world: Any, personas: dict[str, Any]) -> None:
    # when
    ruleset = _save(world, personas["province"], legal_basis="  Quyết định số 12/2026/QĐ-UBND ")
    # then
    ruleset.refresh_from_db()
    assert ruleset.vote_threshold_percent == Decimal("66.67")
    assert ruleset.legal_basis == "Quyết định số 12/2026/QĐ-UBND"
    event = AuditEvent.objects.get(action="emulation.ruleset.create", target_id=str(ruleset.pk))
    assert event.actor == personas["province"]
    assert event.changes["vote_threshold_rule"] == [None, "at_least"]
    assert event.changes["vote_threshold_percent"] == [None, "66.67"]


def test_save_updates_the_given_ruleset_and_audits_the_diff(world: Any, personas: dict[str, Any]) -> None:
    ruleset = _save(world, personas["province"])
    # when
    updated = _save(
        world, personas["sysadmin"], ruleset=ruleset, leading_units_per_group=1, reason="Sửa nhầm"
    )
    # then
    assert updated.pk == ruleset.pk and Ruleset.objects.count() == 1
    event = AuditEvent.objects.get(action="emulation.ruleset.update")
    assert event.changes == {"leading_units_per_group": [2, 1]}
    assert event.reason == "Sửa nhầm"


def test_saving_unchanged_values_writes_no_audit_row(world: Any, personas: dict[str, Any]) -> None:
    ruleset = _save(world, personas["province"])
    _save(world, personas["province"], ruleset=ruleset)
    assert not AuditEvent.objects.filter(action="emulation.ruleset.update").exists()


@pytest.mark.parametrize("persona", ["head", "member", "council", "editor", "chief", "outsider"])
def test_only_the_province_office_and_sysadmin_save(
    world: Any, personas: dict[str, Any], persona: str
) -> None:
    with pytest.raises(PermissionDenied):
        _save(world, personas[persona])
    assert not Ruleset.objects.exists()


@pytest.mark.parametrize("persona", ["province", "sysadmin"])
def test_province_office_and_sysadmin_may_save(world: Any, personas: dict[str, Any], persona: str) -> None:
    assert _save(world, personas[persona]).pk


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"vote_threshold_percent": Decimal("100.01")}, "vote_threshold_percent", "từ 0 đến 100%"),
        ({"vote_threshold_percent": Decimal("-1")}, "vote_threshold_percent", "từ 0 đến 100%"),
        (
            {"vote_threshold_percent": Decimal("66.667")},
            "vote_threshold_percent",
            "tối đa 2 chữ số thập phân",
        ),
        ({"vote_threshold_rule": "half"}, "vote_threshold_rule", "Cách tính ngưỡng không hợp lệ"),
        ({"leading_units_per_group": 0}, "leading_units_per_group", "từ 1 trở lên"),
        ({"scoring_scale": 0}, "scoring_scale", "lớn hơn 0"),
        ({"quotas_enabled": True}, "quota_percent", "hãy nhập tỷ lệ khen thưởng tối đa"),
        ({"quotas_enabled": True, "quota_percent": Decimal("101")}, "quota_percent", "từ 0 đến 100%"),
        ({"effective_from": None}, "effective_from", "Hãy nhập ngày"),
        ({"province": "commune"}, "province", "cấp tỉnh"),
    ],
)
def test_save_rejects_bad_values_in_vietnamese_and_saves_nothing(
    world: Any, personas: dict[str, Any], overrides: dict[str, Any], field: str, message: str
) -> None:
    if overrides.get("province") == "commune":
        overrides["province"] = CommuneFactory(parent=world.province)
    with pytest.raises(ValidationError) as excinfo:
        _save(world, personas["province"], **overrides)
    assert message in " ".join(excinfo.value.message_dict[field])
    assert not Ruleset.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="emulation.ruleset").exists()


def test_boundaries_are_accepted(world: Any, personas: dict[str, Any]) -> None:
    actor = personas["province"]
    _save(world, actor, effective_from=dt.date(2026, 1, 1), vote_threshold_percent=Decimal("0"))
    _save(world, actor, effective_from=dt.date(2026, 2, 1), vote_threshold_percent=Decimal("100"))
    _save(world, actor, effective_from=dt.date(2026, 3, 1), quotas_enabled=True, quota_percent=Decimal("15"))
    assert Ruleset.objects.count() == 3


def test_same_province_and_date_is_refused(world: Any, personas: dict[str, Any]) -> None:
    _save(world, personas["province"])
    with pytest.raises(ValidationError) as excinfo:
        _save(world, personas["province"])
    assert "đã có quy chế hiệu lực từ ngày 01/01/2026" in excinfo.value.message_dict["effective_from"][0]


def test_a_ruleset_a_vote_applied_keeps_its_parameters(world: Any, personas: dict[str, Any]) -> None:
    # given a ruleset that a vote has applied
    ruleset = _save(world, personas["province"])
    vote_open(actor=personas["province"], group=world.group)
    # when the threshold is changed
    with pytest.raises(ValidationError) as excinfo:
        _save(world, personas["province"], ruleset=ruleset, vote_threshold_percent=Decimal("50"))
    # then
    assert "đã được áp dụng" in excinfo.value.message_dict["vote_threshold_percent"][0]
    # but the legal basis may still be corrected
    _save(world, personas["province"], ruleset=ruleset, legal_basis="Quyết định số 13/2026/QĐ-UBND")
    ruleset.refresh_from_db()
    assert ruleset.legal_basis == "Quyết định số 13/2026/QĐ-UBND"


@pytest.mark.parametrize(
    ("persona", "sees", "edits"),
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
def test_ruleset_scoping(world: Any, personas: dict[str, Any], persona: str, sees: bool, edits: bool) -> None:
    _save(world, personas["province"])
    assert rulesets_visible_to(user=personas[persona]).exists() is sees
    assert rulesets_editable_by(user=personas[persona]).exists() is edits
