"""Reminders before the report deadline: the selector, the dashboard panel, the e-mail service and the
command that runs it."""

from __future__ import annotations

import datetime as dt
import smtplib
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

# Registers the dashboard panel even before thidua/emulation/wagtail_hooks.py imports this module.
import thidua.emulation.admin.votes  # noqa: F401
from tests.emulation.fixtures import PactWorld, build_pact
from tests.factories import GroupFactory, MembershipFactory
from thidua.accounts.models import User
from thidua.core.models import AuditEvent
from thidua.emulation.models import Period, Report
from thidua.emulation.rules.reminders import reminder_due
from thidua.emulation.selectors.reminders import REMINDER_SENT, periods_due_soon
from thidua.emulation.services.periods import period_open
from thidua.emulation.services.reminders import reminders_send

pytestmark = pytest.mark.django_db

# build_pact opens the mid-year period 01/06/2026 – 15/07/2026, reminding 3 days before.
DEADLINE = dt.date(2026, 7, 15)


@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


def _with_email(*users: Any) -> None:
    for user in users:
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@thidua.example")


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (dt.date(2026, 5, 31), False),  # the period has not opened yet
        (dt.date(2026, 7, 11), False),  # 4 days left, reminders start 3 days before
        (dt.date(2026, 7, 12), True),  # 3 days left
        (dt.date(2026, 7, 15), True),  # the deadline itself
        (dt.date(2026, 7, 20), True),  # overdue while the period is still open
    ],
)
def test_due_by_days_left(pw: PactWorld, personas: dict[str, Any], today: dt.date, due: bool) -> None:
    assert bool(periods_due_soon(user=personas["member"], today=today)) is due


@pytest.mark.parametrize(
    ("status", "due"),
    [
        (None, True),  # no report row yet
        (Report.Status.DRAFT, True),
        (Report.Status.RETURNED, True),
        (Report.Status.SUBMITTED, False),
        (Report.Status.APPRAISED, False),
        (Report.Status.LOCKED, False),
    ],
)
def test_due_by_report_status(
    pw: PactWorld, world: Any, personas: dict[str, Any], status: str | None, due: bool
) -> None:
    if status is not None:
        Report.objects.create(period=pw.period, organisation=world.other, status=status)
    found = periods_due_soon(user=personas["member"], today=dt.date(2026, 7, 13))
    assert bool(found) is due
    if due:
        assert found[0].status == status


def test_a_closed_period_is_not_due(pw: PactWorld, personas: dict[str, Any]) -> None:
    Period.objects.filter(pk=pw.period.pk).update(closed_at=timezone.now())
    assert periods_due_soon(user=personas["member"], today=DEADLINE) == []


@pytest.mark.parametrize(
    ("persona", "due"),
    [
        ("member", True),  # works at "other", a member
        ("head", True),  # works at "home", the head unit, which reports too
        ("province", False),  # the province office is not a member unit
        ("council", False),
        ("sysadmin", False),
        ("editor", False),
        ("outsider", False),  # works at "home" but holds no role
    ],
)
def test_due_per_persona(pw: PactWorld, personas: dict[str, Any], persona: str, due: bool) -> None:
    assert bool(periods_due_soon(user=personas[persona], today=DEADLINE)) is due


def test_each_unit_sees_only_its_own_report(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    Report.objects.create(period=pw.period, organisation=world.home, status=Report.Status.SUBMITTED)
    assert periods_due_soon(user=personas["head"], today=DEADLINE) == []
    [due] = periods_due_soon(user=personas["member"], today=DEADLINE)
    assert due.organisation == world.other


def test_messages(pw: PactWorld, personas: dict[str, Any]) -> None:
    def message(today: dt.date) -> str:
        return periods_due_soon(user=personas["member"], today=today)[0].message

    assert (
        message(dt.date(2026, 7, 12))
        == "Còn 3 ngày đến hạn nộp báo cáo sơ kết 6 tháng năm 2026 (hạn 15/07/2026)"
    )
    assert message(DEADLINE) == "Hôm nay là hạn cuối nộp báo cáo sơ kết 6 tháng năm 2026 (hạn 15/07/2026)"
    assert (
        message(dt.date(2026, 7, 17))
        == "Đã quá hạn 2 ngày nộp báo cáo sơ kết 6 tháng năm 2026 (hạn 15/07/2026)"
    )


def test_periods_of_several_groups_in_deadline_order(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    # given a second group of "other" whose mid-year deadline is earlier
    second = GroupFactory(province=world.province, name="Khối Hai", head=world.other)
    MembershipFactory(group=second, organisation=world.other, order=1)
    MembershipFactory(group=second, organisation=world.home, order=2)
    pw2 = build_pact(type(world)(**{**world.__dict__, "group": second}), personas["province"])
    Period.objects.filter(pk=pw2.period.pk).update(closes_on=dt.date(2026, 7, 14))
    found = periods_due_soon(user=personas["member"], today=dt.date(2026, 7, 13))
    assert [d.group.name for d in found] == ["Khối Hai", world.group.name]
    assert [d.days_left for d in found] == [1, 2]


# --- the dashboard panel ----------------------------------------------------------------------------
def test_dashboard_panel(pw: PactWorld, personas: dict[str, Any]) -> None:
    # given a year-end period whose deadline is two days from the real today
    today = timezone.localdate()
    year_end = period_open(
        actor=personas["province"],
        pact=pw.pact,
        kind="tong_ket",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=2),
    )
    Period.objects.filter(pk=pw.period.pk).update(closed_at=timezone.now())
    client = Client()
    client.force_login(personas["member"])
    body = client.get("/admin/").content.decode()
    assert "Hạn nộp báo cáo" in body
    assert "Còn 2 ngày đến hạn nộp báo cáo tổng kết năm 2026" in body
    assert "đang nhập, chưa gửi" not in body and "chưa được lập" in body
    assert f'href="/admin/emulation/periods/{year_end.pk}/report/"' in body
    assert f'href="/admin/emulation/periods/{pw.period.pk}/report/"' not in body  # closed, so not due
    # and the province officer, whose office is not a member, sees no panel
    client.force_login(personas["province"])
    assert "Còn 2 ngày đến hạn nộp" not in client.get("/admin/").content.decode()


# --- the e-mail service ---------------------------------------------------------------------------
def test_service_records_the_system_run_and_a_named_actor(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    # given the member officer has an address
    _with_email(personas["member"])
    # when the scheduled run (no actor) sends today's reminder
    outcome = reminders_send(actor=None, today=DEADLINE)
    # then one reminder is sent and recorded as done by the system
    assert [(due.organisation, recipients) for due, recipients in outcome.sent] == [(world.other, ["member"])]
    assert outcome.already_sent == [] and outcome.failed == []
    event = AuditEvent.objects.get(action=REMINDER_SENT)
    assert event.actor is None and event.actor_name == "hệ thống"
    assert event.changes["days_left"] == 0
    # and a province officer running it by hand the next day is named in the record
    reminders_send(actor=personas["province"], today=DEADLINE - dt.timedelta(days=1))
    latest = AuditEvent.objects.filter(action=REMINDER_SENT).order_by("-pk").first()
    assert latest is not None and latest.actor == personas["province"]


def test_service_a_refusal_for_one_unit_keeps_the_others(
    pw: PactWorld, world: Any, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given both units are due and the mail server refuses only the head unit's officer
    _with_email(personas["member"], personas["head"])
    send = mail.EmailMessage.send

    def refuse_head(self: Any, fail_silently: bool = False) -> int:
        if self.to == ["head@thidua.example"]:
            raise smtplib.SMTPRecipientsRefused({"head@thidua.example": (550, b"no")})
        return send(self, fail_silently)

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse_head)
    # when the reminders run
    outcome = reminders_send(actor=None, today=DEADLINE)
    # then the member unit's reminder is sent and recorded, the head unit's is neither
    assert [due.organisation for due, _recipients in outcome.sent] == [world.other]
    assert [due.organisation for due, _error in outcome.failed] == [world.home]
    assert [m.to for m in mail.outbox] == [["member@thidua.example"]]
    recorded = AuditEvent.objects.filter(action=REMINDER_SENT)
    assert [e.changes["organisation"]["id"] for e in recorded] == [world.other.pk]


# --- the e-mail command -----------------------------------------------------------------------------
def test_command_mails_each_officer_once_a_day(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    # given both units' officers have e-mail addresses and "home" has already sent its report
    _with_email(personas["member"], personas["head"], personas["province"], personas["outsider"])
    Report.objects.create(period=pw.period, organisation=world.home, status=Report.Status.SUBMITTED)
    out = StringIO()
    # when the command runs 3 days before the deadline
    call_command("emulation_send_reminders", "--date", "2026-07-12", stdout=out)
    # then only the member officer of "other" is mailed
    assert [m.to for m in mail.outbox] == [["member@thidua.example"]]
    message = mail.outbox[0]
    assert message.subject == (
        "Nhắc hạn: còn 3 ngày đến hạn nộp báo cáo sơ kết 6 tháng năm 2026 (hạn 15/07/2026) – "
        + world.group.name
    )
    assert "Báo cáo của Ủy ban nhân dân xã Khác hiện chưa được lập." in message.body
    assert f"/admin/emulation/periods/{pw.period.pk}/report/" in message.body
    event = AuditEvent.objects.get(action=REMINDER_SENT)
    assert event.target_id == str(pw.period.pk)
    assert event.changes["on"] == "2026-07-12"
    assert event.changes["organisation"]["id"] == world.other.pk
    assert event.changes["recipients"] == ["member"]
    assert "1 lượt nhắc" in out.getvalue()
    # when it runs again the same day, nothing is sent
    out = StringIO()
    call_command("emulation_send_reminders", "--date", "2026-07-12", stdout=out)
    assert len(mail.outbox) == 1 and AuditEvent.objects.filter(action=REMINDER_SENT).count() == 1
    assert "0 lượt nhắc, 1 đã nhắc trước đó" in out.getvalue()
    # the next day it reminds again
    call_command("emulation_send_reminders", "--date", "2026-07-13", stdout=StringIO())
    assert len(mail.outbox) == 2


def test_two_officers_of_one_unit_both_get_it(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    from tests.emulation.test_votes import _officer

    colleague = _officer(world.other, "khac2")
    _with_email(personas["member"], colleague)
    reminders_send(actor=None, today=DEADLINE)
    assert sorted(m.to[0] for m in mail.outbox) == ["khac2@thidua.example", "member@thidua.example"]
    assert AuditEvent.objects.get(action=REMINDER_SENT).changes["recipients"] == ["member", "khac2"]


@pytest.mark.parametrize(
    "today",
    [dt.date(2026, 7, 11), dt.date(2026, 7, 17), dt.date(2026, 7, 18)],  # too early; late between mails
)
def test_command_sends_nothing_outside_the_window(
    pw: PactWorld, personas: dict[str, Any], today: dt.date
) -> None:
    _with_email(personas["member"])
    reminders_send(actor=None, today=today)
    assert mail.outbox == [] and not AuditEvent.objects.filter(action=REMINDER_SENT).exists()


def test_dry_run_sends_and_records_nothing(pw: PactWorld, personas: dict[str, Any]) -> None:
    _with_email(personas["member"])
    out = StringIO()
    call_command("emulation_send_reminders", "--date", "2026-07-12", "--dry-run", stdout=out)
    assert mail.outbox == [] and not AuditEvent.objects.filter(action=REMINDER_SENT).exists()
    assert "Sẽ gửi: Ủy ban nhân dân xã Khác" in out.getvalue()


def test_a_refused_mail_is_not_recorded_and_is_retried(
    pw: PactWorld, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_email(personas["member"])

    def refuse(self: Any, fail_silently: bool = False) -> int:
        raise smtplib.SMTPServerDisconnected("máy chủ thư ngắt kết nối")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(CommandError, match="lần chạy sau sẽ gửi lại"):
        call_command("emulation_send_reminders", "--date", "2026-07-12", stdout=StringIO(), stderr=StringIO())
    assert not AuditEvent.objects.filter(action=REMINDER_SENT).exists()
    monkeypatch.undo()
    reminders_send(actor=None, today=dt.date(2026, 7, 12))
    assert len(mail.outbox) == 1


def test_bad_date_is_refused() -> None:
    with pytest.raises(CommandError, match="Ngày không hợp lệ"):
        call_command("emulation_send_reminders", "--date", "12/07/2026")


# days_left -> sent, with an overdue mail every 3 days (the default): the first day late, then 4, 7, …
@pytest.mark.parametrize(
    ("days_left", "every", "due"),
    [
        (3, 3, True),
        (0, 3, True),
        (-1, 3, True),
        (-2, 3, False),
        (-3, 3, False),
        (-4, 3, True),
        (-7, 3, True),
        (-1, 1, True),
        (-2, 1, True),
        (-1, 0, False),  # 0: overdue reports are left to the dashboard
        (0, 0, True),
    ],
)
def test_reminder_due(days_left: int, every: int, due: bool) -> None:
    assert reminder_due(days_left=days_left, overdue_every=every) is due


def test_an_overdue_report_is_emailed_the_first_day_late_then_every_few_days(
    pw: PactWorld, personas: dict[str, Any], settings: Any
) -> None:
    """#17 item 9: overdue reports were never e-mailed."""
    settings.EMULATION_OVERDUE_EVERY_DAYS = 3
    _with_email(personas["member"])
    sent_on = []
    for day in range(16, 24):
        mail.outbox.clear()
        reminders_send(actor=None, today=dt.date(2026, 7, day))
        if mail.outbox:
            sent_on.append(day)
            message = mail.outbox[0]
            assert message.subject.startswith("Nhắc hạn: đã quá hạn")
            assert "(hạn 15/07/2026)" in message.subject
            assert "Xin hoàn thành và gửi báo cáo ngay" in message.body
    assert sent_on == [16, 19, 22]
    assert AuditEvent.objects.filter(action=REMINDER_SENT).count() == 3


def test_overdue_mails_can_be_turned_off(pw: PactWorld, personas: dict[str, Any], settings: Any) -> None:
    settings.EMULATION_OVERDUE_EVERY_DAYS = 0
    _with_email(personas["member"])
    reminders_send(actor=None, today=dt.date(2026, 7, 16))
    assert mail.outbox == []
