"""Corrections of the registry: a rating, an initiative, a discipline record or an open matter
entered by mistake is deleted with a reason, by whoever may edit it; the audit row keeps the old
values and the reason; a record a decided honour rests on is refused, and nothing is deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.awards.builders import decision
from thidua.awards.models import Discipline, Initiative, PendingMatter, TaskRating
from thidua.awards.services import records
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
# The records are of the member unit's person (world.other_person): who may edit them.
EDITORS = {"province", "sysadmin", "member"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _records(world: Any, province: Any) -> dict[str, Any]:
    person = world.other_person
    return {
        "ratings": records.rating_set(actor=province, person=person, year=2023, rating="htt"),
        "initiatives": records.initiative_create(
            actor=province,
            person=person,
            title="Số hoá hồ sơ",
            scope="co_so",
            recognised_on=dt.date(2024, 3, 1),
        ),
        "discipline": records.discipline_create(
            actor=province,
            person=person,
            level="khien_trach",
            start=dt.date(2024, 1, 5),
            end=dt.date(2024, 12, 31),
        ),
        "pending": records.pending_open(
            actor=province, person=person, kind="inspection", since=dt.date(2024, 5, 1)
        ),
    }


MODELS = {
    "ratings": TaskRating,
    "initiatives": Initiative,
    "discipline": Discipline,
    "pending": PendingMatter,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("screen", list(MODELS))
def test_who_may_open_and_use_the_delete_screen(
    world: Any, personas: dict[str, Any], persona: str, screen: str
) -> None:
    record = _records(world, personas["province"])[screen]
    client = _client(personas[persona])
    url = f"/admin/awards/{screen}/delete/{record.pk}/"
    response = client.post(url, {"reason": "Ghi nhầm người"})
    gone = not MODELS[screen].objects.filter(pk=record.pk).exists()
    if persona in EDITORS:
        assert response.status_code == 302
        assert gone
        event = AuditEvent.objects.get(action=f"awards.{_action(screen)}.delete")
        assert event.actor == personas[persona]
        assert event.reason == "Ghi nhầm người"
        assert event.target_id == str(record.pk)
    else:
        # Another unit's officer finds nothing (404); a role without the right is sent away.
        assert response.status_code in (302, 403, 404)
        assert not gone
        assert not AuditEvent.objects.filter(action__endswith=".delete").exists()


def _action(screen: str) -> str:
    return {
        "ratings": "rating",
        "initiatives": "initiative",
        "discipline": "discipline",
        "pending": "pending",
    }[screen]


def test_the_audit_row_keeps_the_old_values(world: Any, personas: dict[str, Any]) -> None:
    rating = _records(world, personas["province"])["ratings"]
    records.rating_delete(actor=personas["member"], rating=rating, reason="  Nhầm   năm ")
    event = AuditEvent.objects.get(action="awards.rating.delete")
    assert event.reason == "Nhầm năm"
    assert event.changes["year"] == [2023, None]
    assert event.changes["rating"] == ["htt", None]
    assert event.changes["person"] == [{"id": world.other_person.pk, "repr": "Trần Thị Khác"}, None]


def test_the_delete_screen_asks_for_a_reason(world: Any, personas: dict[str, Any]) -> None:
    rating = _records(world, personas["province"])["ratings"]
    client = _client(personas["member"])
    page = client.get(f"/admin/awards/ratings/delete/{rating.pk}/").content.decode()
    assert "Lý do xoá" in page
    response = client.post(f"/admin/awards/ratings/delete/{rating.pk}/", {"reason": "   "})
    assert response.status_code == 200
    assert TaskRating.objects.filter(pk=rating.pk).exists()
    with pytest.raises(ValidationError):
        records.rating_delete(actor=personas["member"], rating=rating, reason=" ")
    assert TaskRating.objects.filter(pk=rating.pk).exists()
    assert not AuditEvent.objects.filter(action="awards.rating.delete").exists()


def test_another_units_officer_is_refused_by_the_service(world: Any, personas: dict[str, Any]) -> None:
    made = _records(world, personas["province"])
    with pytest.raises(PermissionDenied):
        records.initiative_delete(actor=personas["head"], initiative=made["initiatives"], reason="x")
    with pytest.raises(PermissionDenied):
        records.pending_delete(actor=personas["council"], matter=made["pending"], reason="x")
    assert Initiative.objects.exists() and PendingMatter.objects.exists()


def test_an_initiative_a_decided_honour_rests_on_is_kept(world: Any, personas: dict[str, Any]) -> None:
    province = personas["province"]
    initiative = _records(world, province)["initiatives"]
    honour = decision(province, issuer=world.office, people=[world.other_person], organisations=[])
    records.initiative_update(actor=province, initiative=initiative, used_for=honour.recipients.get())
    response = _client(personas["member"]).post(
        f"/admin/awards/initiatives/delete/{initiative.pk}/", {"reason": "Ghi nhầm"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Không xoá được sáng kiến «Số hoá hồ sơ»" in html
    assert "15/QĐ-UBND" in html
    assert Initiative.objects.filter(pk=initiative.pk).exists()
    assert not AuditEvent.objects.filter(action="awards.initiative.delete").exists()


def test_a_rating_a_decision_rewards_is_kept(world: Any, personas: dict[str, Any]) -> None:
    province = personas["province"]
    rating = records.rating_set(actor=province, person=world.other_person, year=2024, rating="htt")
    other_year = _records(world, province)["ratings"]  # 2023
    decision(province, issuer=world.office, people=[world.other_person], organisations=[])  # 2024
    with pytest.raises(ValidationError, match="Không xoá được xếp loại năm 2024 của «Trần Thị Khác»"):
        records.rating_delete(actor=province, rating=rating, reason="Ghi nhầm")
    assert TaskRating.objects.filter(pk=rating.pk).exists()
    # A year no decision rewards is a plain correction.
    records.rating_delete(actor=province, rating=other_year, reason="Ghi nhầm năm")
    assert not TaskRating.objects.filter(pk=other_year.pk).exists()


def test_a_collectives_matter_is_deleted_by_the_province_only(world: Any, personas: dict[str, Any]) -> None:
    matter = records.pending_open(
        actor=personas["province"], organisation=world.other, kind="inspection", since=dt.date(2024, 5, 1)
    )
    with pytest.raises(PermissionDenied):
        records.pending_delete(actor=personas["member"], matter=matter, reason="Ghi nhầm")
    records.pending_delete(actor=personas["province"], matter=matter, reason="Ghi nhầm")
    assert not PendingMatter.objects.exists()


def test_the_screens_offer_delete_to_whoever_may_edit(world: Any, personas: dict[str, Any]) -> None:
    made = _records(world, personas["province"])
    member, council = _client(personas["member"]), _client(personas["council"])
    link = f"/admin/awards/initiatives/delete/{made['initiatives'].pk}/"
    assert link in member.get("/admin/awards/initiatives/").content.decode()
    assert link not in council.get("/admin/awards/initiatives/").content.decode()
    rating = made["ratings"].pk
    link = f"/admin/awards/ratings/delete/{rating}/"
    assert link in member.get(f"/admin/awards/ratings/edit/{rating}/").content.decode()
    assert link in member.get(f"/admin/awards/ratings/inspect/{rating}/").content.decode()
    assert link not in council.get(f"/admin/awards/ratings/inspect/{rating}/").content.decode()
