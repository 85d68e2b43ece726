"""The report workflow through the services, against the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.emulation.fixtures import PactWorld, build_pact, good_values
from thidua.core.models import AuditEvent
from thidua.emulation.models import Evidence, PeriodResult, Report, ReportChange, ReportValue
from thidua.emulation.selectors.preview import leaf_specs
from thidua.emulation.selectors.scoring import pact_facts
from thidua.emulation.services.periods import period_close, report_unlock
from thidua.emulation.services.reports import (
    ConcurrentEditError,
    evidence_add,
    report_appraise,
    report_grid_save,
    report_open,
    report_return,
    report_save,
    report_submit,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


def _submitted(pw: PactWorld, world: Any, user: Any, org: Any, **kw: Any) -> Report:
    report = report_open(actor=user, period=pw.period, organisation=org)
    report = report_save(actor=user, report=report, version=report.version, values=good_values(**kw))
    evidence_add(actor=user, report=report, criterion_code="1.1", upload=SimpleUploadedFile("tk.pdf", PDF))
    report.refresh_from_db()
    return report_submit(actor=user, report=report, version=report.version)


def test_member_fills_submits_head_appraises_period_closes(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    member, head = personas["member"], personas["head"]  # member works at `other`, head at `home`
    # given both members' reports submitted: the head unit reports for itself too
    other = _submitted(pw, world, member, world.other)
    home = _submitted(pw, world, head, world.home, actual="100", manual="95")
    assert other.status == "submitted"
    # 1.1: 100 × 80/100 = 80; 1.2: 50; 2.1: 90; B: +5 → 225
    assert other.self_total == Decimal("225.00")
    # when the head unit appraises `other` (lowering 2.1) and the deputy unit appraises the head's report
    other = report_appraise(
        actor=head,
        report=other,
        version=other.version,
        values={"2.1": {"value": "70", "note": "Thiếu minh chứng phong trào"}},
    )
    home = report_appraise(actor=member, report=home, version=home.version)
    # then self and appraised scores stand side by side, and the change is recorded with its reason
    assert (other.self_total, other.appraised_total) == (Decimal("225.00"), Decimal("205.00"))
    change = ReportChange.objects.get(report=other, field="appraised_value")
    assert (change.old, change.new, change.reason) == ("90", "70", "Thiếu minh chứng phong trào")
    # when the period closes
    period_close(actor=personas["province"], period=pw.period)
    # then results are frozen and every report is locked
    results = list(
        PeriodResult.objects.filter(period=pw.period)
        .order_by("rank")
        .values_list("organisation__name", "rank", "total", "self_total")
    )
    assert results == [
        (world.home.name, 1, Decimal("250.00"), Decimal("250.00")),
        (world.other.name, 2, Decimal("205.00"), Decimal("225.00")),
    ]
    assert set(Report.objects.values_list("status", flat=True)) == {"locked"}
    pw.period.refresh_from_db()
    assert pw.period.aggregates[0]["display"] == "180,00 tỷ đồng, đạt 90,00% so kế hoạch"
    # and editing a locked report is refused
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="khi báo cáo đã khóa"):
        report_save(actor=member, report=other, version=other.version, values={"2.1": {"value": "100"}})


def test_period_close_names_units_not_appraised(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    _submitted(pw, world, personas["member"], world.other)
    with pytest.raises(ValidationError) as excinfo:
        period_close(actor=personas["province"], period=pw.period)
    message = str(excinfo.value)
    assert world.other.name in message and "đã gửi" in message
    assert world.home.name in message and "chưa báo cáo" in message
    assert not PeriodResult.objects.exists()


@pytest.mark.parametrize(
    ("values", "code", "message"),
    [
        ({"1.1": {"value": "-5"}}, "1.1", "không được âm"),
        ({"2.1": {"value": "150"}}, "2.1", "điểm phải từ 0 đến 100"),
        ({"2.1": {"value": "abc"}}, "2.1", "không phải là số"),
        ({"1.2": {"value": "có lẽ"}}, "1.2", "chọn «Có» hoặc «Không»"),
        ({"9.9": {"value": "1"}}, "9.9", "Không có tiêu chí mã «9.9»"),
    ],
)
def test_bad_values_are_named_and_nothing_is_saved(
    pw: PactWorld, world: Any, personas: dict[str, Any], values: dict[str, Any], code: str, message: str
) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    with pytest.raises(ValidationError) as excinfo:
        report_save(
            actor=member, report=report, version=report.version, values={**values, "B": {"value": "3"}}
        )
    assert any(message in text for text in excinfo.value.message_dict[code])
    assert not ReportValue.objects.filter(report=report).exists()
    report.refresh_from_db()
    assert report.version == 1


def test_vietnamese_number_input_is_accepted(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    report_save(actor=member, report=report, version=report.version, values={"1.1": {"value": "7.845,12"}})
    assert ReportValue.objects.get(report=report, criterion__code="1.1").value == "7845.12"


def test_submit_requires_explanation_below_target_and_all_values(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    report = report_save(
        actor=member,
        report=report,
        version=report.version,
        values={"1.1": {"value": "80"}, "1.2": {"value": True}},
    )
    with pytest.raises(ValidationError) as excinfo:
        report_submit(actor=member, report=report, version=report.version)
    errors = excinfo.value.message_dict
    assert "chưa đạt chỉ tiêu, cần giải trình" in errors["1.1"][0]
    assert "chưa nhập giá trị" in errors["2.1"][0]
    assert "B" not in errors and "V" not in errors  # bonus and veto may be left empty
    report.refresh_from_db()
    assert report.status == "draft"


def test_evidence_required_or_explained(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    values = good_values(actual="100")
    report = report_save(actor=member, report=report, version=report.version, values=values)
    with pytest.raises(ValidationError, match="chưa có minh chứng, cần giải trình"):
        report_submit(actor=member, report=report, version=report.version)


def test_concurrent_saves_second_is_refused(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    loaded_version = report.version
    report_save(actor=member, report=report, version=loaded_version, values={"2.1": {"value": "80"}})
    with pytest.raises(ConcurrentEditError, match="vừa được người khác cập nhật"):
        report_save(actor=member, report=report, version=loaded_version, values={"2.1": {"value": "60"}})
    assert ReportValue.objects.get(report=report, criterion__code="2.1").value == "80"


def test_return_needs_reason_and_changes_after_submission_are_kept(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    member, head = personas["member"], personas["head"]
    report = _submitted(pw, world, member, world.other)
    with pytest.raises(ValidationError, match="Cần nêu lý do"):
        report_return(actor=head, report=report, reason=" ")
    report = report_return(actor=head, report=report, reason="Số liệu 1.1 chưa khớp thống kê")
    assert (report.status, report.return_reason) == ("returned", "Số liệu 1.1 chưa khớp thống kê")
    report = report_save(
        actor=member,
        report=report,
        version=report.version,
        reason="Cập nhật theo thống kê",
        values={"1.1": {"value": "85", "explanation": "Giá nông sản giảm"}},
    )
    change = ReportChange.objects.filter(report=report, field="value").get()
    assert change.old["value"] == "80" and change.new["value"] == "85"
    assert (change.actor, change.reason) == (member, "Cập nhật theo thống kê")
    assert report_submit(actor=member, report=report, version=report.version).status == "submitted"


# who may do what with `other`'s report (other = the deputy unit; home = the head unit)
ACTIONS = {
    "save": {"member"},
    "return": {"head", "province", "sysadmin"},
    "appraise": {"head", "province", "sysadmin"},
}


@pytest.mark.parametrize(
    "persona", ["province", "sysadmin", "head", "member", "council", "editor", "outsider"]
)
def test_who_may_act_on_a_report(pw: PactWorld, world: Any, personas: dict[str, Any], persona: str) -> None:
    user, member = personas[persona], personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)

    def attempt(action: str) -> bool:
        report.refresh_from_db()
        try:
            if action == "save":  # on the draft
                report_save(actor=user, report=report, version=report.version, values={"2.1": {"value": "1"}})
            elif action == "return":  # on the submitted report
                report_return(actor=user, report=report, reason="Kiểm tra lại")
            else:
                report_appraise(actor=user, report=report, version=report.version)
        except (PermissionDenied, ValidationError):
            return False
        return True

    assert attempt("save") is (persona in ACTIONS["save"])
    report.refresh_from_db()
    report_save(actor=member, report=report, version=report.version, values=good_values(actual="100"))
    evidence_add(actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile("a.pdf", PDF))
    report.refresh_from_db()
    report_submit(actor=member, report=report, version=report.version)
    assert attempt("return") is (persona in ACTIONS["return"])
    report.refresh_from_db()
    if report.status == "returned":
        report_submit(actor=member, report=report, version=report.version)
    assert attempt("appraise") is (persona in ACTIONS["appraise"])


def test_head_cannot_appraise_own_report(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    home = _submitted(pw, world, personas["head"], world.home)
    # the head unit's own report is appraised by the deputy unit, never by itself
    with pytest.raises(PermissionDenied, match="không có quyền thẩm định"):
        report_appraise(actor=personas["head"], report=home, version=home.version)


def test_member_cannot_open_another_units_report(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        report_open(actor=personas["member"], period=pw.period, organisation=world.home)


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("bien-ban.pdf", PDF, True),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, True),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64, False),
        ("ghi-chu.pdf", "Không phải PDF".encode(), False),
    ],
)
def test_evidence_type_is_read_from_content(
    pw: PactWorld, world: Any, personas: dict[str, Any], name: str, content: bytes, ok: bool
) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    upload = SimpleUploadedFile(name, content)
    if ok:
        evidence = evidence_add(actor=member, report=report, criterion_code="1.1", upload=upload)
        assert evidence.original_name == name
    else:
        with pytest.raises(ValidationError, match="không phải PDF, ảnh"):
            evidence_add(actor=member, report=report, criterion_code="1.1", upload=upload)


def test_evidence_size_is_capped(pw: PactWorld, world: Any, personas: dict[str, Any], settings: Any) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    with pytest.raises(ValidationError, match="lớn hơn giới hạn 1 MB"):
        evidence_add(
            actor=member,
            report=report,
            criterion_code="1.1",
            upload=SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024)),
        )


def test_unlock_by_province_only_with_reason(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    other = _submitted(pw, world, personas["member"], world.other)
    home = _submitted(pw, world, personas["head"], world.home)
    report_appraise(actor=personas["head"], report=other, version=other.version)
    report_appraise(actor=personas["member"], report=home, version=home.version)
    period_close(actor=personas["province"], period=pw.period)
    other.refresh_from_db()
    with pytest.raises(PermissionDenied):
        report_unlock(actor=personas["head"], report=other, reason="x")
    with pytest.raises(ValidationError, match="Cần nêu lý do"):
        report_unlock(actor=personas["province"], report=other, reason="")
    report = report_unlock(actor=personas["province"], report=other, reason="Đơn vị phát hiện sai số liệu")
    assert report.status == "appraised"
    assert AuditEvent.objects.get(action="emulation.report.unlock").reason == "Đơn vị phát hiện sai số liệu"


def test_leaf_specs_carry_the_members_own_target(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    # given another target for `home` only
    facts = pact_facts(pact=pw.pact)
    facts.targets[(world.home.pk, next(c.pk for c in facts.leaves if c.code == "1.1"))] = Decimal("250")
    # when the specs are built for each member
    home = {spec.code: spec for spec in leaf_specs(facts, world.home.pk)}
    other = {spec.code: spec for spec in leaf_specs(facts, world.other.pk)}
    # then every leaf (never a group) is there, with that member's target and the evidence flag
    assert list(home) == ["1.1", "1.2", "2.1", "B", "V"]
    assert (home["1.1"].target, other["1.1"].target) == (Decimal("250"), Decimal("100"))
    assert home["1.1"].evidence_required is True and home["2.1"].evidence_required is False
    assert home["1.2"].target is None


def test_evidence_is_not_public(
    pw: PactWorld, world: Any, personas: dict[str, Any], client: Any, settings: Any
) -> None:
    from pathlib import Path

    settings.DEMO = True  # the demo serves MEDIA_ROOT; evidence must not be under it
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    evidence = evidence_add(
        actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    stored = Path(evidence.file.path)
    assert stored.exists()
    assert Path(settings.VAR_DIR, "private") in stored.parents
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    assert client.get(f"/media/{evidence.file.name}").status_code == 404


def test_grid_save_is_all_or_nothing(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    """report_grid_save: values, removals and uploads in one transaction; a refused file undoes all."""
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    report = report_save(actor=member, report=report, version=report.version, values=good_values())
    kept = evidence_add(
        actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    report.refresh_from_db()
    before = (report.version, AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        report_grid_save(
            actor=member,
            report=report,
            version=report.version,
            values=good_values(actual="95"),
            remove_evidence=[kept.pk],
            uploads=[("1.1", SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf"))],
        )
    assert set(refused.value.message_dict) == {"1.1"}
    report.refresh_from_db()
    assert (report.version, AuditEvent.objects.count()) == before
    assert ReportValue.objects.get(report=report, criterion__code="1.1").value == "80"
    assert Evidence.objects.filter(pk=kept.pk).exists()
    # and when every file is accepted, all three steps land, each with its audit row
    report = report_grid_save(
        actor=member,
        report=report,
        version=report.version,
        values=good_values(actual="95"),
        remove_evidence=[kept.pk],
        uploads=[("1.1", SimpleUploadedFile("b.pdf", PDF))],
    )
    assert ReportValue.objects.get(report=report, criterion__code="1.1").value == "95"
    assert list(Evidence.objects.filter(value__report=report).values_list("original_name", flat=True)) == [
        "b.pdf"
    ]
    actions = list(AuditEvent.objects.order_by("-id").values_list("action", flat=True)[:3])
    assert actions == ["emulation.evidence.add", "emulation.evidence.remove", "emulation.report.save"]
