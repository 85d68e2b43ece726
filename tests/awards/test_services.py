"""The registry's services: what they refuse (named by field, nothing half-saved), what they audit,
and who may call them, persona by persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.awards.builders import decision
from tests.factories import CommuneFactory, OrganisationFactory
from thidua.awards.models import AwardDecision, AwardRecipient, Initiative, PendingMatter, TaskRating
from thidua.awards.services import decisions as decision_services
from thidua.awards.services import records
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
MANAGE_DECISIONS = {"province", "sysadmin"}


def _errors(raised: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return raised.value.message_dict


# --- Decisions -------------------------------------------------------------------------------------
def test_a_decision_is_recorded_with_its_recipients_and_audited(world: Any, personas: dict[str, Any]) -> None:
    # when
    made = decision(personas["province"], issuer=world.office, people=[world.home_person, world.other_person])
    # then
    assert made.recipients.count() == 2
    event = AuditEvent.objects.get(action="awards.decision.create", target_id=str(made.pk))
    assert event.changes["number"] == [None, "15/QĐ-UBND"]
    assert event.changes["awardees"] == [[], ["Lê Văn Nhà", "Trần Thị Khác"]]


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_record_a_decision(world: Any, personas: dict[str, Any], persona: str) -> None:
    if persona in MANAGE_DECISIONS:
        assert decision(personas[persona], issuer=world.office, people=[world.home_person]).pk
    else:
        with pytest.raises(PermissionDenied):
            decision(personas[persona], issuer=world.office, people=[world.home_person])
        assert not AwardDecision.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"period_from_year": 2024, "period_to_year": 2023}, "period_to_year", "không thể trước năm bắt đầu"),
        ({"signed_on": dt.date(2023, 12, 30)}, "signed_on", "trước khi thời gian đạt thành tích bắt đầu"),
        ({"signed_on": dt.date.today() + dt.timedelta(days=2)}, "signed_on", "tương lai"),
        ({"period_from_year": 1800}, "period_from_year", "không hợp lệ"),
        ({"number": "  "}, "number", "số, ký hiệu"),
    ],
)
def test_impossible_dates_are_refused_by_field(
    world: Any, personas: dict[str, Any], overrides: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        decision(personas["province"], issuer=world.office, people=[world.home_person], **overrides)
    assert words in " ".join(_errors(raised)[field])
    assert not AwardDecision.objects.exists() and not AwardRecipient.objects.exists()


def test_a_decision_may_be_signed_in_the_first_year_of_its_period(
    world: Any, personas: dict[str, Any]
) -> None:
    made = decision(
        personas["province"], issuer=world.office, people=[world.home_person], signed_on=dt.date(2024, 12, 20)
    )
    assert made.pk


def test_an_individual_title_to_a_collective_is_refused_and_nothing_is_saved(
    world: Any, personas: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as raised:
        decision(
            personas["province"], issuer=world.office, people=[world.home_person], organisations=[world.home]
        )
    assert "chỉ tặng cho cá nhân" in _errors(raised)["organisations"][0]
    assert not AwardDecision.objects.exists() and not AwardRecipient.objects.exists()


def test_a_collective_title_to_a_person_is_refused(world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as raised:
        decision(
            personas["province"],
            issuer=world.office,
            award="tap_the_lao_dong_tien_tien",
            people=[world.home_person],
        )
    assert "chỉ tặng cho tập thể" in _errors(raised)["people"][0]


def test_a_decision_needs_a_recipient(world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as raised:
        decision(personas["province"], issuer=world.office)
    assert "ít nhất một" in _errors(raised)["people"][0]


@pytest.mark.parametrize(
    ("dissolved", "refused"),
    [(dt.date(2025, 1, 10), True), (dt.date(2025, 1, 9), True), (dt.date(2025, 1, 11), False)],
)
def test_a_collective_dissolved_by_the_decision_date_is_refused(
    world: Any, personas: dict[str, Any], dissolved: dt.date, refused: bool
) -> None:
    world.other.dissolved_on = dissolved
    world.other.save()
    kwargs = {"issuer": world.office, "award": "tap_the_lao_dong_tien_tien", "organisations": [world.other]}
    if refused:
        with pytest.raises(ValidationError) as raised:
            decision(personas["province"], **kwargs)
        message = _errors(raised)["organisations"][0]
        assert (
            "Không khen thưởng đối với cơ quan, tổ chức, đơn vị đã giải thể sau sắp xếp tổ chức bộ máy (Thông tư 15/2025/TT-BNV)"
            in message
        )
        assert not AwardDecision.objects.exists()
    else:
        assert decision(personas["province"], **kwargs).pk


def test_a_collective_whose_unit_ended_before_the_decision_is_dissolved(
    world: Any, personas: dict[str, Any]
) -> None:
    # An old commune's committee: its unit ended on 30/06/2025 when the communes merged.
    old = OrganisationFactory(
        name="Ủy ban nhân dân xã Cũ",
        admin_unit=CommuneFactory(valid_from=None, valid_until=dt.date(2025, 6, 30)),
    )
    kwargs = {"issuer": world.office, "award": "tap_the_lao_dong_tien_tien", "organisations": [old]}
    with pytest.raises(ValidationError) as raised:
        decision(personas["province"], signed_on=dt.date(2025, 7, 2), **kwargs)
    assert "Thông tư 15/2025/TT-BNV" in _errors(raised)["organisations"][0]
    # Signed while the unit still existed: recorded.
    assert decision(personas["province"], signed_on=dt.date(2025, 6, 30), **kwargs).pk


def test_the_number_is_unique_per_issuer(world: Any, personas: dict[str, Any]) -> None:
    decision(personas["province"], issuer=world.office, people=[world.home_person])
    with pytest.raises(ValidationError) as raised:
        decision(personas["province"], issuer=world.office, people=[world.other_person])
    assert "đã có quyết định số 15/QĐ-UBND" in _errors(raised)["number"][0]
    # Another issuer may use the same number.
    assert decision(personas["province"], issuer=world.home, people=[world.other_person]).pk


def test_update_replaces_the_recipients_and_audits(world: Any, personas: dict[str, Any]) -> None:
    made = decision(personas["province"], issuer=world.office, people=[world.home_person])
    decision_services.award_decision_update(
        actor=personas["province"], decision=made, people=[world.other_person], summary="Tặng danh hiệu"
    )
    assert [r.person for r in made.recipients.all()] == [world.other_person]
    event = AuditEvent.objects.get(action="awards.decision.update")
    assert event.changes["awardees"] == [["Lê Văn Nhà"], ["Trần Thị Khác"]]
    assert event.changes["summary"] == ["", "Tặng danh hiệu"]


def test_update_checks_the_recipients_that_stay(world: Any, personas: dict[str, Any]) -> None:
    made = decision(personas["province"], issuer=world.office, people=[world.home_person])
    with pytest.raises(ValidationError) as raised:
        decision_services.award_decision_update(
            actor=personas["province"], decision=made, award="tap_the_lao_dong_xuat_sac"
        )
    assert "people" in _errors(raised)
    made.refresh_from_db()
    assert made.award == "chien_si_thi_dua_co_so"


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_change_or_delete_a_decision(world: Any, personas: dict[str, Any], persona: str) -> None:
    made = decision(personas["province"], issuer=world.office, people=[world.home_person])
    actor = personas[persona]
    if persona in MANAGE_DECISIONS:
        decision_services.award_decision_update(actor=actor, decision=made, note="ghi chú")
        decision_services.award_decision_delete(actor=actor, decision=made)
        assert not AwardDecision.objects.exists() and not AwardRecipient.objects.exists()
        assert AuditEvent.objects.filter(action="awards.decision.delete").exists()
    else:
        with pytest.raises(PermissionDenied):
            decision_services.award_decision_update(actor=actor, decision=made, note="ghi chú")
        with pytest.raises(PermissionDenied):
            decision_services.award_decision_delete(actor=actor, decision=made)
        assert AwardDecision.objects.exists()


def test_recipients_are_added_and_removed_one_by_one(world: Any, personas: dict[str, Any]) -> None:
    actor = personas["province"]
    made = decision(actor, issuer=world.office, people=[world.home_person])
    added = decision_services.award_recipient_add(actor=actor, decision=made, person=world.other_person)
    with pytest.raises(ValidationError, match="đã có trong quyết định"):
        decision_services.award_recipient_add(actor=actor, decision=made, person=world.other_person)
    with pytest.raises(ValidationError, match="chỉ tặng cho cá nhân"):
        decision_services.award_recipient_add(actor=actor, decision=made, organisation=world.home)
    decision_services.award_recipient_remove(actor=actor, recipient=added)
    with pytest.raises(ValidationError, match="cuối cùng"):
        decision_services.award_recipient_remove(actor=actor, recipient=made.recipients.get())
    assert AuditEvent.objects.filter(action="awards.decision.recipient_add").count() == 1
    assert AuditEvent.objects.filter(action="awards.decision.recipient_remove").count() == 1
    with pytest.raises(PermissionDenied):
        decision_services.award_recipient_add(
            actor=personas["member"], decision=made, person=world.other_person
        )


# --- Ratings, initiatives, discipline, open matters ------------------------------------------------
# persona -> may keep the records of (home_person, other_person, the organisation "other")
KEEPS = {
    "province": (True, True, True),
    "sysadmin": (True, True, True),
    "head": (True, False, False),
    "member": (False, True, False),
    "council": (False, False, False),
    "editor": (False, False, False),
    "chief": (False, False, False),
    "outsider": (False, False, False),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_rate_whom(world: Any, personas: dict[str, Any], persona: str) -> None:
    actor = personas[persona]
    subjects = [{"person": world.home_person}, {"person": world.other_person}, {"organisation": world.other}]
    for subject, allowed in zip(subjects, KEEPS[persona], strict=True):
        if allowed:
            assert records.rating_set(actor=actor, year=2024, rating="htxs", **subject).pk
        else:
            with pytest.raises(PermissionDenied):
                records.rating_set(actor=actor, year=2024, rating="htxs", **subject)
    assert TaskRating.objects.count() == sum(KEEPS[persona])


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_keep_initiatives_discipline_and_matters(
    world: Any, personas: dict[str, Any], persona: str
) -> None:
    actor = personas[persona]
    allowed = KEEPS[persona][1]
    calls = [
        lambda: records.initiative_create(
            actor=actor,
            person=world.other_person,
            title="Số hóa hồ sơ",
            scope="co_so",
            recognised_on=dt.date(2024, 5, 1),
        ),
        lambda: records.discipline_create(
            actor=actor,
            person=world.other_person,
            level="khien_trach",
            start=dt.date(2024, 1, 1),
            end=dt.date(2024, 12, 31),
        ),
        lambda: records.pending_open(
            actor=actor, person=world.other_person, kind="complaint", since=dt.date(2025, 3, 1)
        ),
    ]
    for call in calls:
        if allowed:
            assert call().pk
        else:
            with pytest.raises(PermissionDenied):
                call()


def test_a_rating_is_one_of_the_four_and_one_per_year(world: Any, personas: dict[str, Any]) -> None:
    actor = personas["member"]
    with pytest.raises(ValidationError) as raised:
        records.rating_set(actor=actor, person=world.other_person, year=2024, rating="xuat_sac")
    assert "chỉ có: Hoàn thành xuất sắc nhiệm vụ" in _errors(raised)["rating"][0]
    first = records.rating_set(actor=actor, person=world.other_person, year=2024, rating="htt")
    again = records.rating_set(actor=actor, person=world.other_person, year=2024, rating="htxs")
    assert first.pk == again.pk and TaskRating.objects.get().rating == "htxs"
    events = AuditEvent.objects.filter(action="awards.rating.set").order_by("id")
    assert [e.changes["rating"] for e in events] == [[None, "htt"], ["htt", "htxs"]]
    # The same value again changes nothing and writes no row.
    records.rating_set(actor=actor, person=world.other_person, year=2024, rating="htxs")
    assert events.count() == 2


def test_an_initiative_supports_an_honour_of_its_own_person_decided_after_it(
    world: Any, personas: dict[str, Any]
) -> None:
    made = decision(personas["province"], issuer=world.office, people=[world.home_person, world.other_person])
    theirs = made.recipients.get(person=world.home_person)
    own = made.recipients.get(person=world.other_person)
    actor = personas["member"]
    initiative = records.initiative_create(
        actor=actor,
        person=world.other_person,
        title="Số hóa  hồ sơ",
        scope="co_so",
        recognised_on=dt.date(2024, 5, 1),
    )
    assert initiative.title == "Số hóa hồ sơ"
    with pytest.raises(ValidationError) as raised:
        records.initiative_update(actor=actor, initiative=initiative, used_for=theirs)
    assert "không phải của «Trần Thị Khác»" in _errors(raised)["used_for"][0]
    with pytest.raises(ValidationError) as raised:
        records.initiative_update(
            actor=actor, initiative=initiative, used_for=own, recognised_on=dt.date(2025, 2, 1)
        )
    assert "sau ngày ký" in _errors(raised)["used_for"][0]
    records.initiative_update(actor=actor, initiative=initiative, used_for=own)
    assert Initiative.objects.get().used_for == own
    assert AuditEvent.objects.filter(action="awards.initiative.update").count() == 1
    with pytest.raises(PermissionDenied):
        records.initiative_update(actor=personas["head"], initiative=initiative, title="Khác")


def test_discipline_ends_after_it_starts(world: Any, personas: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as raised:
        records.discipline_create(
            actor=personas["member"],
            person=world.other_person,
            level="canh_cao",
            start=dt.date(2024, 6, 1),
            end=dt.date(2024, 5, 1),
        )
    assert "trước ngày bắt đầu" in _errors(raised)["end"][0]
    with pytest.raises(ValidationError) as raised:
        records.discipline_create(
            actor=personas["member"],
            person=world.other_person,
            level="tu_hinh",
            start=dt.date(2024, 6, 1),
            end=dt.date(2024, 7, 1),
        )
    assert "level" in _errors(raised)


def test_a_matter_is_opened_and_closed_once(world: Any, personas: dict[str, Any]) -> None:
    actor = personas["member"]
    matter = records.pending_open(
        actor=actor, person=world.other_person, kind="investigation", since=dt.date(2025, 3, 1)
    )
    with pytest.raises(ValidationError) as raised:
        records.pending_close(actor=actor, matter=matter, closed_on=dt.date(2025, 2, 1))
    assert "closed_on" in _errors(raised)
    records.pending_close(actor=actor, matter=matter, closed_on=dt.date(2025, 4, 1), note="Không vi phạm")
    with pytest.raises(ValidationError, match="đã kết thúc ngày 01/04/2025"):
        records.pending_close(actor=actor, matter=matter, closed_on=dt.date(2025, 5, 1))
    assert PendingMatter.objects.get().closed_on == dt.date(2025, 4, 1)
    assert [
        e.action for e in AuditEvent.objects.filter(action__startswith="awards.pending").order_by("id")
    ] == [
        "awards.pending.open",
        "awards.pending.close",
    ]
    with pytest.raises(PermissionDenied):
        records.pending_open(
            actor=personas["member"], organisation=world.other, kind="audit", since=dt.date(2025, 3, 1)
        )
