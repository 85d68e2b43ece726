"""The audit log's screens: Vietnam time on both, actions and changes in words, filters, who may look."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from tests.audit_support import audit_event_at
from thidua.core.models import AuditEvent
from thidua.org.services.groups import group_update

pytestmark = pytest.mark.django_db

NOON_UTC = dt.datetime(2026, 12, 4, 11, 0, tzinfo=dt.UTC)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _text(response: Any) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _event_at(moment: dt.datetime, **fields: Any) -> AuditEvent:
    values = {
        "actor_name": "Người Dùng province",
        "action": "emulation.report.save",
        "target_type": "org.emulationgroup",
        "target_id": "1",
        "target_repr": "Cụm thi đua số 1",
        "changes": {"note": [None, "Ghi chú mới"]},
        **fields,
    }
    # created_at is auto_now_add and the log refuses UPDATE: the row is written at that instant.
    event = audit_event_at(moment, **values)
    event.refresh_from_db()
    return event


def test_list_and_record_show_the_same_vietnam_time(personas: dict[str, Any]) -> None:
    # given an event at 11:00 UTC, 18:00 in Vietnam
    event = _event_at(NOON_UTC)
    client = _client(personas["province"])
    # when
    listing = _text(client.get("/admin/audit/?q=C%E1%BB%A5m+thi+%C4%91ua+s%E1%BB%91+1"))
    record = _text(client.get(f"/admin/audit/inspect/{event.pk}/"))
    # then both say 18:00 and neither says 11:00
    assert "04/12/2026 18:00" in listing and "04/12/2026 18:00" in record
    assert "11:00" not in listing and "11:00" not in record
    assert record.count("04/12/2026 18:00") >= 2  # the title (str of the row) and the field


def test_the_record_shows_old_and_new_in_words(world: Any, personas: dict[str, Any]) -> None:
    group_update(actor=personas["province"], group=world.group, note="Ghi chú mới", reason="Cập nhật ghi chú")
    event = AuditEvent.objects.get(action="org.group.update")
    record = _text(_client(personas["province"]).get(f"/admin/audit/inspect/{event.pk}/"))
    assert "Sửa cụm, khối thi đua" in record and "org.group.update" not in record
    assert "Trường Trước Sau" in record
    assert "Ghi chú (trống) Ghi chú mới" in record
    assert "{'" not in record and "[None" not in record


def test_the_list_names_actions_and_sums_up_changes(world: Any, personas: dict[str, Any]) -> None:
    group_update(actor=personas["province"], group=world.group, note="Ghi chú mới", reason="Cập nhật ghi chú")
    listing = _text(_client(personas["province"]).get("/admin/audit/"))
    assert "Sửa cụm, khối thi đua" in listing
    assert "Ghi chú: (trống) → Ghi chú mới" in listing
    # The rows of the fixture's accounts: an action label and the role's name, not its code.
    assert "Tạo tài khoản" in listing and "accounts.user.create" not in listing
    assert "Vai trò: (trống) → Cán bộ Ban Thi đua – Khen thưởng tỉnh" in listing


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("action=emulation.report.save", {"A"}),
        ("action=org.group.delete", {"B"}),
        ("action=emulation.report.save&action=org.group.delete", {"A", "B"}),
        ("actor_name=nguyễn", {"B"}),
        ("target_repr=cụm+a", {"A"}),
        ("target_type=org.emulationgroup", {"A", "B"}),
        ("q=Xoá+cụm", {"B"}),  # the search finds an action by its label
        # Days are Vietnam days: 20:30 UTC on the 4th is 03:30 on the 5th.
        ("created_at_from=04/12/2026&created_at_to=04/12/2026", {"A"}),
        ("created_at_from=05/12/2026&created_at_to=05/12/2026", {"B"}),
    ],
)
def test_filters(personas: dict[str, Any], query: str, found: set[str]) -> None:
    _event_at(NOON_UTC, target_repr="Cụm A", actor_name="Trần Văn An")
    _event_at(
        dt.datetime(2026, 12, 4, 20, 30, tzinfo=dt.UTC),
        action="org.group.delete",
        target_repr="Cụm B",
        actor_name="Nguyễn Thị Bình",
    )
    listing = _text(_client(personas["province"]).get(f"/admin/audit/?{query}"))
    assert {name for name in ("A", "B") if f"Cụm {name}" in listing} == found


def test_the_action_filter_offers_vietnamese_labels(personas: dict[str, Any]) -> None:
    _event_at(NOON_UTC, action="org.group.delete")
    _event_at(NOON_UTC, action="old.unknown.code")
    html = _client(personas["province"]).get("/admin/audit/").content.decode()
    assert re.search(r'value="org.group.delete"[^>]*>\s*Xoá cụm, khối thi đua', html)
    assert re.search(r'value="old.unknown.code"[^>]*>\s*old.unknown.code', html)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("province", True),
        ("sysadmin", True),
        ("head", False),
        ("member", False),
        ("council", False),
        ("editor", False),
        ("chief", False),
        ("outsider", False),
    ],
)
def test_who_may_read_the_audit_log(personas: dict[str, Any], persona: str, allowed: bool) -> None:
    event = _event_at(NOON_UTC)
    client = _client(personas[persona])
    urls = [
        "/admin/audit/",
        "/admin/audit/results/?action=emulation.report.save",
        f"/admin/audit/inspect/{event.pk}/",
    ]
    for url in urls:
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
            assert "Cụm thi đua số 1" in response.content.decode(), url
        else:
            assert response.status_code in {302, 403}, url
            assert "Cụm thi đua số 1" not in response.content.decode(), url


def test_anonymous_is_sent_to_the_login() -> None:
    response = Client().get("/admin/audit/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_superuser_reads_the_log_without_add_or_edit_links(django_user_model: Any) -> None:
    """The demo's system administrator is a superuser: holding every permission, Wagtail linked the
    log's add URL, which does not exist, and the list failed with a 500 (found walking the demo)."""
    event = _event_at(NOON_UTC)
    root = django_user_model.objects.create_superuser("goc", "goc@thidua.example", "pw-goc-123456")
    client = _client(root)
    for url in ["/admin/audit/", "/admin/audit/results/", f"/admin/audit/inspect/{event.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "/admin/audit/new/" not in response.content.decode()
        assert f"/admin/audit/edit/{event.pk}/" not in response.content.decode()
